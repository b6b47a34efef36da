/**
 * Deliberately broken decoders, flips and metrics, each with the bug a real
 * port has shipped or could ship, for checking that the kit's laws catch them.
 * Written plainly (ndarray `.get`), independent of posecodec's decoders except
 * where the bug sits on top of one.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { gaussianBlur, heatmapArgmax, flipHeatmaps } from '../../src/decode/index.js';
import { oks } from '../../src/metrics/index.js';

type Out = { keypoints: NdArray<Float64Array>; scores: NdArray<Float64Array> };

function planes(h: NdArray): { B: number; K: number; H: number; W: number; at: (b: number, k: number, y: number, x: number) => number; batched: boolean } {
  const batched = h.shape.length === 4;
  const [B, K, H, W] = batched ? h.shape : [1, ...h.shape];
  return { B, K, H, W, batched, at: batched ? (b, k, y, x) => h.get(b, k, y, x) : (_b, k, y, x) => h.get(k, y, x) };
}

/**
 * Argmax with a configurable comparison: `strict` keeps the first maximum
 * (numpy, correct), `lastTie` (`>=`) keeps the last one — the wrong tie rule.
 * Optional absolute score threshold (a bug: not scale invariant).
 */
export function plainArgmax(h: NdArray, opts: { lastTie?: boolean; threshold?: number } = {}): Out {
  const p = planes(h);
  const kp = new Float64Array(p.B * p.K * 2);
  const sc = new Float64Array(p.B * p.K);
  for (let b = 0; b < p.B; b++)
    for (let k = 0; k < p.K; k++) {
      let best = -Infinity;
      let bx = 0;
      let by = 0;
      for (let y = 0; y < p.H; y++)
        for (let x = 0; x < p.W; x++) {
          const v = p.at(b, k, y, x);
          if (opts.lastTie ? v >= best : v > best) {
            best = v;
            bx = x;
            by = y;
          }
        }
      const m = b * p.K + k;
      sc[m] = best;
      const ok = best > (opts.threshold ?? 0);
      kp[2 * m] = ok ? bx : -1;
      kp[2 * m + 1] = ok ? by : -1;
    }
  const lead = p.batched ? [p.B, p.K] : [p.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}

/** Argmax that reads `.data` as if it were C-order `[.., K, H, W]`, ignoring strides (breaks NHWC views). */
export function argmaxIgnoringStrides(h: NdArray): Out {
  const c = ndarray(h.data, h.shape);
  return heatmapArgmax(c);
}

/** Batched decode that decodes item 0 for every item (a copy-paste indexing bug). */
export function argmaxFirstItemOnly(h: NdArray): Out {
  if (h.shape.length === 3) return heatmapArgmax(h);
  const r = heatmapArgmax(h.pick(0, null, null, null));
  const B = h.shape[0];
  const K = h.shape[1];
  const kp = new Float64Array(B * K * 2);
  const sc = new Float64Array(B * K);
  for (let b = 0; b < B; b++) {
    kp.set(r.keypoints.data, b * K * 2);
    sc.set(r.scores.data, b * K);
  }
  return { keypoints: ndarray(kp, [B, K, 2]), scores: ndarray(sc, [B, K]) };
}

/**
 * Argmax + quarter offset (mmpose boundary rule). `precedenceBug` writes the
 * offset as `x + 0.25 * (d > 0) - (d < 0)`, meant as `0.25 * ((d > 0) − (d < 0))`:
 * toward a lower-left neighbour it moves a full pixel.
 */
export function quarter(h: NdArray, opts: { precedenceBug?: boolean } = {}): Out {
  const r = plainArgmax(h);
  const p = planes(h);
  const kp = r.keypoints.data;
  const off = (d: number) => (opts.precedenceBug ? 0.25 * Number(d > 0) - Number(d < 0) : 0.25 * Math.sign(d));
  for (let b = 0; b < p.B; b++)
    for (let k = 0; k < p.K; k++) {
      const m = b * p.K + k;
      const x = kp[2 * m];
      const y = kp[2 * m + 1];
      if (x < 0) continue;
      if (1 < x && x < p.W - 1 && 0 < y && y < p.H) kp[2 * m] += off(p.at(b, k, y, x + 1) - p.at(b, k, y, x - 1));
      if (1 < y && y < p.H - 1 && 0 < x && x < p.W) kp[2 * m + 1] += off(p.at(b, k, y + 1, x) - p.at(b, k, y - 1, x));
    }
  return r;
}

/**
 * DARK (mmpose `refine_keypoints_dark`, whole-map blur, float64 logs).
 * `xMinus1Stencil`: the pre-fix second derivative `¼(L[x+2] − 2L[x] + L[x−1])`
 * (mmpose PR #1676 fixed it to `L[x−2]`).
 */
export function dark(h: NdArray, opts: { xMinus1Stencil?: boolean; blurKernelSize?: number } = {}): Out {
  const r = plainArgmax(h);
  const blurred = gaussianBlur(h, opts.blurKernelSize ?? 11);
  const p = planes(blurred);
  const kp = r.keypoints.data;
  for (let b = 0; b < p.B; b++)
    for (let k = 0; k < p.K; k++) {
      const m = b * p.K + k;
      const x = kp[2 * m];
      const y = kp[2 * m + 1];
      if (!(1 < x && x < p.W - 2 && 1 < y && y < p.H - 2)) continue;
      const L = (dy: number, dx: number) => Math.log(Math.max(p.at(b, k, y + dy, x + dx), 1e-10));
      const dx = 0.5 * (L(0, 1) - L(0, -1));
      const dy = 0.5 * (L(1, 0) - L(-1, 0));
      const dxx = 0.25 * (L(0, 2) - 2 * L(0, 0) + L(0, opts.xMinus1Stencil ? -1 : -2));
      const dxy = 0.25 * (L(1, 1) - L(-1, 1) - L(1, -1) + L(-1, -1));
      const dyy = 0.25 * (L(2, 0) - 2 * L(0, 0) + L(-2, 0));
      const det = dxx * dyy - dxy * dxy;
      if (det !== 0) {
        kp[2 * m] -= (dyy * dx - dxy * dy) / det;
        kp[2 * m + 1] -= (-dxy * dx + dxx * dy) / det;
      }
    }
  return r;
}

/** A "DARK" that blurs the caller's heatmaps in place before decoding (mmpose 0.x `post_dark_udp` did `cv2.GaussianBlur` in place). */
export function darkBlurringInPlace(h: NdArray): Out {
  const blurred = gaussianBlur(h, 3);
  const p = planes(h);
  for (let b = 0; b < p.B; b++)
    for (let k = 0; k < p.K; k++)
      for (let y = 0; y < p.H; y++)
        for (let x = 0; x < p.W; x++) {
          const v = p.batched ? blurred.get(b, k, y, x) : blurred.get(k, y, x);
          if (p.batched) h.set(b, k, y, x, v);
          else h.set(k, y, x, v);
        }
  return dark(h, { blurKernelSize: 1 });
}

/** Flip that reverses W (and shifts) but forgets to swap the left/right channels. */
export function flipWithoutSwap(h: NdArray, flipIndices: ArrayLike<number>, options: { mode: 'heatmap'; shift: boolean }): NdArray {
  const identity = Array.from({ length: flipIndices.length }, (_, i) => i);
  return flipHeatmaps(h, identity, options);
}

/** OKS averaged over all K keypoints instead of the GT's visible ones. */
export function oksAllKeypoints(gt: number[], dt: number[], area: number, sigmas: number[]): number {
  let s = 0;
  const K = sigmas.length;
  for (let k = 0; k < K; k++) {
    const dx = dt[3 * k] - gt[3 * k];
    const dy = dt[3 * k + 1] - gt[3 * k + 1];
    const v = (2 * sigmas[k]) ** 2;
    s += Math.exp(-(dx * dx + dy * dy) / v / (area + 2.220446049250313e-16) / 2);
  }
  return s / K;
}

/** posecodec's OKS with the kit's (gt, dt, area, sigmas) signature. */
export function posecodecOks(gt: number[], dt: number[], area: number, sigmas: number[]): number {
  return oks(gt, dt, area, sigmas);
}

/** A decoder that rejects bad input with a plain `Error` (not TypeError/RangeError). */
export function argmaxThrowingPlainError(h: unknown): Out {
  const x = h as NdArray;
  if (!x || !Array.isArray(x.shape) || (x.shape.length !== 3 && x.shape.length !== 4)) throw new Error('bad heatmaps');
  return heatmapArgmax(x);
}
