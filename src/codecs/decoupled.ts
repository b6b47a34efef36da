/**
 * CID codec (Wang & Zhang, "Contextual Instance Decoupling for Robust
 * Multi-Person Pose Estimation", CVPR 2022), mmpose 1.x `DecoupledHeatmap`
 * (`codecs/decoupled_heatmap.py`):
 * - `encode`: coupled heatmaps (K keypoints + the instance roots) with a
 *   per-instance σ from the CornerNet radius rule, and instance-wise heatmaps
 *   of up to `maxInstances` instances picked at jittered roots;
 * - `decode`: per decoupled instance, argmax + quarter offset, scores × the
 *   instance score.
 * The reference's two random draws (`np.random.randint(−1, 2, (2,))` per
 * root and `random.sample`) are injectable (`rootJitter`, `sampleIndices`,
 * or a `random` source) so encoding is testable.
 *
 * Long file: one codec — encode (σ rule, root jitter, instance sampling) and
 * decode share the validated option snapshot and the heatmap geometry.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkNdArray, checkOptions, checkPositiveInt, heatmapView, isNdArray, keypointView, zerosF32 } from '../core/ndarray.js';
import { optionRecord } from '../core/options.js';
import { msraHeatmaps } from '../encode/index.js';
import { instanceRoots, checkRootType, type RootType } from '../encode/instance-roots.js';
import { diagonalLengths, instanceBoxes } from '../encode/instance-boxes.js';
import { heatmapArgmax } from '../decode/argmax.js';
import { refineQuarter } from '../decode/quarter.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat, defaultVisible } from './heatmap-geometry.js';

const f = Math.fround;

/** Options of `createCodec({ type: 'decoupled', ... })` (mmpose names in camelCase). */
export interface DecoupledCodecOptions {
  type: 'decoupled';
  /** Network input size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Root of an instance. Default `'kpt_center'`. */
  rootType?: RootType;
  /** CornerNet minimal overlap of the σ rule, in (0, 1). Default 0.7. */
  heatmapMinOverlap?: number;
  /** Instance-wise heatmaps kept per image (`encode_max_instances`). Default 30. */
  maxInstances?: number;
  /** Accepted for symmetry; CID has no reference bug to fix. */
  compat?: CodecCompat;
}

/** The injectable random draws and boxes of {@link DecoupledCodec.encode}. */
export interface DecoupledEncodeOptions {
  /** `[N, 4, 2]` box corners (x1,y1), (x1,y2), (x2,y1), (x2,y2) in input px (may be rotated). Default: the visible keypoints' box. */
  boxes?: NdArray | null;
  /** `[N, 2]` integer root jitter in {−1, 0, 1} (`np.random.randint(−1, 2, (2,))` per instance; rows of rootless instances unused). */
  rootJitter?: NdArray | null;
  /** Positions in the kept list to use when more than `maxInstances` are kept (`random.sample(range(n), max)`). */
  sampleIndices?: readonly number[] | null;
  /** Random source in [0, 1) for draws not given. Default `Math.random`. */
  random?: () => number;
}

/** Result of {@link DecoupledCodec.encode}. */
export interface DecoupledEncodeResult {
  /** `[K+1, H, W]` coupled heatmaps (channel K: the roots). NaN at the centre of a zero-size instance (σ = 0), as mmpose. */
  heatmaps: NdArray<Float32Array>;
  /** `[M·K, H, W]` instance-wise heatmaps of the M kept instances. */
  instanceHeatmaps: NdArray<Float32Array>;
  /** `[M, K]` their keypoint weights. */
  weights: NdArray<Float32Array>;
  /** `[M, 2]` integer root pixels (x, y) of the kept instances, heatmap px. */
  instanceCoords: NdArray<Int32Array>;
}

/** The CID codec object (frozen). */
export interface DecoupledCodec extends CodecBase<'decoupled'> {
  readonly heatmapSize: FrozenSize;
  /** Input px per heatmap px (float32 values). */
  readonly scale: FrozenSize;
  /** Encode keypoints `[N, K, 2]` input px with visibility `[N, K]` (default 1). Cost: O(N·K·σ²). */
  encode(keypoints: NdArray, visible?: NdArray | null, options?: DecoupledEncodeOptions): DecoupledEncodeResult;
  /**
   * Decode instance heatmaps `[N, K, H, W]` and instance scores `[N, 1]` (or `[N]`):
   * keypoints `[N, K, 2]` input px (−scale where a map's max ≤ 0), scores `[N, K]` = max × instance score.
   * Cost: O(N·K·H·W).
   */
  decode(instanceHeatmaps: NdArray, instanceScores: NdArray): { keypoints: NdArray<Float64Array>; scores: NdArray<Float64Array> };
}

