/**
 * Deterministic rendering of synthetic heatmap channels for the test kit:
 * Gaussians at sub-pixel centres, noise from a hash of the integer pixel
 * position, and the layouts (NCHW / NHWC-through-strides) users meet.
 *
 * Content is a function of the *content* coordinate `(u, v) = (x − dx, y − dy)`,
 * so a map rendered with an integer offset is an exact translate of the
 * unshifted one (same float operations on the same operands).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView } from '../core/ndarray.js';
import { checkAllocation, checkChoice, checkInt, checkNumberOption, checkOptionsBag } from './check-args.js';

/** Kinds of synthetic heatmap channel. */
export type HeatmapKind = 'clean' | 'noisy' | 'twoPeaks' | 'negative' | 'expected' | 'quantized' | 'zero';

/** Every kind, in the order the arbitraries pick from. */
export const HEATMAP_KINDS: readonly HeatmapKind[] = Object.freeze(['clean', 'noisy', 'twoPeaks', 'negative', 'expected', 'quantized', 'zero'] as HeatmapKind[]);

/** Memory layouts: `NCHW` (C order) or `NHWC` data viewed as `[.., K, H, W]` through `.transpose`. */
export type Layout = 'NCHW' | 'NHWC';

/** One channel's recipe (heatmap px). */
export interface ChannelSpec {
  kind: HeatmapKind;
  /** Peak centre (x, y), heatmap px (pixel i centred at i). */
  cx: number;
  cy: number;
  /** Gaussian σ, heatmap px. */
  sigma: number;
  /** Peak amplitude. */
  amp: number;
  /** twoPeaks: second centre and its amplitude as a fraction of `amp`. */
  cx2: number;
  cy2: number;
  ratio2: number;
  /** noisy: noise amplitude as a fraction of `amp`; negative: the downward shift as a fraction of `amp`. */
  level: number;
  /** Seed of the pixel-hash noise. */
  seed: number;
}

