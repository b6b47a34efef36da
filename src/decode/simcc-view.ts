/**
 * Flat-index access to SimCC tensors (`[N, K, W]` or `[K, W]`, any strides,
 * Float32Array or Float64Array), validated once at the boundary. Row (n, k)
 * bin i is `data[offset + n·sN + k·sK + i·sW]`; no copy is made.
 */
import type { NdArray } from 'ndarray';
import { checkNdArray, type FloatData } from '../core/ndarray.js';
import { flatArgmax } from '../core/nan-max.js';

/** One SimCC tensor as rows of bins. */
export interface SimccView {
  /** True for `[N, K, W]`, false for `[K, W]` (then N = 1, sN = 0). */
  batched: boolean;
  N: number;
  K: number;
  W: number;
  data: FloatData;
  offset: number;
  sN: number;
  sK: number;
  sW: number;
  /** `Math.fround` for Float32Array data (numpy then computes in float32), the identity for Float64Array. */
  f: (v: number) => number;
}

const identity = (v: number): number => v;

/** Validate one SimCC tensor (`ranks` 2 and/or 3) with W ≥ 1. */
export function simccView(name: string, x: unknown, ranks: readonly number[] = [2, 3]): SimccView {
  const a = checkNdArray<FloatData>(name, x, { ranks });
  const batched = a.shape.length === 3;
  const [N, K, W] = batched ? a.shape : [1, ...a.shape];
  const [sN, sK, sW] = batched ? a.stride : [0, ...a.stride];
  if (W < 1) throw new RangeError(`${name} must have at least one bin (W >= 1), got shape [${a.shape.join(', ')}]`);
  const f = a.data instanceof Float32Array ? Math.fround : identity;
  return { batched, N, K, W, data: a.data, offset: a.offset, sN, sK, sW, f };
}

/** The x and y tensors of one SimCC output, checked against each other. */
export interface SimccPairView {
  batched: boolean;
  N: number;
  K: number;
  x: SimccView;
  y: SimccView;
}

/**
 * Validate the two SimCC outputs: same rank (2 or 3), same N and K; the
 * bin counts Wx, Wy may differ. Errors name `x` / `y`.
 */
export function simccPairView(x: unknown, y: unknown, ranks: readonly number[] = [2, 3], names: readonly [string, string] = ['x', 'y']): SimccPairView {
  const [nx, ny] = names;
  const vx = simccView(nx, x, ranks);
  const vy = simccView(ny, y, ranks);
  if (vx.batched !== vy.batched) {
    throw new TypeError(`${nx} and ${ny} must have the same rank, got ${nx} rank ${vx.batched ? 3 : 2} and ${ny} rank ${vy.batched ? 3 : 2}`);
  }
  if (vx.N !== vy.N) throw new RangeError(`${ny} must have the same N as ${nx} (${vx.N} instances), got ${vy.N}`);
  if (vx.K !== vy.K) throw new RangeError(`${ny} must have the same K as ${nx} (${vx.K} keypoints), got ${vy.K}`);
  return { batched: vx.batched, N: vx.N, K: vx.K, x: vx, y: vy };
}

/**
 * Arg-maximum of the row starting at `base` (first maximum wins, a NaN wins
 * at its first position, as `np.argmax`), its value written to `out[0]`.
 * Contiguous rows use core's four-lane scan; cost one pass, no allocation.
 */
export function rowArgmaxAt(v: SimccView, base: number, out: Float64Array): number {
  if (v.sW === 1) return flatArgmax(v.data, base, v.W, out);
  const { data, sW, W } = v;
  let best = -Infinity;
  let bi = 0;
  for (let i = 0, p = base; i < W; i++, p += sW) {
    const x = data[p];
    if (!(x <= best)) {
      if (x !== x) {
        out[0] = NaN;
        return i;
      }
      best = x;
      bi = i;
    }
  }
  out[0] = best;
  return bi;
}

/** Base index of row (n, k). */
export function rowBase(v: SimccView, n: number, k: number): number {
  return v.offset + n * v.sN + k * v.sK;
}

/** Lead shape of per-keypoint results: `[N, K]` or `[K]`. */
export function leadShape(v: { batched: boolean; N: number; K: number }): number[] {
  return v.batched ? [v.N, v.K] : [v.K];
}

export type { NdArray };