/**
 * Per-instance σ of `_get_instance_wise_sigmas` (`decoupled_heatmap.py:96-140`)
 * from corners `c [N, 4, 2]` (heatmap px, float32 values): `h = ‖c0 − c1‖`,
 * `w = ‖c0 − c2‖` (float32), the three CornerNet radii in float64 (numpy
 * promotes the float32 scalars against Python floats), `σ = float32(min(r1, r2, r3)/3)`.
 * A zero-size box gives σ = 0.
 */
export function cidSigmas(c: Float64Array, N: number, ov: number): Float64Array {
  const out = new Float64Array(N);
  const norm = (n: number, a: number, b: number): number => {
    const dx = f(c[8 * n + 2 * a] - c[8 * n + 2 * b]);
    const dy = f(c[8 * n + 2 * a + 1] - c[8 * n + 2 * b + 1]);
    return f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
  };
  for (let n = 0; n < N; n++) {
    const h = norm(n, 0, 1);
    const w = norm(n, 0, 2);
    const hw = f(h + w);
    const c1 = (f(w * h) * (1 - ov)) / (1 + ov);
    const r1 = (hw + Math.sqrt(hw * hw - 4 * c1)) / 2;
    const b2 = 2 * hw;
    const c2 = (1 - ov) * w * h;
    const r2 = (b2 + Math.sqrt(b2 * b2 - 16 * c2)) / 2;
    const a3 = 4 * ov;
    const b3 = -2 * ov * hw;
    const c3 = (ov - 1) * w * h;
    const r3 = (b3 + Math.sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
    out[n] = f(Math.min(r1, r2, r3) / 3);
  }
  return out;
}

/**
 * `generate_gaussian_heatmaps` with one σ per instance where σ may be 0: a
 * σ = 0 instance's visible keypoints put **NaN** (`exp(−0/0)`) on their pixel
 * `trunc(kp + 0.5)` and `np.maximum` keeps it; weights follow mmpose's
 * off-map rule (window `[m, m+1)`). Other instances are drawn by
 * {@link msraHeatmaps}. Heatmap px.
 */
export function gaussianTargetsWithZeroSigma(size: [number, number], kp: NdArray, vis: NdArray, sigmas: Float64Array) {
  const [N, K] = kp.shape;
  const [W, H] = size;
  const zero = Array.from(sigmas, (s) => s === 0);
  const vis2 = ndarray(new Float32Array(N * K), [N, K]);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) vis2.data[n * K + k] = zero[n] ? 0 : vis.get(n, k);
  const t = msraHeatmaps(size, kp, vis2, Array.from(sigmas, (s) => (s === 0 ? 1 : s)));
  const r = kp.data instanceof Float32Array ? f : (x: number) => x;
  for (let n = 0; n < N; n++) {
    if (!zero[n]) continue;
    for (let k = 0; k < K; k++) {
      const v = vis.get(n, k) as number;
      t.weights.data[n * K + k] = v;
      if (v < 0.5) continue;
      const mx = Math.trunc(r(kp.get(n, k, 0) + 0.5));
      const my = Math.trunc(r(kp.get(n, k, 1) + 0.5));
      if (mx >= W || my >= H || mx + 1 < 0 || my + 1 < 0) {
        t.weights.data[n * K + k] = 0;
        continue;
      }
      if (mx >= 0 && my >= 0) t.heatmaps.data[k * H * W + my * W + mx] = NaN;
    }
  }
  return t;
}

function readCorners(boxes: unknown, N: number): Float64Array {
  const a = checkNdArray('options.boxes', boxes, { ranks: [2, 3] });
  const flatOk = a.shape.length === 3 ? a.shape[0] === N && a.shape[1] === 4 && a.shape[2] === 2 : a.shape[0] === N && a.shape[1] === 8;
  if (!flatOk) throw new RangeError(`options.boxes must be [N, 4, 2] corners with N = ${N}, got [${a.shape.join(', ')}]`);
  const out = new Float64Array(N * 8);
  for (let n = 0; n < N; n++)
    for (let j = 0; j < 8; j++) {
      const v = a.shape.length === 3 ? a.get(n, j >> 1, j & 1) : a.get(n, j);
      out[n * 8 + j] = checkFinite(`options.boxes[${n}]`, v);
    }
  return out;
}

