/**
 * pycocotools `Params(iouType='keypoints')`: OKS thresholds, recall points
 * and area ranges, built exactly as numpy builds them so that thresholds like
 * 0.7000000000000001 compare identically.
 */

/**
 * `np.linspace(start, stop, num)`: `i · step + start` with `step = (stop − start) / (num − 1)`,
 * and the last value set to `stop` (numpy `function_base.py`).
 */
export function linspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const step = (stop - start) / div;
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(i * step + start);
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** OKS thresholds 0.50:0.05:0.95: `np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1)` (10 values). */
export const IOU_THRESHOLDS: readonly number[] = Object.freeze(linspace(0.5, 0.95, Math.round((0.95 - 0.5) / 0.05) + 1));

/** Recall points 0:0.01:1: `np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1)` (101 values). */
export const RECALL_THRESHOLDS: readonly number[] = Object.freeze(linspace(0.0, 1.0, Math.round((1.0 - 0.0) / 0.01) + 1));

/** Keypoint area ranges (px²): all `[0, 1e5²]`, medium `[32², 96²]`, large `[96², 1e5²]` — no "small" for keypoints. */
export const AREA_RANGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([0, 1e5 ** 2] as const),
  Object.freeze([32 ** 2, 96 ** 2] as const),
  Object.freeze([96 ** 2, 1e5 ** 2] as const),
]);

/** Labels of {@link AREA_RANGES}. */
export const AREA_LABELS: readonly string[] = Object.freeze(['all', 'medium', 'large']);
