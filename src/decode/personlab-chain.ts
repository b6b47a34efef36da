/**
 * The part tree PersonLab / PoseNet decode along: a list of (parent, child)
 * keypoint edges whose displacement fields the network predicts.
 */

/**
 * PoseNet's 16-edge `poseChain` on COCO-17 keypoint indices (tfjs-models
 * `posenet/src/keypoints.ts` `poseChain`): displacement channel e (dy) and
 * 16 + e (dx) belong to edge e. Frozen.
 */
export const POSENET_POSE_CHAIN: readonly (readonly [number, number])[] = Object.freeze(
  (
    [
      [0, 1], // nose → leftEye
      [1, 3], // leftEye → leftEar
      [0, 2], // nose → rightEye
      [2, 4], // rightEye → rightEar
      [0, 5], // nose → leftShoulder
      [5, 7], // leftShoulder → leftElbow
      [7, 9], // leftElbow → leftWrist
      [5, 11], // leftShoulder → leftHip
      [11, 13], // leftHip → leftKnee
      [13, 15], // leftKnee → leftAnkle
      [0, 6], // nose → rightShoulder
      [6, 8], // rightShoulder → rightElbow
      [8, 10], // rightElbow → rightWrist
      [6, 12], // rightShoulder → rightHip
      [12, 14], // rightHip → rightKnee
      [14, 16], // rightKnee → rightAnkle
    ] as const
  ).map((e) => Object.freeze([e[0], e[1]] as const)),
);

/** A validated chain: `parent[e]`, `child[e]` for e < E = K − 1. */
export interface PoseChain {
  parent: Int32Array;
  child: Int32Array;
}

/**
 * Validate `edges` (name `name`) as a part tree over K keypoints listed
 * root-first: E = K − 1 edges, the first edge's parent is the root, every
 * later parent is the root or an earlier edge's child, every keypoint but the
 * root is a child exactly once. This is what makes PoseNet's two passes
 * (backward edges E−1 … 0, then forward 0 … E−1) reach every keypoint from any
 * root. Default (undefined): {@link POSENET_POSE_CHAIN}, which needs K = 17.
 */
export function poseChain(name: string, edges: unknown, K: number): PoseChain {
  if (edges === undefined) {
    if (K !== 17) throw new RangeError(`${name} is required when K != 17 (the default is PoseNet's COCO-17 chain), got K = ${K}`);
    edges = POSENET_POSE_CHAIN;
  }
  if (!Array.isArray(edges)) throw new TypeError(`${name} must be an array of [parent, child] pairs`);
  if (edges.length !== K - 1) throw new RangeError(`${name} must have K − 1 = ${K - 1} edges (a tree over the K keypoints), got ${edges.length}`);
  const parent = new Int32Array(K - 1);
  const child = new Int32Array(K - 1);
  const seen = new Uint8Array(K);
  for (let e = 0; e < edges.length; e++) {
    const pair = edges[e] as unknown;
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${name}[${e}] must be a [parent, child] pair`);
    for (const v of pair) {
      if (!Number.isInteger(v) || v < 0 || v >= K) throw new RangeError(`${name}[${e}] must hold keypoint indices in [0, ${K}), got [${pair.join(', ')}]`);
    }
    const [p, c] = pair as [number, number];
    if (e === 0) seen[p] = 1;
    if (!seen[p]) throw new RangeError(`${name}[${e}] parent ${p} is neither the root nor the child of an earlier edge (list the tree root-first)`);
    if (seen[c]) throw new RangeError(`${name}[${e}] child ${c} already has a parent (or is the root): the edges must form a tree`);
    seen[c] = 1;
    parent[e] = p;
    child[e] = c;
  }
  return { parent, child };
}
