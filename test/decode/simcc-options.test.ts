/**
 * parseSimccOptions (src/decode/simcc-options.ts): defaults, snapshot, and the
 * bad-option table shared by decodeSimcc, the SimCC codec and the GPU plan.
 */
import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { parseSimccOptions, checkSplitRatio, checkSimccSigma } from '../../src/decode/simcc-options.js';
import { parseDecodeSimccOptions } from '../../src/decode/simcc-decode.js';
import { decodeSimcc } from '../../src/decode/index.js';

describe('parseSimccOptions', () => {
  it('defaults are mmpose SimCCLabel: split 2, σ 6, no dark/visibility, β 150, score min', () => {
    const s = parseSimccOptions(undefined);
    expect(s).toMatchObject({ splitRatio: 2, sigma: [6, 6], dark: false, visibility: false, beta: 150, score: 'min', inputSize: undefined, kernels: undefined });
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.sigma)).toBe(true);
  });

  it('dark builds the per-axis kernels k = ⌊(20σ − 7)/3⌋ made odd (4.9 → 29, 5.66 → 35)', () => {
    const s = parseSimccOptions({ dark: true, sigma: [4.9, 5.66] });
    expect(s.kernels?.[0].length).toBe(29);
    expect(s.kernels?.[1].length).toBe(35);
  });

  it('snapshots the options: later changes to the caller object are not seen', () => {
    const o = { splitRatio: 3, sigma: [2, 3] as [number, number], inputSize: [4, 5] as [number, number] };
    const s = parseSimccOptions(o);
    o.sigma[0] = 99;
    o.inputSize[0] = 99;
    o.splitRatio = 1;
    expect(s.sigma).toEqual([2, 3]);
    expect(s.inputSize).toEqual([4, 5]);
    expect(s.splitRatio).toBe(3);
  });

  it('is the parser decodeSimcc and the codec use (same function under its former name)', () => {
    expect(parseDecodeSimccOptions).toBe(parseSimccOptions);
    expect(checkSplitRatio(undefined)).toBe(2);
    expect(checkSimccSigma(1.5)).toEqual([1.5, 1.5]);
  });

  const bad: Array<[string, unknown, typeof TypeError | typeof RangeError, RegExp]> = [
    ['options not an object', 5, TypeError, /options/],
    ['options an array', [], TypeError, /options/],
    ['splitRatio 0', { splitRatio: 0 }, RangeError, /options\.splitRatio/],
    ['splitRatio NaN', { splitRatio: NaN }, RangeError, /options\.splitRatio/],
    ['splitRatio string', { splitRatio: '2' }, TypeError, /options\.splitRatio/],
    ['splitRatio 1e308 (keypoints bin/split → 0)', { splitRatio: 1e308 }, RangeError, /^options\.splitRatio must be in \[2\^-20, 2\^20\]/],
    ['splitRatio 5e-324 (keypoints bin/split → ∞)', { splitRatio: 5e-324 }, RangeError, /^options\.splitRatio must be in/],
    ['sigma 1e-300 (2σ² not a normal float32)', { sigma: 1e-300 }, RangeError, /^options\.sigma must be in \[2\^-63, 2\^63\]/],
    ['sigma [6, 1e308]', { sigma: [6, 1e308] }, RangeError, /^options\.sigma\[1\] must be in/],
    ['sigma −1', { sigma: -1 }, RangeError, /options\.sigma/],
    ['sigma [1, 0]', { sigma: [1, 0] }, RangeError, /options\.sigma\[1\]/],
    ['sigma of 3 values', { sigma: [1, 2, 3] }, RangeError, /options\.sigma/],
    ['sigma null', { sigma: null }, TypeError, /options\.sigma/],
    ['sigma 0.2 with dark (kernel < 1)', { sigma: 0.2, dark: true }, RangeError, /options\.sigma\[0\]/],
    ['dark "yes"', { dark: 'yes' }, TypeError, /options\.dark/],
    ['visibility 1', { visibility: 1 }, TypeError, /options\.visibility/],
    ['beta 0', { beta: 0 }, RangeError, /options\.beta/],
    ['score "max"', { score: 'max' }, RangeError, /options\.score/],
    ['inputSize [0, 4]', { inputSize: [0, 4] }, RangeError, /options\.inputSize/],
    ['inputSize 4', { inputSize: 4 }, TypeError, /options\.inputSize/],
  ];
  for (const [what, o, Err, re] of bad) {
    it(`rejects ${what} with ${Err.name} naming the option (parser and decodeSimcc alike)`, () => {
      expect(() => parseSimccOptions(o as never)).toThrow(Err);
      expect(() => parseSimccOptions(o as never)).toThrow(re);
      const x = ndarray(new Float32Array(8), [1, 8]);
      expect(() => decodeSimcc(x, x, o as never)).toThrow(Err);
      expect(() => decodeSimcc(x, x, o as never)).toThrow(re);
    });
  }
});
