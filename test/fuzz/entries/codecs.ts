/**
 * Fuzz entries of createCodec (one per codec type, every option) and of each
 * codec's methods (`createCodec(<type>).<method>`). Inputs: inputSize [32, 32],
 * heatmapSize [8, 8], K = 2.
 */
import { filled, heatmapExtremes, hm, keypointExtremes, kp, nd, pNd, pOpts, surviveVariant, vis, zeroHuge } from '../harness/values.js';
import type { FieldKind } from '../harness/values.js';
import type { FuzzContext, FuzzEntry } from '../harness/types.js';
import { bad, extreme } from './define.js';

const SIZES = { inputSize: [32, 32], heatmapSize: [8, 8] };
/** Valid options per codec type (K = 2). */
export const CODEC_OPTIONS: Record<string, () => Record<string, unknown>> = {
  msra: () => ({ type: 'msra', ...SIZES, sigma: 2 }),
  udp: () => ({ type: 'udp', ...SIZES, sigma: 2 }),
  megvii: () => ({ type: 'megvii', ...SIZES, kernelSize: 3 }),
  integral: () => ({ type: 'integral', ...SIZES, sigma: 2 }),
  simcc: () => ({ type: 'simcc', inputSize: [32, 32], sigma: 6 }),
  regression: () => ({ type: 'regression', inputSize: [32, 32] }),
  associativeEmbedding: () => ({ type: 'associativeEmbedding', ...SIZES, sigma: 2, keypointOrder: [0, 1] }),
  spr: () => ({ type: 'spr', ...SIZES, sigma: 2 }),
  decoupled: () => ({ type: 'decoupled', ...SIZES }),
};
const COMMON: Record<string, FieldKind> = { inputSize: 'size', compat: ['mmpose'] };
const HEAT: Record<string, FieldKind> = { ...COMMON, heatmapSize: 'size' };
const FIELDS: Record<string, Record<string, FieldKind>> = {
  msra: { ...HEAT, sigma: 'pos', unbiased: 'bool', blurKernelSize: 'odd' },
  udp: { ...HEAT, sigma: 'pos', heatmapType: ['gaussian', 'combined'], radiusFactor: 'pos', blurKernelSize: 'odd' },
  megvii: { ...HEAT, kernelSize: 'odd' },
  integral: { ...HEAT, sigma: 'pos', unbiased: 'bool', blurKernelSize: 'odd', beta: 'pos', debias: 'bool', normalize: { bad: [['"typo"', 'typo'], ['1', 1], ['null', null]] } },
  simcc: { ...COMMON, sigma: 'pos', splitRatio: 'pos', smoothing: ['gaussian', 'standard'], labelSmoothWeight: 'prob', normalize: 'bool', dark: 'bool', visibility: 'bool', beta: 'pos', score: ['min', 'mean'] },
  regression: { ...COMMON },
  associativeEmbedding: { ...HEAT, sigma: 'pos', udp: 'bool', keypointOrder: { bad: [['"typo"', 'typo'], ['[0, 0]', [0, 0]], ['[0, 5]', [0, 5]], ['[0.5, 1]', [0.5, 1]]] }, nmsKernel: 'odd', gaussianKernel: 'odd', keypointThreshold: 'finite', tagThreshold: 'nonneg', topk: 'posInt', centerShift: 'finite', maxInstances: 'cap', matching: ['munkres', 'greedy'] },
  spr: { ...HEAT, sigma: { bad: [['"typo"', 'typo'], ['0', 0], ['NaN', NaN], ['-1', -1]] }, keypointHeatmaps: 'bool', rootType: ['kpt_center', 'bbox_center'], minimalDiagonalLength: 'nonneg', backgroundWeight: 'nonneg', nmsKernel: 'odd', maxInstances: 'cap', threshold: 'finite' },
  decoupled: { ...HEAT, rootType: ['kpt_center', 'bbox_center'], heatmapMinOverlap: 'prob', maxInstances: 'cap' },
};
const ABSURD: Record<string, unknown[]> = { sigma: [1e-300, 1e308], blurKernelSize: [4099], kernelSize: [4099], splitRatio: [1e308, 1e-300], radiusFactor: [1e308] };

/** Heatmaps the codec decodes (K = 2, [8, 8]). */
const HMAPS = () => pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]), extremes: heatmapExtremes().filter((v) => !/1x|K = 0/.test(v.label)) });
const KPI = () => pNd('keypoints', { ranks: [3], shape: () => [1, 2, 2], extremes: [...keypointExtremes(1, 2), surviveVariant('extreme sizes', 'N = 0', () => filled([0, 2, 2], 0, Float64Array))] });
const VISO = () => pNd('visible', { ranks: [2], shape: () => [1, 2], integer: true, optional: true, nullable: true });
const kpIn = () => {
  const a = kp(1, 2);
  for (let i = 0; i < a.data.length; i++) a.data[i] *= 4;
  return a;
};

