/**
 * Associative-embedding codec (Newell et al., "Associative Embedding:
 * End-to-End Learning for Joint Detection and Grouping", NeurIPS 2017;
 * HigherHRNet's decoder), mmpose 1.x `AssociativeEmbedding`
 * (`codecs/associative_embedding.py`, commit 759b39c):
 * - `encode`: Gaussian heatmaps (MSRA or UDP) plus per-keypoint flat indices
 *   for the tag loss;
 * - `decode`: heatmap NMS → top-k candidates per keypoint → grouping by tags
 *   (Munkres, mmpose-exact; or greedy) → refinement → fill of missing joints
 *   from the tag maps, per image, in input px.
 * The steps live in `ae-candidates.ts`, `ae-grouping.ts`, `ae-refine.ts` and
 * `ae-fill.ts` (its index in `ae-fill-index.ts`, the tag check in
 * `ae-tag-check.ts`). Unlike mmpose, decoding with UDP never modifies its input.
 *
 * Long file: one codec — its option checks, encode, and the decode driver
 * (scratch reuse, per-image finish) share the validated option snapshot.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkPositiveInt, heatmapView, keypointView, zerosF64, type HeatmapView } from '../core/ndarray.js';
import { checkBoolean, checkChoice, checkOddKernel, optionRecord } from '../core/options.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { msraHeatmaps, udpHeatmaps } from '../encode/index.js';
import { checkNmsKernel } from '../decode/heatmap-nms.js';
import { TopkBuffer, checkTags } from '../decode/topk-peaks.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat, checkSigma, defaultVisible } from './heatmap-geometry.js';
import { createCandidates, findCandidates, type AeCandidates } from './ae-candidates.js';
import { groupCandidates, type AeMatching } from './ae-grouping.js';
import { refineInstances, udpLogMaps } from './ae-refine.js';
import { fillMissing, type FillMaps } from './ae-fill.js';
import { createFillIndex, resetFillIndex, type FillIndex } from './ae-fill-index.js';
import { checkTagsFinite } from './ae-tag-check.js';

/** mmpose's COCO grouping order (head and torso first, then limbs), the default for K = 17. */
export const COCO_KEYPOINT_ORDER: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 5, 6, 11, 12, 7, 8, 9, 10, 13, 14, 15, 16]);

/** Largest `topk`: keeps every Munkres matrix at most K·topk wide (bounded decode time). */
export const MAX_AE_TOPK = 256;

/** Options of `createCodec({ type: 'associativeEmbedding', ... })` (mmpose names in camelCase). */
export interface AssociativeEmbeddingCodecOptions {
  type: 'associativeEmbedding';
  /** Network input size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Gaussian σ (heatmap px). Default `sqrt(W·H)/64` (1 at 64×64). */
  sigma?: number;
  /** UDP geometry (`(w−1)/(W−1)`), UDP targets and DARK-UDP refinement. Default false. */
  udp?: boolean;
  /** Grouping order of the keypoints (a permutation of 0…K−1). Default {@link COCO_KEYPOINT_ORDER} for K = 17, required otherwise. */
  keypointOrder?: readonly number[];
  /** Odd NMS window. Default 5. */
  nmsKernel?: number;
  /** Odd blur kernel of the UDP refinement. Default 3. */
  gaussianKernel?: number;
  /** Candidates need a heatmap value `>` this. Default 0.1. */
  keypointThreshold?: number;
  /** A candidate joins a group only when its tag distance is `<` this. Default 1. */
  tagThreshold?: number;
  /** Candidates per keypoint (1 … min(H·W, {@link MAX_AE_TOPK})). Default 30. */
  topk?: number;
  /** Added to detected (not filled) joints after refinement, heatmap px. Default 0. */
  centerShift?: number;
  /** Keep the first this many groups (creation order). Default: all. */
  maxInstances?: number;
  /** `'munkres'` (default): mmpose-exact Munkres 1.1.4; `'greedy'`: cheapest pairs first (faster, docs/bottomup.md). */
  matching?: AeMatching;
  /** Accepted for symmetry with the heatmap codecs; AE has no reference bug to fix, both modes decode alike. */
  compat?: CodecCompat;
}

