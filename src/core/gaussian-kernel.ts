/**
 * OpenCV-compatible 1-D Gaussian kernels (`cv2.getGaussianKernel`).
 *
 * With `sigma <= 0` OpenCV derives σ from the size, `σ = 0.3·((k−1)/2 − 1) + 0.8`
 * (σ = 2 for k = 11, 2.9 for k = 17, 3.8 for k = 23), **except** for odd k ≤ 7,
 * where it uses fixed binomial tables (`small_gaussian_tab` in
 * `opencv/modules/imgproc/src/smooth.dispatch.cpp`): k=3 → [1,2,1]/4,
 * k=5 → [1,4,6,4,1]/16, k=7 → [1,3.5,7,9,7,3.5,1]/32. Ports that evaluate the
 * formula for every k silently differ at k = 3, 5, 7.
 *
 * For float32 images OpenCV stores the kernel as float32 (`CV_32F`); the
 * weights returned here are rounded the same way. Cost: O(k).
 */
import { checkPositiveInt } from './ndarray.js';

const SMALL_GAUSSIAN_TAB: readonly (readonly number[])[] = [
  [1],
  [0.25, 0.5, 0.25],
  [0.0625, 0.25, 0.375, 0.25, 0.0625],
  [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
];

/** σ that OpenCV uses for a kernel of size k when asked for σ ≤ 0. */
export function cvSigmaForKernel(ksize: number): number {
  return 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;
}

const cache = new Map<string, Float64Array>();

/**
 * `cv2.getGaussianKernel(ksize, sigma, CV_32F)` as a Float64Array of float32-rounded weights.
 * @param ksize odd kernel size ≥ 1 (`name` is used in the error message)
 * @param sigma standard deviation in pixels; ≤ 0 → OpenCV's size rule / fixed tables
 */
export function cvGaussianKernel(ksize: number, sigma = 0, name = 'kernelSize'): Float64Array {
  checkPositiveInt(name, ksize);
  if (ksize % 2 !== 1) throw new RangeError(`${name} must be odd, got ${ksize}`);
  if (ksize > 4097) throw new RangeError(`${name} must be <= 4097, got ${ksize}`);
  const key = `${ksize}:${sigma}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const fixed = sigma <= 0 && ksize <= 7 ? SMALL_GAUSSIAN_TAB[ksize >> 1] : undefined;
  const s = sigma > 0 ? sigma : cvSigmaForKernel(ksize);
  const scale2X = -0.5 / (s * s);
  const t = new Float64Array(ksize);
  let sum = 0;
  for (let i = 0; i < ksize; i++) {
    const x = i - (ksize - 1) * 0.5;
    t[i] = fixed ? fixed[i] : Math.exp(scale2X * x * x);
    sum += t[i];
  }
  const inv = 1 / sum;
  for (let i = 0; i < ksize; i++) t[i] = Math.fround(t[i] * inv);
  cache.set(key, t);
  return t;
}
