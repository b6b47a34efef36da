/**
 * Validated MoveNet (CenterNet-style) heads and the sigmoid both decodes use.
 */
import { checkAllocation } from '../core/ndarray.js';
import { checkHeadValues, checkChannels, checkSameHW, hwcView, type HwcView } from './realnet-types.js';

/** The raw MoveNet heads, HWC as the graph gives them (logits where the head is a logit). */
export interface CenterNetHeads {
  /** `[H, W, 1]` centre logits. */
  center: unknown;
  /** `[H, W, K]` keypoint heatmap logits. */
  heatmap: unknown;
  /** `[H, W, 2K]` centre → keypoint regression, cells (2k = dy, 2k+1 = dx). */
  regress: unknown;
  /** `[H, W, 2K]` keypoint sub-cell offsets, cells (2k = dy, 2k+1 = dx). */
  offset: unknown;
  /** MultiPose only: `[H, W, 2]` box height, width in cells. */
  boxScale?: unknown;
  /** MultiPose only: `[H, W, 2]` box centre offset dy, dx in cells. */
  boxOffset?: unknown;
}

/** Flat views of {@link CenterNetHeads}; `boxScale`/`boxOffset` null for the single-person graph. */
export interface CenterNetViews {
  center: HwcView;
  heatmap: HwcView;
  regress: HwcView;
  offset: HwcView;
  boxScale: HwcView | null;
  boxOffset: HwcView | null;
  K: number;
}

/**
 * Check the heads: one H×W for all, centre 1 channel, regress / offset 2K,
 * box heads 2 each and both or neither (shapes only: values are checked by
 * {@link checkCenterNetValues}). Errors name `heads.<head>`.
 */
export function centerNetViews(heads: unknown): CenterNetViews {
  if (heads === null || typeof heads !== 'object' || Array.isArray(heads)) throw new TypeError('heads must be an object { center, heatmap, regress, offset[, boxScale, boxOffset] }');
  const h = heads as CenterNetHeads;
  const center = hwcView('heads.center', h.center);
  const heatmap = hwcView('heads.heatmap', h.heatmap);
  const regress = hwcView('heads.regress', h.regress);
  const offset = hwcView('heads.offset', h.offset);
  const K = heatmap.C;
  checkChannels('heads.center', center, 1, 'one centre map');
  for (const [name, v] of [['heads.heatmap', heatmap], ['heads.regress', regress], ['heads.offset', offset]] as const) checkSameHW(name, v, 'heads.center', center);
  checkChannels('heads.regress', regress, 2 * K, `2·K with K = ${K} heatmap channels`);
  checkChannels('heads.offset', offset, 2 * K, `2·K with K = ${K} heatmap channels`);
  const hasScale = h.boxScale !== undefined;
  const hasOffset = h.boxOffset !== undefined;
  if (hasScale !== hasOffset) throw new TypeError(`heads.${hasScale ? 'boxOffset' : 'boxScale'} is required with heads.${hasScale ? 'boxScale' : 'boxOffset'} (MultiPose has both box heads)`);
  let boxScale: HwcView | null = null;
  let boxOffset: HwcView | null = null;
  if (hasScale) {
    boxScale = hwcView('heads.boxScale', h.boxScale);
    boxOffset = hwcView('heads.boxOffset', h.boxOffset);
    for (const [name, v] of [['heads.boxScale', boxScale], ['heads.boxOffset', boxOffset]] as const) {
      checkSameHW(name, v, 'heads.center', center);
      checkChannels(name, v, 2, 'dy, dx / height, width');
    }
  }
  return { center, heatmap, regress, offset, boxScale, boxOffset, K };
}

/** Throw a `RangeError` naming `heads.<head>` at the first NaN of any head. O(size of the heads). */
export function checkCenterNetValues(v: CenterNetViews): void {
  const all: [string, HwcView | null][] = [['heads.center', v.center], ['heads.heatmap', v.heatmap], ['heads.regress', v.regress], ['heads.offset', v.offset], ['heads.boxScale', v.boxScale], ['heads.boxOffset', v.boxOffset]];
  for (const [name, h] of all) if (h) checkHeadValues(name, h);
}

/** Logistic sigmoid `1 / (1 + e^−x)` in float64. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** σ of every value of a head, as a fresh C-order `H·W·C` Float64Array. */
export function sigmoidPlane(v: HwcView): Float64Array {
  const { data, offset, H, W, C, sH, sW, sC } = v;
  checkAllocation('sigmoid of a head', H * W * C, 8);
  const out = new Float64Array(H * W * C);
  let i = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) out[i++] = sigmoid(data[offset + y * sH + x * sW + c * sC]);
  return out;
}
