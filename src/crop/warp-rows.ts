/**
 * One destination row of OpenCV's bilinear `remap` with a constant border
 * (imgwarp.cpp `remapBilinear`, :669-850), sampled into a row buffer of
 * `w·C` values. Per pixel: `X = (X0 + adelta[x]) >> 5`, integer tap
 * `sx = X >> 5`, fraction `fx = X & 31` (likewise y); taps outside the image
 * read the border value, a pixel whose four taps are all outside is the
 * border value (FORMAT.md steps 3-7). Cost: O(w·C) per row.
 */
import type { ImageView } from './image-view.js';

/** Bilinear weights `(32−fx)(32−fy), fx(32−fy), (32−fx)fy, fx·fy` over 1024 for every (fy, fx): 1024 × 4 (exact doubles). */
const WEIGHTS = (() => {
  const t = new Float64Array(1024 * 4);
  for (let fy = 0; fy < 32; fy++)
    for (let fx = 0; fx < 32; fx++) {
      const i = 4 * (fy * 32 + fx);
      t[i] = ((32 - fx) * (32 - fy)) / 1024;
      t[i + 1] = (fx * (32 - fy)) / 1024;
      t[i + 2] = ((32 - fx) * fy) / 1024;
      t[i + 3] = (fx * fy) / 1024;
    }
  return t;
})();

/**
 * uint8: `(Σ (32−fx)(32−fy)·p00 + … + 512) >> 10`, which equals OpenCV's
 * `(Σ p·W + 16384) >> 15` with its exact 15-bit weights `W = 32·a`
 * (`FixedPtCast<int, uchar, 15>`, imgwarp.cpp:311-318). Exact integers.
 */
export function sampleRowU8(v: ImageView, X0: number, Y0: number, ad: Int32Array, bd: Int32Array, w: number, cval: ArrayLike<number>, row: Int32Array): void {
  const { data, offset, sH, sW, sC, C, W, H } = v;
  const W1 = W - 1;
  const H1 = H - 1;
  let o = 0;
  for (let x = 0; x < w; x++, o += C) {
    const X = (X0 + ad[x]) >> 5;
    const Y = (Y0 + bd[x]) >> 5;
    const sx = X >> 5;
    const sy = Y >> 5;
    const fx = X & 31;
    const fy = Y & 31;
    const a01 = fx * (32 - fy);
    const a11 = fx * fy;
    const a00 = (32 - fy) * 32 - a01;
    const a10 = fy * 32 - a11;
    if (sx >>> 0 < W1 && sy >>> 0 < H1) {
      const p = offset + sy * sH + sx * sW;
      for (let c = 0, q = p; c < C; c++, q += sC) {
        row[o + c] = (data[q] * a00 + data[q + sW] * a01 + data[q + sH] * a10 + data[q + sH + sW] * a11 + 512) >> 10;
      }
    } else if (sx > W1 || sx < -1 || sy > H1 || sy < -1) {
      for (let c = 0; c < C; c++) row[o + c] = cval[c];
    } else {
      const in0x = sx >= 0;
      const in1x = sx + 1 <= W1;
      const in0y = sy >= 0;
      const in1y = sy + 1 <= H1;
      const p = offset + sy * sH + sx * sW;
      for (let c = 0, q = p; c < C; c++, q += sC) {
        const cv = cval[c];
        const v00 = in0x && in0y ? data[q] : cv;
        const v01 = in1x && in0y ? data[q + sW] : cv;
        const v10 = in0x && in1y ? data[q + sH] : cv;
        const v11 = in1x && in1y ? data[q + sH + sW] : cv;
        row[o + c] = (v00 * a00 + v01 * a01 + v10 * a10 + v11 * a11 + 512) >> 10;
      }
    }
  }
}

/**
 * The hot path of {@link sampleRowU8}: the first 3 channels of a uint8 image
 * with channel stride 1 (BGR, RGB, or RGBA with alpha ignored), the same
 * integers, written straight to their destination through a per-channel
 * lookup table — `dst[dc + x·dStep] = lut[lc + value]` for source channel c —
 * so a crop + normalise (lut = normalised levels) or a plain uint8 crop
 * (lut = identity) needs no row buffer.
 */
