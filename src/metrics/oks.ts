/**
 * Object Keypoint Similarity (OKS) between a ground-truth person and a
 * detection, with pycocotools `COCOeval.computeOks` rules.
 *
 * `OKS = Σ_k exp(−d_k² / (2 · s² · (2σ_k)²)) / count` with `s² = area + eps`,
 * over the GT's visible keypoints (`v > 0`). A GT with no visible keypoint is
 * compared through the distance of every detected keypoint to its bbox grown
 * by its own size on each side (`[x − w, x + 2w] × [y − h, y + 2h]`), over all
 * K keypoints. Reference: Ronchi & Perona, "Benchmarking and Error Diagnosis
 * in Multi-Instance Pose Estimation", ICCV 2017; cocodataset.org/#keypoints-eval.
 */
import { pairwiseSum64 } from '../core/numpy-sum.js';
import { oksVars } from './sigmas.js';
import { readInstanceKeypoints } from './instance-keypoints.js';
import { checkFinite } from '../core/ndarray.js';

/** numpy `np.spacing(1)`: the `eps` pycocotools adds to areas and precision denominators. */
export const EPS = 2.220446049250313e-16;

/**
 * OKS core on flat arrays (no checks): `g` holds the GT `[K, 3]` at `gOff`,
 * `d` the detection with `dD` values per keypoint at `dOff`; `bbox` the GT box
 * `[x, y, w, h]` at `bOff` (used only without visible GT keypoints). `scratch`
 * needs K slots. O(K).
 */
export function oksKernel(
  g: ArrayLike<number>,
  gOff: number,
  d: ArrayLike<number>,
  dOff: number,
  dD: number,
  K: number,
  vars: Float64Array,
  area: number,
  bbox: ArrayLike<number>,
  bOff: number,
  scratch: Float64Array,
): number {
  let k1 = 0;
  for (let k = 0; k < K; k++) if (g[gOff + 3 * k + 2] > 0) k1++;
  const s = area + EPS;
  let n = 0;
  if (k1 > 0) {
    for (let k = 0; k < K; k++) {
      if (!(g[gOff + 3 * k + 2] > 0)) continue;
      const dx = d[dOff + dD * k] - g[gOff + 3 * k];
      const dy = d[dOff + dD * k + 1] - g[gOff + 3 * k + 1];
      scratch[n++] = Math.exp(-((dx * dx + dy * dy) / vars[k] / s / 2));
    }
  } else {
    // pycocotools: "measure minimum distance to keypoints in (x0,y0) & (x1,y1)" — the bbox doubled on each side.
    const bx = bbox[bOff];
    const by = bbox[bOff + 1];
    const bw = bbox[bOff + 2];
    const bh = bbox[bOff + 3];
    const x0 = bx - bw;
    const x1 = bx + bw * 2;
    const y0 = by - bh;
    const y1 = by + bh * 2;
    for (let k = 0; k < K; k++) {
      const xd = d[dOff + dD * k];
      const yd = d[dOff + dD * k + 1];
      const dx = Math.max(0, x0 - xd) + Math.max(0, xd - x1);
      const dy = Math.max(0, y0 - yd) + Math.max(0, yd - y1);
      scratch[n++] = Math.exp(-((dx * dx + dy * dy) / vars[k] / s / 2));
    }
  }
  return pairwiseSum64(scratch, 0, n) / n;
}

/**
 * OKS of one GT/detection pair, as pycocotools `computeOks` computes each entry.
 * @param gt GT keypoints `[K, 3]` (x, y, v in image pixels): ndarray, flat COCO list or nested arrays
 * @param dt detected keypoints `[K, 2]` or `[K, 3]` (the third value is ignored)
 * @param area GT `area` field (px²; the segment area in COCO, not the box)
 * @param sigmas σ per keypoint (default {@link COCO_SIGMAS})
 * @param bbox GT box `[x, y, w, h]`, needed only when the GT has no visible keypoint
 * @returns OKS ∈ [0, 1]
 */
export function oks(gt: unknown, dt: unknown, area: number, sigmas?: ArrayLike<number>, bbox?: ArrayLike<number>): number {
  const g = readInstanceKeypoints('gt', gt, 3);
  const d = readInstanceKeypoints('dt', dt, 3, [2, 3]);
  if (d.K !== g.K) throw new RangeError(`dt must have as many keypoints as gt (${g.K}), got ${d.K}`);
  checkFinite('area', area, { min: 0 });
  const vars = oksVars('sigmas', sigmas, g.K);
  let visible = 0;
  for (let k = 0; k < g.K; k++) if (g.values[3 * k + 2] > 0) visible++;
  // bbox is checked whenever it is given (not only when pycocotools reads it).
  if (bbox !== undefined) {
    if (!Array.isArray(bbox) && !(ArrayBuffer.isView(bbox) && !(bbox instanceof DataView))) throw new TypeError(`bbox must be [x, y, w, h] (an array or typed array), got ${bbox === null ? 'null' : typeof bbox}`);
    if (bbox.length !== 4) throw new RangeError(`bbox must be [x, y, w, h], got ${bbox.length} values`);
    for (let i = 0; i < 4; i++) checkFinite(`bbox[${i}]`, bbox[i]);
  }
  let box: ArrayLike<number> = [0, 0, 0, 0];
  if (visible === 0) {
    if (bbox === undefined) throw new RangeError('gt has no visible keypoint (v > 0): pass its bbox [x, y, w, h] (pycocotools then measures the distance to the enlarged box)');
    box = bbox;
  }
  return oksKernel(g.values, 0, d.values, 0, d.D, g.K, vars, area, box, 0, new Float64Array(g.K));
}
