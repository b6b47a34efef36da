/**
 * SimCC training labels: mmpose `SimCCLabel.encode` (`codecs/simcc_label.py`;
 * Li et al., "SimCC: a Simple Coordinate Classification Perspective for Human
 * Pose Estimation", ECCV 2022). A keypoint at input px x becomes a
 * distribution over the `Wx = round(w·splitRatio)` bins of the x axis (bin i
 * centred at input px i/splitRatio), likewise for y.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkFinite, checkOptions, checkSize, keypointView, matrixView, type KeypointView, type MatrixView } from '../core/ndarray.js';
import { checkChoice, checkSigmaF32, checkSimccSplitRatio } from '../core/options.js';
import { roundHalfEven } from '../core/round-half-even.js';

const f32 = Math.fround;
const identity = (v: number): number => v;

/** Options of {@link simccLabels} (mmpose `SimCCLabel` arguments in camelCase). */
export interface SimccLabelOptions {
  /** σ in bins, a number or `[σx, σy]` (mmpose default 6). */
  sigma?: number | readonly [number, number];
  /** Bins per input pixel (`simcc_split_ratio`). Default 2. */
  splitRatio?: number;
  /** `'gaussian'` (default) or `'standard'` (one-hot with optional label smoothing). */
  smoothing?: 'gaussian' | 'standard';
  /** Label-smoothing weight s ∈ [0, 1] (`'standard'` only). Default 0. */
  labelSmoothWeight?: number;
  /** Divide Gaussian labels by σ·√(2π) of their axis. Default true. */
  normalize?: boolean;
}

/** SimCC labels: `x [N, K, Wx]`, `y [N, K, Wy]`, `weights [N, K]`, all Float32Array. */
export interface SimccLabels {
  x: NdArray<Float32Array>;
  y: NdArray<Float32Array>;
  weights: NdArray<Float32Array>;
}

/** Validated, frozen {@link SimccLabelOptions}. */
export interface SimccLabelSettings {
  readonly sigma: readonly [number, number];
  readonly splitRatio: number;
  readonly smoothing: 'gaussian' | 'standard';
  readonly labelSmoothWeight: number;
  readonly normalize: boolean;
}

/** Validate {@link SimccLabelOptions} once (shared with the SimCC codec). */
export function parseSimccLabelOptions(options: SimccLabelOptions | undefined): SimccLabelSettings {
  const o = checkOptions('options', options);
  let sigma: readonly [number, number];
  if (o.sigma === undefined) sigma = [6, 6];
  else if (typeof o.sigma === 'number') {
    const s = checkSigmaF32('options.sigma', o.sigma);
    sigma = [s, s]; // simcc_label.py:90-93: a scalar σ means [σ, σ]
  } else if (Array.isArray(o.sigma) || ArrayBuffer.isView(o.sigma)) {
    const a = o.sigma as ArrayLike<unknown>;
    if (a.length !== 2) throw new RangeError(`options.sigma must be a number or [σx, σy] (2 numbers), got ${a.length} values`);
    sigma = [checkSigmaF32('options.sigma[0]', a[0]), checkSigmaF32('options.sigma[1]', a[1])];
  } else throw new TypeError(`options.sigma must be a number or [σx, σy], got ${o.sigma === null ? 'null' : typeof o.sigma}`);
  const splitRatio = checkSimccSplitRatio('options.splitRatio', o.splitRatio);
  const smoothing = checkChoice('options.smoothing', o.smoothing, ['gaussian', 'standard'] as const);
  const labelSmoothWeight = o.labelSmoothWeight === undefined ? 0 : checkFinite('options.labelSmoothWeight', o.labelSmoothWeight, { min: 0 });
  if (labelSmoothWeight > 1) throw new RangeError(`options.labelSmoothWeight must be in [0, 1], got ${labelSmoothWeight}`);
  if (smoothing === 'gaussian' && labelSmoothWeight > 0) {
    throw new RangeError(`options.labelSmoothWeight is only used with smoothing 'standard' (mmpose raises), got ${labelSmoothWeight} with 'gaussian'`);
  }
  const normalize = o.normalize === undefined ? true : o.normalize;
  if (typeof normalize !== 'boolean') throw new TypeError(`options.normalize must be a boolean, got ${typeof normalize}`);
  return Object.freeze({ sigma: Object.freeze(sigma), splitRatio, smoothing, labelSmoothWeight, normalize });
}

