/**
 * OpenCV's fixed-point source coordinates for `warpAffine` (INTER_LINEAR),
 * bit for bit (oracle/warp/FORMAT.md "OpenCV's bilinear warp", steps 2-3):
 * each destination pixel's source point is rounded to 1/1024 px per matrix
 * term, summed, and rounded half-up to 1/32 px (`INTER_BITS = 5`).
 */
import type { Affine } from '../core/geometry.js';
import { roundHalfEven } from '../core/round-half-even.js';

/** `AB_BITS`: 10 fraction bits for the per-term coordinates (imgwarp.cpp:2553). */
export const AB_SCALE = 1024;
/** `INTER_TAB_SIZE`: 32 sub-pixel positions per axis (imgproc.hpp:287-290). */
export const INTER_TAB_SIZE = 32;
/** `AB_SCALE / INTER_TAB_SIZE / 2`: turns the later `>> 5` into round-half-up (imgwarp.cpp:2172-2174). */
const ROUND_DELTA = 16;

/**
 * `cvRound` / `saturate_cast<int>(double)` on x86 (`_mm_cvtsd_si32`,
 * core/fast_math.hpp:199-208): round half to even; NaN and values outside
 * int32 give INT_MIN (the "integer indefinite" value), not a clamp.
 */
export function cvRound(v: number): number {
  const r = roundHalfEven(v);
  return r >= -2147483648 && r <= 2147483647 ? r | 0 : -2147483648; // | 0: an int (no −0)
}

/**
 * Per destination column x: `adelta[x] = cvRound(M0·x·1024)`,
 * `bdelta[x] = cvRound(M3·x·1024)` (imgwarp.cpp:2556-2560, `hal::warpAffine`),
 * for the **inverse** (destination → source) matrix `inv`.
 */
export function columnDeltas(inv: Affine, w: number, adelta: Int32Array, bdelta: Int32Array): void {
  const m0 = inv[0];
  const m3 = inv[3];
  for (let x = 0; x < w; x++) {
    adelta[x] = cvRound(m0 * x * AB_SCALE);
    bdelta[x] = cvRound(m3 * x * AB_SCALE);
  }
}

/** Row start `X0 = cvRound((M1·y + M2)·1024) + 16` (imgwarp.cpp:2199), int32 wrap-around as in C. */
export function rowStartX(inv: Affine, y: number): number {
  return (cvRound((inv[1] * y + inv[2]) * AB_SCALE) + ROUND_DELTA) | 0;
}

/** Row start `Y0 = cvRound((M4·y + M5)·1024) + 16` (imgwarp.cpp:2200). */
export function rowStartY(inv: Affine, y: number): number {
  return (cvRound((inv[4] * y + inv[5]) * AB_SCALE) + ROUND_DELTA) | 0;
}
