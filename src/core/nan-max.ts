/**
 * The one NaN-aware maximum scan of posecodec, with numpy's rules: the first
 * maximum in C order wins (`np.argmax`), a NaN is the maximum at its first
 * position (`np.argmax`, and `np.max` returns NaN). Used by the argmax
 * decoders, the blur rescale, DARK-UDP, soft-argmax and the UDP combined
 * decoder.
 *
 * Cost: one pass over the plane, no allocation. The contiguous path keeps
 * four independent lanes (each its first maximum and index; `!(v <= m)` is
 * true for a new maximum and for NaN, a branch almost never taken on
 * heatmaps), then merges them by value and, on a tie, by the smaller index:
 * about 1.05× one summing pass on network-like maps and 1.25× on a ramp
 * (every value a new maximum), where a max pass plus `indexOf` costs 1.3–2×.
 */
import type { Plane } from './types.js';

function nanAt(out: Float64Array, index: number): number {
  out[0] = NaN;
  return index;
}

/**
 * Argmax of `n` contiguous values `data[base … base + n − 1]`: returns the
 * index (0-based, relative to `base`) of the first maximum or first NaN and
 * writes its value to `out[0]` (−∞ and index 0 when n = 0).
 */
export function flatArgmax(data: ArrayLike<number>, base: number, n: number, out: Float64Array): number {
  const end = base + n;
  const end4 = base + (n & ~3);
  let m0 = -Infinity;
  let m1 = -Infinity;
  let m2 = -Infinity;
  let m3 = -Infinity;
  let i0 = base;
  let i1 = base + 1;
  let i2 = base + 2;
  let i3 = base + 3;
  let i = base;
  for (; i < end4; i += 4) {
    const a = data[i];
    const b = data[i + 1];
    const c = data[i + 2];
    const e = data[i + 3];
    // NaN enters every branch (comparisons with NaN are false) and wins at its first position, as in numpy.
    if (!(a <= m0)) {
      if (a !== a) return nanAt(out, i - base);
      m0 = a;
      i0 = i;
    }
    if (!(b <= m1)) {
      if (b !== b) return nanAt(out, i + 1 - base);
      m1 = b;
      i1 = i + 1;
    }
    if (!(c <= m2)) {
      if (c !== c) return nanAt(out, i + 2 - base);
      m2 = c;
      i2 = i + 2;
    }
    if (!(e <= m3)) {
      if (e !== e) return nanAt(out, i + 3 - base);
      m3 = e;
      i3 = i + 3;
    }
  }
  // Lanes that never updated hold −∞ at an index no smaller than lane 0's, so they never win a tie.
  let best = m0;
  let bi = i0;
  if (m1 > best || (m1 === best && i1 < bi)) {
    best = m1;
    bi = i1;
  }
  if (m2 > best || (m2 === best && i2 < bi)) {
    best = m2;
    bi = i2;
  }
  if (m3 > best || (m3 === best && i3 < bi)) {
    best = m3;
    bi = i3;
  }
  for (; i < end; i++) {
    const v = data[i];
    if (!(v <= best)) {
      if (v !== v) return nanAt(out, i - base);
      best = v;
      bi = i;
    }
  }
  out[0] = best;
  return n === 0 ? 0 : bi - base;
}

/**
 * Argmax of a strided plane in C order: returns the flat index `y·W + x` of
 * the first maximum or first NaN and writes its value to `out[0]`
 * (−∞ and 0 for an empty plane).
 */
export function planeArgmax(p: Plane, out: Float64Array): number {
  const { data, offset, H, W, sH, sW } = p;
  if (sW === 1 && (sH === W || H === 1)) return flatArgmax(data, offset, H * W, out);
  let best = -Infinity;
  let bestIdx = 0;
  for (let y = 0; y < H; y++) {
    const row = offset + y * sH;
    for (let x = 0; x < W; x++) {
      const val = data[row + x * sW];
      // One comparison per element on the common path: true for a new maximum and for NaN.
      if (!(val <= best)) {
        if (val !== val) return nanAt(out, y * W + x);
        best = val;
        bestIdx = y * W + x;
      }
    }
  }
  out[0] = best;
  return bestIdx;
}

const scratch = new Float64Array(1);

/** `np.max` of a strided plane: NaN if it holds a NaN, else its maximum (−∞ when empty). */
export function planeMax(p: Plane): number {
  planeArgmax(p, scratch);
  return scratch[0];
}

/** `np.max` of `n` contiguous values from `base`: NaN if any is NaN (−∞ when n = 0). */
export function flatMax(data: ArrayLike<number>, base: number, n: number): number {
  flatArgmax(data, base, n, scratch);
  return scratch[0];
}
