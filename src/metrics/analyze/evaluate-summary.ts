/**
 * coco-analyze `evaluate()` (`cocoanalyze.py:56-80`): COCOeval with the
 * analysis area ranges, labels, maxDets and sorted OKS thresholds, then its
 * fork's `summarize(verbose)` (`cocoeval.py:486-599`): the 10 keypoint stats
 * looked up by label ('all', 'medium', 'large') and `maxDets == 20` (−1 where
 * absent), or, verbose, AP and AR at every threshold for the main area
 * ('all' when there are several labels) plus all/medium/large averages:
 * 2·(T + 3) entries, unfilled ones 0.
 */
import { formatFixed, formatFixed3, KEYPOINT_STATS, type StatSpec } from '../coco-summarize.js';
import { accumulatePass, evaluatePass, meanDefined, type PassSpec } from './passes.js';
import type { Accumulated } from '../coco-accumulate.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeParams } from './settings.js';
import type { EvaluatePart } from './types.js';

const pad = (s: string, n: number, left: boolean) => (s.length >= n ? s : left ? s + ' '.repeat(n - s.length) : ' '.repeat(n - s.length) + s);

type Query = Readonly<StatSpec>;

/** Python `'{:0.2f}'`. */
const formatFixed2 = (x: number): string => formatFixed(x, 2);

/** `_summarize(ap, iouThr, areaRng, maxDets=20)`: the mean and its printed line. */
function summarizeOne(acc: Accumulated, p: AnalyzeParams, q: Query): { value: number; line: string } {
  const { T, R, K, A, M } = acc.shape;
  const thrs = p.oksThrs;
  const ts = q.iouThr === undefined ? thrs.map((_, t) => t) : thrs.flatMap((v, t) => (v === q.iouThr ? [t] : []));
  const as = p.labels.flatMap((l, a) => (l === q.area ? [a] : []));
  const ms = p.maxDets.flatMap((m, i) => (m === 20 ? [i] : []));
  const vals: number[] = [];
  for (const t of ts) {
    if (q.ap) {
      for (let r = 0; r < R; r++) for (const k of acc.active) for (const a of as) for (const m of ms) vals.push(acc.precision[(((t * R + r) * K + k) * A + a) * M + m]);
    } else {
      for (const k of acc.active) for (const a of as) for (const m of ms) vals.push(acc.recall[((t * K + k) * A + a) * M + m]);
    }
  }
  void T;
  const value = meanDefined(vals);
  const title = q.ap ? 'Average Precision' : 'Average Recall';
  const iouStr = q.iouThr === undefined ? `${formatFixed2(thrs[0])}:${formatFixed2(thrs[thrs.length - 1])}` : formatFixed2(q.iouThr);
  const line = ` ${pad(title, 18, true)} ${q.ap ? '(AP)' : '(AR)'} @[ IoU=${pad(iouStr, 9, true)} | area=${pad(q.area, 6, false)} | maxDets=${pad('20', 3, false)} ] = ${formatFixed3(value)}`;
  return { value, line };
}

/** The queries of `_summarizeKps` or `_summarizeKps_verbose`, with their stat slots. */
function queries(p: AnalyzeParams, verbose: boolean): { slot: number; q: Query }[] {
  if (!verbose) {
    return KEYPOINT_STATS.map((q, slot) => ({ slot, q }));
  }
  const main = p.labels.length > 1 ? 'all' : p.labels[0];
  const out: { slot: number; q: Query }[] = [];
  let cur = -1;
  for (const ap of [true, false]) {
    for (const t of p.oksThrs) out.push({ slot: ++cur, q: { ap, iouThr: t, area: main } });
    if (p.oksThrs.length > 1) {
      for (const area of ['all', 'medium', 'large']) out.push({ slot: ++cur, q: { ap, area } });
    }
  }
  return out;
}

/** `ca.evaluate(verbose)`: stats and the printed summary lines. */
export function evaluatePart(P: Prepared, p: AnalyzeParams, verbose: boolean): EvaluatePart {
  const s: PassSpec = { areaRanges: p.areaRanges, iouThrs: p.oksThrs, maxDets: p.maxDets };
  const acc = accumulatePass(evaluatePass(P, s), s);
  const qs = queries(p, verbose);
  const stats = new Array<number>(verbose ? 2 * (p.oksThrs.length + 3) : 10).fill(0);
  const summary: string[] = [];
  for (const { slot, q } of qs) {
    const { value, line } = summarizeOne(acc, p, q);
    stats[slot] = value;
    summary.push(line);
  }
  return { stats, summary };
}
