/**
 * SimCC rows of the shared decoder table (registered by `decoderTable` in
 * decoder-table.ts, so they run on the CPU in the plain `vitest run` and on
 * every gpu.js backend through run-backends.mjs).
 *
 * Laws, per keypoint, against `decodeSimcc` (src/decode/simcc-decode.ts):
 * - scores exactly equal, NaN where the CPU has NaN (float32 and float64 data);
 * - keypoints exactly equal without DARK (first maximum, −1/splitRatio sentinels);
 * - with DARK within TOL_SIMCC_BINS bins (÷ splitRatio in input px) — the GPU
 *   path re-decodes on the CPU every row whose step its float32 blurred
 *   maximum could move by more than 1e-5 bins, so this holds on every row;
 * - visibility (CPU fallback) and NaN/±∞ inputs exactly as the CPU, NaN
 *   logits rejected with the CPU's RangeError.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { decodeSimcc } from '../../src/decode/index.js';
import type { DecodeSimccOptions, SimccDecodeResult } from '../../src/decode/index.js';
import { loadOracleCases } from '../helpers/oracle.js';

/** What the SimCC rows need from a decoder. */
export interface SimccTableDecoder {
  backend: string;
  simcc(x: NdArray, y: NdArray, o?: DecodeSimccOptions): Promise<SimccDecodeResult>;
}

/** DARK keypoint tolerance in bins (the table's "1e-4 bins"). */
export const TOL_SIMCC_BINS = 1e-4;

export type SimccKind = 'simccArgmax' | 'simccMean' | 'simccSplit3' | 'simccDark' | 'simccDarkMean' | 'simccDarkSplit1' | 'simccVisibility' | 'simccDarkVisibility';
export const SIMCC_KINDS: SimccKind[] = ['simccArgmax', 'simccMean', 'simccSplit3', 'simccDark', 'simccDarkMean', 'simccDarkSplit1', 'simccVisibility', 'simccDarkVisibility'];

/** The options of each SimCC kind (σ in bins; RTMPose-m's 4.9/5.66 for DARK). */
export const SIMCC_OPTIONS: Readonly<Record<SimccKind, DecodeSimccOptions>> = {
  simccArgmax: {},
  simccMean: { score: 'mean' },
  simccSplit3: { splitRatio: 3 },
  simccDark: { dark: true, sigma: [4.9, 5.66] },
  simccDarkMean: { dark: true, sigma: 2, score: 'mean' },
  simccDarkSplit1: { dark: true, sigma: 6, splitRatio: 1 },
  simccVisibility: { visibility: true, sigma: [4.9, 5.66] },
  simccDarkVisibility: { visibility: true, dark: true, sigma: [4.9, 5.66] },
};

/**
 * Least number of keypoints each SimCC kind must have compared over the
 * whole table (the fixed tests alone compare about this many): the table
 * fails if a change silently compares fewer.
 */
export const MIN_COMPARED_SIMCC: Readonly<Record<SimccKind, number>> = {
  // 344 keypoints per kind from the fixed rows (the property adds more to the first four, with numRuns).
  simccArgmax: 340,
  simccMean: 340,
  simccSplit3: 340,
  simccDark: 340,
  simccDarkMean: 340,
  simccDarkSplit1: 340,
  simccVisibility: 340,
  simccDarkVisibility: 340,
};

