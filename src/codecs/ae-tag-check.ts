/**
 * The tag check of the associative-embedding decode: every tag of an image
 * must be finite (mmpose would silently group NaN tags; posecodec throws a
 * RangeError naming `tags`, before any work on the image).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { boundsContiguous, type FillIndex } from './ae-fill-index.js';

/**
 * Check that image b's tags (all L·K channels) are finite — RangeError
 * `${name} must be finite, got NaN at [b, c, y, x]` for the first bad value in
 * C order. C-contiguous planes take a branch-free path (`Σ t·0` is 0 only for
 * finite values, four accumulators). With `index`, the chunk min/max of tag
 * component 0 (channels 0…K−1, contiguous planes) are recorded in the same
 * pass (the fill index's tag bounds; K = `index.K`). Cost: one pass over the
 * image's tags.
 */
export function checkTagsFinite(name: string, tv: HeatmapView, b: number, index?: FillIndex): void {
  const { H, W, sH, sW, data } = tv;
  const contiguous = sW === 1 && sH === W;
  for (let ch = 0; ch < tv.K; ch++) {
    const base = tv.offset + b * tv.sB + ch * tv.sK;
    let ok: boolean;
    if (index && contiguous && ch < index.K) {
      ok = boundsContiguous(data, base, H * W, index.tMin, index.tMax, ch * index.nChunks);
      index.ready[ch] |= 1;
    } else ok = contiguous ? finiteContiguous(data, base, H * W) : finiteStrided(data, base, sH, sW, H, W);
    if (!ok) locateNonFinite(name, data, base, sH, sW, H, W, b, ch);
  }
}

/** True when every value of a contiguous plane is finite (four branch-free accumulators; false may be a false alarm on float64 overflow). */
function finiteContiguous(d: ArrayLike<number>, base: number, n: number): boolean {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = base;
  const end = base + n;
  for (; i + 3 < end; i += 4) {
    a0 += d[i] * 0;
    a1 += d[i + 1] * 0;
    a2 += d[i + 2] * 0;
    a3 += d[i + 3] * 0;
  }
  for (; i < end; i++) a0 += d[i] * 0;
  return a0 + a1 + a2 + a3 === 0;
}

function finiteStrided(d: ArrayLike<number>, base: number, sH: number, sW: number, H: number, W: number): boolean {
  let a = 0;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) a += d[row + x * sW] * 0;
  }
  return a === 0;
}

/** Throw for the first non-finite value of plane (b, ch) in C order; return when there is none (a false alarm). */
function locateNonFinite(name: string, d: ArrayLike<number>, base: number, sH: number, sW: number, H: number, W: number, b: number, ch: number): void {
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const t = d[base + y * sH + x * sW];
      if (t - t !== 0) throw new RangeError(`${name} must be finite, got ${t} at [${b}, ${ch}, ${y}, ${x}]`);
    }
}