/** Result of {@link AssociativeEmbeddingCodec.encode}. */
export interface AeEncodeResult {
  /** `[K, H, W]` Gaussian targets, Float32Array. */
  heatmaps: NdArray<Float32Array>;
  /** `[N, K, 2]`: flat index `y·W + x` of `trunc(kp + 0.5)` (may fall off the map) and 1/0 visibility. Float64Array of integers. */
  keypointIndices: NdArray<Float64Array>;
  /** `[N, K]` keypoint weights (a copy of the visibility, 0 where the Gaussian is off the map), Float32Array. */
  weights: NdArray<Float32Array>;
}

/** One image of {@link AssociativeEmbeddingCodec.decode}. */
export interface AePoses {
  /** `[N, K, 2]` (x, y) input px. */
  keypoints: NdArray<Float64Array>;
  /** `[N, K]` heatmap values (filled joints: the value at the filled pixel; a log value with UDP). */
  scores: NdArray<Float64Array>;
  /** `[N]` mean of the grouped joints' values (missing ones count 0), before the fill. */
  instanceScores: NdArray<Float64Array>;
  /** `[N, K, 3]` the groups before refinement: integer x, y (heatmap px) and value; zeros = missing. */
  groups: NdArray<Float64Array>;
}

/** The associative-embedding codec object (frozen). */
export interface AssociativeEmbeddingCodec extends CodecBase<'associativeEmbedding'> {
  readonly heatmapSize: FrozenSize;
  /** Input px per heatmap px (float32 values, as mmpose's `scale_factor`). */
  readonly scale: FrozenSize;
  readonly sigma: number;
  /**
   * Encode keypoints `[N, K, 2]` (input px) with optional visibility `[N, K]`
   * (default all 1). Cost: O(N·K·σ²).
   */
  encode(keypoints: NdArray, visible?: NdArray | null): AeEncodeResult;
  /**
   * Decode heatmaps `[B, K, H, W]` and tags `[B, L·K, H, W]` (L = 2 with flip
   * test; `[K, H, W]` / `[L·K, H, W]` for one image) into one {@link AePoses} per
   * image. Heatmaps and tags must be finite. Cost per image: O(K·H·W) for the
   * peaks + the grouping + O(N·missing·H·W·L) for the fill.
   * @throws RangeError for a wrong size, tag channels not a multiple of K, non-finite values
   */
  decode(heatmaps: NdArray, tags: NdArray): AePoses[];
}

function checkOrder(v: unknown): readonly number[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`options.keypointOrder must be an array of keypoint indices, got ${v === null ? 'null' : typeof v}`);
  const a = Array.from(v as ArrayLike<unknown>);
  const seen = new Set<number>();
  a.forEach((k, i) => {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= a.length) {
      throw new RangeError(`options.keypointOrder[${i}] must be an integer in [0, ${a.length}), got ${String(k)}`);
    }
    if (seen.has(k)) throw new RangeError(`options.keypointOrder must be a permutation of 0…K−1, ${k} appears twice`);
    seen.add(k);
  });
  if (a.length === 0) throw new RangeError('options.keypointOrder must not be empty');
  return Object.freeze(a as number[]);
}