/** Create a CID codec (see the file header). Options are validated and snapshotted here. */
export function createDecoupledCodec(options: DecoupledCodecOptions): DecoupledCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const [W, H] = heatmapSize;
  const rootType = checkRootType('options.rootType', o.rootType);
  const ov = o.heatmapMinOverlap === undefined ? 0.7 : checkFinite('options.heatmapMinOverlap', o.heatmapMinOverlap);
  if (!(ov > 0 && ov < 1)) throw new RangeError(`options.heatmapMinOverlap must be in (0, 1), got ${ov}`);
  const maxInstances = o.maxInstances === undefined ? 30 : checkPositiveInt('options.maxInstances', o.maxInstances);
  const compat = checkCompat(o.compat);
  const scale = Object.freeze([f(inputSize[0] / W), f(inputSize[1] / H)]) as unknown as FrozenSize;

  const encode = (keypoints: NdArray, visible?: NdArray | null, encodeOptions?: DecoupledEncodeOptions): DecoupledEncodeResult => {
    const eo = checkOptions('options', encodeOptions);
    const random = eo.random === undefined ? Math.random : eo.random;
    if (typeof random !== 'function') throw new TypeError(`options.random must be a function returning [0, 1), got ${typeof random}`);
    const kv = keypointView('keypoints', keypoints);
    const vis = defaultVisible(keypoints, visible ?? undefined);
    const { N, K } = kv;
    const f32 = kv.data instanceof Float32Array;
    // corners (input px) → heatmap px; default: the visible keypoints' box (float32)
    let corners: Float64Array;
    let cornersF32 = true;
    if (eo.boxes === undefined || eo.boxes === null) {
      const b = instanceBoxes(keypoints, vis).data;
      corners = new Float64Array(N * 8);
      for (let n = 0; n < N; n++) {
        const [x1, y1, x2, y2] = b.subarray(4 * n, 4 * n + 4);
        corners.set([x1, y1, x1, y2, x2, y1, x2, y2], 8 * n); // bbox_xyxy2corner order
      }
    } else {
      corners = readCorners(eo.boxes, N);
      cornersF32 = (eo.boxes as NdArray).data instanceof Float32Array;
    }
    for (let i = 0; i < corners.length; i++) corners[i] = cornersF32 ? f(corners[i] / scale[i & 1]) : corners[i] / scale[i & 1];
    const kp = ndarray(f32 ? new Float32Array(N * K * 2) : new Float64Array(N * K * 2), [N, K, 2]);
    for (let n = 0; n < N; n++)
      for (let k = 0; k < K; k++) {
        const p = kv.offset + n * kv.sN + k * kv.sK;
        kp.data[2 * (n * K + k)] = kv.data[p] / scale[0];
        kp.data[2 * (n * K + k) + 1] = kv.data[p + kv.sD] / scale[1];
      }
    const { roots, visible: rv } = instanceRoots(kp, vis, { rootType });
    const sigmas = cidSigmas(corners, N, ov);
    // global heatmaps: keypoints and roots as K+1 channels
    const both = ndarray(f32 ? new Float32Array(N * (K + 1) * 2) : new Float64Array(N * (K + 1) * 2), [N, K + 1, 2]);
    const bothVis = ndarray(new Float32Array(N * (K + 1)), [N, K + 1]);
    for (let n = 0; n < N; n++) {
      for (let k = 0; k < K; k++) {
        both.data[2 * (n * (K + 1) + k)] = kp.data[2 * (n * K + k)];
        both.data[2 * (n * (K + 1) + k) + 1] = kp.data[2 * (n * K + k) + 1];
        bothVis.data[n * (K + 1) + k] = vis.get(n, k);
      }
      both.data[2 * (n * (K + 1) + K)] = roots.data[2 * n];
      both.data[2 * (n * (K + 1) + K) + 1] = roots.data[2 * n + 1];
      bothVis.data[n * (K + 1) + K] = rv.data[n];
    }
    const size: [number, number] = [W, H];
    const global = gaussianTargetsWithZeroSigma(size, both, bothVis, sigmas);
    // instance selection (:196-212): by ascending diagonal, jittered root, bit-equal duplicates dropped
    const diag = diagonalLengths(kp, vis).data;
    const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => diag[a] - diag[b] || a - b);
    const jitter = readJitter(eo.rootJitter, N);
    const keptRoots: [number, number][] = [];
    const keptIdx: number[] = [];
    for (const i of order) {
      if (global.weights.data[i * (K + 1) + K] < 1) continue; // roots_visible := the root's weight
      const [jx, jy] = jitter ? [jitter[2 * i], jitter[2 * i + 1]] : [Math.floor(random() * 3) - 1, Math.floor(random() * 3) - 1];
      const x = Math.max(0, Math.min(roots.data[2 * i] + jx, W - 1));
      const y = Math.max(0, Math.min(roots.data[2 * i + 1] + jy, H - 1));
      if (keptRoots.some(([a, b]) => a === x && b === y)) continue;
      keptRoots.push([x, y]);
      keptIdx.push(i);
    }
    let pick = keptIdx.map((_, j) => j);
    if (keptIdx.length > maxInstances) pick = readSample(eo.sampleIndices, keptIdx.length, maxInstances, random);
    const M = pick.length;
    const instanceHeatmaps = zerosF32([M * K, H, W], 'instanceHeatmaps');
    const weights = zerosF32([M, K], 'weights');
    const coords = new Int32Array(M * 2);
    pick.forEach((j, m) => {
      const i = keptIdx[j];
      const one = ndarray(kp.data.slice(i * K * 2, (i + 1) * K * 2), [1, K, 2]);
      const oneVis = ndarray(Float32Array.from({ length: K }, (_, k) => vis.get(i, k)), [1, K]);
      const t = gaussianTargetsWithZeroSigma(size, one, oneVis, Float64Array.of(sigmas[i]));
      instanceHeatmaps.data.set(t.heatmaps.data, m * K * H * W);
      weights.data.set(t.weights.data, m * K);
      coords[2 * m] = Math.trunc(keptRoots[j][0]); // np.array(inst_roots, dtype=np.int32)
      coords[2 * m + 1] = Math.trunc(keptRoots[j][1]);
    });
    return { heatmaps: global.heatmaps, instanceHeatmaps, weights, instanceCoords: ndarray(coords, [M, 2]) };
  };

  const decode = (instanceHeatmaps: NdArray, instanceScores: NdArray) => {
    const hv = heatmapView('instanceHeatmaps', instanceHeatmaps, [4]);
    if (hv.W !== W || hv.H !== H) throw new RangeError(`instanceHeatmaps must be ${H}×${W} (H×W, the codec's heatmapSize), got ${hv.H}×${hv.W}`);
    const s = checkNdArray('instanceScores', instanceScores, { ranks: [1, 2] });
    if (s.shape[0] !== hv.B || (s.shape.length === 2 && s.shape[1] !== 1)) {
      throw new RangeError(`instanceScores must be [N, 1] with N = ${hv.B} instances, got [${s.shape.join(', ')}]`);
    }
    const { B: N, K } = hv;
    if (N === 0) return { keypoints: ndarray(new Float64Array(0), [0, K, 2]), scores: ndarray(new Float64Array(0), [0, K]) };
    const am = heatmapArgmax(instanceHeatmaps);
    const kp = refineQuarter(am.keypoints, instanceHeatmaps);
    const sc = am.scores.data;
    for (let n = 0; n < N; n++) {
      const si = s.data[s.offset + n * s.stride[0]];
      for (let k = 0; k < K; k++) sc[n * K + k] = f(f(sc[n * K + k]) * si); // keypoint_scores *= instance_scores (float32)
    }
    for (let i = 0; i < kp.data.length; i += 2) {
      kp.data[i] = f(f(kp.data[i]) * scale[0]);
      kp.data[i + 1] = f(f(kp.data[i + 1]) * scale[1]);
    }
    return { keypoints: kp, scores: am.scores };
  };

  return Object.freeze({ type: 'decoupled' as const, inputSize, heatmapSize, scale, compat, encode, decode });
}

