/** Shared pieces of the law checkers: the {@link Law} type, the encoder signature and case labels. */
import * as fc from 'fast-check';
import type { NdArray } from 'ndarray';

/** A fast-check property over one generated case. */
export type Law<T = unknown> = fc.IPropertyWithHooks<[T]>;

/** An encoder with the signature of posecodec's (`msraHeatmaps`, `unbiasedHeatmaps`, `udpHeatmaps`, …). */
export type Encoder = (heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: number) => NdArray | { heatmaps: NdArray };

export function tag<T extends object>(v: T, text: string): T {
  Object.defineProperty(v, fc.toStringMethod, { value: () => text, enumerable: false, configurable: true });
  return v;
}
export function heatmapsOf(out: NdArray | { heatmaps: NdArray }): NdArray {
  return 'heatmaps' in out && out.heatmaps ? out.heatmaps : (out as NdArray);
}