/** Uniform [0, 1) from a 32-bit hash of (seed, u, v): pixel noise that moves with the content. */
export function pixelNoise(seed: number, u: number, v: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(u | 0, 0xc2b2ae35) ^ Math.imul((v | 0) + 0x27d4eb2f, 0x165667b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** quantized: 4-bit (15 levels) for odd seeds, 8-bit (255) for even ones. */
function quantLevels(s: ChannelSpec): number {
  return s.seed % 2 ? 15 : 255;
}

function gauss(du: number, dv: number, sigma: number): number {
  return Math.exp(-(du * du + dv * dv) / (2 * sigma * sigma));
}

/**
 * Value of channel `s` at content coordinate `(u, v)` (integers).
 * - clean: `amp·g(μ, σ)`; noisy: `+ level·amp·U[0,1)`; twoPeaks: `amp·g(μ) + ratio2·amp·g(μ2)`;
 * - negative: `amp·(g − level)` (negative tails, codecs.md §8.3);
 * - expected: bilinear mixture of the four integer-centred Gaussians around μ
 *   (the "expected target" proxy, codecs.md §8.3);
 * - quantized: `round(L·amp·g)/L`, L = 15 or 255 (4-/8-bit outputs: plateaus and exact ties);
 * - zero: 0.
 * `s` is checked ({@link checkChannelSpec}), `u`, `v` must be finite numbers.
 */
export function channelValue(s: ChannelSpec, u: number, v: number): number {
  const spec = checkChannelSpec('s', s);
  checkNumberOption('u', u);
  checkNumberOption('v', v);
  return value(spec, u, v);
}

/** The fields each kind reads (beyond `kind`). */
const FIELDS: Record<HeatmapKind, readonly (keyof ChannelSpec)[]> = {
  zero: [],
  clean: ['cx', 'cy', 'sigma', 'amp'],
  noisy: ['cx', 'cy', 'sigma', 'amp', 'level', 'seed'],
  twoPeaks: ['cx', 'cy', 'sigma', 'amp', 'cx2', 'cy2', 'ratio2'],
  negative: ['cx', 'cy', 'sigma', 'amp', 'level'],
  expected: ['cx', 'cy', 'sigma', 'amp'],
  quantized: ['cx', 'cy', 'sigma', 'amp', 'seed'],
};

/**
 * Check a {@link ChannelSpec}: `kind` one of {@link HEATMAP_KINDS}; the fields
 * that kind reads finite numbers (σ > 0, `seed` an integer). Throws a
 * TypeError / RangeError naming `name.<field>`.
 */
export function checkChannelSpec(name: string, s: unknown): ChannelSpec {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new TypeError(`${name} must be a channel spec object ({ kind, cx, cy, sigma, amp, … }), got ${s === null ? 'null' : Array.isArray(s) ? 'an array' : typeof s}`);
  const o = s as Record<string, unknown>;
  const kind = checkChoice(`${name}.kind`, o.kind ?? '', HEATMAP_KINDS);
  for (const f of FIELDS[kind]) {
    if (f === 'seed') checkInt(`${name}.seed`, o.seed, -(2 ** 53), 2 ** 53);
    else checkNumberOption(`${name}.${f}`, o[f], f === 'sigma' ? { positive: true } : {});
  }
  return s as ChannelSpec;
}

function value(s: ChannelSpec, u: number, v: number): number {
  switch (s.kind) {
    case 'zero':
      return 0;
    case 'clean':
      return s.amp * gauss(u - s.cx, v - s.cy, s.sigma);
    case 'noisy':
      return s.amp * gauss(u - s.cx, v - s.cy, s.sigma) + s.level * s.amp * pixelNoise(s.seed, u, v);
    case 'twoPeaks':
      return s.amp * gauss(u - s.cx, v - s.cy, s.sigma) + s.ratio2 * s.amp * gauss(u - s.cx2, v - s.cy2, s.sigma);
    case 'negative':
      return s.amp * (gauss(u - s.cx, v - s.cy, s.sigma) - s.level);
    case 'quantized': {
      const levels = quantLevels(s);
      return Math.round(levels * s.amp * gauss(u - s.cx, v - s.cy, s.sigma)) / levels;
    }
    case 'expected': {
      const x0 = Math.floor(s.cx);
      const y0 = Math.floor(s.cy);
      const fx = s.cx - x0;
      const fy = s.cy - y0;
      return (
        s.amp *
        ((1 - fx) * (1 - fy) * gauss(u - x0, v - y0, s.sigma) +
          fx * (1 - fy) * gauss(u - x0 - 1, v - y0, s.sigma) +
          (1 - fx) * fy * gauss(u - x0, v - y0 - 1, s.sigma) +
          fx * fy * gauss(u - x0 - 1, v - y0 - 1, s.sigma))
      );
    }
  }
}

/** Shape and storage of a rendered heatmap tensor. */
export interface RenderShape {
  /** 0 for an unbatched `[K, H, W]` tensor, else the batch size B of `[B, K, H, W]`. */
  B: number;
  K: number;
  H: number;
  W: number;
  layout: Layout;
  dtype: 'float32' | 'float64';
}

/**
 * Render `specs` (`max(B, 1)·K` channels, batch-major) into a fresh tensor of
 * logical shape `[K, H, W]` / `[B, K, H, W]`, stored as `layout`, with the
 * content translated by the integer offset `(dx, dy)`.
 * Checked first: `shape` B ∈ [0, 2^20], K ∈ [0, 2^20], H, W ∈ [1, 2^20],
 * layout 'NCHW' (default) or 'NHWC', dtype 'float32' or 'float64' (default);
 * the tensor must fit the 1 GiB cap; `specs` at least max(B, 1)·K valid
 * {@link ChannelSpec}s; dx, dy integers.
 */
export function renderHeatmaps(specs: readonly ChannelSpec[], shape: RenderShape, dx = 0, dy = 0): NdArray {
  const o = checkOptionsBag('shape', shape, true);
  const B0 = checkInt('shape.B', o.B ?? 0, 0, 2 ** 20);
  const K = checkInt('shape.K', o.K, 0, 2 ** 20);
  const H = checkInt('shape.H', o.H, 1, 2 ** 20);
  const W = checkInt('shape.W', o.W, 1, 2 ** 20);
  const layout = checkChoice<Layout>('shape.layout', o.layout, ['NCHW', 'NHWC']);
  const dtype = checkChoice<'float64' | 'float32'>('shape.dtype', o.dtype, ['float64', 'float32']);
  const B = Math.max(B0, 1);
  const n = B * K * H * W;
  checkAllocation('shape (rendered tensor)', n, dtype === 'float32' ? 4 : 8);
  if (!Array.isArray(specs)) throw new TypeError(`specs must be an array of channel specs, got ${specs === null ? 'null' : typeof specs}`);
  if (specs.length < B * K) throw new RangeError(`specs must hold max(B, 1)·K = ${B * K} channel specs, got ${specs.length}`);
  for (let i = 0; i < B * K; i++) checkChannelSpec(`specs[${i}]`, specs[i]);
  checkInt('dx', dx, -(2 ** 30), 2 ** 30);
  checkInt('dy', dy, -(2 ** 30), 2 ** 30);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < K; k++) {
      const s = specs[b * K + k];
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const i = layout === 'NCHW' ? ((b * K + k) * H + y) * W + x : ((b * H + y) * W + x) * K + k;
          data[i] = value(s, x - dx, y - dy);
        }
    }
  const batched = B0 > 0;
  if (layout === 'NCHW') return ndarray(data, batched ? [B, K, H, W] : [K, H, W]);
  return batched ? ndarray(data, [B, H, W, K]).transpose(0, 3, 1, 2) : ndarray(data, [H, W, K]).transpose(2, 0, 1);
}

