/**
 * MoveNet MultiPose Lightning's in-graph decode (the ops after the six heads
 * up to the `Identity` output `[6, 56]`), as realnet/FORMAT.md spells it out.
 */
import ndarray from 'ndarray';
import { at, newPoseArrays, type CenterNetPose, type HwcView } from './realnet-types.js';
import { sigmoidPlane, type CenterNetViews } from './centernet-heads.js';

/** Graph constants and sizes of one MultiPose decode (validated by the caller). */
export interface MultiPoseSettings {
  maxPersons: number;
  stride: number;
  nmsKernel: number;
  nmsTolerance: number;
  sigmaScale: number;
  scoreThreshold: number;
}

/**
 * σ(centre) kept where it is within `tol` of its `k×k` max-pool (SAME
 * padding, padded cells never win), else 0. Returns the H·W map. The pool is
 * taken separably (a row max, then a column max of those: the same maximum),
 * O(H·W·k).
 */
function centerPeaks(center: HwcView, k: number, tol: number): Float64Array {
  const { H, W } = center;
  const c = sigmoidPlane(center);
  const r = (k - 1) >> 1;
  const rowMax = new Float64Array(H * W);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      let m = -Infinity;
      for (let x = Math.max(0, j - r); x <= Math.min(W - 1, j + r); x++) if (c[i * W + x] > m) m = c[i * W + x];
      rowMax[i * W + j] = m;
    }
  }
  const out = new Float64Array(H * W);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      let m = -Infinity;
      for (let y = Math.max(0, i - r); y <= Math.min(H - 1, i + r); y++) if (rowMax[y * W + j] > m) m = rowMax[y * W + j];
      const v = c[i * W + j];
      out[i * W + j] = Math.abs(v - m) < tol ? v : 0;
    }
  }
  return out;
}

/** Indices of the `n` largest values, descending, ties → lower index first (`tf.topk`). */
function topK(v: Float64Array, n: number): Int32Array {
  const idx = Array.from({ length: v.length }, (_, i) => i);
  idx.sort((a, b) => v[b] - v[a] || a - b);
  return Int32Array.from(idx.slice(0, n));
}

/** One candidate: centre cell, centre score, box in cells (clipped to the map). */
interface Candidate {
  cy: number;
  cx: number;
  cs: number;
  y0: number;
  x0: number;
  y1: number;
  x1: number;
}

function clip(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function candidate(h: CenterNetViews, peaks: Float64Array, flatIdx: number): Candidate {
  const W = h.center.W;
  const H = h.center.H;
  const cx = flatIdx % W;
  const cy = (flatIdx - cx) / W;
  const bs = h.boxScale!;
  const bo = h.boxOffset!;
  const sh = Math.max(at(bs, cy, cx, 0), 0);
  const sw = Math.max(at(bs, cy, cx, 1), 0);
  const yc = cy + at(bo, cy, cx, 0);
  const xc = cx + at(bo, cy, cx, 1);
  return {
    cy,
    cx,
    cs: peaks[flatIdx],
    y0: clip(yc - sh / 2, 0, H),
    x0: clip(xc - sw / 2, 0, W),
    y1: clip(yc + sh / 2, 0, H),
    x1: clip(xc + sw / 2, 0, W),
  };
}

/**
 * The graph's decode:
 * 1. centres = top `maxPersons` of σ(centre) after 5×5 max-pool NMS (|c − pool| < 1e-6);
 * 2. box = centre + boxOffset ± max(boxScale, 0)/2, clipped to the map;
 * 3. regressed keypoint r = centre + regress(centre);
 * 4. `m = σ(heatmap)·exp(−|cell − r|² / (min(H, W)·0.3))` inside the box
 *    (`y0 ≤ i < y1`, `x0 ≤ j < x1`), first argmax (cell (0, 0) when zero everywhere);
 * 5. keypoint = (cell + offset)·stride; its score = the max over **all**
 *    candidates of their `m` at that cell;
 * 6. person score = centre score × mean of the keypoint scores > 0.127 (0 if none).
 * float64 throughout (FORMAT.md: same discrete choices and ≤ 3.6e-7 from the
 * float32 graph on every case). Cost O(maxPersons·K·box area + H·W·(K + 10)).
 */
export function decodeMultiPose(h: CenterNetViews, s: MultiPoseSettings): CenterNetPose[] {
  const { heatmap, regress, offset, K } = h;
  const { H, W } = h.center;
  const peaks = centerPeaks(h.center, s.nmsKernel, s.nmsTolerance);
  const cands = Array.from(topK(peaks, s.maxPersons), (i) => candidate(h, peaks, i));
  const denom = Math.min(H, W) * s.sigmaScale;
  const N = cands.length;
  const ry = new Float64Array(N * K);
  const rx = new Float64Array(N * K);
  cands.forEach((c, n) => {
    for (let k = 0; k < K; k++) {
      ry[n * K + k] = c.cy + at(regress, c.cy, c.cx, 2 * k);
      rx[n * K + k] = c.cx + at(regress, c.cy, c.cx, 2 * k + 1);
    }
  });
  const sig = sigmoidPlane(heatmap); // C order (i, j, k)
  /** m[i, j, n, k] from σ(heatmap[i, j, k]) = `sv`. */
  const weight = (sv: number, i: number, j: number, n: number, k: number): number => {
    const c = cands[n];
    if (!(c.y0 <= i && i < c.y1 && c.x0 <= j && j < c.x1)) return 0;
    const dy = i - ry[n * K + k];
    const dx = j - rx[n * K + k];
    return sv * Math.exp(-(dy * dy + dx * dx) / denom);
  };
  return cands.map((c, n) => {
    const { keypoints, scores } = newPoseArrays(K);
    let sum = 0;
    let count = 0;
    for (let k = 0; k < K; k++) {
      let best = 0;
      let ky = 0;
      let kx = 0;
      const iEnd = Math.ceil(c.y1);
      const jEnd = Math.ceil(c.x1);
      const j0 = Math.max(0, Math.ceil(c.x0));
      const ryk = ry[n * K + k];
      const rxk = rx[n * K + k];
      for (let i = Math.max(0, Math.ceil(c.y0)); i < iEnd; i++) {
        const dy = i - ryk;
        const dy2 = dy * dy;
        for (let j = j0; j < jEnd; j++) {
          const dx = j - rxk;
          const m = sig[(i * W + j) * K + k] * Math.exp(-(dy2 + dx * dx) / denom); // = weight(…, i, j, n, k) inside the box
          if (m > best) {
            best = m;
            ky = i;
            kx = j;
          }
        }
      }
      const sv = sig[(ky * W + kx) * K + k];
      let score = 0;
      for (let q = 0; q < N; q++) score = Math.max(score, weight(sv, ky, kx, q, k));
      keypoints.data[2 * k] = (kx + at(offset, ky, kx, 2 * k + 1)) * s.stride;
      keypoints.data[2 * k + 1] = (ky + at(offset, ky, kx, 2 * k)) * s.stride;
      scores.data[k] = score;
      if (score > s.scoreThreshold) {
        sum += score;
        count++;
      }
    }
    const box = ndarray(Float64Array.from([c.x0, c.y0, c.x1, c.y1], (v) => v * s.stride), [4]);
    return { keypoints, scores, box, score: c.cs * (sum / Math.max(count, 1)) };
  });
}
