/**
 * Full SimCC decode: mmpose `SimCCLabel.decode` (`codecs/simcc_label.py:160-200`)
 * — arg-maxima, optional 1-D DARK, bins → input px, RTMW's visibility — read
 * straight from onnxruntime's two output tensors.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation } from '../core/ndarray.js';
import { roundHalfEven } from '../core/round-half-even.js';
import type { DecodeSimccOptions, SimccDecodeResult } from './simcc-types.js';
import { parseSimccOptions, type SimccDecodeSettings } from './simcc-options.js';
import { simccPairView, rowBase, leadShape, type SimccView } from './simcc-view.js';
import { rowArgmax, rowSoftmaxMaximum, combineScores } from './simcc-argmax.js';
import { softmaxMaximum, type SoftmaxMaximum } from './simcc-softmax.js';
import { darkRefineRowFull } from './simcc-dark.js';
import { darkScratch, darkRefineRowFast, type DarkScratch } from './simcc-dark-fast.js';

const f32 = Math.fround;

/** SimCC vector length for an input side: `np.around(side·splitRatio)` (33·1.5 = 49.5 → 50, 47·1.5 = 70.5 → 70). */
export function simccLength(side: number, splitRatio: number): number {
  return roundHalfEven(side * splitRatio);
}

export { checkSplitRatio, checkSimccSigma, type SimccDecodeSettings } from './simcc-options.js';
/** {@link parseSimccOptions} under its former name (the SimCC codec's import). */
export { parseSimccOptions as parseDecodeSimccOptions } from './simcc-options.js';

/** Check the vector lengths against `inputSize·splitRatio` (names `x`, `y`). */
export function checkSimccLengths(x: SimccView, y: SimccView, inputSize: readonly [number, number], splitRatio: number): void {
  const wx = simccLength(inputSize[0], splitRatio);
  const wy = simccLength(inputSize[1], splitRatio);
  if (x.W !== wx) throw new RangeError(`x must have ${wx} bins (round(w·splitRatio) = round(${inputSize[0]}·${splitRatio})), got ${x.W}: splitRatio does not match the vector length for this input size`);
  if (y.W !== wy) throw new RangeError(`y must have ${wy} bins (round(h·splitRatio) = round(${inputSize[1]}·${splitRatio})), got ${y.W}: splitRatio does not match the vector length for this input size`);
}

/**
 * Decode SimCC outputs to input-pixel keypoints, as mmpose
 * `SimCCLabel(input_size, sigma, simcc_split_ratio, use_dark, decode_visibility,
 * decode_beta).decode(simcc_x, simcc_y)`:
 *
 * 1. per keypoint, the arg-maxima of the x and y rows (first maximum wins)
 *    and the score `min(max x, max y)` (`score: 'mean'`: rtmlib's
 *    `(max x + max y)/2`); both coordinates −1 where the score is ≤ 0;
 * 2. with `dark`, each coordinate refined by {@link refineSimccDark} with
 *    kernel `k = ⌊(20σ − 7)/3⌋` made odd, per axis (σx for x, σy for y);
 * 3. `keypoints = bins / splitRatio` in float32 (so −1 becomes −1/splitRatio);
 * 4. with `visibility`, RTMW's visibility: the smaller of the two axes' largest
 *    float32 softmax probability of `logits·β·σ` (per axis σ). **With `dark`
 *    this runs on `log(clip(blur(logits), 1e-3, 50))`**, because the
 *    reference's DARK step overwrote its inputs with those maps before the
 *    visibility line — reproduced here without touching the inputs.
 *
 * Inputs are read in place: any strides (onnxruntime NCHW, transposed views),
 * Float32Array or Float64Array, `[N, K, W]` or `[K, W]` (then keypoints and
 * scores are `[1, K, ·]` and visibility `[K]`, as the reference returns; the
 * reference rejects 2-D input with `dark`, posecodec decodes it as N = 1).
 * Extra memory: the O(N·K) result plus one O(W) row with `visibility`. A row that is all zero under `dark` gives NaN (that
 * coordinate and, through the modified map, the visibility), as the reference.
 * Float32-exact (the DARK blur to its accumulation order).
 *
 * Cost: one pass per row; `dark` adds one compare per bin and O(m·k) per row
 * (m ≈ 20 bins near the peak are blurred, four at a time; O(W·k) with
 * `visibility`, which needs the whole log-blurred row); `visibility` adds
 * three passes per row.
 *
 * @param x `[N, K, Wx]` or `[K, Wx]` x logits
 * @param y `[N, K, Wy]` or `[K, Wy]` y logits, same N and K
 * @returns keypoints `[N, K, 2]` input px, scores `[N, K]`, visibility (see above)
 * @throws TypeError / RangeError naming `x`, `y` (rank, N/K mismatch, NaN,
 *   length ≠ `inputSize·splitRatio`) or the bad option (σ ≤ 0, split ≤ 0, …)
 */
