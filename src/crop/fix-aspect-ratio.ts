/**
 * mmpose `TopdownAffine._fix_aspect_ratio` (topdown_transforms.py:56-71):
 * grow the short side of each box so that `w/h = aspectRatio`.
 */
import type { NdArray } from 'ndarray';
import { checkNumberOption } from '../core/options.js';
import { boxOutput, checkFiniteBoxes, readBoxes } from './box-array.js';

/** Bounds of `aspectRatio` (w/h): beyond them a box side overflows or collapses. */
const MIN_ASPECT = 1e-6;
const MAX_ASPECT = 1e6;

/**
 * `w > h·ar ? (w, w/ar) : (h·ar, h)` per row; ties take the second branch.
 * Float32 input (mmpose's `bbox_scale`): float32-exact, `aspectRatio` cast to
 * float32 **first** (NumPy 1.24 value-based casting, W3; for 4/3 this differs
 * from dividing by the double). Other inputs: double arithmetic.
 * @param scale `[N, 2]` (or `[2]`) box sizes `(w, h)`, image px
 * @param aspectRatio target `w/h` in [1e-6, 1e6], e.g. 192/256
 * @throws RangeError naming `scale` when a side overflows (a finite input near float max)
 * @returns same shape, a fresh array
 */
export function fixAspectRatio(scale: NdArray | readonly number[] | readonly (readonly number[])[], aspectRatio: number): NdArray<Float32Array | Float64Array> {
  const b = readBoxes('scale', scale, [2]);
  const ar0 = checkNumberOption('aspectRatio', aspectRatio, { min: MIN_ASPECT, max: MAX_ASPECT });
  const r = b.f32 ? Math.fround : (v: number) => v;
  const ar = r(ar0);
  const out = boxOutput(b, b.shape);
  const v = b.values;
  const o = out.data;
  for (let i = 0; i < b.N; i++) {
    const w = v[2 * i];
    const h = v[2 * i + 1];
    const hw = r(h * ar);
    if (w > hw) {
      o[2 * i] = w;
      o[2 * i + 1] = r(w / ar);
    } else {
      o[2 * i] = hw;
      o[2 * i + 1] = h;
    }
  }
  return checkFiniteBoxes(out, 'scale');
}
