/**
 * The common shape of the flat-state filter kernels: C independent scalar filters ("channels")
 * whose state lives in Float64Arrays, run in place over rows of a flat buffer in one call, with
 * no allocation and no per-coordinate call through an options object.
 */

/** C independent tfjs-semantics scalar filters sharing the timestamps of each call. */
export interface ChannelBank {
  /** Number of channels. */
  readonly size: number;
  /**
   * Filter in place `data[off + k·D + c]` for `k < K`, `c < coords` with channel
   * `chBase + k·chStride + c`, at `microSeconds` (truncated to an integer, as the references) with
   * `valueScale`. A NaN value is skipped (left NaN, its channel untouched); a channel whose last
   * timestamp is ≥ the new one keeps the raw value and its state (the references' rule). Internal:
   * the caller has checked every argument and that the channels exist. Cost O(K·coords).
   */
  applyRows(data: Float64Array, off: number, K: number, D: number, coords: number, chBase: number, chStride: number, microSeconds: number, valueScale: number): void;
}
