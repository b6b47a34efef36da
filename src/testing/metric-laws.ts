/**
 * Law checkers for keypoint metrics: OKS range, identity and monotonicity
 * (pycocotools `computeOks` rules: only GT keypoints with v > 0 count), and
 * COCO AP = 1 on perfect results.
 */
import * as fc from 'fast-check';
import type { CocoDataset, CocoKeypointResult } from '../metrics/index.js';
import { checkedOksCase, checkOksOptions, checkCocoOptions, checkedCocoPerfectCase, type CocoOptions, type OksCase } from './arbitraries.js';
import { checkFunction } from './check-args.js';
import { LawViolation, fmt } from './compare.js';
import { nameLaw } from './report.js';
import type { Law } from './laws/common.js';

/**
 * An OKS implementation: `gt` flat `[x, y, v] × K`, `dt` flat `[x, y, score] × K`
 * (image px), `area` px², `sigmas` one per keypoint → OKS.
 */
export type OksFn = (gt: number[], dt: number[], area: number, sigmas: number[]) => number;

/** A COCO keypoint evaluator returning pycocotools' 10 stats (or `{ stats }`). */
export type CocoEvalFn = (gt: CocoDataset, results: CocoKeypointResult[]) => number[] | { stats: number[] };

export interface OksLawOptions {
  /** Keypoints per person (default 17). */
  K?: number;
  /** Fixed σ per keypoint (default: random in [0.02, 0.12] per case). */
  sigmas?: readonly number[];
}

/**
 * OKS range and identity: `0 ≤ OKS ≤ 1` (finite) for any detection, and
 * `OKS = 1` (to 1e-12) for a detection equal to the GT at every visible
 * keypoint, whatever it says at the invisible ones (which OKS must ignore).
 * Checked at creation: `oksFn` a function; options.K an integer in [1, 1024]
 * (default 17), options.sigmas K finite values > 0.
 */
export function oksRange(oksFn: OksFn, options: OksLawOptions = {}): Law<OksCase> {
  checkFunction('oksFn', oksFn);
  const cases = checkedOksCase(checkOksOptions('options', options));
  return nameLaw(
    fc.property(cases, (c) => {
      const v = oksFn(c.gt.slice(), c.dt.slice(), c.area, c.sigmas.slice());
      if (!(v >= 0 && v <= 1)) throw new LawViolation(`OKS = ${fmt(v)} is outside [0, 1]`);
      const perfect = c.dt.map((d, j) => (c.gt[j - (j % 3) + 2] > 0 && j % 3 < 2 ? c.gt[j] : d));
      const p = oksFn(c.gt.slice(), perfect, c.area, c.sigmas.slice());
      if (!(Math.abs(p - 1) <= 1e-12)) {
        throw new LawViolation(`OKS = ${fmt(p)} ≠ 1 for a detection equal to the GT at every visible keypoint (invisible ones at ${JSON.stringify(perfect.filter((_, j) => c.gt[j - (j % 3) + 2] === 0 && j % 3 < 2).map((x) => +x.toFixed(2)))})`);
      }
    }),
    'oksRange',
  );
}

/**
 * OKS monotonicity: moving every visible detected keypoint along a fixed
 * error direction, `dt(t) = gt + t·e`, never increases OKS as t grows
 * (checked at t = 0, ½, 1, 2, 4; to 1e-12). Checked at creation as {@link oksRange}.
 */
export function oksMonotone(oksFn: OksFn, options: OksLawOptions = {}): Law<OksCase> {
  checkFunction('oksFn', oksFn);
  const cases = checkedOksCase(checkOksOptions('options', options));
  return nameLaw(
    fc.property(cases, (c) => {
      let prev = Infinity;
      let prevT = NaN;
      for (const t of [0, 0.5, 1, 2, 4]) {
        const dt = c.dt.map((d, j) => (j % 3 < 2 && c.gt[j - (j % 3) + 2] > 0 ? c.gt[j] + t * (d - c.gt[j]) : d));
        const v = oksFn(c.gt.slice(), dt, c.area, c.sigmas.slice());
        if (v > prev + 1e-12) throw new LawViolation(`OKS rose from ${fmt(prev)} (t = ${prevT}) to ${fmt(v)} (t = ${t}) as the detection moved away from the GT`);
        prev = v;
        prevT = t;
      }
    }),
    'oksMonotone',
  );
}

/**
 * COCO AP = 1 on perfect results: for a GT set and one detection per
 * labelled person equal to it at the labelled keypoints (arbitrary at the
 * unlabelled ones, random distinct scores), AP (stats[0]) and AR (stats[5])
 * are 1 (to 1e-12). Checked at creation: `evalFn` a function; options as
 * {@link cocoGroundTruth} (images ∈ [1, 1000], persons ∈ [0, 100], K ∈ [1, 1024], unlabelled ∈ [0, 1)).
 */
export function cocoPerfectAp(evalFn: CocoEvalFn, options: CocoOptions = {}): Law<{ gt: CocoDataset; results: CocoKeypointResult[] }> {
  checkFunction('evalFn', evalFn);
  const cases = checkedCocoPerfectCase(checkCocoOptions('options', options));
  return nameLaw(
    fc.property(cases, ({ gt, results }) => {
      const out = evalFn(structuredClone(gt), structuredClone(results));
      const stats = Array.isArray(out) ? out : out?.stats;
      if (!Array.isArray(stats) || stats.length < 6) throw new LawViolation(`evalFn returned ${typeof out}, not the 10 COCO stats (or { stats })`);
      for (const [i, label] of [
        [0, 'AP'],
        [5, 'AR'],
      ] as const) {
        if (!(Math.abs(stats[i] - 1) <= 1e-12)) throw new LawViolation(`${label} = ${fmt(stats[i])} on perfect results (stats ${JSON.stringify(stats.map((s) => +s.toFixed(4)))})`);
      }
    }),
    'cocoPerfectAp',
  );
}
