/**
 * Per-instance boxes and box diagonals of the bottom-up codecs: mmpose 1.x
 * `get_instance_bbox` and `get_diagonal_lengths`
 * (`codecs/utils/instance_property.py`), used by SPR (DEKR) and CID.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { keypointView, matrixView, zerosF64, type KeypointView, type MatrixView } from '../core/ndarray.js';

/** Validated `(keypoints, visible?)` of the instance-property functions. */
export interface InstanceInputs {
  kv: KeypointView;
  /** Undefined: every keypoint counts as visible (mmpose `keypoints_visible=None`). */
  vis: MatrixView | undefined;
  /** `Math.fround` for Float32Array keypoints (numpy then computes in float32), else the identity. */
  f: (x: number) => number;
}

const identity = (x: number): number => x;

/**
 * Validate keypoints `[N, K, ≥2]` and optional visibility `[N, K]`; visible
 * keypoints (`visible > 0`) must be finite.
 * @throws TypeError / RangeError naming `keypoints` or `visible`
 */
export function instanceInputs(keypoints: NdArray, visible?: NdArray | null): InstanceInputs {
  const kv = keypointView('keypoints', keypoints);
  const vis = visible === undefined || visible === null ? undefined : matrixView('visible', visible, { N: kv.N, K: kv.K });
  for (let n = 0; n < kv.N; n++) {
    for (let k = 0; k < kv.K; k++) {
      if (!isVisible(vis, n, k)) continue;
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`keypoints[${n}][${k}] must be finite for a visible keypoint (visible > 0), got (${x}, ${y})`);
    }
  }
  return { kv, vis, f: kv.data instanceof Float32Array ? Math.fround : identity };
}

/** mmpose's instance-property visibility test: `keypoints_visible > 0` (0.3 and 2 count; NaN does not). */
export function isVisible(vis: MatrixView | undefined, n: number, k: number): boolean {
  return vis === undefined || vis.data[vis.offset + n * vis.sN + k * vis.sK] > 0;
}

/**
 * Raw extent `[min x, min y, max x, max y]` of instance n's visible keypoints
 * into `out[o..o+3]` (input dtype values, no rounding); false (zeros) when none.
 */
export function extentOf(inp: InstanceInputs, n: number, out: Float64Array, o: number): boolean {
  const { kv, vis } = inp;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < kv.K; k++) {
    if (!isVisible(vis, n, k)) continue;
    const p = kv.offset + n * kv.sN + k * kv.sK;
    const x = kv.data[p];
    const y = kv.data[p + kv.sD];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 === Infinity) {
    out.fill(0, o, o + 4);
    return false;
  }
  out[o] = x0;
  out[o + 1] = y0;
  out[o + 2] = x1;
  out[o + 3] = y1;
  return true;
}

/** Box `[x1, y1, x2, y2]` of instance n into `out[o..o+3]`, rounded to float32 (mmpose's float32 bbox array); false (zeros) when none. */
export function boxOf(inp: InstanceInputs, n: number, out: Float64Array, o: number): boolean {
  const ok = extentOf(inp, n, out, o);
  for (let i = o; i < o + 4; i++) out[i] = Math.fround(out[i]);
  return ok;
}

/**
 * Box of each instance's visible keypoints, mmpose `get_instance_bbox`:
 * `(min x, min y, max x, max y)` over keypoints with `visible > 0` (all of
 * them when `visible` is left out), zeros for an instance without one.
 * float32-exact (mmpose stores the boxes as float32). Units: those of
 * `keypoints`. Cost: O(N·K).
 *
 * @param keypoints `[N, K, ≥2]` (x, y), any strides, Float32Array or Float64Array
 * @param visible `[N, K]` visibility, or undefined / null for all visible
 * @returns boxes `[N, 4]` (x1, y1, x2, y2), Float64Array
 */
export function instanceBoxes(keypoints: NdArray, visible?: NdArray | null): NdArray<Float64Array> {
  const inp = instanceInputs(keypoints, visible);
  const out = zerosF64([inp.kv.N, 4], 'boxes');
  for (let n = 0; n < inp.kv.N; n++) boxOf(inp, n, out.data, 4 * n);
  return out;
}

/** float32 `sqrt(w² + h²)` of a float32 box (numpy on the float32 bbox array). */
export function boxDiagonal(box: Float64Array, o: number): number {
  const f = Math.fround;
  const w = f(box[o + 2] - box[o]);
  const h = f(box[o + 3] - box[o + 1]);
  return f(Math.sqrt(f(f(w * w) + f(h * h))));
}

/**
 * Diagonal of each instance's box (see {@link instanceBoxes}), mmpose
 * `get_diagonal_lengths`: `sqrt(w² + h²)` in float32 (exactly, so a 4×4 box
 * gives float32 √32 = 5.6568542, below float64 √32 = DEKR's minimal length);
 * 0 with no or a single visible keypoint. Cost: O(N·K).
 *
 * @param keypoints `[N, K, ≥2]` (x, y), any strides
 * @param visible `[N, K]` visibility, or undefined / null for all visible
 * @returns lengths `[N]`, Float64Array (float32 values)
 */
export function diagonalLengths(keypoints: NdArray, visible?: NdArray | null): NdArray<Float64Array> {
  const inp = instanceInputs(keypoints, visible);
  const N = inp.kv.N;
  const out = new Float64Array(N);
  const box = new Float64Array(4);
  for (let n = 0; n < N; n++) {
    boxOf(inp, n, box, 0);
    out[n] = boxDiagonal(box, 0);
  }
  return ndarray(out, [N]);
}
