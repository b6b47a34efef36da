/**
 * The constants of MoveNet's in-graph decode, as the graphs store them
 * (float16, since tfjs-converter quantised the graph), and the float16
 * rounding that reproduces them.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkPositiveInt, zerosF32 } from '../core/ndarray.js';

/**
 * Round `x` to float32, then to the nearest float16 value with halfway cases
 * away from zero (the rule the stored MoveNet constants follow: numpy's
 * ties-to-even disagrees on 8 of Thunder's 4096 centre weights). Subnormals
 * kept, overflow (|x| ≥ 65520) → ±Infinity.
 */
export function roundFloat16(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`x must be a number, got ${x === null ? 'null' : typeof x}`);
  const f = Math.fround(x);
  if (f === 0 || !Number.isFinite(f)) return f;
  const a = Math.abs(f);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, -14) - 10);
  const r = Math.floor(a / ulp + 0.5) * ulp; // a / ulp is exact: ulp is a power of two
  return Math.sign(f) * (r >= 65520 ? Infinity : r);
}

/** MultiPose centre NMS tolerance: `|c − maxpool(c)| < 1e-6` with 1e-6 as float16 (= 17·2⁻²⁴). */
export const CENTER_NMS_TOLERANCE = 1.0132789611816406e-6;
/** MultiPose keypoint Gaussian scale: the squared distance is divided by `min(h, w)·0.3` (0.3 as float16). */
export const KEYPOINT_SIGMA_SCALE = 0.300048828125;
/** MultiPose person score counts keypoints with score > 0.127 (float16). */
export const KEYPOINT_SCORE_THRESHOLD = 0.126953125;
/** Thunder's keypoint weighting `σ(heatmap) / (distance + 1.8)`, 1.8 as float16. */
export const DISTANCE_BIAS = 1.7998046875;
/** MultiPose centre NMS window (max-pool 5×5, SAME padding). */
export const CENTER_NMS_KERNEL = 5;

/**
 * Thunder's centre weight `1/(sqrt((i − H/2)² + (j − W/2)²) + 1.8)` rounded as
 * the graph stores it ({@link roundFloat16}): exactly the 64×64 graph constant
 * (`data/heatmaps/movenet-heads/thunder_center_weight.f32`) for H = W = 64;
 * the same formula for other sizes. Fresh `[H, W]` Float32Array ndarray.
 */
export function movenetCenterWeight(H: number, W: number): NdArray<Float32Array> {
  checkPositiveInt('H', H);
  checkPositiveInt('W', W);
  if (H > 16384 || W > 16384) throw new RangeError(`H, W must be <= 16384 (a MoveNet centre map), got ${H} x ${W}`);
  const out = zerosF32([H, W], 'centerWeight');
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      out.data[i * W + j] = roundFloat16(1 / (Math.sqrt((i - H / 2) ** 2 + (j - W / 2) ** 2) + 1.8));
    }
  }
  return ndarray(out.data, [H, W]);
}
