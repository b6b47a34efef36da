/** Laws of posecodec's OKS and COCO evaluation, stated with the kit. */
import { describe, it } from 'vitest';
import { laws } from '../../src/testing/index.js';
import { oks, cocoKeypointEval, COCO_SIGMAS } from '../../src/metrics/index.js';
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
