/**
 * Box format conversions of mmpose 1.x `mmpose/structures/bbox/transforms.py`:
 * `bbox_xyxy2xywh` (:9), `bbox_xywh2xyxy` (:27), `bbox_xyxy2cs` (:44).
 * Exact: each output is one float32 (float32 input) or double operation, as NumPy computes it.
 */
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { checkNumberOption } from '../core/options.js';
import { boxOutput, checkFiniteBoxes, readBoxes, type BoxArray } from './box-array.js';

/** Largest `options.padding` of {@link bboxXyxyToCs} (mmpose uses 1.25; beyond, a box is no longer a crop of the image). */
const MAX_PADDING = 1e6;

type Box = NdArray | readonly number[] | readonly (readonly number[])[];

/** Round to float32 when the reference computes in float32. */
const roundFor = (b: BoxArray): ((v: number) => number) => (b.f32 ? Math.fround : (v: number) => v);

/** Copy the boxes and replace columns 2, 3 by `op(col2|3, col0|1)`; a 5th (score) column passes through (W2). */
function convertCorners(name: string, boxes: unknown, op: (a: number, b: number) => number): NdArray<Float32Array | Float64Array> {
  const b = readBoxes(name, boxes, [4, 5]);
  const r = roundFor(b);
  const out = boxOutput(b, b.shape);
  const o = out.data;
  o.set(b.values);
  for (let i = 0; i < b.N; i++) {
    const k = i * b.D;
    o[k + 2] = r(op(b.values[k + 2], b.values[k]));
    o[k + 3] = r(op(b.values[k + 3], b.values[k + 1]));
  }
  return out;
}

/**
 * `(x, y, w, h[, score])` → `(x1, y1, x2, y2[, score])`: `x2 = w + x`, `y2 = h + y`
 * (mmpose `bbox_xywh2xyxy`). Float32 in → float32 out, else Float64Array.
 * @param boxes `[N, 4 | 5]` (or one box `[4 | 5]`), image px
 * @returns same shape, a fresh array (input untouched)
 */
export function bboxXywhToXyxy(boxes: Box): NdArray<Float32Array | Float64Array> {
  return convertCorners('boxes', boxes, (wh, xy) => wh + xy);
}

/**
 * `(x1, y1, x2, y2[, score])` → `(x, y, w, h[, score])`: `w = x2 − x1`, `h = y2 − y1`
 * (mmpose `bbox_xyxy2xywh`). Float32 in → float32 out, else Float64Array.
 * @param boxes `[N, 4 | 5]` (or `[4 | 5]`), image px
 */
export function bboxXyxyToXywh(boxes: Box): NdArray<Float32Array | Float64Array> {
  return convertCorners('boxes', boxes, (x2, x1) => x2 - x1);
}

export interface BboxToCsOptions {
  /** Factor on the box size (mmpose `padding`; 1.25 for top-down crops), in (0, 1e6]. Default 1. Cast to float32 for float32 boxes (W1). */
  padding?: number;
}

/**
 * Box corners to centre and size: `scale = (x2 − x1, y2 − y1)·padding`,
 * `center = (x2 + x1, y2 + y1)·0.5` (mmpose `bbox_xyxy2cs`, transforms.py:66-67),
 * in the input's float type. Degenerate and reversed boxes give zero or
 * negative scales unchanged (the warp rejects them).
 * @param boxes `[N, 4]` or `[4]` (x1, y1, x2, y2), image px
 * @returns `center`, `scale`: `[N, 2]` (or `[2]` for a `[4]` input), image px
 */
export function bboxXyxyToCs(boxes: Box, options?: BboxToCsOptions): { center: NdArray<Float32Array | Float64Array>; scale: NdArray<Float32Array | Float64Array> } {
  const b = readBoxes('boxes', boxes, [4]);
  const opts = checkOptions('options', options);
  const pad0 = checkNumberOption('options.padding', opts.padding, { fallback: 1, positive: true, max: MAX_PADDING });
  const r = roundFor(b);
  const pad = r(pad0);
  const shape = b.shape.length === 2 ? [b.N, 2] : [2];
  const center = boxOutput(b, shape);
  const scale = boxOutput(b, shape);
  const v = b.values;
  for (let i = 0; i < b.N; i++) {
    const k = 4 * i;
    scale.data[2 * i] = r(r(v[k + 2] - v[k]) * pad);
    scale.data[2 * i + 1] = r(r(v[k + 3] - v[k + 1]) * pad);
    center.data[2 * i] = r(r(v[k + 2] + v[k]) * 0.5);
    center.data[2 * i + 1] = r(r(v[k + 3] + v[k + 1]) * 0.5);
  }
  checkFiniteBoxes(center, 'boxes');
  return { center, scale: checkFiniteBoxes(scale, 'boxes') };
}
