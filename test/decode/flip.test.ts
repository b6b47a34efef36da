import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { flipHeatmaps, mergeFlipTest } from '../../src/decode/index.js';
import { noiseMaps, snapshot } from '../helpers/maps.js';

describe('flipHeatmaps', () => {
  it('reverses W and gathers channels by flipIndices (output c takes input flipIndices[c])', () => {
    const d = ndarray(Float32Array.from([1, 2, 3, 10, 20, 30]), [2, 1, 3]);
    const out = flipHeatmaps(d, [1, 0]);
    expect(Array.from(out.data)).toEqual([30, 20, 10, 3, 2, 1]);
  });

  it('is an involution without shift for an involutive flipIndices', () => {
    const m = noiseMaps([2, 4, 5, 7], 3);
    const idx = [1, 0, 3, 2];
    const twice = flipHeatmaps(flipHeatmaps(m, idx), idx);
    expect(Array.from(twice.data)).toEqual(Array.from(m.data));
  });

  it('shift moves the flipped map one column right, column 0 keeping its value (HRNet)', () => {
    const d = ndarray(Float32Array.from([1, 2, 3, 4]), [1, 1, 4]);
    expect(Array.from(flipHeatmaps(d, [0], { shift: true }).data)).toEqual([4, 4, 3, 2]);
  });

  it('negates the x-offset channel in udpCombined and offset modes', () => {
    const d = ndarray(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 1, 2]);
    expect(Array.from(flipHeatmaps(d, [0], { mode: 'udpCombined' }).data)).toEqual([2, 1, -4, -3, 6, 5]);
    const o = ndarray(Float32Array.from([1, 2, 3, 4]), [2, 1, 2]);
    expect(Array.from(flipHeatmaps(o, [0], { mode: 'offset' }).data)).toEqual([-2, -1, 4, 3]);
  });

  it('rejects bad flipIndices and modes, and never mutates its input', () => {
    const m = noiseMaps([2, 3, 3]);
    const before = snapshot(m);
    flipHeatmaps(m, [1, 0], { shift: true });
    expect(snapshot(m)).toEqual(before);
    expect(() => flipHeatmaps(m, [0])).toThrow(/flipIndices must have 2/);
    expect(() => flipHeatmaps(m, [0, 2])).toThrow(/flipIndices\[1\]/);
    expect(() => flipHeatmaps(m, [0, 1], { mode: 'x' as never })).toThrow(/mode/);
    expect(() => flipHeatmaps(m, [0, 1], { mode: 'udpCombined' })).toThrow(/multiple of 3/);
  });
});

describe('mergeFlipTest', () => {
  it('averages with the flipped-back output, shifting only for MSRA geometry', () => {
    const a = ndarray(Float32Array.from([0, 0, 0, 0]), [1, 1, 4]);
    const f = ndarray(Float32Array.from([1, 2, 3, 4]), [1, 1, 4]);
    expect(Array.from(mergeFlipTest(a, f, [0], { geometry: 'udp' }).data)).toEqual([2, 1.5, 1, 0.5]);
    expect(Array.from(mergeFlipTest(a, f, [0]).data)).toEqual([2, 2, 1.5, 1]);
    expect(() => mergeFlipTest(a, ndarray(new Float32Array(5), [1, 1, 5]), [0])).toThrow(/shape/);
  });
});
