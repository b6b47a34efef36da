/**
 * Reading and comparing decoder outputs for the law checkers: any decoder that
 * returns keypoints (an ndarray `[..., K, 2]`, or `{ keypoints, scores? }`)
 * is flattened to (x, y) pairs in logical order, whatever its strides.
 */
import type { NdArray } from 'ndarray';

/** What a decoder under test may return. */
export type DecodeOutput = NdArray | { keypoints: NdArray; scores?: NdArray };
/** A heatmap decoder: `[K, H, W]` or `[B, K, H, W]` heatmaps → keypoints (heatmap px, or input px for codecs). */
export type Decoder = (heatmaps: NdArray) => DecodeOutput;

/** Thrown by law predicates: the message is the readable violation. */
export class LawViolation extends Error {
  override name = 'LawViolation';
}

/** All values of an ndarray in logical C order (any strides, offsets). */
export function flatten(a: NdArray): Float64Array {
  const shape = a.shape;
  const n = shape.reduce((p, v) => p * v, 1);
  const out = new Float64Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let p = a.offset;
    for (let d = 0; d < shape.length; d++) p += idx[d] * a.stride[d];
    out[i] = (a.data as ArrayLike<number>)[p];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function isNd(x: unknown): x is NdArray {
  return x !== null && typeof x === 'object' && Array.isArray((x as NdArray).shape) && Array.isArray((x as NdArray).stride);
}

/** Flattened keypoints (x, y pairs) and scores (when returned) of a decoder output. */
export function readOutput(out: DecodeOutput, who = 'decoder'): { xy: Float64Array; scores?: Float64Array } {
  if (isNd(out)) return { xy: flatten(out) };
  if (out && typeof out === 'object' && isNd(out.keypoints)) return { xy: flatten(out.keypoints), scores: out.scores && isNd(out.scores) ? flatten(out.scores) : undefined };
  throw new LawViolation(`${who} must return keypoints as an ndarray [..., K, 2] or { keypoints, scores }, got ${String(out)}`);
}

/** Equal within tolerance: both NaN, or |a − b| ≤ tol·max(1, |a|, |b|) when `relative`, else ≤ tol. */
export function close(a: number, b: number, tol: number, relative = false): boolean {
  if (a !== a || b !== b) return a !== a && b !== b;
  if (a === b) return true;
  const scale = relative ? Math.max(1, Math.abs(a), Math.abs(b)) : 1;
  return Math.abs(a - b) <= tol * scale;
}

/** Short number formatting for reports. */
export function fmt(v: number): string {
  if (v !== v) return 'NaN';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(4) : v.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Compare two flat (x, y) lists pairwise; throws {@link LawViolation} at the
 * first pair outside tolerance, naming keypoint index, both values and `what`.
 */
export function expectPairs(got: Float64Array, want: Float64Array, tol: number, what: string, relative = false): void {
  if (got.length !== want.length) throw new LawViolation(`${what}: got ${got.length / 2} keypoints, expected ${want.length / 2}`);
  for (let i = 0; i < got.length; i += 2) {
    if (!close(got[i], want[i], tol, relative) || !close(got[i + 1], want[i + 1], tol, relative)) {
      const err = Math.max(Math.abs(got[i] - want[i]), Math.abs(got[i + 1] - want[i + 1]));
      throw new LawViolation(
        `${what}: keypoint ${i / 2} is (${fmt(got[i])}, ${fmt(got[i + 1])}), expected (${fmt(want[i])}, ${fmt(want[i + 1])}); ` +
          `|Δ| = ${fmt(err)} > tolerance ${fmt(tol)}${relative ? ' (relative)' : ''}`,
      );
    }
  }
}

/** Compare two flat value lists (scores); throws {@link LawViolation} at the first mismatch. */
export function expectValues(got: Float64Array, want: Float64Array, tol: number, what: string, relative = false): void {
  if (got.length !== want.length) throw new LawViolation(`${what}: got ${got.length} values, expected ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    if (!close(got[i], want[i], tol, relative)) throw new LawViolation(`${what}: value ${i} is ${fmt(got[i])}, expected ${fmt(want[i])} (tolerance ${fmt(tol)})`);
  }
}
