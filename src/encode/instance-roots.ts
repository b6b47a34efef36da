/**
 * Instance roots of the bottom-up codecs: mmpose 1.x `get_instance_root`
 * (`codecs/utils/instance_property.py`), the point SPR/DEKR and CID place an
 * instance's centre heatmap on.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { checkChoice } from '../core/options.js';
import { extentOf, instanceInputs, isVisible } from './instance-boxes.js';

/** How a root is computed from the visible keypoints. */
export type RootType = 'kpt_center' | 'bbox_center';

/** Options of {@link instanceRoots}. */
export interface InstanceRootOptions {
  /** `'kpt_center'` (default): mean of the visible keypoints; `'bbox_center'`: centre of their box. */
  rootType?: RootType;
}

/** Result of {@link instanceRoots}. */
export interface InstanceRoots {
  /** `[N, 2]` roots (x, y), float32 values in a Float64Array; (0, 0) where not visible. */
  roots: NdArray<Float64Array>;
  /** `[N]` 1 where the instance has a visible keypoint, else 0. */
  visible: NdArray<Float64Array>;
}

/** Validate `options.rootType`. */
export function checkRootType(name: string, v: unknown): RootType {
  return checkChoice(name, v, ['kpt_center', 'bbox_center'] as const);
}

/**
 * Root of each instance from its visible keypoints (`visible > 0`; all when
 * `visible` is left out), mmpose `get_instance_root`:
 * `'kpt_center'` the mean (float32 for float32 keypoints: a sequential float32
 * sum, then one division, as numpy's axis-0 mean), `'bbox_center'`
 * `(max + min) / 2`; an instance without a visible keypoint gets (0, 0) and
 * visibility 0, the others visibility 1. Roots are rounded to float32 (mmpose
 * stores them in a float32 array). Units: those of `keypoints`. Cost: O(N·K).
 *
 * @param keypoints `[N, K, ≥2]` (x, y), any strides
 * @param visible `[N, K]` visibility, or undefined / null for all visible
 * @param options {@link InstanceRootOptions}
 * @returns {@link InstanceRoots}
 */
export function instanceRoots(keypoints: NdArray, visible?: NdArray | null, options?: InstanceRootOptions): InstanceRoots {
  const inp = instanceInputs(keypoints, visible);
  const rootType = checkRootType('options.rootType', checkOptions('options', options).rootType);
  const { kv, vis, f } = inp;
  const N = kv.N;
  const roots = new Float64Array(2 * N);
  const rv = new Float64Array(N);
  const box = new Float64Array(4);
  for (let n = 0; n < N; n++) {
    if (rootType === 'bbox_center') {
      if (!extentOf(inp, n, box, 0)) continue;
      // (max + min) / 2.0 in the keypoints' dtype, stored as float32
      roots[2 * n] = Math.fround(f(box[2] + box[0]) / 2);
      roots[2 * n + 1] = Math.fround(f(box[3] + box[1]) / 2);
      rv[n] = 1;
      continue;
    }
    let sx = 0;
    let sy = 0;
    let c = 0;
    for (let k = 0; k < kv.K; k++) {
      if (!isVisible(vis, n, k)) continue;
      const p = kv.offset + n * kv.sN + k * kv.sK;
      sx = f(sx + kv.data[p]);
      sy = f(sy + kv.data[p + kv.sD]);
      c++;
    }
    if (c === 0) continue;
    roots[2 * n] = Math.fround(f(sx / c));
    roots[2 * n + 1] = Math.fround(f(sy / c));
    rv[n] = 1;
  }
  return { roots: ndarray(roots, [N, 2]), visible: ndarray(rv, [N]) };
}