export const simccStats = new Map<string, { cases: number; compared: number; maxDevBins: number }>();
function stat(kind: string) {
  let s = simccStats.get(kind);
  if (!s) simccStats.set(kind, (s = { cases: 0, compared: 0, maxDevBins: 0 }));
  return s;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Compare `dec.simcc` with `decodeSimcc` keypoint by keypoint (laws in the module doc). */
export async function expectSimccMatches(dec: SimccTableDecoder, kind: SimccKind, x: NdArray, y: NdArray): Promise<void> {
  const o = SIMCC_OPTIONS[kind];
  const ref = decodeSimcc(x, y, o);
  const got = await dec.simcc(x, y, o);
  expect(got.keypoints.shape).toEqual(ref.keypoints.shape);
  expect(got.scores.shape).toEqual(ref.scores.shape);
  expect(got.keypoints.data).toBeInstanceOf(Float64Array);
  expect(got.visibility?.shape).toEqual(ref.visibility?.shape);
  const split = o.splitRatio ?? 2;
  const tol = o.dark ? TOL_SIMCC_BINS / split : 0;
  const s = stat(kind);
  s.cases++;
  const M = ref.scores.data.length;
  expect(M).toBeGreaterThan(0);
  for (let m = 0; m < M; m++) {
    const where = `${kind} keypoint ${m} of x [${x.shape.join(', ')}] y [${y.shape.join(', ')}] on ${dec.backend}`;
    if (!same(got.scores.data[m], ref.scores.data[m])) throw new Error(`${where}: score ${got.scores.data[m]} != ${ref.scores.data[m]}`);
    if (ref.visibility && !same(got.visibility!.data[m], ref.visibility.data[m])) throw new Error(`${where}: visibility ${got.visibility!.data[m]} != ${ref.visibility.data[m]}`);
    for (const j of [0, 1]) {
      const r = ref.keypoints.data[2 * m + j];
      const g = got.keypoints.data[2 * m + j];
      const dev = Math.abs(g - r);
      if (!(same(g, r) || dev <= tol)) throw new Error(`${where}: ${j ? 'y' : 'x'} ${g} vs CPU ${r}, |Δ| = ${dev * split} bins > ${TOL_SIMCC_BINS}`);
      if (Number.isFinite(dev) && dev * split > s.maxDevBins) s.maxDevBins = dev * split;
    }
    s.compared++;
  }
}

/* ---------- vector builders (seeded) ---------- */

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimccVectorKind = 'peaked' | 'logits' | 'ties' | 'plateau' | 'zero' | 'negative' | 'border' | 'mixedSign' | 'label';
export const SIMCC_VECTOR_KINDS: SimccVectorKind[] = ['peaked', 'logits', 'ties', 'plateau', 'zero', 'negative', 'border', 'mixedSign', 'label'];

/** `[N, K, W]` float32 SimCC vectors of one kind (seeded); `σ` in bins. */
export function makeSimcc(kind: SimccVectorKind, N: number, K: number, W: number, seed: number, sigma = 5): NdArray<Float32Array> {
  const r = rng(seed);
  const d = new Float32Array(N * K * W);
  for (let m = 0; m < N * K; m++) {
    const o = m * W;
    const mu = kind === 'border' ? (r() < 0.5 ? r() : W - 1 - r()) : r() * (W - 1);
    const level = r() - 0.3;
    const amp = 0.2 + r();
    for (let i = 0; i < W; i++) {
      const g = Math.exp(-((i - mu) ** 2) / (2 * sigma * sigma));
      let v: number;
      switch (kind) {
        case 'peaked': v = amp * g + 0.02 * (r() - 0.5); break;
        case 'label': v = g; break;
        case 'border': v = amp * g; break;
        case 'logits': v = 8 * (r() - 0.5); break;
        case 'ties': v = Math.floor(r() * 3) / 2; break;
        case 'plateau': v = level; break;
        case 'zero': v = 0; break;
        case 'negative': v = -0.01 - r(); break;
        default: v = g - 0.5 + 0.2 * r();
      }
      d[o + i] = v;
    }
  }
  return ndarray(d, [N, K, W]);
}

/** A `[N, K, W]` view over `[N, W, K]` storage (strides (W·K, 1, K)): the transposed layout. */
function transposedView(a: NdArray<Float32Array>): NdArray<Float32Array> {
  const [N, K, W] = a.shape;
  const d = new Float32Array(a.data.length);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) for (let i = 0; i < W; i++) d[n * W * K + i * K + k] = a.data[(n * K + k) * W + i];
  return ndarray(d, [N, K, W], [W * K, 1, K]);
}

/* ---------- the rows ---------- */

