/**
 * posecodec/crop: the top-down crop — mmpose `TopdownAffine` with an
 * OpenCV-exact `warpAffine` (uint8 to 0 levels), box conversions, aspect-ratio
 * fixing, mmpose's image normalisation, and crop + normalise fused into a
 * float32 NCHW/NHWC network input. Images are `[H, W, C]` ndarrays (C = 1, 3, 4),
 * so `ndarray(imageData.data, [h, w, 4])` wraps a canvas `ImageData` without a copy.
 */
export { bboxXyxyToCs, bboxXywhToXyxy, bboxXyxyToXywh } from './bbox-convert.js';
export type { BboxToCsOptions } from './bbox-convert.js';
export { fixAspectRatio } from './fix-aspect-ratio.js';
export { warpAffine } from './warp-affine.js';
export type { WarpAffineOptions } from './warp-affine.js';
export { warpAffineToTensor } from './warp-to-tensor.js';
export type { WarpToTensorOptions } from './warp-to-tensor.js';
export { normalizeImage } from './normalize-image.js';
export type { NormalizeImageOptions } from './normalize-image.js';
export { topdownAffine } from './topdown-affine.js';
export type { TopdownBox, TopdownAffineOptions, TopdownAffineResult } from './topdown-affine.js';
export { transformKeypointsF32 } from './transform-keypoints-f32.js';
export { MAX_IMAGE_SIDE } from './image-view.js';
export { getWarpMatrix, invertAffine, invertAffineOpenCv } from '../core/geometry.js';
export type { Affine, WarpOptions } from '../core/geometry.js';
export type { Image, ImageData8, ImageDataAny, AffineLike, PairLike, TensorLayout, NormalizeOptions } from './types.js';
