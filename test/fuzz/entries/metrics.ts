/** Fuzz entries of the metrics (src/metrics): OKS, COCO eval and analysis, PCK family, AUC, EPE, NME, NMS, loaders. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filled, keypointExtremes, kp, nd, pList, pNd, pNum, pOpts, pStr, rejectVariant, surviveVariant, vis } from '../harness/values.js';
import type { FuzzEntry } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const K17 = 17;
const kp3 = (x = 10, y = 10, v = 2) => nd(Float64Array.from({ length: K17 * 3 }, (_, i) => (i % 3 === 0 ? x + i : i % 3 === 1 ? y + i / 2 : v)), [K17, 3]);
/** A one-image, one-person COCO ground truth (17 keypoints). */
export function cocoGt(): any {
  const names = Array.from({ length: K17 }, (_, i) => `k${i}`);
  return {
    images: [{ id: 1, width: 640, height: 480 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: Array.from(kp3().data as Float64Array), num_keypoints: K17, area: 5000, bbox: [10, 10, 80, 80], iscrowd: 0 }],
    categories: [{ id: 1, name: 'person', keypoints: names, skeleton: [] }],
  };
}
/** Results for {@link cocoGt}: one detection near the ground truth. */
export function cocoDt(): any[] {
  return [{ image_id: 1, category_id: 1, keypoints: Array.from(kp3(11, 9).data as Float64Array), score: 0.9 }];
}
const inst = (x: number, score = 0.9, area = 5000) => ({ keypoints: kp3(x, 10), score, area });
const P = (name: string, N = 2, K = 3) => pNd(name, { ranks: [3], shape: () => [N, K, 2], extremes: name === 'pred' ? keypointExtremes(N, K) : [] });
const MASK = pNd('mask', { ranks: [2], shape: () => [2, 3], integer: true });
// A number normFactor is read as one value for every instance and axis (as auc's), so `42` is valid.
const NORM = (() => {
  const p = pNd('normFactor', { ranks: [2], shape: () => [2, 2] });
  return { ...p, variants: p.variants.filter((v) => v.label !== '42') };
})();
const pg = () => [kp(2, 3), kp(2, 3), nd(new Uint8Array(6).fill(1), [2, 3])];
const shapeCases = (fn: string, more: unknown[]) => [
  bad('mismatched shapes', 'gt [2, 4, 2] for pred [2, 3, 2]', /\bgt\b|pred/, () => [kp(2, 3), kp(2, 4), nd(new Uint8Array(6).fill(1), [2, 3]), ...more]),
  bad('mismatched shapes', 'mask [2, 4]', /mask/, () => [kp(2, 3), kp(2, 3), nd(new Uint8Array(8).fill(1), [2, 4]), ...more]),
  bad('zero-element huge view', 'pred, gt [2^50, 0, 2], mask [2^50, 0]', /pred|gt|mask/, () => [nd(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0]), nd(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0]), nd(new Uint8Array(0), [2 ** 50, 0], [0, 0]), ...more]),
  extreme('extreme values', 'NaN predictions', () => [filled([2, 3, 2], NaN, Float64Array), kp(2, 3), nd(new Uint8Array(6).fill(1), [2, 3]), ...more]),
  extreme('extreme values', 'mask all 0', () => [kp(2, 3), kp(2, 3), nd(new Uint8Array(6), [2, 3]), ...more]),
  extreme('extreme sizes', 'N = 0', () => [filled([0, 3, 2], 0, Float64Array), filled([0, 3, 2], 0, Float64Array), nd(new Uint8Array(0), [0, 3]), ...more.map((m) => (m && typeof m === 'object' && 'shape' in (m as object) ? filled([0, 2], 1, Float64Array) : m))]),
].map((c) => ({ ...c, name: `${fn}: ${c.name}` }));

