/**
 * MoveNet SinglePose (Thunder / Lightning) in-graph decode: the ops after the
 * four heads up to the `Identity` output `[17, 3]`, as realnet/FORMAT.md
 * spells it out, plus pose-detection's pose score
 * (`movenet/detector.js:157-172`).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { at, newPoseArrays, type CenterNetPose } from './realnet-types.js';
import { sigmoidPlane, type CenterNetViews } from './centernet-heads.js';

/** Settings of one single-person decode (validated by the caller). */
export interface SinglePoseSettings {
  stride: number;
  /** `[H, W]` centre weight, C order. */
  centerWeight: Float64Array;
  distanceBias: number;
  minCropKeypointScore: number;
}

/** First (row-major) argmax of `f(i, j)` over H×W; strict `>` so the first maximum wins. */
function argmax2d(H: number, W: number, f: (i: number, j: number) => number): [number, number] {
  let best = -Infinity;
  let bi = 0;
  let bj = 0;
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      const v = f(i, j);
      if (v > best) {
        best = v;
        bi = i;
        bj = j;
      }
    }
  }
  return [bi, bj];
}

/**
 * 1. centre = first argmax of `σ(centre)·centerWeight`;
 * 2. regressed keypoint r_k = centre + regress(centre);
 * 3. keypoint cell = first argmax of `σ(heatmap_k) / (|cell − r_k| + 1.8)`;
 * 4. keypoint = (cell + offset)·stride, score = σ(heatmap_k) there.
 * Pose score: mean of the keypoint scores > `minCropKeypointScore`, 0 if none.
 * Box: the keypoints' bounding box (those above `minCropKeypointScore`, or all
 * when none is): the graph has no box head. float64 (FORMAT.md: ≤ 3.6e-7 from
 * the float32 graph, same choices). Cost O(H·W·K).
 */
export function decodeSinglePose(h: CenterNetViews, s: SinglePoseSettings): CenterNetPose {
  const { heatmap, regress, offset, K } = h;
  const { H, W } = h.center;
  const c = sigmoidPlane(h.center);
  const [cy, cx] = argmax2d(H, W, (i, j) => c[i * W + j] * s.centerWeight[i * W + j]);
  const { keypoints, scores } = newPoseArrays(K);
  const sig = sigmoidPlane(heatmap); // C order (i, j, k)
  const bias = s.distanceBias;
  for (let k = 0; k < K; k++) {
    const ry = cy + at(regress, cy, cx, 2 * k);
    const rx = cx + at(regress, cy, cx, 2 * k + 1);
    const [ky, kx] = argmax2d(H, W, (i, j) => sig[(i * W + j) * K + k] / (Math.sqrt((i - ry) ** 2 + (j - rx) ** 2) + bias));
    keypoints.data[2 * k] = (kx + at(offset, ky, kx, 2 * k + 1)) * s.stride;
    keypoints.data[2 * k + 1] = (ky + at(offset, ky, kx, 2 * k)) * s.stride;
    scores.data[k] = sig[(ky * W + kx) * K + k];
  }
  let sum = 0;
  let count = 0;
  for (let k = 0; k < K; k++) {
    if (scores.data[k] > s.minCropKeypointScore) {
      sum += scores.data[k];
      count++;
    }
  }
  return { keypoints, scores, box: keypointBox(keypoints.data, scores.data, s.minCropKeypointScore), score: count > 0 ? sum / count : 0 };
}

/** `[4]` (xMin, yMin, xMax, yMax) of the keypoints scoring above `thr` (all of them when none does). */
function keypointBox(kp: Float64Array, sc: Float64Array, thr: number): NdArray<Float64Array> {
  const any = sc.some((v) => v > thr);
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < sc.length; k++) {
    if (any && !(sc[k] > thr)) continue;
    b[0] = Math.min(b[0], kp[2 * k]);
    b[1] = Math.min(b[1], kp[2 * k + 1]);
    b[2] = Math.max(b[2], kp[2 * k]);
    b[3] = Math.max(b[3], kp[2 * k + 1]);
  }
  return ndarray(Float64Array.from(b), [4]);
}
