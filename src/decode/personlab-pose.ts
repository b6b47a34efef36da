/**
 * Growing one PersonLab / PoseNet pose from a root keypoint along the part
 * tree (tfjs-models `posenet/dist/multi_pose/decode_pose.js:54-113`, 2.2.2).
 */
import { at, type HwcView } from './realnet-types.js';
import type { PoseChain } from './personlab-chain.js';
import { nearestCell } from './personlab-heads.js';

/** Heads and geometry shared by every step of one decode. */
export interface PoseGrowth {
  scores: HwcView;
  offsets: HwcView;
  fwd: HwcView;
  bwd: HwcView;
  chain: PoseChain;
  stride: number;
  K: number;
}

/** Offset refinement steps after a displacement (`traverseToTargetKeypoint`'s `offsetRefineStep = 2`). */
const OFFSET_REFINE_STEPS = 2;

/**
 * One step along edge `e` from keypoint `src` to `tgt`, writing `tgt`'s
 * position (input px, into `pos[2·tgt]`, `pos[2·tgt+1]` as x, y) and score.
 * The displacement is read at the source's nearest cell; then twice: nearest
 * cell of the point, point = `stride·cell + offset(tgt, cell)`; the score is
 * read at the final point's nearest cell. Positions are not clamped.
 */
function traverse(g: PoseGrowth, disp: HwcView, e: number, src: number, tgt: number, pos: Float64Array, sc: Float64Array): void {
  const { scores, offsets, stride, K } = g;
  const { H, W } = scores;
  const E = disp.C / 2;
  const sx = nearestCell(pos[2 * src], stride, W);
  const sy = nearestCell(pos[2 * src + 1], stride, H);
  let x = pos[2 * src] + at(disp, sy, sx, E + e);
  let y = pos[2 * src + 1] + at(disp, sy, sx, e);
  for (let step = 0; step < OFFSET_REFINE_STEPS; step++) {
    const cx = nearestCell(x, stride, W);
    const cy = nearestCell(y, stride, H);
    x = cx * stride + at(offsets, cy, cx, K + tgt);
    y = cy * stride + at(offsets, cy, cx, tgt);
  }
  pos[2 * tgt] = x;
  pos[2 * tgt + 1] = y;
  sc[tgt] = at(scores, nearestCell(y, stride, H), nearestCell(x, stride, W), tgt);
}

/**
 * `decodePose`: the root's position is `stride·(x, y) + offset` at its cell
 * and its score the queue's; then edges E−1 … 0 backwards (child → parent,
 * `displacementBwd`) where the child is known and the parent not, then edges
 * 0 … E−1 forwards (parent → child, `displacementFwd`). Writes K positions
 * (x, y input px) to `pos` and K scores to `sc`. O(K).
 */
export function growPose(g: PoseGrowth, rootK: number, rootY: number, rootX: number, rootScore: number, pos: Float64Array, sc: Float64Array): void {
  const { chain, K, stride, offsets } = g;
  const known = new Uint8Array(K);
  pos[2 * rootK] = rootX * stride + at(offsets, rootY, rootX, K + rootK);
  pos[2 * rootK + 1] = rootY * stride + at(offsets, rootY, rootX, rootK);
  sc[rootK] = rootScore;
  known[rootK] = 1;
  const E = chain.parent.length;
  for (let e = E - 1; e >= 0; e--) {
    const src = chain.child[e];
    const tgt = chain.parent[e];
    if (known[src] && !known[tgt]) {
      traverse(g, g.bwd, e, src, tgt, pos, sc);
      known[tgt] = 1;
    }
  }
  for (let e = 0; e < E; e++) {
    const src = chain.parent[e];
    const tgt = chain.child[e];
    if (known[src] && !known[tgt]) {
      traverse(g, g.fwd, e, src, tgt, pos, sc);
      known[tgt] = 1;
    }
  }
}