/**
 * The bin of a coordinate: `int64(np.around(f(v·split)))` (`simcc_label.py:210-211`),
 * the product in the keypoints' precision `f` (float32: 10.25·2 = 20.5 → 20,
 * −0.16666667·3 = −0.5 → 0). NaN, ±∞ and values beyond int64 become int64's
 * minimum on x86 (then every bounds check drops the keypoint): returned as −∞.
 */
function toBin(v: number, split: number, f: (v: number) => number): number {
  const r = roundHalfEven(f(v * split));
  return Number.isFinite(r) && Math.abs(r) < 2 ** 63 ? r : -Infinity;
}

/** One Gaussian label row: `exp(−(i − μ)² / f32(2σ²))` in float32 over all W bins (no 3σ truncation). */
function gaussianRow(out: Float32Array, o: number, W: number, mu: number, sigma: number, norm: number): void {
  const den = f32(2 * sigma * sigma);
  const m = f32(mu);
  for (let i = 0; i < W; i++) {
    const d = f32(i - m);
    const e = f32(Math.exp(f32(-f32(d * d) / den)));
    out[o + i] = norm === 1 ? e : f32(e / norm);
  }
}

/** Longest SimCC vector (bins) accepted: 2^28 float32 = 1 GiB, the allocation cap. */
export const MAX_SIMCC_BINS = 2 ** 28;

/**
 * The SimCC vector lengths `[Wx, Wy] = round_half_even([w, h]·splitRatio)` bins
 * (`simcc_label.py:96-97`), shared by the labels and the codec.
 * @throws RangeError naming `options.splitRatio` when a vector is empty or longer than {@link MAX_SIMCC_BINS}
 */
export function simccVectorLengths(inputSize: readonly [number, number], splitRatio: number): [number, number] {
  const Wx = roundHalfEven(inputSize[0] * splitRatio);
  const Wy = roundHalfEven(inputSize[1] * splitRatio);
  if (!(Wx >= 1) || !(Wy >= 1)) throw new RangeError(`options.splitRatio gives empty label vectors (Wx = ${Wx}, Wy = ${Wy}) for inputSize [${inputSize.join(', ')}]`);
  if (!(Wx <= MAX_SIMCC_BINS && Wy <= MAX_SIMCC_BINS)) {
    throw new RangeError(`options.splitRatio ${splitRatio} gives vectors of [${Wx}, ${Wy}] bins for inputSize [${inputSize.join(', ')}], over ${MAX_SIMCC_BINS} (2^28) bins`);
  }
  return [Wx, Wy];
}

/** Encode validated inputs with validated settings (the codec calls this). */
export function simccLabelsWith(inputSize: readonly [number, number], kv: KeypointView, vis: MatrixView | undefined, s: SimccLabelSettings): SimccLabels {
  const [Wx, Wy] = simccVectorLengths(inputSize, s.splitRatio);
  const { N, K } = kv;
  checkAllocation('labels', N * K * (Wx + Wy), 4);
  const x = new Float32Array(N * K * Wx);
  const y = new Float32Array(N * K * Wy);
  const weights = new Float32Array(N * K);
  const f = kv.data instanceof Float32Array ? f32 : identity;
  const [sx, sy] = s.sigma;
  // normalize: target /= sigma * sqrt(2 pi) per axis (simcc_label.py:306-309), the scalar cast to float32.
  const normX = s.normalize ? f32(sx * Math.sqrt(Math.PI * 2)) : 1;
  const normY = s.normalize ? f32(sy * Math.sqrt(Math.PI * 2)) : 1;
  const lsw = s.labelSmoothWeight;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const m = n * K + k;
      const v = vis ? vis.data[vis.offset + n * vis.sN + k * vis.sK] : 1;
      weights[m] = v; // simcc_label.py:212: a copy of keypoints_visible (0.3, 2.0 pass through)
      if (v < 0.5) continue; // simcc_label.py:240, 288: skipped, weight keeps its value
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const mx = toBin(kv.data[p], s.splitRatio, f);
      const my = toBin(kv.data[p + kv.sD], s.splitRatio, f);
      if (s.smoothing === 'standard') {
        if (mx >= Wx || my >= Wy || mx < 0 || my < 0) {
          weights[m] = 0; // simcc_label.py:247-249
          continue;
        }
        if (lsw > 0) {
          x.fill(f32(lsw / (Wx - 1)), m * Wx, (m + 1) * Wx);
          y.fill(f32(lsw / (Wy - 1)), m * Wy, (m + 1) * Wy);
        }
        x[m * Wx + mx] = f32(1 - lsw);
        y[m * Wy + my] = f32(1 - lsw);
      } else {
        // simcc_label.py:294-299: dropped only when the 3σ window misses the vector entirely (float64 comparison).
        if (mx - 3 * sx >= Wx || my - 3 * sy >= Wy || mx + 3 * sx + 1 < 0 || my + 3 * sy + 1 < 0) {
          weights[m] = 0;
          continue;
        }
        gaussianRow(x, m * Wx, Wx, mx, sx, normX);
        gaussianRow(y, m * Wy, Wy, my, sy, normY);
      }
    }
  }
  return { x: ndarray(x, [N, K, Wx]), y: ndarray(y, [N, K, Wy]), weights: ndarray(weights, [N, K]) };
}