/** Register the SimCC rows (call inside the table's `describe`); `get` makes or returns the decoder. */
export function simccRows(get: () => Promise<SimccTableDecoder>, checkBackend: () => void, numRuns: number): void {
  for (const kind of SIMCC_KINDS) {
    it(`${kind}: RTMPose-like batch [4, 17, 384] + [4, 17, 512] equals decodeSimcc`, async () => {
      const d = await get();
      await expectSimccMatches(d, kind, makeSimcc('peaked', 4, 17, 384, 31), makeSimcc('peaked', 4, 17, 512, 32, 5.66));
      checkBackend();
    });
  }

  it('simcc: every option set equals decodeSimcc on each vector kind (logits, ties, plateaus, zero, negative, border, mixed sign)', async () => {
    const d = await get();
    for (const vk of SIMCC_VECTOR_KINDS) {
      const i = SIMCC_VECTOR_KINDS.indexOf(vk);
      for (const kind of SIMCC_KINDS) await expectSimccMatches(d, kind, makeSimcc(vk, 2, 5, 48, 100 + i), makeSimcc(vk, 2, 5, 64, 200 + i));
    }
    checkBackend();
  });

  it('simcc: short rows (W = 1, 2, 5), [K, W] inputs, transposed and sliced views and Float64Array data equal decodeSimcc', async () => {
    const d = await get();
    for (const [wx, wy] of [[1, 1], [2, 5], [5, 2], [7, 3]]) {
      for (const kind of SIMCC_KINDS) await expectSimccMatches(d, kind, makeSimcc('peaked', 2, 3, wx, wx * 7 + wy, 1), makeSimcc('peaked', 2, 3, wy, wy * 13 + wx, 1));
    }
    const x = makeSimcc('peaked', 3, 17, 96, 41);
    const y = makeSimcc('peaked', 3, 17, 128, 42);
    const x2 = x.pick(1, null, null) as NdArray;
    const y2 = y.pick(1, null, null) as NdArray;
    const xf64 = ndarray(Float64Array.from(x.data), x.shape);
    const yf64 = ndarray(Float64Array.from(y.data, (v, i) => v + (i % 3) * 1e-12), y.shape); // not float32-exact: CPU rows
    const xs = x.hi(3, 15, 90).lo(0, 2, 3);
    const ys = y.hi(3, 15, 120).lo(0, 2, 1);
    const pairs: Array<[NdArray, NdArray]> = [[x2, y2], [transposedView(x), transposedView(y)], [xf64, yf64], [xs, ys]];
    for (const [a, b] of pairs) for (const kind of SIMCC_KINDS) await expectSimccMatches(d, kind, a, b);
    checkBackend();
  });

  it('simcc: ±∞ logits decode as decodeSimcc; NaN logits are rejected with its RangeError naming x / y', async () => {
    const d = await get();
    const x = makeSimcc('peaked', 1, 4, 40, 51);
    const y = makeSimcc('peaked', 1, 4, 40, 52);
    x.set(0, 1, 7, Infinity);
    y.set(0, 2, 9, -Infinity);
    for (const kind of SIMCC_KINDS) await expectSimccMatches(d, kind, x, y);
    y.set(0, 3, 5, NaN);
    await expect(d.simcc(x, y)).rejects.toThrow(RangeError);
    await expect(d.simcc(x, y)).rejects.toThrow(/^y must not contain NaN/);
  });

  it('simcc: bad options, ranks, N/K and lengths throw what decodeSimcc throws', async () => {
    const d = await get();
    const x = makeSimcc('peaked', 1, 3, 20, 1);
    const y = makeSimcc('peaked', 1, 3, 24, 2);
    const bad: Array<[NdArray, NdArray, unknown, RegExp]> = [
      [x, y, { splitRatio: 0 }, /options\.splitRatio/],
      [x, y, { sigma: 0.2, dark: true }, /options\.sigma/],
      [x, y, { score: 'max' }, /options\.score/],
      [x, y, { inputSize: [11, 12] }, /^x must have 22 bins/],
      [x, makeSimcc('peaked', 1, 4, 24, 2), {}, /^y must have the same K/],
      [x, y.pick(0, null, null) as NdArray, {}, /same rank/],
    ];
    for (const [a, b, o, re] of bad) {
      let cpuErr: Error | undefined;
      try {
        decodeSimcc(a, b, o as never);
      } catch (e) {
        cpuErr = e as Error;
      }
      expect(cpuErr?.message).toMatch(re);
      await expect(d.simcc(a, b, o as never)).rejects.toThrow(cpuErr!.constructor as typeof Error);
      await expect(d.simcc(a, b, o as never)).rejects.toThrow(cpuErr!.message);
    }
  });

  it('simcc: the inputs are never modified', async () => {
    const d = await get();
    const x = makeSimcc('mixedSign', 2, 3, 30, 6);
    const y = makeSimcc('mixedSign', 2, 3, 40, 7);
    const bx = Float32Array.from(x.data);
    const by = Float32Array.from(y.data);
    for (const kind of SIMCC_KINDS) await d.simcc(x, y, SIMCC_OPTIONS[kind]);
    expect(x.data).toEqual(bx);
    expect(y.data).toEqual(by);
  });

  it('simcc: golden mmpose SimCCLabel.decode cases equal decodeSimcc (and so mmpose within FORMAT.md), at least 20 cases', async () => {
    const d = await get();
    const cases = loadOracleCases('simcc', (fn) => fn === 'simcc.decode');
    let compared = 0;
    for (const c of cases) {
      const p = c.params;
      const o: DecodeSimccOptions = {
        splitRatio: p.simcc_split_ratio as number,
        sigma: p.sigma as number | [number, number],
        dark: p.use_dark as boolean,
        visibility: p.decode_visibility as boolean,
        beta: p.decode_beta as number,
        inputSize: p.input_size as [number, number],
      };
      const x = c.inputs.simcc_x as NdArray;
      const y = c.inputs.simcc_y as NdArray;
      const ref = decodeSimcc(x, y, o);
      const got = await d.simcc(x, y, o);
      const e = (c.expected.keypoints as NdArray).data as ArrayLike<number>;
      expect(got.keypoints.data.length).toBe(e.length);
      expect(got.scores.data).toEqual(ref.scores.data);
      const tol = o.dark ? 1e-3 : 0; // FORMAT.md: exact without dark, ≤ 1e-3 input px with dark
      for (let i = 0; i < e.length; i++) {
        const g = got.keypoints.data[i];
        if (!(Math.abs(g - e[i]) <= tol || same(g, e[i]))) throw new Error(`simcc/${c.name}: keypoint value ${i} ${g} vs mmpose ${e[i]} on ${d.backend}`);
        if (!(Math.abs(g - ref.keypoints.data[i]) <= (o.dark ? TOL_SIMCC_BINS : 0) || same(g, ref.keypoints.data[i]))) throw new Error(`simcc/${c.name}: keypoint value ${i} ${g} vs CPU ${ref.keypoints.data[i]}`);
      }
      compared++;
    }
    console.log(`[decoder table] simcc golden SimCCLabel.decode cases compared: ${compared} of ${cases.length} on ${d.backend}`);
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('property simcc: decodeSimcc ≡ GPU decode (argmax exact, DARK within 1e-4 bins) on random vectors of every kind', async () => {
    const d = await get();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SIMCC_VECTOR_KINDS),
        fc.constantFrom<[number, number]>([1, 1], [6, 9], [48, 64], [192, 256]),
        fc.constantFrom(1, 17),
        fc.constantFrom<SimccKind>('simccArgmax', 'simccMean', 'simccDark', 'simccDarkMean'),
        fc.integer({ min: 0, max: 1e6 }),
        async (vk, [wx, wy], K, kind, seed) => {
          await expectSimccMatches(d, kind, makeSimcc(vk, 1, K, wx, seed, wx / 40 + 0.5), makeSimcc(vk, 1, K, wy, seed + 1, wy / 40 + 0.5));
        },
      ),
      { numRuns },
    );
  });

  it('simcc: compared at least the stated number of keypoints per option set (MIN_COMPARED_SIMCC)', () => {
    const rows = [...simccStats.entries()].map(([k, s]) => `  ${k.padEnd(20)} cases ${String(s.cases).padStart(4)}  compared ${String(s.compared).padStart(6)}  max |Δ| ${s.maxDevBins.toExponential(2)} bins`);
    console.log(`[decoder table] simcc\n${rows.join('\n')}`);
    for (const kind of SIMCC_KINDS) expect(simccStats.get(kind)?.compared ?? 0, kind).toBeGreaterThanOrEqual(MIN_COMPARED_SIMCC[kind]);
  });
}
