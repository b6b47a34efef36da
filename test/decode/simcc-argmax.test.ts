import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { simccArgmax } from '../../src/decode/index.js';

const f32 = (shape: number[], v: number[]) => ndarray(Float32Array.from(v), shape);

function expectThrows(thunk: () => unknown, Err: ErrorConstructor, re: RegExp): void {
  let err: unknown;
  try {
    thunk();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Err);
  expect((err as Error).message).toMatch(re);
}

describe('simccArgmax (get_simcc_maximum)', () => {
  it('first maximum wins, score min(max x, max y), −1 for both coordinates where the score ≤ 0', () => {
    const x = f32([3, 4], [1, 3, 3, 0, 0, 0, 0, 0, 2, 1, 5, 5]);
    const y = f32([3, 3], [0, 2, 1, 1, 1, 1, 4, 9, 0]);
    const r = simccArgmax(x, y);
    expect(r.keypoints.shape).toEqual([3, 2]);
    expect(Array.from(r.keypoints.data)).toEqual([1, 1, -1, -1, 2, 1]);
    expect(Array.from(r.scores.data)).toEqual([2, 0, 5]);
  });

  it('[N, K, W] keeps the N axis; a negative x maximum invalidates the keypoint even when y is positive', () => {
    const r = simccArgmax(f32([2, 1, 2], [-1, -2, 1, 2]), f32([2, 1, 2], [3, 1, 1, 3]));
    expect(r.keypoints.shape).toEqual([2, 1, 2]);
    expect(Array.from(r.keypoints.data)).toEqual([-1, -1, 1, 1]);
    expect(Array.from(r.scores.data)).toEqual([-1, 2]);
  });

  it('softmax: float32, max-subtracted (logits of 3e4 are safe); 1-ulp near ties become ties and the first wins', () => {
    const a = Math.fround(0.25);
    const b = a + 2 ** -25; // the next float32 after 0.25 (1 ulp): the float32 softmax rounds the difference away
    const x = f32([1, 4], [0, a, b, 0]);
    expect(simccArgmax(x, x).keypoints.data[0]).toBe(2);
    expect(simccArgmax(x, x, { softmax: true }).keypoints.data[0]).toBe(1);
    const big = f32([1, 3], [3e4, 3e4 + 2, 3e4 + 1]);
    const r = simccArgmax(big, big, { softmax: true });
    expect(r.keypoints.data[0]).toBe(1);
    expect(r.scores.data[0]).toBeCloseTo(1 / (1 + Math.exp(-1) + Math.exp(-2)), 6);
  });

  it('W = 1 works (softmax gives 1)', () => {
    const r = simccArgmax(f32([2, 1], [0.3, -0.2]), f32([2, 1], [0.7, 0.1]), { softmax: true });
    expect(Array.from(r.scores.data)).toEqual([1, 1]);
    expect(Array.from(r.keypoints.data)).toEqual([0, 0, 0, 0]);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    expectThrows(() => simccArgmax(x, f32([3, 3], new Array(9).fill(1))), RangeError, /^y must have the same K/);
    expectThrows(() => simccArgmax(x, f32([1, 2, 3], new Array(6).fill(1))), TypeError, /same rank/);
    expectThrows(() => simccArgmax(f32([6], [1, 2, 3, 4, 5, 6]), x), TypeError, /^x must have rank 2 or 3/);
    expectThrows(() => simccArgmax(x, f32([2, 3], [1, NaN, 3, 4, 5, 6])), RangeError, /^y must not contain NaN, got NaN at \[0, 1\]/);
    expectThrows(() => simccArgmax(x, x, { softmax: 'yes' as never }), TypeError, /options\.softmax/);
    expectThrows(() => simccArgmax(null as never, x), TypeError, /^x must be an ndarray/);
  });
});