/**
 * SimCC labels for keypoints in input px, as mmpose
 * `SimCCLabel(input_size, smoothing_type, sigma, simcc_split_ratio,
 * label_smooth_weight, normalize).encode(keypoints, keypoints_visible)`.
 *
 * Each coordinate's bin is `μ = round_half_even(f32(v·splitRatio))` (float32
 * product for Float32Array keypoints, as numpy). `'gaussian'`: the row is
 * `exp(−(i − μ)²/(2σ²))` over **all** bins (float32), divided by `σ·√(2π)`
 * with `normalize`; the keypoint is dropped (weight 0, zero rows) only when
 * `μ − 3σ ≥ W` or `μ + 3σ + 1 < 0` on either axis. `'standard'`: one-hot at
 * μ (value `1 − s`, every other bin `s/(W−1)` with label smoothing s), dropped
 * when μ is outside [0, W−1] on either axis (x = 191.75 at split 2 → 384 =
 * Wx: dropped although inside the image). Weights copy `visible` (0.3, 2.0
 * pass through); keypoints with `visible < 0.5` are skipped (zero rows,
 * weight unchanged); 0.5 counts as visible. A NaN keypoint is dropped
 * (weight 0), as numpy's int64 cast makes it.
 *
 * Cost: O(N·K·(Wx + Wy)) (the Gaussian fills whole rows, as the reference).
 *
 * @param inputSize `[w, h]` input px
 * @param keypoints `[N, K, ≥2]` input px (any strides, f32/f64)
 * @param visible `[N, K]` or undefined (all ones)
 * @returns `{ x [N,K,Wx], y [N,K,Wy], weights [N,K] }`, Float32Array,
 *   `Wx = round(w·splitRatio)`, `Wy = round(h·splitRatio)` (half to even)
 * @throws TypeError / RangeError naming `inputSize`, `keypoints`, `visible` or the option (σ outside [2^-63, 2^63]
 *   bins so 2σ² is a normal float32, splitRatio giving empty or > 2^28-bin vectors, …)
 */
export function simccLabels(inputSize: [number, number], keypoints: NdArray, visible: NdArray | undefined, options?: SimccLabelOptions): SimccLabels {
  const size = checkSize('inputSize', inputSize);
  const kv = keypointView('keypoints', keypoints);
  const vis = visible === undefined ? undefined : matrixView('visible', visible, { N: kv.N, K: kv.K });
  if (vis) {
    for (let n = 0; n < vis.N; n++)
      for (let k = 0; k < vis.K; k++) {
        const v = vis.data[vis.offset + n * vis.sN + k * vis.sK];
        if (v !== v) throw new RangeError(`visible[${n}][${k}] must not be NaN`);
      }
  }
  return simccLabelsWith(size, kv, vis, parseSimccLabelOptions(options));
}
