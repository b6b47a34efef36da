/** Fuzz entries of .npy I/O, SVG rendering and the GPU entry (the decoder in mode 'cpu', which needs no GPU). */
import { filled, hm, nd, pList, pNd, pNum, pOpts, rejectVariant, surviveVariant } from '../harness/values.js';
import type { FuzzContext, FuzzEntry } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

/** A .npy file: magic, version 1.0, header dict padded to 64 bytes, then `body`. */
export function npy(header: string, body: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const pad = (64 - ((10 + header.length + 1) % 64)) % 64;
  const h = header + ' '.repeat(pad) + '\n';
  const out = new Uint8Array(10 + h.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0, h.length & 0xff, h.length >> 8]);
  for (let i = 0; i < h.length; i++) out[10 + i] = h.charCodeAt(i);
  out.set(body, 10 + h.length);
  return out;
}
const dict = (descr: string, shape: string) => `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
const BYTES = {
  name: 'bytes',
  names: /npy|bytes|\.npy/,
  variants: ([
    ['"typo"', 'typo'],
    ['null', null],
    ['a plain array', [0x93, 0x4e]],
    ['empty', new Uint8Array(0)],
    ['garbage', Uint8Array.from({ length: 64 }, (_, i) => (i * 31) % 256)],
    ['truncated header', npy(dict('<f4', '(2, 2)')).slice(0, 30)],
    ['truncated data', npy(dict('<f4', '(2, 2)'), new Uint8Array(8))],
    ['huge-header shape (1099511627776, 0, 1, 1)', npy(dict('<f4', '(1099511627776, 0, 1, 1)'))],
    ['rank 3000 header', npy(dict('<f4', `(${Array(3000).fill('1').join(', ')})`))],
    ['shape (2^40,)', npy(dict('<f4', '(1099511627776,)'))],
    ['dtype <U8', npy(dict('<U8', '(2,)'), new Uint8Array(64))],
    ['dtype object |O', npy(dict('|O', '(2,)'), new Uint8Array(16))],
    ['fortran_order garbage', npy(`{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }`, new Uint8Array(8))],
    ['header not a dict', npy('hello', new Uint8Array(8))],
    ['negative dimension', npy(dict('<f4', '(-2, 2)'), new Uint8Array(16))],
    ['version 9', npy(dict('<f4', '(2,)'), new Uint8Array(8), 9)],
  ] as [string, unknown][]).map(([l, v]) => rejectVariant(l.startsWith('huge') || l.startsWith('shape (2') || l.startsWith('rank') ? 'absurd header' : 'bad file', l, () => v)),
};

const gpuCache = new Map<string, Promise<any>>();
const decoder = (ctx: FuzzContext, mode: string) => {
  if (!gpuCache.has(mode)) gpuCache.set(mode, ctx.gpu.createGpuDecoder({ mode }));
  return gpuCache.get(mode)!;
};
const HM = pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]) });
function gpuMethod(mode: string, m: string, opts: Record<string, any> | undefined): FuzzEntry {
  return {
    fn: `gpu.createGpuDecoder(${mode}).${m}`,
    target: async (ctx) => {
      const d = await decoder(ctx, mode);
      return d[m].bind(d);
    },
    params: m === 'dispose' ? [] : [HM, ...(opts ? [pOpts(opts)] : [])],
    valid: () => (m === 'dispose' ? [] : [hm(2, 8, 8)]),
  };
}
const GPU_METHODS: [string, Record<string, any> | undefined][] = [
  ['argmax', undefined],
  ['quarter', { fields: { rule: ['mmpose', 'hrnet'] } }],
  ['dark', { fields: { blurKernelSize: 'odd', guard: 'bool' } }],
  ['softArgmax', { fields: { beta: 'pos', debias: 'bool' } }],
];

export const IO_RENDER_GPU_ENTRIES: FuzzEntry[] = [
  // readNpyHeader reads the header only: a truncated body or a dtype readNpy refuses is not its concern.
  entry('readNpyHeader', [{ ...BYTES, variants: BYTES.variants.filter((v) => !/truncated data|dtype/.test(v.label)) }], () => [npy(dict('<f4', '(2, 2)'), new Uint8Array(16))]),
  entry('readNpy', [BYTES, pOpts({ fields: { allowInteger: 'bool' } })], () => [npy(dict('<f4', '(2, 2)'), new Uint8Array(16))], [
    bad('wrong dtype', '<i4 without allowInteger', /dtype|npy/, () => [npy(dict('<i4', '(2, 2)'), new Uint8Array(16))]),
  ]),
  entry('writeNpy', [{ name: 'data', names: /data/, variants: [rejectVariant('wrong type', '"typo"', () => 'typo'), rejectVariant('wrong type', 'null', () => null), rejectVariant('wrong type', '[1, 2]', () => [1, 2]), rejectVariant('wrong type', 'an ndarray', () => hm(1, 2, 2))] }, { name: 'shape', names: /shape/, variants: ([['"typo"', 'typo'], ['[3]', [3]], ['[-4]', [-4]], ['[1.5]', [1.5]], ['[NaN]', [NaN]], ['rank 3000', new Array(3000).fill(1)], ['[2^53, 0]', [2 ** 53, 0]]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad shape', l, () => v)) }], () => [new Float32Array(4), [2, 2]], [
    extreme('dtype header', 'Int32Array writes <i4', () => [new Int32Array(4), [4]], { check: (r: any) => (new TextDecoder().decode(r.slice(0, 80)).includes('<i4') ? undefined : 'header does not say <i4') }),
    extreme('dtype header', 'Uint8Array writes |u1', () => [new Uint8Array(4), [4]], { check: (r: any) => (new TextDecoder().decode(r.slice(0, 80)).includes('u1') ? undefined : 'header does not say u1') }),
  ]),
  entry('renderSkeletonSvg', [
    { name: 'poses', names: /poses/, variants: [...(['typo', 42, null, undefined, {}, [null], ['typo']] as unknown[]).map((v) => rejectVariant('wrong type', JSON.stringify(v) ?? 'undefined', () => v)), rejectVariant('zero-element huge view', 'poses [2^50, 0, 2]', () => nd(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0])), rejectVariant('broadcast huge view', 'poses stride-0 [2^20, 2^20, 2]', () => nd(new Float64Array(1), [2 ** 20, 2 ** 20, 2], [0, 0, 0])), surviveVariant('extreme values', 'NaN pose', () => filled([17, 3], NaN, Float64Array)), surviveVariant('extreme sizes', '[] (no poses)', () => [])] },
    pOpts({ fields: { skeleton: { bad: [['"typo"', 'typo'], ['42', 42], ['[[0, 99]]', [[0, 99]]]] }, width: 'pos', height: 'pos', scoreThreshold: 'finite', radius: 'nonneg', lineWidth: 'nonneg', title: { bad: [['42', 42]] }, background: { bad: [['42', 42]] } }, absurd: { width: [1e308], height: [1e308] } }),
  ], () => [filled([17, 3], 5, Float64Array)]),
  entry('scoreColor', [pNum('score', 'any', { extremes: [surviveVariant('extreme values', 'NaN', () => NaN), surviveVariant('extreme values', '-Infinity', () => -Infinity), surviveVariant('extreme values', '1e308', () => 1e308)] })], () => [0.5]),
  {
    fn: 'gpu.createGpuDecoder',
    target: (ctx) => ctx.gpu.createGpuDecoder,
    params: [pOpts({ base: () => ({ mode: 'cpu' }), fields: { mode: ['auto', 'webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'], strict: 'bool', maxChunkElements: 'posInt' }, absurd: { maxChunkElements: [1e308] } })],
    valid: () => [{ mode: 'cpu' }],
  },
  ...['cpu'].flatMap((mode) => [...GPU_METHODS.map(([m, o]) => gpuMethod(mode, m, o)), gpuMethod(mode, 'dispose', undefined)]),
  {
    fn: 'gpu.isSoftwareAdapter',
    target: (ctx) => ctx.gpu.isSoftwareAdapter,
    params: [pList('adapter', { elements: false, names: /adapter/ })],
    valid: () => [{ info: { isFallbackAdapter: false, vendor: 'x', architecture: 'y', device: 'z', description: 'w' } }],
  },
  {
    fn: 'gpu.installNodeWebGPU',
    target: (ctx) => ctx.gpu.installNodeWebGPU,
    params: [{ name: 'options', names: /options/, variants: ([['"typo"', 'typo'], ['42', 42], ['null', null], ['[]', []]] as [string, unknown][]).map(([l, v]) => rejectVariant('bad options', l, () => v)) }],
    valid: () => [{}],
    skipValid: 'a valid call would install Dawn as navigator.gpu in the worker',
  },
];
