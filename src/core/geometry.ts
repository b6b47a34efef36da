/**
 * Geometry between image, input (crop) and heatmap pixels: the crop warp
 * matrices (`warp-matrix.ts`), 2×3 affine helpers (`affine.ts`) and the
 * heatmap ↔ input scale of each codec geometry (here).
 */
export { checkPair, invertAffine, invertAffineOpenCv, transformKeypoints, flattenAffine } from './affine.js';
export type { Affine } from './affine.js';
export { getWarpMatrix } from './warp-matrix.js';
export type { WarpOptions } from './warp-matrix.js';
import { checkSize } from './ndarray.js';

/**
 * Heatmap ↔ input pixel scale per axis for a geometry.
 * MSRA: `x_hm = x_in·W/w`; UDP: `x_hm = x_in·(W−1)/(w−1)` (exact inverses).
 * @returns `[sx, sy]` with `x_in = x_hm·sx`
 */
export function heatmapToInputScale(geometry: 'msra' | 'udp', inputSize: [number, number], heatmapSize: [number, number]): [number, number] {
  if (geometry !== 'msra' && geometry !== 'udp') throw new RangeError(`geometry must be 'msra' or 'udp', got ${typeof geometry === 'string' ? JSON.stringify(geometry) : String(geometry)}`);
  const [w, h] = checkSize('inputSize', inputSize);
  const [W, H] = checkSize('heatmapSize', heatmapSize);
  if (geometry === 'udp') {
    return [W > 1 ? (w - 1) / (W - 1) : 1, H > 1 ? (h - 1) / (H - 1) : 1];
  }
  return [w / W, h / H];
}
