/** Sub-pixel keypoints by band and visibility masks (heatmap px). */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { intArb, realArb, describeArb, type IntRange } from './common.js';
import { checkChoice, checkCount, checkInt, checkIntRange, checkNonNeg, checkNumberList, checkOptionsBag, checkSize, MAX_COUNT } from '../check-args.js';

const BANDS: readonly Band[] = ['interior', 'border', 'outside'];
/** Largest N·K of a generated keypoint set or visibility mask. */
const MAX_POINTS = 2 ** 16;

/** Where a keypoint lies relative to a `[W, H]` map. */
export type Band = 'interior' | 'border' | 'outside';

export interface KeypointOptions {
  /** `[W, H]` the coordinates refer to (heatmap px, or input px for codecs). */
  heatmapSize: readonly [number, number];
  /**
   * `'interior'` (default): both coordinates in `[margin, size−1−margin]`.
   * `'border'`: in the map, with at least one coordinate within `margin` of an edge.
   * `'outside'`: at least one coordinate in `[−outside, 0)` or `(size−1, size−1+outside]`.
   */
  band?: Band;
  /** Width of the border band (heatmap px). Default 2. */
  margin?: number;
  /** How far outside the map `'outside'` points go. Default 3. */
  outside?: number;
  /** Instances N (default 1) and keypoints K (default 1–3). */
  N?: IntRange;
  K?: IntRange;
}

/**
 * One sub-pixel coordinate on an axis of `size` pixels in the given band.
 * `size` an integer in [1, 2^24]; `band` a {@link Band}; `margin`, `outside`
 * finite ≥ 0 (px, at most 2^24); checked at creation.
 */
export function coordinate(size: number, band: Band = 'interior', margin = 2, outside = 3): fc.Arbitrary<number> {
  checkCount('size', size, 2 ** 24);
  checkChoice('band', band, BANDS);
  checkNonNeg('margin', margin, 2, 2 ** 24);
  checkNonNeg('outside', outside, 3, 2 ** 24);
  return coordinateArb(size, band, margin, outside);
}

function coordinateArb(size: number, band: Band, margin: number, outside: number): fc.Arbitrary<number> {
  const hi = size - 1;
  const m = Math.min(margin, hi / 2);
  if (band === 'interior') return realArb([m, hi - m]);
  if (band === 'border') return fc.oneof(realArb([0, m]), realArb([hi - m, hi]));
  return fc.oneof(realArb([-outside, 0]).filter((v) => v < 0), realArb([hi, hi + outside]).filter((v) => v > hi));
}

/**
 * Keypoints `[N, K, 2]` (x, y), Float64Array, sub-pixel, in the given band.
 * For `'border'` / `'outside'` one axis (chosen at random) is in the band and
 * the other in the map. Options are checked at creation: heatmapSize `[W, H]`
 * (integers in [1, 2^24]), band, margin / outside finite ≥ 0, N ∈ [1, 4096],
 * K ∈ [1, 4096] with N·K ≤ 2^16 (TypeError / RangeError naming `options.<field>`).
 */
export function keypoints(options: KeypointOptions): fc.Arbitrary<NdArray<Float64Array>> {
  const o = checkOptionsBag('options', options, true);
  if (o.heatmapSize === undefined) throw new TypeError('options.heatmapSize is required ([W, H])');
  const [W, H] = checkSize('options.heatmapSize', o.heatmapSize, 0);
  if (W > 2 ** 24 || H > 2 ** 24) throw new RangeError(`options.heatmapSize must have W, H <= 2^24, got [${W}, ${H}]`);
  const band = checkChoice('options.band', o.band, BANDS);
  const margin = checkNonNeg('options.margin', o.margin, 2, 2 ** 24);
  const outside = checkNonNeg('options.outside', o.outside, 3, 2 ** 24);
  const N = checkIntRange('options.N', o.N, 1, 1, MAX_COUNT);
  const K = checkIntRange('options.K', o.K, [1, 3], 1, MAX_COUNT);
  if (N[1] * K[1] > MAX_POINTS) throw new RangeError(`options.N × options.K must be <= ${MAX_POINTS}, got up to ${N[1] * K[1]}`);
  const point: fc.Arbitrary<[number, number]> =
    band === 'interior'
      ? fc.tuple(coordinateArb(W, 'interior', margin, outside), coordinateArb(H, 'interior', margin, outside))
      : fc.oneof(
          fc.tuple(coordinateArb(W, band, margin, outside), coordinateArb(H, 'interior', 0, outside)),
          fc.tuple(coordinateArb(W, 'interior', 0, outside), coordinateArb(H, band, margin, outside)),
        );
  return fc.tuple(intArb(N), intArb(K)).chain(([N, K]) =>
    fc.array(point, { minLength: N * K, maxLength: N * K }).map((pts) => {
      const a = ndarray(Float64Array.from(pts.flat()), [N, K, 2]);
      return describeArb(a, `keypoints[N=${N},K=${K}] ${JSON.stringify(pts.map(([x, y]) => [+x.toFixed(6), +y.toFixed(6)]))}`);
    }),
  );
}

/**
 * Visibility mask `[N, K]` (Float32Array).
 * @param options.values values to draw from (default `[0, 1]`; COCO flags: `[0, 1, 2]`)
 * @param options.minVisible at least this many entries per instance are > 0 (default 0, capped at K; some value must be > 0 when it is ≥ 1)
 * N and K are integers ≥ 0 with N·K ≤ 2^16; checked at creation (TypeError / RangeError naming `options.<field>`).
 */
export function visibility(options: { N: number; K: number; values?: readonly number[]; minVisible?: number }): fc.Arbitrary<NdArray<Float32Array>> {
  const o = checkOptionsBag('options', options, true);
  const N = checkInt('options.N', o.N, 0, MAX_POINTS);
  const K = checkInt('options.K', o.K, 0, MAX_POINTS);
  if (N * K > MAX_POINTS) throw new RangeError(`options.N × options.K must be <= ${MAX_POINTS}, got ${N * K}`);
  const values = o.values === undefined ? [0, 1] : checkNumberList('options.values', o.values, { minLength: 1, maxLength: 256 });
  const minVisible = o.minVisible === undefined ? 0 : checkInt('options.minVisible', o.minVisible, 0, MAX_POINTS);
  if (minVisible > 0 && !values.some((v) => v > 0)) throw new RangeError('options.values must hold a value > 0 when options.minVisible >= 1');
  const need = Math.min(minVisible, K);
  const positives = values.filter((v) => v > 0);
  const idx = Array.from({ length: K }, (_, i) => i);
  // At least `need` entries > 0 by construction (a filter would almost never pass for large K).
  const row =
    need === 0
      ? fc.array(fc.constantFrom(...values), { minLength: K, maxLength: K })
      : fc
          .tuple(fc.array(fc.constantFrom(...values), { minLength: K, maxLength: K }), fc.shuffledSubarray(idx, { minLength: need, maxLength: need }), fc.array(fc.constantFrom(...positives), { minLength: need, maxLength: need }))
          .map(([r, at, pos]) => {
            const out = r.slice();
            at.forEach((i, j) => (out[i] = out[i] > 0 ? out[i] : pos[j]));
            return out;
          });
  return fc
    .array(row, { minLength: N, maxLength: N })
    .map((rows) => describeArb(ndarray(Float32Array.from(rows.flat()), [N, K]), `visible[N=${N},K=${K}] ${JSON.stringify(rows)}`));
}
