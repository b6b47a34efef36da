/**
 * OpenCV-compatible 1-D Gaussian kernels (`cv2.getGaussianKernel`, OpenCV 4.x
 * `getGaussianKernelBitExact` in `opencv/modules/imgproc/src/smooth.dispatch.cpp`).
 *
 * With `sigma <= 0` OpenCV derives σ from the size, `σ = 0.15·k + 0.35`
 * (= 0.3·((k−1)/2 − 1) + 0.8: σ = 2 for k = 11, 2.9 for k = 17, 3.8 for k = 23),
 * **except** for k = 1, 3, 5, 7 and 9, where it uses fixed binomial tables:
 * k=3 → [1,2,1]/4, k=5 → [1,4,6,4,1]/16, k=7 → [2,7,14,18,14,7,2]/64,
 * k=9 → [4,13,30,51,60,51,30,13,4]/256. Ports that evaluate the formula for
 * every k silently differ there (and older ports that stop at 7 differ at 9).
 *
 * Otherwise the weights are `exp(−x²/(2σ²))`, summed and normalised in
 * double in OpenCV's order (half the taps, doubled, plus the centre; each
 * weight times 1/sum). For float32 images OpenCV stores the kernel as
 * float32 (`CV_32F`); the weights returned here are rounded the same way.
 *
 * Cost: O(k). Kernels are cached (at most {@link KERNEL_CACHE_LIMIT} entries,
 * least recently used evicted) and every call returns a fresh copy, so a
 * caller that writes into its kernel cannot change anyone else's.
 */
import { checkPositiveInt } from './ndarray.js';

/** OpenCV's fixed tables for σ ≤ 0 (`getGaussianKernelBitExact`, n = 1, 3, 5, 7, 9), as exact binary fractions. */
const SMALL_GAUSSIAN_TAB: ReadonlyMap<number, readonly number[]> = new Map([
  [1, Object.freeze([1])],
  [3, Object.freeze([1, 2, 1].map((v) => v / 4))],
  [5, Object.freeze([1, 4, 6, 4, 1].map((v) => v / 16))],
  [7, Object.freeze([2, 7, 14, 18, 14, 7, 2].map((v) => v / 64))],
  [9, Object.freeze([4, 13, 30, 51, 60, 51, 30, 13, 4].map((v) => v / 256))],
]);

/** Most kernels kept in the cache (distinct `(ksize, sigma)` pairs). */
export const KERNEL_CACHE_LIMIT = 64;

/** σ that OpenCV uses for a kernel of size k when asked for σ ≤ 0 (`mulAdd(n, 0.15, 0.35)`). */
export function cvSigmaForKernel(ksize: number): number {
  return 0.15 * ksize + 0.35;
}

/** Float32-rounded weights of the Gaussian of size `ksize` and σ `s` (> 0), in OpenCV's summation order. */
function formulaKernel(ksize: number, s: number): Float64Array {
  const scale2X = -0.125 / (s * s); // OpenCV: x runs over 1 − n, 3 − n, … (twice the offset), so −0.5/4
  const n2 = (ksize - 1) >> 1;
  const values = new Float64Array(n2);
  let sum = 0;
  for (let i = 0, x = 1 - ksize; i < n2; i++, x += 2) {
    values[i] = Math.exp(x * x * scale2X);
    sum += values[i];
  }
  sum = sum * 2 + 1;
  const mul1 = 1 / sum;
  const t = new Float64Array(ksize);
  for (let i = 0; i < n2; i++) t[i] = t[ksize - 1 - i] = Math.fround(values[i] * mul1);
  t[n2] = Math.fround(mul1);
  return t;
}

const cache = new Map<string, Float64Array>();

/**
 * `cv2.getGaussianKernel(ksize, sigma, CV_32F)` as a fresh Float64Array of
 * float32-rounded weights (length `ksize`, symmetric, sum ≈ 1).
 * @param ksize odd kernel size in [1, 4097] (`name` is used in the error message)
 * @param sigma standard deviation in pixels (finite); ≤ 0 → OpenCV's size rule / fixed tables
 */
export function cvGaussianKernel(ksize: number, sigma = 0, name = 'kernelSize'): Float64Array {
  checkPositiveInt(name, ksize);
  if (ksize % 2 !== 1) throw new RangeError(`${name} must be odd, got ${ksize}`);
  if (ksize > 4097) throw new RangeError(`${name} must be <= 4097, got ${ksize}`);
  if (typeof sigma !== 'number' || !Number.isFinite(sigma)) throw new RangeError(`sigma must be a finite number, got ${String(sigma)}`);
  const key = `${ksize}:${sigma <= 0 ? 0 : sigma}`;
  let t = cache.get(key);
  if (t) {
    cache.delete(key); // re-insert below: the Map's order is the LRU order
  } else {
    const fixed = sigma <= 0 ? SMALL_GAUSSIAN_TAB.get(ksize) : undefined;
    t = fixed ? Float64Array.from(fixed) : formulaKernel(ksize, sigma > 0 ? sigma : cvSigmaForKernel(ksize));
    if (cache.size >= KERNEL_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, t);
  return t.slice();
}
