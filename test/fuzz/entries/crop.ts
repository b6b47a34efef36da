/** Fuzz entries of the top-down crop and geometry (src/crop, src/core geometry/affine exports). */
import { filled, kp, nd, pNd, pNum, pOpts, pSize, pStr, rejectVariant, surviveVariant } from '../harness/values.js';
import type { FuzzEntry, ParamSpec } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const img = (H = 8, W = 8, C = 3) => nd(Uint8Array.from({ length: H * W * C }, (_, i) => (i * 37) % 256), [H, W, C]);
const M = () => [1, 0, 0.5, 0, 1, -0.5];
const pair = (name: string, positive: boolean): ParamSpec => ({
  name,
  names: new RegExp(`\\b${name}\\b`),
  variants: ([['"typo"', 'typo'], ['null', null], ['undefined', undefined], ['42', 42], ['[1]', [1]], ['[NaN, 1]', [NaN, 1]], ['[Infinity, 1]', [Infinity, 1]], ['["1", "1"]', ['1', '1']], ...(positive ? [['[0, 1]', [0, 1]], ['[-1, 1]', [-1, 1]], ['[5e-324, 5e-324]', [5e-324, 5e-324]], ['[1e308, 1e308]', [1e308, 1e308]]] : [['[1e308, 1e308]', [1e308, 1e308]]])] as [string, unknown][]).map(([l, v]) =>
    rejectVariant(l.includes('e3') || l.includes('e-3') ? 'absurd value' : 'bad pair', l, () => v),
  ),
});
const MATRIX: ParamSpec = {
  name: 'matrix',
  names: /\bmatrix\b|\bm\b/,
  variants: ([['"typo"', 'typo'], ['null', null], ['undefined', undefined], ['42', 42], ['[1, 0, 0]', [1, 0, 0]], ['[[1, 0], [0, 1]]', [[1, 0], [0, 1]]], ['NaN entry', [NaN, 0, 0, 0, 1, 0]], ['Infinity entry', [Infinity, 0, 0, 0, 1, 0]], ['singular [0, 0, 0, 0, 0, 0]', [0, 0, 0, 0, 0, 0]], ['1e308 entries', [1e308, 0, 0, 0, 1e308, 0]], ['5e-324 entries', [5e-324, 0, 0, 0, 5e-324, 0]], ['strings', ['1', '0', '0', '0', '1', '0']]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad matrix', l, () => v)),
};
const IMAGE = pNd('image', { ranks: [2, 3], shape: (r) => (r === 3 ? [8, 8, 3] : [8, 8]), integer: true, extremes: [surviveVariant('extreme sizes', '1x1x3 image', () => img(1, 1, 3)), surviveVariant('extreme values', 'float32 image with 1e30', () => filled([8, 8, 3], 1e30))] });
const BOXES = pNd('boxes', { ranks: [1, 2], shape: (r) => (r === 2 ? [1, 4] : [4]), arrays: true });

export const CROP_ENTRIES: FuzzEntry[] = [
  entry('bboxXyxyToCs', [BOXES, pOpts({ fields: { padding: 'pos' }, absurd: { padding: [1e308] } })], () => [[[0, 0, 10, 20]]], [
    bad('bad shape', 'boxes [1, 3]', /boxes/, () => [[[0, 0, 10]]]),
    bad('bad value', 'NaN corner', /boxes/, () => [[[0, NaN, 10, 20]]]),
  ]),
  entry('bboxXywhToXyxy', [BOXES], () => [[[0, 0, 10, 20]]], [bad('bad shape', 'boxes [1, 3]', /boxes/, () => [[[0, 0, 10]]])]),
  entry('bboxXyxyToXywh', [BOXES], () => [[[0, 0, 10, 20]]], [bad('bad shape', 'boxes [1, 3]', /boxes/, () => [[[0, 0, 10]]])]),
  entry('fixAspectRatio', [pNd('scale', { ranks: [1, 2], shape: (r) => (r === 2 ? [1, 2] : [2]), arrays: true }), pNum('aspectRatio', 'pos', { absurd: [5e-324, 1e308] })], () => [[[10, 20]], 0.75]),
  entry('getWarpMatrix', [pair('center', false), pair('scale', true), pNum('rot', 'finite', { absurd: [1e308, -1e308] }), pair('outputSize', true), pOpts({ fields: { udp: 'bool', inverse: 'bool', shift: { bad: [['"typo"', 'typo'], ['[NaN, 0]', [NaN, 0]], ['[1]', [1]]] }, fixAspectRatio: 'bool', rotDtype: ['float64', 'float32'], compat: ['mmpose'] } })], () => [[32, 32], [64, 64], 30, [48, 64]], [
    bad('absurd value', 'scale [5e-324, 5e-324]', /scale/, () => [[32, 32], [5e-324, 5e-324], 0, [48, 64]]),
    bad('absurd value', 'rotation 1e308', /rot/, () => [[32, 32], [64, 64], 1e308, [48, 64]]),
    bad('absurd value', 'outputSize [1e308, 1e308]', /outputSize/, () => [[32, 32], [64, 64], 0, [1e308, 1e308]]),
    extreme('extreme values', 'center 1e6 outside', () => [[1e6, -1e6], [64, 64], 0, [48, 64]]),
    extreme('extreme values', 'rotation 720', () => [[32, 32], [64, 64], 720, [48, 64]]),
  ]),
  entry('invertAffine', [MATRIX], () => [M()]),
  entry('invertAffineOpenCv', [MATRIX, pStr('name', { optional: true })], () => [M()]),
  entry('transformKeypoints', [pNd('keypoints', { ranks: [1, 2, 3, 4, 5], shape: (r) => [...Array(r - 1).fill(2), 2] }), MATRIX], () => [kp(1, 2), M()]),
  entry('transformKeypointsF32', [pNd('keypoints', { ranks: [1, 2, 3, 4], shape: (r) => [...Array(r - 1).fill(2), 2] }), MATRIX, pStr('name', { optional: true })], () => [kp(1, 2), M()]),
  entry('heatmapToInputScale', [pStr('geometry', { choices: true }), pSize('inputSize'), pSize('heatmapSize')], () => ['msra', [192, 256], [48, 64]], [
    bad('typo option', 'geometry "typo"', /geometry/, () => ['typo', [192, 256], [48, 64]]),
  ]),
  entry('warpAffine', [IMAGE, MATRIX, pSize('outputSize'), pOpts({ fields: { borderValue: { bad: [['"typo"', 'typo'], ['[1, 2]', [1, 2]], ['NaN', NaN]] } } })], () => [img(), M(), [6, 6]], [
    bad('absurd size', 'outputSize [2^20, 2^20]', /outputSize|allocation/, () => [img(), M(), [2 ** 20, 2 ** 20]]),
    bad('bad view', 'image with C = 5', /image/, () => [nd(new Uint8Array(8 * 8 * 5), [8, 8, 5]), M(), [6, 6]]),
  ]),
  entry('warpAffineToTensor', [IMAGE, MATRIX, pSize('outputSize'), pOpts({ optional: false, base: () => ({ mean: [0, 0, 0], std: [1, 1, 1] }), fields: { mean: { bad: [['"typo"', 'typo'], ['[0, 0]', [0, 0]], ['[NaN, 0, 0]', [NaN, 0, 0]]] }, std: { bad: [['[0, 1, 1]', [0, 1, 1]], ['[1, 1]', [1, 1]], ['[-1, 1, 1]', [-1, 1, 1]]] }, bgrToRgb: 'bool', layout: ['CHW', 'HWC'] } })], () => [img(), M(), [6, 6], { mean: [0, 0, 0], std: [1, 1, 1] }]),
  entry('topdownAffine', [IMAGE, { name: 'box', names: /\bbox\b|center|scale|rotation/, variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}], ['center NaN', { center: [NaN, 0], scale: [10, 10] }], ['scale 0', { center: [4, 4], scale: [0, 0] }], ['scale 5e-324', { center: [4, 4], scale: [5e-324, 5e-324] }], ['rotation 1e308', { center: [4, 4], scale: [8, 8], rotation: 1e308 }], ['rotation "typo"', { center: [4, 4], scale: [8, 8], rotation: 'typo' }]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad box', l, () => v)) }, pSize('inputSize'), pOpts({ fields: { udp: 'bool', compat: ['mmpose'] } })], () => [img(), { center: [4, 4], scale: [8, 8] }, [6, 6]]),
  entry('normalizeImage', [pNd('image', { ranks: [3], shape: () => [8, 8, 3], integer: true }), pOpts({ optional: false, base: () => ({ mean: [0, 0, 0], std: [1, 1, 1] }), fields: { mean: { bad: [['"typo"', 'typo'], ['[0, 0]', [0, 0]], ['[NaN, 0, 0]', [NaN, 0, 0]]] }, std: { bad: [['[0, 1, 1]', [0, 1, 1]], ['[1, 1]', [1, 1]]] }, bgrToRgb: 'bool', layout: ['CHW', 'HWC'] } })], () => [img(), { mean: [0, 0, 0], std: [1, 1, 1] }]),
];
