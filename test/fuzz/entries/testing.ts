/**
 * Fuzz entries of posecodec/testing: every law factory, arbitrary and runner.
 * Law and arbitrary factories must reject bad arguments when they are CREATED
 * (not on the first run, where the error would read as a law violation).
 */
import { hm, pFn, pNum, pOpts, rejectVariant } from '../harness/values.js';
import type { FuzzContext, FuzzEntry, ParamSpec } from '../harness/types.js';
import { bad } from './define.js';

const t = (path: string) => (ctx: FuzzContext) => path.split('.').reduce((o: any, k) => o[k], ctx.testing);
function tEntry(fn: string, params: ParamSpec[], valid: (ctx: FuzzContext) => unknown[], cases: FuzzEntry['cases'] = []): FuzzEntry {
  // The results are fast-check properties and arbitraries, whose constraints hold Infinity by design.
  return { fn: `testing.${fn}`, target: t(fn), params, valid, cases, nonFinite: [{ pattern: /./, why: 'fast-check objects' }] };
}
const dec = (ctx: FuzzContext) => (h: any) => ctx.api.heatmapArgmax(h);
const enc = (ctx: FuzzContext) => (size: any, k: any, v: any, s: any) => ctx.api.msraHeatmaps(size, k, v, s);
const simDec = (ctx: FuzzContext) => (x: any, y: any) => ctx.api.decodeSimcc(x, y);
const simEnc = (ctx: FuzzContext) => (size: any, k: any, v: any, o: any) => ctx.api.simccLabels(size, k, v, o);
const SIZES = { bad: [['"typo"', 'typo'], ['{ min: -1 }', { min: -1 }], ['[0, 0]', [0, 0]]] as [string, unknown][] };
const TOL: Record<string, 'nonneg'> = { tolerance: 'nonneg' };
const lawOpts = (fields: Record<string, any> = {}) => pOpts({ fields: { ...fields } });
const fcProp = (ctx: FuzzContext) => ctx.testing.laws.oksRange((g: any, d: any, a: number) => ctx.api.oks(g, d, a));