const NMS_LIST = pList('instances', { extremes: [surviveVariant('extreme sizes', '[] (no instances)', () => [])] });
const nmsCases = (fn: string) => [
  bad('bad element', 'instances[1].keypoints with 5 keypoints', /instances\[1\]/, () => [[inst(10), { keypoints: nd(new Float64Array(15), [5, 3]), score: 0.5, area: 100 }], 0.5]),
  bad('bad element', 'instances[0].score NaN', /instances\[0\]\.score/, () => [[inst(10, NaN)], 0.5]),
  bad('bad element', 'instances[0].area -1', /instances\[0\]\.area/, () => [[inst(10, 0.9, -1), inst(5000)], 0.5]),
  bad('bad element', 'instances[0].area "big"', /instances\[0\]\.area/, () => [[inst(10, 0.9, 'big' as never)], 0.5]),
  extreme('NaN isolation', 'one NaN keypoint never suppresses an instance 5,000 px away', () => {
    const a = inst(10);
    a.keypoints.data[0] = NaN;
    return [[a, inst(5010, 0.8)], 0.5];
  }, { check: (r: any) => (Array.isArray(r) && r.length === 2 ? undefined : `kept ${JSON.stringify(r)}, expected both instances`) }),
  extreme('extreme values', 'area 0 for every instance', () => [[inst(10, 0.9, 0), inst(5010, 0.8, 0)], 0.5]),
  extreme('extreme values', 'area 1e300', () => [[inst(10, 0.9, 1e300), inst(12, 0.8, 1e300)], 0.5]),
  extreme('extreme values', 'keypoints as a flat number[]', () => [[{ keypoints: Array.from(kp3().data as Float64Array), score: 0.9, area: 100 }], 0.5]),
].map((c) => ({ ...c, name: `${fn}: ${c.name}` }));

const GT = pAnyGt();
function pAnyGt() {
  return {
    name: 'gt',
    names: /\bgt\b|ground truth|annotations|images|categories/,
    variants: [
      ...([['"typo"', 'typo'], ['42', 42], ['null', null], ['undefined', undefined], ['[]', []]] as [string, unknown][]).map(([l, v]) => rejectVariant('wrong type', l, () => v)),
      rejectVariant('bad dataset', '{} (no annotations)', () => ({})),
      rejectVariant('bad dataset', 'annotations: "typo"', () => ({ ...cocoGt(), annotations: 'typo' })),
      rejectVariant('bad dataset', 'annotation keypoints of length 50', () => ({ ...cocoGt(), annotations: [{ ...cocoGt().annotations[0], keypoints: new Array(50).fill(1) }] })),
      rejectVariant('bad dataset', 'annotation area NaN', () => ({ ...cocoGt(), annotations: [{ ...cocoGt().annotations[0], area: NaN }] })),
      rejectVariant('bad dataset', 'annotation image_id "x"', () => ({ ...cocoGt(), annotations: [{ ...cocoGt().annotations[0], image_id: { a: 1 } }] })),
      surviveVariant('absurd size', '40,000 categories (bounded work or a RangeError)', () => ({ ...cocoGt(), categories: Array.from({ length: 40000 }, (_, i) => ({ id: i + 1, name: `c${i}`, keypoints: [] })) })),
      surviveVariant('pollution keys', '__proto__ keys in the JSON', () => JSON.parse(JSON.stringify(cocoGt()).replace('{"id":1,"width"', '{"__proto__":{"polluted":1},"id":1,"width"'))),
    ],
  };
}
const RESULTS = pList('results', { extremes: [surviveVariant('extreme sizes', '[] (no detections)', () => [])] });
const resultCases = (fn: string) => [
  bad('bad element', 'results[0].keypoints of length 3', /results\[0\]|keypoints/, (_c) => [cocoGt(), [{ ...cocoDt()[0], keypoints: [1, 2, 3] }]]),
  bad('bad element', 'results[0].score NaN', /results\[0\]|score/, () => [cocoGt(), [{ ...cocoDt()[0], score: NaN }]]),
  bad('bad element', 'results[0].image_id unknown', /results\[0\]|image_id/, () => [cocoGt(), [{ ...cocoDt()[0], image_id: 999 }]]),
  extreme('extreme values', 'NaN result keypoints', () => [cocoGt(), [{ ...cocoDt()[0], keypoints: new Array(51).fill(NaN) }]], { allowNonFinite: true }),
].map((c) => ({ ...c, name: `${fn}: ${c.name}` }));

