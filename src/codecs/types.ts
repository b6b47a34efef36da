/**
 * The codec contract: an encoder and a decoder bound to one input size and
 * one geometry, working in **input pixels** (the network crop), as mmpose's
 * `codecs/*.py` classes are. Every codec in `src/codecs/` implements
 * {@link CodecBase}; each family adds its own `encode`/`decode` signature
 * (heatmaps, SimCC vectors, regression labels, tags, displacements).
 */
import type { NdArray } from 'ndarray';
import type { DecodeResult } from '../decode/types.js';

/** A frozen `[w, h]` or `[W, H]` pair (width first, as mmpose). */
export type FrozenSize = readonly [number, number];

/**
 * `'mmpose'`: reproduce the reference exactly, quirks included (e.g. UDP's
 * `w/(W−1)` decode scale). Left out: the codec is the exact inverse of its
 * encoder; the two differ only where the oracle FORMAT.md names a reference bug.
 */
export type CodecCompat = 'mmpose';

/** What every codec object has. All fields are frozen snapshots taken at creation. */
export interface CodecBase<T extends string = string> {
  /** The `type` it was created with. */
  readonly type: T;
  /** Network input (crop) size `[w, h]`, input px. */
  readonly inputSize: FrozenSize;
  /** `'mmpose'` or undefined (see {@link CodecCompat}). */
  readonly compat: CodecCompat | undefined;
}

/** Training targets of a heatmap codec. */
export interface HeatmapEncodeResult {
  /** `[K, H, W]` (udp combined: `[3K, H, W]`), Float32Array. */
  heatmaps: NdArray<Float32Array>;
  /** `[N, K]`, Float32Array. */
  weights: NdArray<Float32Array>;
  /** integral only: keypoints normalised by `[w, h]`, `[N, K, 2]`. */
  keypointLabels?: NdArray<Float64Array>;
}

/** A codec whose network output is one heatmap per keypoint (MSRA, UDP, Megvii, integral). */
export interface HeatmapCodec<T extends string = string> extends CodecBase<T> {
  /** Heatmap size `[W, H]`, heatmap px. */
  readonly heatmapSize: FrozenSize;
  /** Input px per heatmap px on each axis (`x_in = x_hm·scale`), frozen. */
  readonly scale: FrozenSize;
  /**
   * Encode keypoints `[N, K, 2]` (input px) with optional visibility `[N, K]`
   * (default all 1) into training targets.
   */
  encode(keypoints: NdArray, visible?: NdArray): HeatmapEncodeResult;
  /**
   * Decode `[K, H, W]` (one instance; returns keypoints `[1, K, 2]`, scores
   * `[1, K]`, as mmpose) or `[B, K, H, W]` (returns `[B, K, 2]`, `[B, K]`) to
   * input px. Heatmaps whose H, W differ from `heatmapSize` (or K from the
   * layout the codec needs) are rejected with a `RangeError`.
   */
  decode(heatmaps: NdArray): DecodeResult;
}

export type { DecodeResult };
