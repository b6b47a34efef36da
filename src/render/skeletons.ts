/**
 * Skeleton edge tables (deep-frozen): which keypoints a drawing connects.
 * Indices are 0-based keypoint indices of each dataset's order.
 */

/** A skeleton: keypoint count, the keypoints drawn as dots, and the edges drawn as lines. */
export interface Skeleton {
  readonly name: string;
  /** Keypoints per pose (K). */
  readonly keypoints: number;
  /** Only keypoints `0..points−1` are drawn (BlazePose's 6 auxiliary landmarks are not body points). */
  readonly points: number;
  readonly edges: readonly (readonly [number, number])[];
}

function skeleton(name: string, keypoints: number, points: number, edges: [number, number][]): Skeleton {
  return Object.freeze({ name, keypoints, points, edges: Object.freeze(edges.map((e) => Object.freeze(e) as readonly [number, number])) });
}

/** COCO-17 (mmpose `configs/_base_/datasets/coco.py` skeleton_info, 19 links; also MoveNet, PoseNet). */
export const COCO17_SKELETON: Skeleton = skeleton('coco17', 17, 17, [
  [15, 13], [13, 11], [16, 14], [14, 12], [11, 12], [5, 11], [6, 12], [5, 6], [5, 7],
  [6, 8], [7, 9], [8, 10], [1, 2], [0, 1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6],
]);

/**
 * MPII-16 (mmpose `configs/_base_/datasets/mpii.py`, 15 links): 0 r-ankle, 1 r-knee,
 * 2 r-hip, 3 l-hip, 4 l-knee, 5 l-ankle, 6 pelvis, 7 thorax, 8 upper neck, 9 head top,
 * 10 r-wrist, 11 r-elbow, 12 r-shoulder, 13 l-shoulder, 14 l-elbow, 15 l-wrist.
 */
export const MPII16_SKELETON: Skeleton = skeleton('mpii16', 16, 16, [
  [0, 1], [1, 2], [2, 6], [6, 3], [3, 4], [4, 5], [6, 7], [7, 8], [8, 9],
  [8, 12], [12, 11], [11, 10], [8, 13], [13, 14], [14, 15],
]);

/**
 * BlazePose (MediaPipe `pose_connections.py` POSE_CONNECTIONS, 35 links among the
 * 33 body landmarks); the full model's 39 outputs add 6 auxiliary landmarks (33–38,
 * ROI alignment points), which are not drawn. A 33-landmark pose uses the same edges.
 */
export const BLAZEPOSE39_SKELETON: Skeleton = skeleton('blazepose39', 39, 33, [
  [0, 1], [1, 2], [2, 3], [3, 7], [0, 4], [4, 5], [5, 6], [6, 8], [9, 10],
  [11, 12], [11, 13], [13, 15], [15, 17], [15, 19], [15, 21], [17, 19],
  [12, 14], [14, 16], [16, 18], [16, 20], [16, 22], [18, 20],
  [11, 23], [12, 24], [23, 24], [23, 25], [24, 26], [25, 27], [26, 28],
  [27, 29], [28, 30], [29, 31], [30, 32], [27, 31], [28, 32],
]);

/** The built-in skeletons by name. */
export const SKELETONS: Readonly<Record<'coco17' | 'mpii16' | 'blazepose39', Skeleton>> = Object.freeze({
  coco17: COCO17_SKELETON,
  mpii16: MPII16_SKELETON,
  blazepose39: BLAZEPOSE39_SKELETON,
});
