/**
 * Per-keypoint OKS falloff constants σ.
 *
 * COCO's 17 person keypoints (nose, eyes, ears, shoulders, elbows, wrists,
 * hips, knees, ankles), from pycocotools `Params.setKpParams`:
 * `np.array([.26, .25, …, .89]) / 10.0` — the division is kept so each value
 * is bit-identical to numpy's.
 */
export const COCO_SIGMAS: readonly number[] = Object.freeze(
  [0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89].map((s) => s / 10.0),
);

/**
 * Validate custom σ (xtcocotools-style per-dataset sigmas, e.g. CrowdPose,
 * OCHuman, COCO-WholeBody): K positive finite numbers. Returns `vars = (2σ)²`
 * as in pycocotools `computeOks` (`(sigmas * 2) ** 2`).
 * @param name argument name for error messages
 * @param sigmas σ per keypoint, or undefined for {@link COCO_SIGMAS}
 * @param K expected keypoint count (undefined = take the length of `sigmas`)
 */
export function oksVars(name: string, sigmas: ArrayLike<number> | undefined, K?: number): Float64Array {
  if (typeof name !== 'string') throw new TypeError(`name (the argument name for messages) must be a string, got ${name === null ? 'null' : typeof name}`);
  if (K !== undefined && (typeof K !== 'number' || !Number.isInteger(K) || K < 1 || K > 2 ** 24)) throw new RangeError(`K must be an integer in [1, 2^24] (the keypoint count), got ${String(K)}`);
  const s = sigmas ?? COCO_SIGMAS;
  if (!Array.isArray(s) && !ArrayBuffer.isView(s)) throw new TypeError(`${name} must be an array of numbers`);
  if (K !== undefined && s.length !== K) {
    throw new RangeError(`${name} must have one value per keypoint (${K}), got ${s.length}`);
  }
  if (s.length === 0) throw new RangeError(`${name} must not be empty`);
  const vars = new Float64Array(s.length);
  for (let k = 0; k < s.length; k++) {
    const v = s[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) throw new RangeError(`${name}[${k}] must be a finite number > 0, got ${String(v)}`);
    const twice = v * 2;
    vars[k] = twice * twice;
  }
  return vars;
}
