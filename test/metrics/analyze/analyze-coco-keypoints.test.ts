import { describe, expect, it } from 'vitest';
import { analyzeCocoKeypoints, cocoKeypointEval, synthesizeErrors, AREA_RANGES, type CocoDataset } from '../../../src/metrics/index.js';
import { ANALYZE_AREA_RANGES, COCO_FLIP_PAIRS } from '../../../src/metrics/analyze/settings.js';
import { COCO_ANALYZE_SIGMAS } from '../../../src/metrics/analyze/prepared.js';
import { perfectResults, syntheticGt } from './fixtures.js';

const gt = syntheticGt(6, 2);
const dt = synthesizeErrors(gt, { jitter: 0.2, inversion: 0.1, swap: 0.1, miss: 0.1, seed: 2 });

describe('analyzeCocoKeypoints: bad input', () => {
  const table: [string, () => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    ['gt not an object', () => analyzeCocoKeypoints(null as never, dt), TypeError, /^gt/],
    ['results not an array', () => analyzeCocoKeypoints(gt, {} as never), TypeError, /^results/],
    ['result of an unknown image', () => analyzeCocoKeypoints(gt, [{ ...dt[0], image_id: 999 }]), RangeError, /results\[0\]/],
    ['keypoints of wrong length', () => analyzeCocoKeypoints(gt, [{ ...dt[0], keypoints: [1, 2, 3] }]), RangeError, /results\[0\].*keypoints/],
    ['NaN score', () => analyzeCocoKeypoints(gt, [{ ...dt[0], score: NaN }]), RangeError, /results\[0\].*score/],
    ['options not an object', () => analyzeCocoKeypoints(gt, dt, 3 as never), TypeError, /options/],
    ['sigmas count != K', () => analyzeCocoKeypoints(gt, dt, { sigmas: [0.1, 0.1] }), RangeError, /options\.sigmas/],
    ['sigma not positive', () => analyzeCocoKeypoints(gt, dt, { sigmas: new Array(17).fill(0) }), RangeError, /options\.sigmas\[0\]/],
    ['flip pair out of range', () => analyzeCocoKeypoints(gt, dt, { flipPairs: [[1, 17]] }), RangeError, /options\.flipPairs\[0\]\[1\]/],
    ['flip pair negative', () => analyzeCocoKeypoints(gt, dt, { flipPairs: [[-1, 2]] }), RangeError, /options\.flipPairs\[0\]\[0\]/],
    ['flip pair repeats a keypoint', () => analyzeCocoKeypoints(gt, dt, { flipPairs: [[1, 2], [2, 3]] }), RangeError, /options\.flipPairs\[1\]/],
    ['flip pair not a pair', () => analyzeCocoKeypoints(gt, dt, { flipPairs: [[1]] as never }), TypeError, /options\.flipPairs\[0\]/],
    ['area range reversed', () => analyzeCocoKeypoints(gt, dt, { areaRanges: [[10, 1]], areaLabels: ['x'] }), RangeError, /options\.areaRanges\[0\]/],
    ['labels count', () => analyzeCocoKeypoints(gt, dt, { areaRanges: [[0, 1]], areaLabels: ['a', 'b'] }), RangeError, /options\.areaLabels/],
    ['threshold > 1', () => analyzeCocoKeypoints(gt, dt, { oksThresholds: [0.5, 1.5] }), RangeError, /options\.oksThresholds\[1\]/],
    ['jitter reversed', () => analyzeCocoKeypoints(gt, dt, { jitterThresholds: [0.9, 0.5] }), RangeError, /options\.jitterThresholds/],
    ['jitter zero', () => analyzeCocoKeypoints(gt, dt, { jitterThresholds: [0, 0.5] }), RangeError, /options\.jitterThresholds\[0\]/],
    ['maxDets 0', () => analyzeCocoKeypoints(gt, dt, { maxDets: 0 }), RangeError, /options\.maxDets/],
    ['maxDets 1.5', () => analyzeCocoKeypoints(gt, dt, { maxDets: 1.5 }), TypeError, /options\.maxDets/],
    ['unknown error type', () => analyzeCocoKeypoints(gt, dt, { errorTypes: ['blur' as never] }), RangeError, /options\.errorTypes\[0\]/],
    ['repeated error type', () => analyzeCocoKeypoints(gt, dt, { errorTypes: ['miss', 'miss'] }), RangeError, /options\.errorTypes/],
    ['flag not boolean', () => analyzeCocoKeypoints(gt, dt, { checkScores: 1 as never }), TypeError, /options\.checkScores/],
    ['bad mode', () => analyzeCocoKeypoints(gt, dt, { mode: 'fixed' as never }), RangeError, /options\.mode/],
    ['K = 5 without sigmas', () => analyzeCocoKeypoints(k5Gt(), []), RangeError, /options\.sigmas/],
  ];
  for (const [what, f, E, re] of table) {
    it(`${what} → ${E.name} naming the argument`, () => {
      expect(f).toThrow(E);
      expect(f).toThrow(re);
    });
  }
});

