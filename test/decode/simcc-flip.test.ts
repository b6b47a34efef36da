import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { flipSimcc, mergeSimccFlipTest, decodeSimcc } from '../../src/decode/index.js';

const seq = (shape: number[]) => ndarray(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape);

describe('flipSimcc / mergeSimccFlipTest', () => {
  it('x rows reversed (no shift) and gathered by flipIndices; y rows gathered only; repeats allowed', () => {
    const r = flipSimcc(seq([1, 2, 3]), seq([1, 2, 2]), [1, 1]);
    expect(Array.from(r.x.data)).toEqual([5, 4, 3, 5, 4, 3]);
    expect(Array.from(r.y.data)).toEqual([2, 3, 2, 3]);
  });

  it('[K, W] works as one instance and the flip is an involution for an involutive flipIndices', () => {
    const x = seq([3, 5]);
    const y = seq([3, 4]);
    const idx = [0, 2, 1];
    const once = flipSimcc(x, y, idx);
    const twice = flipSimcc(once.x, once.y, idx);
    expect(Array.from(twice.x.data)).toEqual(Array.from(x.data));
    expect(twice.x.shape).toEqual([3, 5]);
  });

  it('merge: decoding (out + flip(flippedOut))/2 of a mirrored crop recovers the mirrored keypoints, batched', () => {
    const W = 40;
    const g = (mu: number) => Array.from({ length: W }, (_, i) => Math.exp(-((i - mu) ** 2) / 8));
    const x = ndarray(Float32Array.from([...g(10), ...g(25), ...g(12), ...g(30)]), [2, 2, W]);
    const y = ndarray(Float32Array.from([...g(5), ...g(6), ...g(7), ...g(8)]), [2, 2, W]);
    // The network's output for the mirrored crops: joint k of the mirror is joint 1 − k, at bin W − 1 − μ.
    const fx = ndarray(Float32Array.from([...g(W - 1 - 25), ...g(W - 1 - 10), ...g(W - 1 - 30), ...g(W - 1 - 12)]), [2, 2, W]);
    const fy = ndarray(Float32Array.from([...g(6), ...g(5), ...g(8), ...g(7)]), [2, 2, W]);
    const m = mergeSimccFlipTest(x, y, fx, fy, [1, 0]);
    const r = decodeSimcc(m.x, m.y, { splitRatio: 1 });
    expect(Array.from(r.keypoints.data)).toEqual([10, 5, 25, 6, 12, 7, 30, 8]);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const x = seq([1, 2, 3]);
    const y = seq([1, 2, 2]);
    expect(() => flipSimcc(x, y, [0])).toThrow(/^flipIndices must have 2 entries/);
    expect(() => flipSimcc(x, y, [0, 2])).toThrow(/^flipIndices\[1\] must be an integer in \[0, 2\)/);
    expect(() => flipSimcc(x, y, 'ab' as never)).toThrow(TypeError);
    expect(() => flipSimcc(x, seq([1, 3, 2]), [0, 1])).toThrow(/^y must have the same K/);
    expect(() => mergeSimccFlipTest(x, y, seq([1, 2, 4]), y, [0, 1])).toThrow(/^flippedX must have the shape of x/);
    expect(() => mergeSimccFlipTest(x, y, x, seq([2, 2, 2]), [0, 1])).toThrow(/^flippedY must have the same N as flippedX/);
    expect(() => mergeSimccFlipTest(x, y, x, y, [0, 5])).toThrow(/^flipIndices\[1\]/);
  });
});
