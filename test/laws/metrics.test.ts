/** Laws of posecodec's OKS and COCO evaluation, stated with the kit. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { laws, arbitraries } from '../../src/testing/index.js';
import { oks, cocoKeypointEval, COCO_SIGMAS, pckAccuracy, pckhAccuracy, auc, epe, nme, oksNms, softOksNms } from '../../src/metrics/index.js';
import { holds } from './helpers.js';

const oksFn = (gt: number[], dt: number[], area: number, sigmas: number[]) => oks(gt, dt, area, sigmas);

describe('OKS', () => {
  it('OKS ∈ [0, 1], and = 1 when the detection equals the GT at its visible keypoints (invisible ones ignored)', () => holds(laws.oksRange(oksFn)));
  it('OKS never increases as the detection moves away from the GT along a fixed direction', () => holds(laws.oksMonotone(oksFn)));
  it('the same with COCO sigmas', () => holds(laws.oksRange(oksFn, { sigmas: COCO_SIGMAS })));
});

describe('COCO keypoint evaluation', () => {
  it('AP = AR = 1 on perfect results (junk at unlabelled keypoints, ignored persons in the GT)', () => holds(laws.cocoPerfectAp((gt, r) => cocoKeypointEval(gt, r)), { numRuns: 50 }));
});

describe('bad arguments only ever raise TypeError or RangeError (fast-check campaign)', () => {
  const kp = (N: number, K: number, D = 2) => fc.float64Array({ minLength: N * K * D, maxLength: N * K * D, noNaN: true, min: -50, max: 50 }).map((d) => ndarray(d, [N, K, D]));
  const mask = fc.constant(ndarray(new Uint8Array(6).fill(1), [2, 3]));
  const norm = fc.constant(ndarray(new Float64Array([10, 10, 12, 12]), [2, 2]));
  const flat17 = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 51, maxLength: 51 });
  const instance = fc.record({ keypoints: flat17, score: fc.double({ min: 0, max: 1, noNaN: true }), area: fc.double({ min: 1, max: 1e4, noNaN: true }) });
  const gtSet = arbitraries.cocoPerfectCase({});
  const campaign: [string, (...a: never[]) => unknown, fc.Arbitrary<unknown>[]][] = [
    ['oks', oks as never, [flat17, flat17, fc.constant(100)]],
    ['pckAccuracy', pckAccuracy as never, [kp(2, 3), kp(2, 3), mask, fc.constant(0.5), norm]],
    ['pckhAccuracy', pckhAccuracy as never, [kp(2, 16), kp(2, 16), fc.constant(ndarray(new Uint8Array(32).fill(1), [2, 16])), fc.constant(ndarray(new Float64Array([30, 30]), [2]))]],
    ['auc', auc as never, [kp(2, 3), kp(2, 3), mask, fc.constant(30)]],
    ['epe', epe as never, [kp(2, 3), kp(2, 3), mask]],
    ['nme', nme as never, [kp(2, 3), kp(2, 3), mask, norm]],
    ['oksNms', oksNms as never, [fc.array(instance, { maxLength: 4 }), fc.constant(0.9)]],
    ['softOksNms', softOksNms as never, [fc.array(instance, { maxLength: 4 }), fc.constant(0.3)]],
    ['cocoKeypointEval', cocoKeypointEval as never, [arbitraries.cocoGroundTruth({}), fc.constant([]), fc.constantFrom<unknown>(undefined, {})]],
    // Valid GT with bad results (a bad first argument is passed through to cocoKeypointEval as the GT).
    [
      'cocoKeypointEval (bad results for a valid GT)',
      ((c: unknown, r: unknown) => {
        const ok = c !== null && typeof c === 'object' && 'gt' in c && 'results' in c;
        return ok ? cocoKeypointEval((c as { gt: never }).gt, (r === undefined ? (c as { results: never }).results : r) as never) : cocoKeypointEval(c as never, r as never);
      }) as never,
      [gtSet, fc.constant(undefined)],
    ],
  ];
  for (const [name, fn, valid] of campaign) it(name, () => holds(laws.throwsOnlyTypedErrors(fn, arbitraries.badArguments(valid)), { numRuns: 60 }));
});

describe('metrics never mutate their inputs', () => {
  it('cocoKeypointEval leaves the GT and the results deep-equal (pycocotools writes ignore/area fields into them; we do not)', () =>
    fc.assert(
      fc.property(arbitraries.cocoPerfectCase({}), fc.double({ min: 0, max: 5, noNaN: true }), ({ gt, results }, jitter) => {
        const noisy = results.map((r, i) => ({ ...r, keypoints: r.keypoints.map((v, j) => (j % 3 === 2 ? v : v + ((i + j) % 3) * jitter)), score: r.score }));
        const before = structuredClone({ gt, noisy });
        cocoKeypointEval(gt, noisy);
        expect({ gt, noisy }).toEqual(before);
      }),
      { numRuns: 30 },
    ));
  it('oksNms / softOksNms leave the instances unchanged; pck, auc, epe, nme leave their arrays unchanged', () => {
    const instances = [0, 1, 2].map((i) => ({ keypoints: Array.from({ length: 51 }, (_, j) => (j % 3 === 2 ? 1 : 10 + i + j)), score: 0.9 - i / 10, area: 400 }));
    const before = structuredClone(instances);
    oksNms(instances, 0.5);
    softOksNms(instances, 0.5);
    expect(instances).toEqual(before);
    const pred = ndarray(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), [2, 3, 2]);
    const gtKp = ndarray(new Float64Array([1, 2, 3, 5, 5, 6, 7, 9, 9, 10, 11, 13]), [2, 3, 2]);
    const m = ndarray(new Uint8Array([1, 1, 0, 1, 1, 1]), [2, 3]);
    const nf = ndarray(new Float64Array([10, 10, 10, 10]), [2, 2]);
    const snap = () => [pred, gtKp, m, nf].map((a) => Array.from(a.data as ArrayLike<number>));
    const s0 = snap();
    pckAccuracy(pred, gtKp, m, 0.5, nf);
    auc(pred, gtKp, m, 30);
    epe(pred, gtKp, m);
    nme(pred, gtKp, m, nf);
    expect(snap()).toEqual(s0);
  });
});
