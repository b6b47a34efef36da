/**
 * One coco-analyze `cocoEval.evaluate()` / `accumulate()` pass on the packed
 * data with the current detections, and the `_summarize` reduction of its
 * tables (`cocoanalyze.py:807-831`).
 */
import { evaluateCells, type CategoryEval, type EvalSpec } from '../coco-evaluate.js';
import { accumulateWith, type Accumulated } from '../coco-accumulate.js';
import type { Prepared } from './prepared.js';

/** What varies between passes: the evaluation spec less what the packed data fixes. */
export type PassSpec = Omit<EvalSpec, 'vars' | 'useArea' | 'oksCache'>;

/** `cocoEval.evaluate()` (coco-analyze fork). */
export function evaluatePass(P: Prepared, s: PassSpec): CategoryEval[] {
  const spec: EvalSpec = { vars: P.vars, useArea: true, ...s, oksCache: P.caches.get(s.kp ?? P.dt.kp) };
  return evaluateCells(P.gt, P.dt, spec);
}

/** `cocoEval.accumulate()`; optional replacement outcomes / npig per category. */
export function accumulatePass(cats: CategoryEval[], s: PassSpec, outcome?: (Uint8Array | undefined)[], npig?: (Int32Array | undefined)[]): Accumulated {
  return accumulateWith(cats, { T: s.iouThrs.length, A: s.areaRanges.length, maxDets: s.maxDets, outcome, npig });
}

/** The `_summarize` mean (entries > −1), shared with pycocotools' summary. */
export { meanDefined } from '../coco-summarize.js';

/** `precision[t, :, :, a, m]` flattened in C order (R × K). */
export function precisionSlice(acc: Accumulated, t: number, a: number, m: number): number[] {
  const { R, K, A, M } = acc.shape;
  const out: number[] = [];
  for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) out.push(acc.precision[(((t * R + r) * K + k) * A + a) * M + m]);
  return out;
}

/** `recall[t, :, a, m]` (K values). */
export function recallSlice(acc: Accumulated, t: number, a: number, m: number): number[] {
  const { K, A, M } = acc.shape;
  const out: number[] = [];
  for (let k = 0; k < K; k++) out.push(acc.recall[((t * K + k) * A + a) * M + m]);
  return out;
}
