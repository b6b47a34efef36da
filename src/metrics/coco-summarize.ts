/**
 * pycocotools `COCOeval.summarize` for keypoints (`_summarizeKps`): the 10
 * stats and their printed lines.
 */
import { pairwiseSum64 } from './numpy-sum.js';
import { AREA_LABELS, IOU_THRESHOLDS } from './coco-params.js';
import type { Accumulated } from './coco-accumulate.js';

interface StatSpec {
  ap: boolean;
  iouThr?: number;
  area: string;
}

/** The 10 keypoint stats in pycocotools order. */
const STATS: readonly StatSpec[] = [
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
];

/**
 * Python `'{:0.3f}'.format(x)`: like `toFixed(3)` except that exact binary
 * ties (x = i/16 with i odd, the only doubles ending in …5 at the 4th
 * decimal) round half to even.
 */
export function formatFixed3(x: number): string {
  const x16 = x * 16;
  if (Number.isInteger(x16) && Math.abs(x16) % 2 === 1) {
    const lo = Math.floor(x * 1000);
    const n = lo % 2 === 0 ? lo : lo + 1;
    return (n / 1000).toFixed(3);
  }
  return x.toFixed(3);
}

function padEnd(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** Mean of the entries > −1 (numpy pairwise sum over them in C order), −1 if none. */
function meanDefined(values: number[]): number {
  const kept = values.filter((v) => v > -1);
  return kept.length === 0 ? -1 : pairwiseSum64(kept) / kept.length;
}

/**
 * Compute the 10 stats and the summary lines.
 * @param acc accumulated tables
 * @param maxDet the maxDets value shown in the lines
 */
export function summarize(acc: Accumulated, maxDet: number): { stats: number[]; lines: string[] } {
  const { T, R, K, A, M } = acc.shape;
  const stats: number[] = [];
  const lines: string[] = [];
  for (const spec of STATS) {
    const a = AREA_LABELS.indexOf(spec.area);
    // np.where(iouThr == p.iouThrs): exact float equality, as the reference.
    const ts = spec.iouThr === undefined ? IOU_THRESHOLDS.map((_, t) => t) : IOU_THRESHOLDS.flatMap((v, t) => (v === spec.iouThr ? [t] : []));
    const vals: number[] = [];
    for (const t of ts) {
      if (spec.ap) {
        for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) vals.push(acc.precision[(((t * R + r) * K + k) * A + a) * M]);
      } else {
        for (let k = 0; k < K; k++) vals.push(acc.recall[((t * K + k) * A + a) * M]);
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