function codecOf(ctx: FuzzContext, type: string): any {
  return ctx.api.createCodec(CODEC_OPTIONS[type]());
}
function method(type: string, m: string, params: FuzzEntry['params'], valid: (ctx: FuzzContext) => unknown[], cases: FuzzEntry['cases'] = []): FuzzEntry {
  return {
    fn: `createCodec(${type}).${m}`,
    target: (ctx) => {
      const c = codecOf(ctx, type);
      return c[m].bind(c);
    },
    params,
    valid,
    cases,
  };
}

const heatDecodeCases = (type: string) => [
  bad('mismatched shapes', 'heatmaps [2, 8, 9] (not heatmapSize)', /heatmaps/, () => [hm(2, 8, 9)]),
  bad('mismatched shapes', 'heatmaps [2, 16, 16] (not heatmapSize)', /heatmaps/, () => [hm(2, 16, 16)]),
  bad('zero-element huge view', '[2^50, 0, 8, 8]', /heatmaps/, () => [nd(new Float32Array(0), [2 ** 50, 0, 8, 8], [0, 0, 0, 0])]),
].map((c) => ({ ...c, name: `${type}: ${c.name}` }));

/** createCodec: one entry per type. */
function createEntries(): FuzzEntry[] {
  return Object.keys(CODEC_OPTIONS).map((type) => ({
    fn: `createCodec(${type})`,
    target: (ctx: FuzzContext) => ctx.api.createCodec,
    params: [pOpts({ optional: false, base: CODEC_OPTIONS[type], fields: FIELDS[type], absurd: Object.fromEntries(Object.keys(FIELDS[type]).filter((f) => ABSURD[f]).map((f) => [f, ABSURD[f]])) })],
    valid: () => [CODEC_OPTIONS[type]()],
    cases: [
      bad('typo option', 'type "typo"', /options\.type/, () => [{ ...CODEC_OPTIONS[type](), type: 'typo' }]),
      bad('typo option', 'type "__proto__"', /options\.type/, () => [{ ...CODEC_OPTIONS[type](), type: '__proto__' }]),
      bad('typo option', 'type "toString"', /options\.type/, () => [{ ...CODEC_OPTIONS[type](), type: 'toString' }]),
      bad('absurd size', 'inputSize [2^31 - 1, 2^31 - 1]', /inputSize|heatmapSize|allocation/, () => [{ ...CODEC_OPTIONS[type](), inputSize: [2 ** 31 - 1, 2 ** 31 - 1] }]),
      extreme('frozen codec', 'codec, its sizes and scale are deep-frozen and options are snapshotted', (ctx) => [CODEC_OPTIONS[type]()], {
        check: (c: any, args: any[]) => {
          const walk = (v: any, p: string, d = 0): string | undefined => {
            if (v === null || typeof v !== 'object' || d > 3 || ArrayBuffer.isView(v)) return undefined;
            if (!Object.isFrozen(v)) return `${p} is not frozen`;
            for (const k of Object.keys(v)) {
              const r = walk(v[k], `${p}.${k}`, d + 1);
              if (r) return r;
            }
            return undefined;
          };
          const f = walk(c, 'codec');
          if (f) return f;
          const o = args[0];
          const before = JSON.stringify(o);
          for (const k of Object.keys(o)) if (k !== 'type') o[k] = 'typo';
          o.inputSize = [1, 1];
          try {
            for (const k of Object.keys(c)) if (typeof c[k] === 'function' && /^(encode)$/.test(k)) c[k](kpIn(), vis(1, 2));
          } catch (e) {
            return `the codec re-read its options after creation (${(e as Error).message})`;
          }
          return before === JSON.stringify(o) ? 'options not changed' : undefined;
        },
      }),
    ],
  }));
}

const ENC = (type: string) => method(type, 'encode', [KPI(), VISO()], () => [kpIn(), vis(1, 2)], [
  bad('mismatched shapes', 'keypoints K = 3 (codec built for K = 2 or any K)', /keypoints|visible/, () => [kp(1, 3), vis(1, 2)]),
  bad('zero-element huge view', 'keypoints [2^50, 0, 2]', /keypoints/, () => [nd(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0])]),
]);

