/** Small seeded images and a bad-input table runner for the crop tests. */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { expect } from 'vitest';

/** A deterministic pseudo-random `[H, W, C]` image (LCG), uint8 or float32. */
export function testImage(H: number, W: number, C: number, kind: 'u8' | 'f32' | 'f64' = 'u8', seed = 1): NdArray<Uint8Array | Float32Array | Float64Array> {
  const n = H * W * Math.max(C, 1);
  const d = kind === 'u8' ? new Uint8Array(n) : kind === 'f32' ? new Float32Array(n) : new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    d[i] = kind === 'u8' ? s >>> 24 : Math.fround((s >>> 8) / 65536 - 128);
  }
  return ndarray(d, C === 0 ? [H, W] : [H, W, C]);
}

/** C-order values of any ndarray. */
export function values(a: NdArray): number[] {
  const out: number[] = [];
  const idx = new Array(a.shape.length).fill(0);
  const n = a.shape.reduce((p, s) => p * s, 1);
  for (let i = 0; i < n; i++) {
    out.push(a.get(...idx) as number);
    for (let d = a.shape.length - 1; d >= 0; d--) {
      if (++idx[d] < a.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** One row of a bad-input table: a label, the call, the error class and a pattern the message must match (the argument's name). */
export type BadInput = [label: string, call: () => unknown, error: typeof TypeError | typeof RangeError, name: RegExp];

/** Assert each call throws exactly `error` with a message naming the argument. */
export function expectBadInputs(rows: BadInput[]): void {
  for (const [label, call, error, name] of rows) {
    let thrown: unknown;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, label).toBeInstanceOf(error);
    expect((thrown as Error).constructor, label).toBe(error);
    expect((thrown as Error).message, label).toMatch(name);
  }
}