export function sampleRowU8x3(
  v: ImageView,
  X0: number,
  Y0: number,
  ad: Int32Array,
  bd: Int32Array,
  w: number,
  cval: ArrayLike<number>,
  dst: Float32Array | Uint8Array | Uint8ClampedArray,
  d0: number,
  d1: number,
  d2: number,
  dStep: number,
  lut: Float32Array | Int32Array,
  l0: number,
  l1: number,
  l2: number,
): void {
  const { data, offset, sH, sW, W, H } = v;
  const W1 = W - 1;
  const H1 = H - 1;
  const b0 = lut[l0 + cval[0]];
  const b1 = lut[l1 + cval[1]];
  const b2 = lut[l2 + cval[2]];
  for (let x = 0, o = 0; x < w; x++, o += dStep) {
    const X = (X0 + ad[x]) >> 5;
    const Y = (Y0 + bd[x]) >> 5;
    const sx = X >> 5;
    const sy = Y >> 5;
    const fx = X & 31;
    const fy = Y & 31;
    const a01 = fx * (32 - fy);
    const a11 = fx * fy;
    const a00 = (32 - fy) * 32 - a01;
    const a10 = fy * 32 - a11;
    if (sx >>> 0 < W1 && sy >>> 0 < H1) {
      const p = offset + sy * sH + sx * sW;
      const q = p + sW;
      const r = p + sH;
      const t = r + sW;
      dst[d0 + o] = lut[l0 + ((data[p] * a00 + data[q] * a01 + data[r] * a10 + data[t] * a11 + 512) >> 10)];
      dst[d1 + o] = lut[l1 + ((data[p + 1] * a00 + data[q + 1] * a01 + data[r + 1] * a10 + data[t + 1] * a11 + 512) >> 10)];
      dst[d2 + o] = lut[l2 + ((data[p + 2] * a00 + data[q + 2] * a01 + data[r + 2] * a10 + data[t + 2] * a11 + 512) >> 10)];
    } else if (sx > W1 || sx < -1 || sy > H1 || sy < -1) {
      dst[d0 + o] = b0;
      dst[d1 + o] = b1;
      dst[d2 + o] = b2;
    } else {
      const in00 = sx >= 0 && sy >= 0;
      const in01 = sx + 1 <= W1 && sy >= 0;
      const in10 = sx >= 0 && sy + 1 <= H1;
      const in11 = sx + 1 <= W1 && sy + 1 <= H1;
      const p = offset + sy * sH + sx * sW;
      for (let c = 0; c < 3; c++) {
        const cv = cval[c];
        const q = p + c;
        const val = ((in00 ? data[q] : cv) * a00 + (in01 ? data[q + sW] : cv) * a01 + (in10 ? data[q + sH] : cv) * a10 + (in11 ? data[q + sH + sW] : cv) * a11 + 512) >> 10;
        if (c === 0) dst[d0 + o] = lut[l0 + val];
        else if (c === 1) dst[d1 + o] = lut[l1 + val];
        else dst[d2 + o] = lut[l2 + val];
      }
    }
  }
}

/** `((p00·w00 + p01·w01) + p10·w10) + p11·w11` with every product and sum rounded to float32 (`RemapNoVec`, work type float, no FMA; imgwarp.cpp:727-729, 850). */
function f32Bilinear(p00: number, p01: number, p10: number, p11: number, t: Float64Array, i: number): number {
  const f = Math.fround;
  return f(f(f(f(p00 * t[i]) + f(p01 * t[i + 1])) + f(p10 * t[i + 2])) + f(p11 * t[i + 3]));
}

/** The same sum in double (CV_64F images: work type double). */
function f64Bilinear(p00: number, p01: number, p10: number, p11: number, t: Float64Array, i: number): number {
  return p00 * t[i] + p01 * t[i + 1] + p10 * t[i + 2] + p11 * t[i + 3];
}

/**
 * float32 / float64 images: the weights `a/1024` are exact; float32 images are
 * float32-exact (each op rounded as OpenCV's SSE2 baseline does), float64
 * images use double arithmetic.
 */
export function sampleRowFloat(v: ImageView, X0: number, Y0: number, ad: Int32Array, bd: Int32Array, w: number, cval: ArrayLike<number>, row: Float32Array | Float64Array): void {
  const { data, offset, sH, sW, sC, C, W, H } = v;
  const mix = v.kind === 'f32' ? f32Bilinear : f64Bilinear;
  const W1 = W - 1;
  const H1 = H - 1;
  const t = WEIGHTS;
  let o = 0;
  for (let x = 0; x < w; x++, o += C) {
    const X = (X0 + ad[x]) >> 5;
    const Y = (Y0 + bd[x]) >> 5;
    const sx = X >> 5;
    const sy = Y >> 5;
    const ti = 4 * ((Y & 31) * 32 + (X & 31));
    if (sx >>> 0 < W1 && sy >>> 0 < H1) {
      const p = offset + sy * sH + sx * sW;
      for (let c = 0, q = p; c < C; c++, q += sC) row[o + c] = mix(data[q], data[q + sW], data[q + sH], data[q + sH + sW], t, ti);
    } else if (sx > W1 || sx < -1 || sy > H1 || sy < -1) {
      for (let c = 0; c < C; c++) row[o + c] = cval[c];
    } else {
      const in0x = sx >= 0;
      const in1x = sx + 1 <= W1;
      const in0y = sy >= 0;
      const in1y = sy + 1 <= H1;
      const p = offset + sy * sH + sx * sW;
      for (let c = 0, q = p; c < C; c++, q += sC) {
        const cv = cval[c];
        row[o + c] = mix(in0x && in0y ? data[q] : cv, in1x && in0y ? data[q + sW] : cv, in0x && in1y ? data[q + sH] : cv, in1x && in1y ? data[q + sH + sW] : cv, t, ti);
      }
    }
  }
}