export const TESTING_ENTRIES: FuzzEntry[] = [
  tEntry('laws.roundTrip', [pFn('encode'), pFn('decode'), lawOpts({ ...TOL, sizes: SIZES })], (c) => [enc(c), dec(c), { tolerance: 0.5 }]),
  tEntry('laws.codecRoundTrip', [{ name: 'codec', names: /codec/, variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}], ['{ encode: 1, decode: 1 }', { encode: 1, decode: 1 }]] as [string, unknown][]).map(([l, v]) => rejectVariant('wrong type', l, () => v)) }, lawOpts({ tolerance: 'nonneg', margin: 'nonneg' })], (c) => [c.api.createCodec({ type: 'msra', inputSize: [32, 32], heatmapSize: [8, 8], sigma: 2 })]),
  tEntry('laws.scaleInvariant', [pFn('decode'), lawOpts({ ...TOL })], (c) => [dec(c)]),
  tEntry('laws.scaleHeatmaps', [{ name: 'h', names: /\bh\b|heatmaps/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null)] }, pNum('c', 'finite')], () => [hm(2, 8, 8), 2]),
  tEntry('laws.translationEquivariant', [pFn('decode'), lawOpts({ ...TOL })], (c) => [dec(c)]),
  tEntry('laws.flipEquivariant', [pFn('decode'), pOpts({ optional: false, base: () => ({ geometry: 'msra' }), fields: { geometry: ['msra', 'udp'], tolerance: 'nonneg', flipIndices: { bad: [['"typo"', 'typo'], ['[NaN]', [NaN]]] } } })], (c) => [dec(c), { geometry: 'msra' }]),
  tEntry('laws.batchConsistent', [pFn('decode'), lawOpts({ ...TOL })], (c) => [dec(c)]),
  tEntry('laws.layoutInvariant', [pFn('decode'), lawOpts({ ...TOL })], (c) => [dec(c)]),
  tEntry('laws.noMutation', [pFn('fn'), lawOpts({ inputs: { bad: [['"typo"', 'typo'], ['42', 42]] } })], (c) => [dec(c)]),
  tEntry('laws.matchesReference', [pFn('decode'), { name: 'reference', names: /reference/, variants: ([['"typo"', 'typo'], ['42', 42], ['null', null]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad reference', l, () => v)) }, lawOpts({ ...TOL })], (c) => [dec(c), 'argmax']),
  tEntry('laws.throwsOnlyTypedErrors', [pFn('fn'), { name: 'args', names: /args/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null)] }], (c) => [dec(c), c.testing.arbitraries.badArguments([c.testing.arbitraries.heatmaps()])]),
  tEntry('laws.rejects', [pFn('fn'), { name: 'args', names: /args/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null)] }, pOpts({ optional: false, base: () => ({ names: /x/ }), fields: { names: { bad: [['"typo"', 'typo'], ['42', 42]] } } })], (c) => [dec(c), c.testing.arbitraries.badArguments([c.testing.arbitraries.heatmaps()]), { names: /heatmaps/ }]),
  tEntry('laws.oksRange', [pFn('oksFn'), lawOpts({ K: 'posInt' })], (c) => [(g: any, d: any, a: number) => c.api.oks(g, d, a)]),
  tEntry('laws.oksMonotone', [pFn('oksFn'), lawOpts({ K: 'posInt' })], (c) => [(g: any, d: any, a: number) => c.api.oks(g, d, a)]),
  tEntry('laws.cocoPerfectAp', [pFn('evalFn'), lawOpts({ images: 'posInt', K: 'posInt' })], (c) => [c.api.cocoKeypointEval]),
  tEntry('arbitraries.heatmaps', [lawOpts({ sizes: SIZES, kinds: { bad: [['["typo"]', ['typo']], ['"clean"', 'clean'], ['[]', []]] }, layout: ['NCHW', 'NHWC'] })], () => []),
  tEntry('arbitraries.heatmapSamples', [lawOpts({ sizes: SIZES, kinds: { bad: [['["typo"]', ['typo']]] }, layout: ['NCHW', 'NHWC'] })], () => []),
  tEntry('arbitraries.heatmapSize', [{ name: 'sizes', names: /sizes/, variants: ([['"typo"', 'typo'], ['42', 42], ['{ min: -1 }', { min: -1 }], ['{ min: 9, max: 3 }', { min: 9, max: 3 }], ['{ max: 1e308 }', { max: 1e308 }]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad sizes', l, () => v)) }], () => []),
  tEntry('arbitraries.geometrySize', [lawOpts({ sizes: SIZES, strides: { bad: [['[0]', [0]], ['"typo"', 'typo'], ['[1.5]', [1.5]]] } })], () => []),
  tEntry('arbitraries.keypoints', [pOpts({ optional: false, base: () => ({ heatmapSize: [8, 8] }), fields: { heatmapSize: 'size', band: ['interior', 'border', 'outside'] } })], () => [{ heatmapSize: [8, 8] }]),
  tEntry('arbitraries.visibility', [pOpts({ optional: false, base: () => ({ N: 1, K: 2 }), fields: { N: 'nonnegInt', K: 'nonnegInt', minVisible: 'nonnegInt' }, absurd: { N: [2 ** 40] } })], () => [{ N: 1, K: 2 }]),
  tEntry('arbitraries.coordinate', [pNum('size', 'posInt'), { name: 'band', names: /band/, variants: [rejectVariant('typo option', '"typo"', () => 'typo')] }, pNum('margin', 'nonneg', { optional: true }), pNum('outside', 'nonneg', { optional: true })], () => [8]),
  tEntry('arbitraries.oksCase', [lawOpts({ K: 'posInt', spread: 'nonneg', sigmas: { bad: [['"typo"', 'typo'], ['[NaN]', [NaN]]] } })], () => []),
  tEntry('arbitraries.cocoGroundTruth', [lawOpts({ images: 'posInt', K: 'posInt' })], () => []),
  tEntry('arbitraries.cocoPerfectCase', [lawOpts({ images: 'posInt', K: 'posInt' })], () => []),
  tEntry('arbitraries.cocoPerfectResults', [{ name: 'gt', names: /\bgt\b/, variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad dataset', l, () => v)) }], () => [{ images: [{ id: 1, width: 10, height: 10 }], annotations: [], categories: [{ id: 1, name: 'person', keypoints: [] }] }]),
  tEntry('arbitraries.badValue', [lawOpts({ hugeViews: 'bool' })], () => []),
  tEntry('arbitraries.badArguments', [{ name: 'valid', names: /valid/, variants: ([['"typo"', 'typo'], ['null', null], ['[42]', [42]]] as [string, unknown][]).map(([l, v]) => rejectVariant('wrong type', l, () => v)) }, lawOpts({ hugeViews: 'bool' })], (c) => [[c.testing.arbitraries.heatmaps()]]),
  tEntry('arbitraries.renderHeatmaps', [{ name: 'specs', names: /specs/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null)] }, { name: 'shape', names: /shape/, variants: ([['"typo"', 'typo'], ['{ H: -1 }', { B: 1, K: 1, H: -1, W: 8 }], ['{ H: 2^20, W: 2^20 }', { B: 1, K: 1, H: 2 ** 20, W: 2 ** 20 }]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad shape', l, () => v)) }], () => [[], { B: 1, K: 0, H: 8, W: 8 }]),
  tEntry('arbitraries.toLayout', [{ name: 'heatmaps', names: /heatmaps/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null)] }, { name: 'layout', names: /layout/, variants: [rejectVariant('typo option', '"typo"', () => 'typo')] }], () => [hm(2, 8, 8, 1), 'NHWC']),
  tEntry('arbitraries.channelValue', [{ name: 's', names: /\bs\b|spec|kind/, variants: [rejectVariant('wrong type', 'null', () => null), rejectVariant('wrong type', '"typo"', () => 'typo')] }, pNum('u', 'finite'), pNum('v', 'finite')], () => [{ kind: 'clean', cx: 2, cy: 2, sigma: 1, amp: 1 }, 1, 1]),
  tEntry('checkLaw', [{ name: 'property', names: /property/, variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}], ['a function', () => 0]] as [string, unknown][]).map(([l, v]) => rejectVariant('wrong type', l, () => v)) }, pOpts({ fields: { numRuns: 'posInt' } })], (c) => [fcProp(c), { numRuns: 2 }]),
  tEntry('assertLaw', [{ name: 'property', names: /property/, variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}]] as [string, unknown][]).map(([l, v]) => rejectVariant('wrong type', l, () => v)) }, pOpts({ fields: { numRuns: 'posInt' } })], (c) => [fcProp(c), { numRuns: 2 }]),
  tEntry('referenceDecoder', [{ name: 'name', names: /name|reference/, variants: ([['"typo"', 'typo'], ['42', 42], ['null', null]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad reference', l, () => v)) }, lawOpts({ blurKernelSize: 'odd' })], () => ['argmax']),
  tEntry('simccSamples', [lawOpts({ K: 'posInt', splitRatio: 'pos', sigma: 'pos' })], () => []),
  tEntry('simccRoundTrip', [pFn('encode'), pFn('decode'), pOpts({ optional: false, base: () => ({ sigma: 6 }), fields: { tolerance: 'nonneg' } })], (c) => [simEnc(c), simDec(c), { sigma: 6 }]),
  tEntry('simccFlipEquivariant', [pFn('decode'), lawOpts({ tolerance: 'nonneg' })], (c) => [simDec(c)]),
  tEntry('simccScaleInvariant', [pFn('decode'), lawOpts({ tolerance: 'nonneg' })], (c) => [simDec(c)]),
  tEntry('simccBatchConsistent', [pFn('decode'), lawOpts({ K: 'posInt' })], (c) => [simDec(c)]),
  tEntry('simccLayoutInvariant', [pFn('decode'), lawOpts({ K: 'posInt' })], (c) => [simDec(c)]),
  tEntry('simccNoMutation', [pFn('decode'), lawOpts({ K: 'posInt' })], (c) => [simDec(c)]),
  {
    fn: 'testing.LawViolation',
    target: (c) => (...a: unknown[]) => new c.testing.LawViolation(...a),
    params: [],
    valid: () => ['message'],
    cases: [bad('class', 'called without new', /LawViolation|constructor|new/, (c) => [c])].slice(0, 0),
  },
];