/** Create an associative-embedding codec (see the file header). Options are validated and snapshotted here. */
export function createAssociativeEmbeddingCodec(options: AssociativeEmbeddingCodecOptions): AssociativeEmbeddingCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const [W, H] = heatmapSize;
  const udp = checkBoolean('options.udp', o.udp, false);
  const sigma = checkSigma(o.sigma, Math.sqrt(W * H) / 64);
  const order = checkOrder(o.keypointOrder);
  const nmsKernel = checkNmsKernel('options.nmsKernel', o.nmsKernel, 5);
  const gaussianKernel = checkOddKernel('options.gaussianKernel', o.gaussianKernel, 3);
  cvGaussianKernel(gaussianKernel, 0, 'options.gaussianKernel');
  const keypointThreshold = o.keypointThreshold === undefined ? 0.1 : checkFinite('options.keypointThreshold', o.keypointThreshold);
  // A negative distance threshold would match nothing (every candidate its own person): a caller bug.
  const tagThreshold = o.tagThreshold === undefined ? 1 : checkFinite('options.tagThreshold', o.tagThreshold, { min: 0 });
  const topk = o.topk === undefined ? Math.min(30, W * H) : checkPositiveInt('options.topk', o.topk);
  if (topk > W * H) throw new RangeError(`options.topk must be <= H·W = ${W * H}, got ${topk}`);
  if (topk > MAX_AE_TOPK) throw new RangeError(`options.topk must be <= ${MAX_AE_TOPK} (bounded grouping time), got ${topk}`);
  const centerShift = o.centerShift === undefined ? 0 : checkFinite('options.centerShift', o.centerShift);
  let maxInstances = Infinity;
  if (o.maxInstances !== undefined) {
    maxInstances = checkFinite('options.maxInstances', o.maxInstances, { min: 0 });
    if (!Number.isInteger(maxInstances)) throw new RangeError(`options.maxInstances must be an integer, got ${maxInstances}`);
  }
  const matching = checkChoice('options.matching', o.matching, ['munkres', 'greedy'] as const);
  const compat = checkCompat(o.compat);
  if (udp && (W < 2 || H < 2)) throw new RangeError(`options.heatmapSize must be at least 2×2 with udp (scale (w−1)/(W−1)), got ${W}×${H}`);
  const scale = Object.freeze(
    [0, 1].map((a) => Math.fround(udp ? (inputSize[a] - 1) / (heatmapSize[a] - 1) : inputSize[a] / heatmapSize[a])),
  ) as unknown as FrozenSize;

  const encode = (keypoints: NdArray, visible?: NdArray | null): AeEncodeResult => {
    const kv = keypointView('keypoints', keypoints);
    const vis = defaultVisible(keypoints, visible ?? undefined);
    const f32 = kv.data instanceof Float32Array;
    const hm = ndarray(f32 ? new Float32Array(kv.N * kv.K * 2) : new Float64Array(kv.N * kv.K * 2), [kv.N, kv.K, 2]);
    for (let n = 0; n < kv.N; n++)
      for (let k = 0; k < kv.K; k++) {
        const p = kv.offset + n * kv.sN + k * kv.sK;
        hm.data[2 * (n * kv.K + k)] = kv.data[p] / scale[0]; // :274 keypoints / scale_factor (float32 store for float32 input)
        hm.data[2 * (n * kv.K + k) + 1] = kv.data[p + kv.sD] / scale[1];
      }
    const size: [number, number] = [W, H];
    const t = udp ? udpHeatmaps(size, hm, vis, sigma) : msraHeatmaps(size, hm, vis, sigma);
    const idx = zerosF64([kv.N, kv.K, 2], 'keypointIndices');
    const vv = vis.data as unknown as ArrayLike<number>;
    const r = f32 ? Math.fround : (x: number) => x;
    for (let n = 0; n < kv.N; n++)
      for (let k = 0; k < kv.K; k++) {
        const i = n * kv.K + k;
        const x = Math.trunc(r(hm.data[2 * i] + 0.5)); // (keypoints + 0.5).astype(int64): toward 0
        const y = Math.trunc(r(hm.data[2 * i + 1] + 0.5));
        const v = vv[vis.offset + n * vis.stride[0] + k * vis.stride[1]];
        const ok = Number.isFinite(x) && Number.isFinite(y);
        idx.data[2 * i] = ok ? y * W + x : -1;
        idx.data[2 * i + 1] = ok && v > 0.5 && x >= 0 && x < W && y >= 0 && y < H ? 1 : 0;
      }
    return { heatmaps: t.heatmaps, keypointIndices: idx, weights: t.weights };
  };

  const decode = (heatmaps: NdArray, tags: NdArray): AePoses[] => {
    const hv = heatmapView('heatmaps', heatmaps);
    if (hv.W !== W || hv.H !== H) throw new RangeError(`heatmaps must be ${H}×${W} (H×W, the codec's heatmapSize), got ${hv.H}×${hv.W}`);
    if (hv.K < 1) throw new RangeError('heatmaps must have K >= 1 channels');
    const { t: tv, L } = checkTags('tags', tags, hv);
    const kOrder = order ?? (hv.K === 17 ? COCO_KEYPOINT_ORDER : undefined);
    if (!kOrder) throw new RangeError(`options.keypointOrder is required for K = ${hv.K} keypoints (the default is COCO's 17)`);
    if (kOrder.length !== hv.K) throw new RangeError(`heatmaps must have K = ${kOrder.length} channels (options.keypointOrder), got ${hv.K}`);
    const s = scratchFor(hv.K, L);
    const out: AePoses[] = [];
    for (let b = 0; b < hv.B; b++) {
      resetFillIndex(s.index);
      checkTagsFinite('tags', tv, b, s.index); // RangeError naming tags for NaN / ±∞; records the fill index's tag bounds
      findCandidates(hv, tv, b, nmsKernel, keypointThreshold, s.buf, s.cand, udp ? undefined : s.index);
      const groups = groupCandidates(s.cand, kOrder, tagThreshold, matching);
      out.push(finishImage(hv, tv, b, L, groups.slice(0, Math.min(groups.length, maxInstances)).map((g) => g.joints), s.index));
    }
    return out;
  };

  // scratch reused across calls (decode is synchronous; H, W are the codec's, K and L may change)
  let scratch: { K: number; L: number; cand: AeCandidates; buf: TopkBuffer; index: FillIndex } | undefined;
  const scratchFor = (K: number, L: number) => {
    if (!scratch || scratch.K !== K || scratch.L !== L) {
      scratch = { K, L, cand: createCandidates(K, L, topk), buf: new TopkBuffer(topk), index: createFillIndex(K, H, W) };
    }
    return scratch;
  };

  const finishImage = (hv: HeatmapView, tv: HeatmapView, b: number, L: number, joints: Float64Array[], index: FillIndex): AePoses => {
    const { K } = hv;
    const N = joints.length;
    const groups = zerosF64([N, K, 3], 'groups');
    const kp = new Float64Array(N * K * 2);
    const sc = new Float64Array(N * K);
    const inst = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      groups.data.set(joints[n], n * K * 3);
      let s = 0;
      for (let k = 0; k < K; k++) {
        kp[2 * (n * K + k)] = joints[n][3 * k];
        kp[2 * (n * K + k) + 1] = joints[n][3 * k + 1];
        sc[n * K + k] = joints[n][3 * k + 2];
        s += joints[n][3 * k + 2];
      }
      inst[n] = Math.fround(s / K); // scores.mean(axis=-1), float32
    }
    if (N > 0) {
      const logMaps = udp ? udpLogMaps(hv, b, gaussianKernel) : undefined;
      refineInstances(kp, sc, N, hv, b, logMaps, centerShift);
      const maps: FillMaps = logMaps
        ? { data: logMaps, offset: 0, sK: hv.H * hv.W, sH: hv.W, sW: 1 }
        : { data: hv.data, offset: hv.offset + b * hv.sB, sK: hv.sK, sH: hv.sH, sW: hv.sW };
      fillMissing(kp, sc, N, tv, b, K, L, maps, index);
    }
    for (let i = 0; i < kp.length; i += 2) {
      kp[i] = Math.fround(Math.fround(kp[i]) * scale[0]); // float32 keypoints × float32 scale_factor
      kp[i + 1] = Math.fround(Math.fround(kp[i + 1]) * scale[1]);
    }
    return {
      keypoints: ndarray(kp, [N, K, 2]),
      scores: ndarray(sc, [N, K]),
      instanceScores: ndarray(inst, [N]),
      groups,
    };
  };

  return Object.freeze({ type: 'associativeEmbedding' as const, inputSize, heatmapSize, scale, sigma, compat, encode, decode });
}