function k5Gt(): CocoDataset {
  return {
    images: [{ id: 1 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: [10, 10, 2, 20, 10, 2, 10, 20, 2, 20, 20, 2, 15, 15, 2], num_keypoints: 5, area: 2000, bbox: [0, 0, 40, 50] }],
    categories: [{ id: 1, keypoints: ['a', 'b', 'c', 'd', 'e'] }],
  };
}

describe('analyzeCocoKeypoints: behaviour', () => {
  it('evaluate equals cocoKeypointEval when given its area ranges and thresholds', () => {
    const plain = cocoKeypointEval(gt, dt).stats;
    const oks = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
    const r = analyzeCocoKeypoints(gt, dt, { areaRanges: AREA_RANGES, oksThresholds: oks }).evaluate.stats;
    // Plain COCOeval uses linspace thresholds (0.8999999999999999 ≠ 0.9) — AP is the same for these results.
    for (let i = 0; i < 10; i++) expect(Math.abs(r[i] - plain[i])).toBeLessThan(1e-12);
  });

  it('any K: five keypoints with user sigmas and one flip pair', () => {
    const g = k5Gt();
    const res = [{ image_id: 1, category_id: 1, keypoints: [20, 10, 1, 10, 10, 1, 10, 20, 1, 20, 20, 1, 15, 15, 1], score: 0.9 }];
    const r = analyzeCocoKeypoints(g, res, { sigmas: [0.05, 0.05, 0.05, 0.05, 0.05], flipPairs: [[0, 1]] }).keypointErrors.all;
    expect(Array.from(r.classes.data)).toEqual([3, 3, 1, 1, 1]);
  });

  it('corrected mode: a fixed jitter keypoint scores exactly the upper similarity (the reference: hi^(1/4))', () => {
    for (const [mode, want] of [['corrected', 0.85], ['reference', 0.85 ** 0.25]] as const) {
      const r = analyzeCocoKeypoints(gt, dt, { mode });
      const e = r.keypointErrors.all;
      const fix = r.correctedKeypoints.all;
      let checked = 0;
      for (let i = 0; i < e.dtIds.length; i++) {
        const gid = e.matchGtIds[Array.from(e.matchDtIds).indexOf(e.dtIds[i])];
        const g = gt.annotations.find((a) => a.id === gid)!;
        for (let k = 0; k < 17; k++) {
          if (e.classes.get(i, k) !== 2) continue;
          const dx = fix.optKeypoints.get(i, k, 0) - g.keypoints[3 * k];
          const dy = fix.optKeypoints.get(i, k, 1) - g.keypoints[3 * k + 1];
          const ks = Math.exp(-(dx * dx + dy * dy) / (2 * COCO_ANALYZE_SIGMAS[k]) ** 2 / (g.area + 2.220446049250313e-16) / 2);
          expect(Math.abs(ks - want), mode).toBeLessThan(1e-9);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('fixedAP: every stage label present, baseline first, AP never decreases over cumulative keypoint fixes at .5', () => {
    const s = analyzeCocoKeypoints(gt, dt).fixedAP.stats.filter((x) => x.areaRngLbl === 'all' && x.oks === 0.5);
    expect(s.map((x) => x.err)).toEqual(['baseline', 'miss', 'swap', 'inversion', 'jitter', 'score', 'bckgd_false_pos', 'false_neg']);
    for (let i = 1; i < 5; i++) expect(s[i].auc).toBeGreaterThanOrEqual(s[i - 1].auc - 1e-12);
  });

  it('never mutates its inputs or the exported constants', () => {
    const g = structuredClone(gt);
    const d = structuredClone(dt);
    const r = analyzeCocoKeypoints(g, d);
    void r.fixedAP;
    void r.occlusionSensitivity;
    expect(g).toEqual(gt);
    expect(d).toEqual(dt);
    expect(Object.isFrozen(ANALYZE_AREA_RANGES[0])).toBe(true);
    expect(Object.isFrozen(COCO_FLIP_PAIRS[0])).toBe(true);
    expect(Object.isFrozen(AREA_RANGES[0])).toBe(true);
  });

  it('perfect results: AP 1 at every threshold', () => {
    const r = analyzeCocoKeypoints(gt, perfectResults(gt)).evaluate.stats;
    expect(r[0]).toBeCloseTo(1, 12);
  });
});

describe('COCO evaluator memory (issue 12)', () => {
  it('40,000 images × 4,000 keypoint categories evaluate without images × categories arrays', () => {
    const n = 40000;
    const nc = 4000;
    const g: CocoDataset = {
      images: Array.from({ length: n }, (_, i) => ({ id: i + 1 })),
      annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: new Array(51).fill(1), num_keypoints: 17, area: 100, bbox: [0, 0, 10, 10] }],
      categories: Array.from({ length: nc }, (_, i) => ({ id: i + 1, keypoints: [] })),
    };
    const r = cocoKeypointEval(g, [{ image_id: 1, category_id: 1, keypoints: new Array(51).fill(1), score: 1 }]);
    expect(r.precision.shape).toEqual([10, 101, nc, 3, 1]);
  });
  it('60,000 keypoint categories: RangeError naming gt.categories before allocating', () => {
    const n = 60000;
    const g: CocoDataset = { images: [{ id: 1 }], annotations: [], categories: Array.from({ length: n }, (_, i) => ({ id: i + 1, keypoints: [] })) };
    expect(() => cocoKeypointEval(g, [])).toThrow(RangeError);
    expect(() => cocoKeypointEval(g, [])).toThrow(/gt\.categories/);
  });
  it('a 1-image GT with 40,000 keypoint categories: RangeError naming gt.categories (eval and analysis are dense over categories)', () => {
    const kp = new Array(51).fill(1);
    const g: CocoDataset = {
      images: [{ id: 1, width: 640, height: 480 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: kp, num_keypoints: 17, area: 100, bbox: [0, 0, 10, 10] }],
      categories: Array.from({ length: 40000 }, (_, i) => ({ id: i + 1, keypoints: [] })),
    };
    const dt = [{ image_id: 1, category_id: 1, keypoints: kp, score: 1 }];
    for (const call of [() => cocoKeypointEval(g, dt), () => analyzeCocoKeypoints(g, dt)]) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(/^gt\.categories must hold <= \d+ evaluated categories/);
    }
  });
  it('categories without data are skipped: 300 empty categories change no stat, and the analysis refuses more than 256', () => {
    const kp = Array.from({ length: 17 }, (_, k) => [10 + 3 * k, 10 + 2 * k, 2]).flat();
    const one: CocoDataset = {
      images: [{ id: 1, width: 640, height: 480 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: kp, num_keypoints: 17, area: 5000, bbox: [10, 10, 80, 80] }],
      categories: [{ id: 1, keypoints: [] }],
    };
    const many: CocoDataset = { ...one, categories: Array.from({ length: 300 }, (_, i) => ({ id: i + 1, keypoints: [] })) };
    const dt = [{ image_id: 1, category_id: 1, keypoints: kp.map((v, i) => (i % 3 === 2 ? v : v + 1)), score: 0.9 }];
    expect(cocoKeypointEval(many, dt).stats).toEqual(cocoKeypointEval(one, dt).stats);
    expect(() => analyzeCocoKeypoints(many, dt)).toThrow(/^gt\.categories must hold <= 256/);
  });
});
