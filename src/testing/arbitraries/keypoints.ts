/** Sub-pixel keypoints by band and visibility masks (heatmap px). */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { intArb, realArb, describeArb, type IntRange } from './common.js';

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

/** One sub-pixel coordinate on an axis of `size` pixels in the given band. */
export function coordinate(size: number, band: Band = 'interior', margin = 2, outside = 3): fc.Arbitrary<number> {
  const hi = size - 1;
  const m = Math.min(margin, hi / 2);
  if (band === 'interior') return realArb([m, hi - m]);
  if (band === 'border') return fc.oneof(realArb([0, m]), realArb([hi - m, hi]));
  return fc.oneof(realArb([-outside, 0]).filter((v) => v < 0), realArb([hi, hi + outside]).filter((v) => v > hi));
}

/**
 * Keypoints `[N, K, 2]` (x, y), Float64Array, sub-pixel, in the given band.
 * For `'border'` / `'outside'` one axis (chosen at random) is in the band and
 * the other in the map.
 */
export function keypoints(options: KeypointOptions): fc.Arbitrary<NdArray<Float64Array>> {
  const [W, H] = options.heatmapSize;
  const band = options.band ?? 'interior';
  const margin = options.margin ?? 2;
  const outside = options.outside ?? 3;
  const point: fc.Arbitrary<[number, number]> =
    band === 'interior'
      ? fc.tuple(coordinate(W, 'interior', margin), coordinate(H, 'interior', margin))
      : fc.oneof(
          fc.tuple(coordinate(W, band, margin, outside), coordinate(H, 'interior', 0)),
          fc.tuple(coordinate(W, 'interior', 0), coordinate(H, band, margin, outside)),
        );
  return fc.tuple(intArb(options.N ?? 1), intArb(options.K ?? [1, 3])).chain(([N, K]) =>
    fc.array(point, { minLength: N * K, maxLength: N * K }).map((pts) => {
      const a = ndarray(Float64Array.from(pts.flat()), [N, K, 2]);
      return describeArb(a, `keypoints[N=${N},K=${K}] ${JSON.stringify(pts.map(([x, y]) => [+x.toFixed(6), +y.toFixed(6)]))}`);
    }),
  );
}

/**
 * Visibility mask `[N, K]` (Float32Array).
 * @param options.values values to draw from (default `[0, 1]`; COCO flags: `[0, 1, 2]`)
 * @param options.minVisible at least this many entries per instance are > 0 (default 0)
 */
export function visibility(options: { N: number; K: number; values?: readonly number[]; minVisible?: number }): fc.Arbitrary<NdArray<Float32Array>> {
  const { N, K } = options;
  const values = options.values ?? [0, 1];
  const minVisible = options.minVisible ?? 0;
  return fc
    .array(fc.array(fc.constantFrom(...values), { minLength: K, maxLength: K }), { minLength: N, maxLength: N })
    .filter((rows) => rows.every((r) => r.filter((v) => v > 0).length >= Math.min(minVisible, K)))
    .map((rows) => describeArb(ndarray(Float32Array.from(rows.flat()), [N, K]), `visible[N=${N},K=${K}] ${JSON.stringify(rows)}`));
}