function readJitter(v: unknown, N: number): Int32Array | undefined {
  if (v === undefined || v === null) return undefined;
  const a = checkNdArray('options.rootJitter', v, { ranks: [2], integer: true });
  if (a.shape[0] !== N || a.shape[1] !== 2) throw new RangeError(`options.rootJitter must be [N, 2] with N = ${N}, got [${a.shape.join(', ')}]`);
  const out = new Int32Array(2 * N);
  for (let n = 0; n < N; n++)
    for (let j = 0; j < 2; j++) {
      const x = a.get(n, j) as number;
      if (!Number.isInteger(x) || Math.abs(x) > 1e6) throw new RangeError(`options.rootJitter[${n}][${j}] must be a small integer, got ${x}`);
      out[2 * n + j] = x;
    }
  return out;
}

function readSample(v: unknown, n: number, m: number, random: () => number): number[] {
  if (v === undefined || v === null) {
    const pool = Array.from({ length: n }, (_, i) => i); // random.sample: m distinct positions
    for (let i = 0; i < m; i++) {
      const j = i + Math.min(n - i - 1, Math.floor(random() * (n - i)));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, m);
  }
  if (!Array.isArray(v) && !(isNdArray(v) || ArrayBuffer.isView(v))) throw new TypeError('options.sampleIndices must be an array of positions');
  const a = isNdArray(v) ? Array.from({ length: v.shape[0] }, (_, i) => v.get(i) as number) : Array.from(v as ArrayLike<number>);
  if (a.length !== m) throw new RangeError(`options.sampleIndices must hold maxInstances = ${m} positions, got ${a.length}`);
  const seen = new Set<number>();
  for (const x of a) {
    if (!Number.isInteger(x) || x < 0 || x >= n || seen.has(x)) throw new RangeError(`options.sampleIndices must be ${m} distinct integers in [0, ${n}), got ${x}`);
    seen.add(x);
  }
  return a;
}
