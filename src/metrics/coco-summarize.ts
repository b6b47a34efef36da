/**
 * pycocotools `COCOeval.summarize` for keypoints (`_summarizeKps`): the 10
 * stats and their printed lines.
 */
import { pairwiseSum64 } from '../core/numpy-sum.js';
import { AREA_LABELS, IOU_THRESHOLDS } from './coco-params.js';
import type { Accumulated } from './coco-accumulate.js';

/** One pycocotools `_summarize` query: AP or AR, at one OKS threshold (all when absent), over one area label. */
export interface StatSpec {
  ap: boolean;
  iouThr?: number;
  area: string;
}

/** The 10 keypoint stats in pycocotools order (`_summarizeKps`); frozen. */
export const KEYPOINT_STATS: readonly Readonly<StatSpec>[] = Object.freeze([
  { ap: true, area: 'all' },
  { ap: true, iouThr: 0.5, area: 'all' },
  { ap: true, iouThr: 0.75, area: 'all' },
  { ap: true, area: 'medium' },
  { ap: true, area: 'large' },
  { ap: false, area: 'all' },
  { ap: false, iouThr: 0.5, area: 'all' },
  { ap: false, iouThr: 0.75, area: 'all' },
  { ap: false, area: 'medium' },
  { ap: false, area: 'large' },
].map((q) => Object.freeze(q)));

/**
 * Python `'{:0.<digits>f}'.format(x)`: like `toFixed(digits)` except that exact
 * binary ties (x = i/2^(digits+1) with i odd, the only doubles ending in …5 at
 * decimal digits+1) round half to even, as Python's correctly rounded repr does.
 */
export function formatFixed(x: number, digits: number): string {
  const xt = x * 2 ** (digits + 1);
  if (Number.isInteger(xt) && Math.abs(xt) % 2 === 1) {
    const lo = Math.floor(x * 10 ** digits);
    const n = lo % 2 === 0 ? lo : lo + 1;
    return (n / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}

/** Python `'{:0.3f}'.format(x)` ({@link formatFixed} with 3 digits). */
export function formatFixed3(x: number): string {
  return formatFixed(x, 3);
}

function padEnd(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** pycocotools `np.mean(s[s > -1])`: mean of the entries > −1 (numpy pairwise sum over them in C order), −1 if none. O(n). */
export function meanDefined(values: ArrayLike<number>): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > -1) kept.push(values[i]);
  return kept.length === 0 ? -1 : pairwiseSum64(kept) / kept.length;
}

/**
 * Compute the 10 stats and the summary lines.
 * @param acc accumulated tables
 * @param maxDet the maxDets value shown in the lines
 */
export function summarize(acc: Accumulated, maxDet: number): { stats: number[]; lines: string[] } {
  const { T, R, K, A, M } = acc.shape;
  // Only categories with data hold entries > −1; skipping the others keeps the kept values and their C order (sparse in categories).
  const act = acc.active;
  const stats: number[] = [];
  const lines: string[] = [];
  for (const spec of KEYPOINT_STATS) {
    const a = AREA_LABELS.indexOf(spec.area);
    // np.where(iouThr == p.iouThrs): exact float equality, as the reference.
    const ts = spec.iouThr === undefined ? IOU_THRESHOLDS.map((_, t) => t) : IOU_THRESHOLDS.flatMap((v, t) => (v === spec.iouThr ? [t] : []));
    const vals: number[] = [];
    for (const t of ts) {
      if (spec.ap) {
        for (let r = 0; r < R; r++) for (const k of act) vals.push(acc.precision[(((t * R + r) * K + k) * A + a) * M]);
      } else {
        for (const k of act) vals.push(acc.recall[((t * K + k) * A + a) * M]);
      }
    }
    const mean = meanDefined(vals);
    stats.push(mean);
    const title = spec.ap ? 'Average Precision' : 'Average Recall';
    const type = spec.ap ? '(AP)' : '(AR)';
    const iouStr = spec.iouThr === undefined ? `${IOU_THRESHOLDS[0].toFixed(2)}:${IOU_THRESHOLDS[IOU_THRESHOLDS.length - 1].toFixed(2)}` : spec.iouThr.toFixed(2);
    lines.push(` ${padEnd(title, 18)} ${type} @[ IoU=${padEnd(iouStr, 9)} | area=${padStart(spec.area, 6)} | maxDets=${padStart(String(maxDet), 3)} ] = ${formatFixed3(mean)}`);
  }
  void T;
  return { stats, lines };
}