export function decodeSimcc(x: NdArray, y: NdArray, options?: DecodeSimccOptions): SimccDecodeResult {
  const pv = simccPairView(x, y);
  const s = parseSimccOptions(options);
  return decodeSimccWith(pv, s);
}

/** {@link decodeSimcc} on validated inputs and settings (the codec calls this). */
export function decodeSimccWith(pv: ReturnType<typeof simccPairView>, s: SimccDecodeSettings): SimccDecodeResult {
  if (s.inputSize) checkSimccLengths(pv.x, pv.y, s.inputSize, s.splitRatio);
  const { N, K, x: vx, y: vy } = pv;
  checkAllocation('keypoints', N * K * 2, 8);
  const kp = new Float64Array(N * K * 2);
  const sc = new Float64Array(N * K);
  const vis = s.visibility ? new Float64Array(N * K) : undefined;
  const tmp = new Float64Array(1);
  const needRow = s.visibility;
  const rowX = needRow ? new Float64Array(vx.W) : tmp;
  const rowY = needRow ? new Float64Array(vy.W) : tmp;
  const sm: SoftmaxMaximum = { index: 0, value: 0 };
  const split = f32(s.splitRatio);
  const f = vx.f;
  // simcc_x * decode_beta * sigma[0]: float32 arrays times Python/NumPy scalars stay float32 (simcc_label.py:193-197).
  const scaleFor = (v: SimccView, sigma: number) => {
    const b = v.f(s.beta);
    const sg = v.f(sigma);
    return (t: number) => v.f(v.f(t * b) * sg);
  };
  const scaleX = scaleFor(vx, s.sigma[0]);
  const scaleY = scaleFor(vy, s.sigma[1]);
  const logScaleX = (t: number) => f32(f32(t * f32(s.beta)) * f32(s.sigma[0]));
  const logScaleY = (t: number) => f32(f32(t * f32(s.beta)) * f32(s.sigma[1]));
  // DARK without visibility: the bounded blur (simcc-dark-fast.ts).
  const fast = s.kernels !== undefined && !needRow;
  const dsx: DarkScratch | undefined = fast ? darkScratch(s.kernels![0]) : undefined;
  const dsy: DarkScratch | undefined = fast ? darkScratch(s.kernels![1]) : undefined;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const m = n * K + k;
      const ix = rowArgmax(vx, n, k, tmp, 'x');
      const mx = tmp[0];
      const iy = rowArgmax(vy, n, k, tmp, 'y');
      const my = tmp[0];
      const score = combineScores(mx, my, s.score, f);
      sc[m] = score;
      let cx = score <= 0 ? -1 : ix;
      let cy = score <= 0 ? -1 : iy;
      if (s.kernels) {
        const bx = rowBase(vx, n, k);
        const by = rowBase(vy, n, k);
        if (needRow) {
          cx = darkRefineRowFull(vx, bx, s.kernels[0], cx, rowX);
          cy = darkRefineRowFull(vy, by, s.kernels[1], cy, rowY);
        } else {
          cx = darkRefineRowFast(vx, bx, dsx!, cx, ix, mx);
          cy = darkRefineRowFast(vy, by, dsy!, cy, iy, my);
        }
      }
      kp[2 * m] = f32(cx / split);
      kp[2 * m + 1] = f32(cy / split);
      if (vis) {
        let px: number;
        let py: number;
        if (s.kernels) {
          for (let i = 0; i < vx.W; i++) rowX[i] = logScaleX(rowX[i]);
          for (let i = 0; i < vy.W; i++) rowY[i] = logScaleY(rowY[i]);
          px = softmaxMaximum(rowX, vx.W, f32, sm).value;
          py = softmaxMaximum(rowY, vy.W, f32, sm).value;
        } else {
          px = rowSoftmaxMaximum(vx, n, k, rowX, scaleX, sm).value;
          py = rowSoftmaxMaximum(vy, n, k, rowY, scaleY, sm).value;
        }
        vis[m] = combineScores(px, py, 'min', f);
      }
    }
  }
  const out: SimccDecodeResult = { keypoints: ndarray(kp, [N, K, 2]), scores: ndarray(sc, [N, K]) };
  if (vis) out.visibility = ndarray(vis, leadShape(pv));
  return out;
}
