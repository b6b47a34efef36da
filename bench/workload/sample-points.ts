/**
 * Random sub-pixel keypoints for the round-trip benchmark, in input pixels.
 *
 * Two bands, because every decoder's interior rule breaks near the edges:
 * - `interior`: uniform in the central 80 % of the crop (the protocol of the
 *   codecs.md §8.3 simulation, so the numbers compare);
 * - `border`: uniform over the crop `[0, w−1] × [0, h−1]` restricted to points
 *   within `band` input px of an edge (the benchmark uses two heatmap pixels).
 */
import type { Prng } from '../../src/core/prng.js';

export type Band = 'interior' | 'border';

/**
 * `n` points as flat `[x0, y0, x1, y1, …]` input px.
 * @param inputSize `[w, h]` input px
 * @param bandWidth border band width in input px (ignored for `interior`)
 */
export function samplePoints(rng: Prng, n: number, inputSize: [number, number], band: Band, bandWidth = 0): Float64Array {
  const [w, h] = inputSize;
  const out = new Float64Array(2 * n);
  if (band === 'interior') {
    for (let i = 0; i < n; i++) {
      out[2 * i] = rng.uniform(0.1 * w, 0.9 * w);
      out[2 * i + 1] = rng.uniform(0.1 * h, 0.9 * h);
    }
    return out;
  }
  if (!(bandWidth > 0) || 2 * bandWidth >= Math.min(w, h)) throw new RangeError(`bandWidth must be in (0, min(w, h)/2), got ${bandWidth}`);
  for (let i = 0; i < n; ) {
    const x = rng.uniform(0, w - 1);
    const y = rng.uniform(0, h - 1);
    if (x < bandWidth || x > w - 1 - bandWidth || y < bandWidth || y > h - 1 - bandWidth) {
      out[2 * i] = x;
      out[2 * i + 1] = y;
      i++;
    }
  }
  return out;
}

/** Scale flat points by `[sx, sy]` per axis (input px → heatmap px or back). */
export function scalePoints(xy: Float64Array, [sx, sy]: [number, number]): Float64Array {
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = xy[i] * sx;
    out[i + 1] = xy[i + 1] * sy;
  }
  return out;
}