export const METRIC_ENTRIES: FuzzEntry[] = [
  entry('oks', [pNd('gt', { ranks: [2], shape: () => [K17, 3], arrays: true }), pNd('dt', { ranks: [2], shape: () => [K17, 3], arrays: true }), pNum('area', 'nonneg'), pNd('sigmas', { ranks: [1], arrays: true, optional: true, nullable: true }), pNd('bbox', { ranks: [1], arrays: true, optional: true })], () => [kp3(), kp3(11, 9), 5000], [
    bad('mismatched shapes', 'dt with 5 keypoints', /\bdt\b/, () => [kp3(), nd(new Float64Array(15), [5, 3]), 5000]),
    bad('mismatched shapes', 'sigmas of length 3', /sigmas/, () => [kp3(), kp3(), 5000, [0.1, 0.1, 0.1]]),
    bad('bad value', 'negative sigma', /sigmas/, () => [kp3(), kp3(), 5000, new Array(17).fill(-0.1)]),
    extreme('extreme values', 'area 0', () => [kp3(), kp3(11, 9), 0]),
    extreme('extreme values', 'area 1e308', () => [kp3(), kp3(11, 9), 1e308]),
  ]),
  entry('computeOks', [pList('gts', { names: /gts|gt\.annotations/ }), pList('dts', { names: /dts|results/ }), pOpts({ fields: { maxDets: 'cap', useArea: 'bool' } })], () => [cocoGt().annotations, cocoDt()]),
  entry('cocoKeypointEval', [GT, RESULTS, pOpts({ fields: { maxDets: 'cap', useArea: 'bool', sigmas: { bad: [['"typo"', 'typo'], ['NaN x17', new Array(17).fill(NaN)]] } } })], () => [cocoGt(), cocoDt()], [
    ...resultCases('cocoKeypointEval'),
    bad('mismatched shapes', 'options.sigmas of length 1 for 17-keypoint annotations', /sigmas|keypoints/, () => [cocoGt(), cocoDt(), { sigmas: [0.1] }]),
  ]),
  entry('analyzeCocoKeypoints', [GT, RESULTS, pOpts({ fields: { maxDets: { bad: [['"typo"', 'typo'], ['0', 0], ['NaN', NaN], ['-1', -1]] }, oksLocalizationThreshold: 'prob', checkKeypoints: 'bool', checkScores: 'bool', checkBackground: 'bool', verbose: 'bool', oksThresholds: { bad: [['"typo"', 'typo'], ['[NaN]', [NaN]], ['[2]', [2]]] }, areaRanges: { bad: [['"typo"', 'typo'], ['[[1]]', [[1]]], ['[[NaN, 1]]', [[NaN, 1]]]] }, jitterThresholds: { bad: [['"typo"', 'typo'], ['[0.5]', [0.5]]] } } })], () => [cocoGt(), cocoDt()], resultCases('analyzeCocoKeypoints')),
  entry('synthesizeErrors', [GT, pOpts({ fields: { jitter: 'prob', inversion: 'prob', swap: 'prob', miss: 'prob', seed: 'finite' } })], () => [cocoGt(), { jitter: 0.5, seed: 1 }]),
  entry('loadCoco', [pStr('path'), pOpts({ fields: { sigmas: { bad: [['"typo"', 'typo'], ['NaN x17', new Array(17).fill(NaN)]] } } })], () => [FIXTURE.gt], [
    bad('bad path', 'a directory', /path|\/tmp|directory|EISDIR/, () => [FIXTURE.dir]),
    bad('bad path', 'a nonexistent file', /path|nonexistent|ENOENT|not found/, () => [`${FIXTURE.dir}/nonexistent.json`]),
    bad('bad file', 'malformed JSON', /JSON|ground truth|path|bad\.json/, () => [FIXTURE.bad]),
  ]),
  entry('loadResults', [pStr('path'), { name: 'gt', names: /\bgt\b/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', '42', () => 42)] }, pOpts({ fields: {} })], () => [FIXTURE.dt], [
    bad('bad path', 'a directory', /path|\/tmp|directory|EISDIR/, () => [FIXTURE.dir]),
    bad('bad file', 'ground truth instead of results', /results|array/, () => [FIXTURE.gt]),
  ]),
  entry('pckAccuracy', [P('pred'), P('gt'), MASK, pNum('thr', 'finite'), NORM], () => [...pg(), 0.5, filled([2, 2], 10, Float64Array)], [
    ...shapeCases('pckAccuracy', [0.5, filled([2, 2], 10, Float64Array)]),
    bad('mismatched shapes', 'normFactor [3, 2]', /normFactor/, () => [...pg(), 0.5, filled([3, 2], 10, Float64Array)]),
    extreme('extreme values', 'normFactor 0 (masks the instance)', () => [...pg(), 0.5, filled([2, 2], 0, Float64Array)]),
  ]),
  entry('pckhAccuracy', [P('pred', 2, 16), P('gt', 2, 16), pNd('mask', { ranks: [2], shape: () => [2, 16], integer: true }), pNd('headSize', { ranks: [1], shape: () => [2] }), pOpts({ fields: { thr: 'finite' } })], () => [kp(2, 16), kp(2, 16), vis(2, 16), filled([2], 10, Float64Array)], [
    bad('mismatched shapes', 'K = 3 (PCKh needs 16)', /pred|\bK\b|16/, () => [kp(2, 3), kp(2, 3), vis(2, 3), filled([2], 10, Float64Array)]),
    bad('mismatched shapes', 'headSize [3]', /headSize/, () => [kp(2, 16), kp(2, 16), vis(2, 16), filled([3], 10, Float64Array)]),
  ]),
  entry('auc', [P('pred'), P('gt'), MASK, pNum('normFactor', 'finite'), pNum('numThresholds', 'posInt', { optional: true, absurd: [1e308, 2 ** 40] })], () => [...pg(), 30], [
    ...shapeCases('auc', [30]),
    bad('absurd value', 'numThresholds 1e308 (hang)', /numThresholds/, () => [...pg(), 30, 1e308]),
    bad('absurd value', 'numThresholds 1e9', /numThresholds/, () => [...pg(), 30, 1e9]),
  ]),
  entry('epe', [P('pred'), P('gt'), MASK], () => pg(), shapeCases('epe', [])),
  entry('nme', [P('pred'), P('gt'), MASK, NORM], () => [...pg(), filled([2, 2], 10, Float64Array)], shapeCases('nme', [filled([2, 2], 10, Float64Array)])),
  entry('oksNms', [NMS_LIST, pNum('threshold', 'finite'), pOpts({ fields: { sigmas: { bad: [['"typo"', 'typo'], ['[0.1]', [0.1]]] }, visThreshold: 'finite' } })], () => [[inst(10), inst(12, 0.8)], 0.5], nmsCases('oksNms')),
  entry('softOksNms', [NMS_LIST, pNum('threshold', 'pos'), pOpts({ fields: { sigmas: { bad: [['"typo"', 'typo'], ['[0.1]', [0.1]]] }, visThreshold: 'finite', maxDets: 'cap' } })], () => [[inst(10), inst(12, 0.8)], 0.5], nmsCases('softOksNms')),
  entry('oksVars', [pStr('name'), pNd('sigmas', { ranks: [1], arrays: true, optional: true, nullable: true }), pNum('K', 'posInt', { optional: true })], () => ['sigmas', undefined, 17], [
    bad('bad value', 'NaN sigma', /sigmas/, () => ['sigmas', [NaN, 0.1], 2]),
    bad('mismatched shapes', 'sigmas of length 2 for K = 3', /sigmas/, () => ['sigmas', [0.1, 0.1], 3]),
  ]),
];

/** Paths of the loader fixtures, written once into a fixed temp dir (idempotent, by whichever process needs them first). */
export const FIXTURE = (() => {
  const dir = join(tmpdir(), 'posecodec-fuzz-fixtures');
  const f = { dir, gt: join(dir, 'gt.json'), dt: join(dir, 'dt.json'), bad: join(dir, 'bad.json') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(f.gt, JSON.stringify(cocoGt()));
  writeFileSync(f.dt, JSON.stringify(cocoDt()));
  writeFileSync(f.bad, '{"images": [1, 2');
  return f;
})();