export const CODEC_ENTRIES: FuzzEntry[] = [
  ...createEntries(),
  ...['msra', 'udp', 'megvii'].flatMap((t) => [ENC(t), method(t, 'decode', [HMAPS()], () => [hm(2, 8, 8)], heatDecodeCases(t))]),
  ENC('integral'),
  method('integral', 'decode', [pNd('encoded', { ranks: [3], shape: () => [1, 2, 2], extremes: keypointExtremes(1, 2) })], () => [filled([1, 2, 2], 0.5, Float64Array)], [
    bad('bad shape', 'encoded [1, 2, 3]', /encoded|labels|keypoints/, () => [filled([1, 2, 3], 0.5)]),
  ]),
  method('integral', 'decodeHeatmaps', [HMAPS(), pOpts({ fields: { beta: 'pos', debias: 'bool', normalize: ['softmax', 'sum'] } })], () => [hm(2, 8, 8)], heatDecodeCases('integral.decodeHeatmaps')),
  ENC('regression'),
  method('regression', 'decode', [pNd('encoded', { ranks: [3], shape: () => [1, 2, 2], extremes: keypointExtremes(1, 2) })], () => [filled([1, 2, 2], 0.5, Float64Array)], [
    bad('bad shape', 'encoded [1, 2, 3]', /encoded|labels|keypoints/, () => [filled([1, 2, 3], 0.5)]),
  ]),
  ENC('simcc'),
  method('simcc', 'decode', [pNd('x', { ranks: [2, 3], shape: (r) => (r === 3 ? [1, 2, 64] : [2, 64]) }), pNd('y', { ranks: [2, 3], shape: (r) => (r === 3 ? [1, 2, 64] : [2, 64]) })], () => [filled([1, 2, 64], 0.1), filled([1, 2, 64], 0.1)], [
    bad('mismatched shapes', 'x of 63 bins (inputSize·splitRatio = 64)', /\bx\b|inputSize|bins|Wx/, () => [filled([1, 2, 63], 0.1), filled([1, 2, 64], 0.1)]),
    bad('mismatched shapes', 'y N = 2, x N = 1', /\bx\b|\by\b/, () => [filled([1, 2, 64], 0.1), filled([2, 2, 64], 0.1)]),
  ]),
  ENC('associativeEmbedding'),
  method('associativeEmbedding', 'decode', [pNd('heatmaps', { ranks: [4], shape: () => [1, 2, 8, 8] }), pNd('tags', { ranks: [4], shape: () => [1, 2, 8, 8] })], () => [hm(2, 8, 8, 1), filled([1, 2, 8, 8], 0.5)], [
    bad('mismatched shapes', 'tags [1, 3, 8, 8] (not L·K)', /tags/, () => [hm(2, 8, 8, 1), filled([1, 3, 8, 8], 0.5)]),
    bad('mismatched shapes', 'heatmaps [1, 2, 9, 9] (not heatmapSize)', /heatmaps/, () => [hm(2, 9, 9, 1), filled([1, 2, 9, 9], 0.5)]),
    extreme('extreme values', 'all-zero maps', () => [filled([1, 2, 8, 8], 0), filled([1, 2, 8, 8], 0)]),
    extreme('extreme values', 'all-1 maps (every pixel a peak)', () => [filled([1, 2, 8, 8], 1), filled([1, 2, 8, 8], 0)]),
  ]),
  ENC('spr'),
  method('spr', 'decode', [pNd('heatmaps', { ranks: [3], shape: () => [1, 8, 8] }), pNd('displacements', { ranks: [3], shape: () => [4, 8, 8] })], () => [hm(1, 8, 8), filled([4, 8, 8], 0.5)], [
    bad('mismatched shapes', 'displacements [3, 8, 8] (not 2K)', /displacements/, () => [hm(1, 8, 8), filled([3, 8, 8], 0.5)]),
    extreme('extreme values', 'all-1 root map', () => [filled([1, 8, 8], 1), filled([4, 8, 8], 1e30)]),
  ]),
  {
    ...method('decoupled', 'encode', [KPI(), VISO(), pOpts({ fields: {} })], () => [kpIn(), vis(1, 2)]),
    // Defined result, not a silent one: every keypoint at one point is a zero-size box, σ = 0, and mmpose's
    // exp(−0/0) puts NaN on that pixel (decoupled_heatmap.py:96-140; a public bottomup golden case has it).
    nonFinite: [{ pattern: /coordinates 5e-324/, why: 'mmpose DecoupledHeatmap: a zero-size box gives σ = 0 and exp(−0/0) = NaN at its centre pixel (bottomup FORMAT.md, a public case)' }],
  },
  method('decoupled', 'decode', [pNd('instanceHeatmaps', { ranks: [4], shape: () => [1, 2, 8, 8] }), pNd('instanceScores', { ranks: [2], shape: () => [1, 1] })], () => [hm(2, 8, 8, 1), filled([1, 1], 0.9)], [
    bad('mismatched shapes', 'instanceScores [2, 1] for N = 1', /instanceScores/, () => [hm(2, 8, 8, 1), filled([2, 1], 0.9)]),
    bad('zero-element huge view', 'instanceHeatmaps [2^50, 0, 8, 8]', /instanceHeatmaps/, () => [zeroHuge(4), filled([1, 1], 0.9)]),
  ]),
];