/**
 * The same logical values in the other layout: a C-order copy (`'NCHW'`) or an
 * NHWC copy viewed through `.transpose` (`'NHWC'`). Works for rank 3 and 4
 * (`heatmaps` a Float32/Float64 ndarray `[K, H, W]` / `[B, K, H, W]`, any strides; `layout` checked).
 */
export function toLayout(heatmaps: NdArray, layout: Layout): NdArray {
  const hv = heatmapView('heatmaps', heatmaps);
  checkChoice('layout', layout ?? '', ['NCHW', 'NHWC']);
  const shape = heatmaps.shape.slice();
  const rank = shape.length;
  const { B, K, H, W } = hv;
  const f32 = hv.data instanceof Float32Array;
  const n = B * K * H * W;
  checkAllocation('heatmaps (layout copy)', n, f32 ? 4 : 8);
  const data = f32 ? new Float32Array(n) : new Float64Array(n);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < K; k++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const v = hv.data[hv.offset + b * hv.sB + k * hv.sK + y * hv.sH + x * hv.sW];
          const i = layout === 'NCHW' ? ((b * K + k) * H + y) * W + x : ((b * H + y) * W + x) * K + k;
          data[i] = v;
        }
  if (layout === 'NCHW') return ndarray(data, shape);
  return rank === 4 ? ndarray(data, [B, H, W, K]).transpose(0, 3, 1, 2) : ndarray(data, [H, W, K]).transpose(2, 0, 1);
}

/** A short description of one channel, for counterexample reports. */
export function describeChannel(s: ChannelSpec): string {
  const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4));
  const base = `${s.kind}`;
  if (s.kind === 'zero') return base;
  let t = `${base} μ=(${f(s.cx)}, ${f(s.cy)}) σ=${f(s.sigma)} amp=${f(s.amp)}`;
  if (s.kind === 'twoPeaks') t += ` μ2=(${f(s.cx2)}, ${f(s.cy2)}) amp2=${f(s.ratio2 * s.amp)}`;
  if (s.kind === 'noisy') t += ` noise=${f(s.level * s.amp)} seed=${s.seed}`;
  if (s.kind === 'negative') t += ` shift=−${f(s.level * s.amp)}`;
  if (s.kind === 'quantized') t += ` levels=${quantLevels(s)}`;
  return t;
}
