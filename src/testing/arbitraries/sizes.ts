/** Heatmap sizes and input/heatmap geometries (heatmap px). */
import * as fc from 'fast-check';
import { intArb, type IntRange } from './common.js';

/** Heatmap sizes: `{ W, H }` ranges (heatmap px), or an explicit list of `[W, H]`. */
export type SizeSpec = { W?: IntRange; H?: IntRange } | readonly (readonly [number, number])[];

/**
 * Heatmap size `[W, H]` (width first, as mmpose).
 * @param sizes `{ W: [min, max], H: [min, max] }` (default 8–24 each) or a list of sizes to pick from
 */
export function heatmapSize(sizes: SizeSpec = {}): fc.Arbitrary<[number, number]> {
  if (Array.isArray(sizes)) return fc.constantFrom(...(sizes as [number, number][])).map(([w, h]) => [w, h] as [number, number]);
  const s = sizes as { W?: IntRange; H?: IntRange };
  return fc.tuple(intArb(s.W ?? [8, 24]), intArb(s.H ?? [8, 24]));
}

/**
 * A network geometry: heatmap size, integer stride `s` and the input size
 * `[s·W, s·H]` (input px).
 * @param options.sizes heatmap sizes (see {@link heatmapSize}); options.strides strides to pick from (default 1, 2, 4, 8)
 */
export function geometrySize(options: { sizes?: SizeSpec; strides?: readonly number[] } = {}): fc.Arbitrary<{ heatmapSize: [number, number]; stride: number; inputSize: [number, number] }> {
  return fc.tuple(heatmapSize(options.sizes), fc.constantFrom(...(options.strides ?? [1, 2, 4, 8]))).map(([[W, H], s]) => ({
    heatmapSize: [W, H] as [number, number],
    stride: s,
    inputSize: [W * s, H * s] as [number, number],
  }));
}
