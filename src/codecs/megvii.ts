/**
 * Megvii heatmap codec (mmpose `MegviiHeatmap`, `codecs/megvii_heatmap.py`;
 * Chen et al., CPN, CVPR 2018; Li et al., MSPN 2019): a blurred one-hot with
 * peak 255, decoded by blur + argmax + HRNet quarter rule + 0.5.
 * Geometry `x_hm = x_in·W/w`.
 */
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../core/geometry.js';
import { checkOddKernel, optionRecord } from '../core/options.js';
import { heatmapView } from '../core/ndarray.js';
import { megviiHeatmaps } from '../encode/index.js';
import { gaussianBlur } from '../decode/blur.js';
import { heatmapArgmax } from '../decode/argmax.js';
import { quarterAt } from '../decode/quarter.js';
import type { DecodeResult } from '../decode/types.js';
import type { HeatmapCodec, HeatmapEncodeResult, CodecCompat } from './types.js';
import { frozenSize, checkCompat, toHeatmapPx, defaultVisible, checkCodecHeatmaps, asInstances, scaleInPlace, scaleArithmetic } from './heatmap-geometry.js';

/** Options of `createCodec({ type: 'megvii', ... })`. */
export interface MegviiCodecOptions {
  type: 'megvii';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Odd Gaussian kernel size of the target and of the decode blur. Default 11. */
  kernelSize?: number;
  /**
   * See {@link CodecCompat}. Megvii has no reference bug to fix; `'mmpose'`
   * scales keypoints by the float32 `scale_factor` in float32
   * (`megvii_heatmap.py:56-57, :94, :144`): a keypoint a float32 rounding away
   * from a heatmap column then truncates to the same column as mmpose.
   */
  compat?: CodecCompat;
}

/**
 * `megvii_heatmap.py` decode on heatmap px: blur (zero pad, rescaled to each
 * map's max), argmax, then `+= sign(Δ)·0.25 + 0.5` only where
 * `1 < px < W−1 and 1 < py < H−1` (the HRNet rule), scores `max/255 + 0.5`.
 */
function megviiDecode(heatmaps: NdArray, kernelSize: number): DecodeResult {
  const blurred = gaussianBlur(heatmaps, kernelSize);
  const v = heatmapView('heatmaps', blurred);
  const r = heatmapArgmax(blurred);
  const kp = r.keypoints.data;
  const plane = { data: blurred.data, offset: 0, sH: v.sH, sW: v.sW, H: v.H, W: v.W };
  for (let m = 0; m < v.B * v.K; m++) {
    plane.offset = m * v.H * v.W;
    if (quarterAt(plane, 'hrnet', kp, 2 * m)) {
      kp[2 * m] += 0.5;
      kp[2 * m + 1] += 0.5;
    }
  }
  const s = r.scores.data;
  for (let i = 0; i < s.length; i++) s[i] = s[i] / 255 + 0.5;
  return r;
}

/** Create a Megvii codec (see the file header). Options are validated and snapshotted here. */
export function createMegviiCodec(options: MegviiCodecOptions): HeatmapCodec<'megvii'> {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const kernelSize = checkOddKernel('options.kernelSize', o.kernelSize, 11);
  const compat = checkCompat(o.compat);
  const arithmetic = scaleArithmetic(compat);
  const scale = Object.freeze(heatmapToInputScale('msra', [...inputSize], [...heatmapSize])) as readonly [number, number];

  const encode = (keypoints: NdArray, visible?: NdArray): HeatmapEncodeResult =>
    megviiHeatmaps([heatmapSize[0], heatmapSize[1]], toHeatmapPx(keypoints, scale, arithmetic), defaultVisible(keypoints, visible), kernelSize);
  const decode = (heatmaps: NdArray) => {
    const batched = checkCodecHeatmaps(heatmaps, heatmapSize);
    const r = asInstances(megviiDecode(heatmaps, kernelSize), batched);
    scaleInPlace(r.keypoints, scale, arithmetic);
    return r;
  };
  return Object.freeze({ type: 'megvii' as const, inputSize, heatmapSize, scale, compat, encode, decode });
}
