/** Heatmap sizes and input/heatmap geometries (heatmap px). */
import * as fc from 'fast-check';
import { intArb, type IntRange } from './common.js';
import { checkInt, checkOptionsBag, checkSizeSpec } from '../check-args.js';

/** Heatmap sizes: `{ W, H }` ranges (heatmap px), or an explicit list of `[W, H]`. */
export type SizeSpec = { W?: IntRange; H?: IntRange } | readonly (readonly [number, number])[];

/**
 * Heatmap size `[W, H]` (width first, as mmpose).
 * @param sizes `{ W: [min, max], H: [min, max] }` (default 8–24 each; integers in [1, 4096], min ≤ max, no other keys) or a non-empty list of sizes to pick from; checked at creation (TypeError / RangeError naming `sizes`)
 */
export function heatmapSize(sizes: SizeSpec = {}): fc.Arbitrary<[number, number]> {
  return sizeArb(checkSizeSpec('sizes', sizes, { W: [8, 24], H: [8, 24] }).spec);
}

function sizeArb(sizes: SizeSpec): fc.Arbitrary<[number, number]> {
  if (Array.isArray(sizes)) return fc.constantFrom(...(sizes as [number, number][])).map(([w, h]) => [w, h] as [number, number]);
  const s = sizes as { W?: IntRange; H?: IntRange };
  return fc.tuple(intArb(s.W ?? [8, 24]), intArb(s.H ?? [8, 24]));
}

/**
 * A network geometry: heatmap size, integer stride `s` and the input size
 * `[s·W, s·H]` (input px).
 * @param options.sizes heatmap sizes (see {@link heatmapSize}); options.strides a non-empty list of integer strides in [1, 64] to pick from (default 1, 2, 4, 8)
 */
export function geometrySize(options: { sizes?: SizeSpec; strides?: readonly number[] } = {}): fc.Arbitrary<{ heatmapSize: [number, number]; stride: number; inputSize: [number, number] }> {
  const o = checkOptionsBag('options', options);
  const sizes = checkSizeSpec('options.sizes', o.sizes, { W: [8, 24], H: [8, 24] }).spec;
  const strides = o.strides === undefined ? [1, 2, 4, 8] : checkStrides('options.strides', o.strides);
  return fc.tuple(sizeArb(sizes), fc.constantFrom(...strides)).map(([[W, H], s]) => ({
    heatmapSize: [W, H] as [number, number],
    stride: s,
    inputSize: [W * s, H * s] as [number, number],
  }));
}

function checkStrides(name: string, v: unknown): number[] {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array of integer strides, got ${v === null ? 'null' : typeof v}`);
  if (v.length === 0 || v.length > 64) throw new RangeError(`${name} must list 1 to 64 strides, got ${v.length}`);
  return v.map((x, i) => checkInt(`${name}[${i}]`, x, 1, 64));
}
