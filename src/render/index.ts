/** posecodec/render: SVG drawings of poses (skeletons coloured by score), pure and DOM-free. */
export { renderSkeletonSvg } from './skeleton-svg.js';
export type { SkeletonSvgOptions, PoseInput, SvgBackground } from './skeleton-svg.js';
export { COCO17_SKELETON, MPII16_SKELETON, BLAZEPOSE39_SKELETON, SKELETONS } from './skeletons.js';
export type { Skeleton } from './skeletons.js';
export { scoreColor } from './score-color.js';
