/**
 * Golden parity with mmpose 1.x for every `encode.*` case in
 * ../shared/oracle/codec (walked, never copied). Tolerance from the oracle
 * README: heatmaps and weights ≤ 1e-6 absolute.
 */
// oracle-fns: codec encode.msra encode.unbiased encode.udp encode.udpCombined
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, maxAbsDiff, flat, GoldenTally, expectManifestCounts } from '../helpers/oracle.js';
import { msraHeatmaps, unbiasedHeatmaps, udpHeatmaps, udpCombinedTargets } from '../../src/encode/index.js';

const FNS = ['encode.msra', 'encode.unbiased', 'encode.udp', 'encode.udpCombined'];
const cases = loadOracleCases('codec', (fn) => fn.startsWith('encode.'));
const tally = new GoldenTally();

function encode(fn: string, params: Record<string, unknown>, kp: NdArray, vis: NdArray) {
  const size = params.heatmap_size as [number, number];
  switch (fn) {
    case 'encode.msra':
      return msraHeatmaps(size, kp, vis, params.sigma as number | number[]);
    case 'encode.unbiased':
      return unbiasedHeatmaps(size, kp, vis, params.sigma as number);
    case 'encode.udp':
      return udpHeatmaps(size, kp, vis, params.sigma as number);
    case 'encode.udpCombined':
      return udpCombinedTargets(size, kp, vis, params.radius_factor as number);
    default:
      throw new Error(`unknown golden fn ${fn}`);
  }
}

describe('golden parity: encode.* (mmpose 1.x gaussian_heatmap.py / offset_heatmap.py)', () => {
  it('finds the golden cases of all four encoders', () => {
    expect(new Set(cases.map((c) => c.fn))).toEqual(new Set(['encode.msra', 'encode.unbiased', 'encode.udp', 'encode.udpCombined']));
  });
  for (const c of cases) {
    it(`${c.name} ${c.fn} ${JSON.stringify(c.params)}: heatmaps and weights within 1e-6`, () => {
      const note = tally.start(c.fn);
      const out = encode(c.fn, c.params, c.inputs.keypoints as NdArray, c.inputs.keypoints_visible as NdArray);
      const expHm = c.expected.heatmaps as NdArray;
      const expW = c.expected.keypoint_weights as NdArray;
      expect(out.heatmaps.shape).toEqual(expHm.shape);
      expect(out.weights.shape).toEqual(expW.shape);
      expect(out.heatmaps.data.length).toBeGreaterThan(0);
      expect(out.weights.data.length).toBeGreaterThan(0);
      const err = Math.max(maxAbsDiff(out.heatmaps.data, flat(expHm)), maxAbsDiff(out.weights.data, flat(expW)));
      note(err);
      expect(err).toBeLessThanOrEqual(1e-6);
      tally.pass(c.fn);
    });
  }
  it('ran one case per manifest of every encode fn (decode.* and blur: test/decode/golden.test.ts)', () => {
    expectManifestCounts('codec', FNS, tally.totals(), ['decode.argmax', 'decode.quarter', 'decode.dark', 'decode.darkUdp', 'blur']);
  });
  afterAll(() => tally.print('max abs error'));
});
