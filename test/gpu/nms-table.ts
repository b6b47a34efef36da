/**
 * Heatmap NMS and NMS top-k rows of the shared decoder table (registered by
 * `decoderTable` in decoder-table.ts, so they run on the CPU in the plain
 * `vitest run` and on every gpu.js backend through run-backends.mjs).
 *
 * Laws, against the CPU functions of src/decode:
 * - `dec.heatmapNms(h, k)` equals `heatmapNms(h, k)` bit for bit (`Object.is`
 *   per pixel: −0 of suppressed negatives, +0, NaN), same shape, Float32Array;
 * - `dec.topkPeaks(h, n, { tags })` equals `topkPeaks(h, n, { tags })`, and with
 *   `nmsKernel` it equals `topkPeaks(heatmapNms(h, nmsKernel), n, { tags })` exactly (values,
 *   locations — first flat index among ties — and tags);
 * - bad arguments: the CPU's error class and message.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapNms, topkPeaks } from '../../src/decode/index.js';
import type { TopkPeaksResult } from '../../src/decode/index.js';
import { nhwcView } from '../helpers/maps.js';

/** What the NMS rows need from a decoder. */
export interface NmsTableDecoder {
  backend: string;
  heatmapNms(h: NdArray, kernelSize?: number): Promise<NdArray<Float32Array>>;
  topkPeaks(h: NdArray, k: number, o?: { nmsKernel?: number; tags?: NdArray }): Promise<TopkPeaksResult>;
}

export type NmsMapKind = 'gauss' | 'noise' | 'ties' | 'plateau' | 'negative' | 'mixedSign' | 'signedZero' | 'zero';
export const NMS_MAP_KINDS: NmsMapKind[] = ['gauss', 'noise', 'ties', 'plateau', 'negative', 'mixedSign', 'signedZero', 'zero'];
const KERNELS = [1, 3, 5, 7];

/**
 * Least number of maps compared over the whole table (the fixed rows alone
 * compare about this many; the properties add more with numRuns): the table
 * fails if a change silently compares fewer.
 */
export const MIN_COMPARED_NMS = { heatmapNms: 2300, topkPeaks: 460 } as const; // fixed rows: 2,302 and 465 maps

export const nmsStats = { heatmapNms: { cases: 0, maps: 0 }, topkPeaks: { cases: 0, maps: 0 } };

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

/** `[B, K, H, W]` float32 maps of one kind (seeded): several peaks, tie grids, flat tops, all-negative, ±0 mixes. */
export function makeNmsMaps(kind: NmsMapKind, B: number, K: number, H: number, W: number, seed: number): NdArray<Float32Array> {
  const r = rng(seed);
  const d = new Float32Array(B * K * H * W);
  for (let m = 0; m < B * K; m++) {
    const o = m * H * W;
    const peaks = Array.from({ length: 3 }, () => [r() * (W - 1), r() * (H - 1), 0.5 + r() * 1.5]);
    const level = r() - 0.5;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const g = Math.max(...peaks.map(([px, py, s]) => Math.exp(-((x - px) ** 2 + (y - py) ** 2) / (2 * s * s))));
        let v: number;
        switch (kind) {
          case 'gauss': v = g + 0.01 * r(); break;
          case 'noise': v = r(); break;
          case 'ties': v = Math.floor(r() * 3) / 2; break;
          case 'plateau': v = Math.min(level + 0.3, Math.round(g * 4) / 4); break; // flat tops and terraces
          case 'negative': v = -0.01 - r(); break;
          case 'mixedSign': v = g - 0.5 + 0.2 * r(); break;
          case 'signedZero': v = [0, -0, -1, 0.5, -0.5][Math.floor(r() * 5)]; break;
          default: v = 0;
        }
        d[o + y * W + x] = v;
      }
    }
  }
  return ndarray(d, [B, K, H, W]);
}

/** Bit-for-bit comparison of `dec.heatmapNms(h, k)` with `heatmapNms(h, k)`. */
export async function expectNmsMatches(dec: NmsTableDecoder, h: NdArray, k?: number): Promise<void> {
  const ref = heatmapNms(h, k);
  const got = await dec.heatmapNms(h, k);
  expect(got.shape).toEqual(ref.shape);
  expect(got.data).toBeInstanceOf(Float32Array);
  expect(got.data.length).toBe(ref.data.length);
  const [H, W] = h.shape.slice(-2);
  for (let i = 0; i < ref.data.length; i++) {
    if (!Object.is(got.data[i], ref.data[i])) {
      throw new Error(`heatmapNms(k ${k}) map ${Math.floor(i / (H * W))} pixel ${i % (H * W)} of shape [${h.shape.join(', ')}] on ${dec.backend}: ${Object.is(got.data[i], -0) ? '-0' : got.data[i]} vs CPU ${Object.is(ref.data[i], -0) ? '-0' : ref.data[i]}`);
    }
  }
  nmsStats.heatmapNms.cases++;
  nmsStats.heatmapNms.maps += ref.data.length / (H * W);
}

/** Exact comparison of `dec.topkPeaks` with `topkPeaks(heatmapNms(h, nmsKernel), n, { tags })`. */
export async function expectTopkMatches(dec: NmsTableDecoder, h: NdArray, n: number, nmsKernel?: number, tags?: NdArray): Promise<void> {
  const ref = topkPeaks(nmsKernel === undefined ? h : heatmapNms(h, nmsKernel), n, tags ? { tags } : undefined);
  const got = await dec.topkPeaks(h, n, { nmsKernel, tags });
  const where = `topkPeaks(k ${n}, nmsKernel ${nmsKernel}) of shape [${h.shape.join(', ')}] on ${dec.backend}`;
  expect(got.values.shape, where).toEqual(ref.values.shape);
  expect(got.locations.shape, where).toEqual(ref.locations.shape);
  expect(got.values.data.length).toBeGreaterThan(0);
  expect(Array.from(got.values.data).map((v) => (Object.is(v, -0) ? '-0' : v)), where).toEqual(Array.from(ref.values.data).map((v) => (Object.is(v, -0) ? '-0' : v)));
  expect(Array.from(got.locations.data), where).toEqual(Array.from(ref.locations.data));
  if (tags) {
    expect(got.tags?.shape, where).toEqual(ref.tags?.shape);
    expect(Array.from(got.tags!.data), where).toEqual(Array.from(ref.tags!.data));
  } else expect(got.tags).toBeUndefined();
  nmsStats.topkPeaks.cases++;
  nmsStats.topkPeaks.maps += ref.values.data.length / n;
}

/** Register the NMS rows (inside `decoderTable`'s describe). */
export function nmsRows(get: () => Promise<NmsTableDecoder>, checkBackend: () => void, numRuns: number): void {
  for (const k of KERNELS) {
    it(`heatmapNms k = ${k}: batch [4, 17, 32, 24] of Gaussian peaks and noise equals the CPU bit for bit`, async () => {
      const d = await get();
      await expectNmsMatches(d, makeNmsMaps('gauss', 4, 17, 32, 24, 10 + k), k);
      await expectNmsMatches(d, makeNmsMaps('noise', 4, 17, 32, 24, 20 + k), k);
      checkBackend();
    });
  }

  it('heatmapNms: every map kind (ties, plateaus, negative, mixed sign, ±0, zero) and kernel size equals the CPU, −0 kept', async () => {
    const d = await get();
    for (const mk of NMS_MAP_KINDS) {
      const i = NMS_MAP_KINDS.indexOf(mk);
      for (const k of KERNELS) await expectNmsMatches(d, makeNmsMaps(mk, 2, 5, 16, 12, 100 + 10 * i + k), k);
    }
    await expectNmsMatches(d, makeNmsMaps('gauss', 2, 3, 16, 12, 7)); // default kernel 5
    const neg = await d.heatmapNms(makeNmsMaps('negative', 1, 1, 8, 8, 3), 3);
    expect(Array.from(neg.data).some((v) => Object.is(v, -0))).toBe(true);
    checkBackend();
  });

  it('heatmapNms: sizes 1×1, 1×9, 9×1, 3×3, 7×5, windows wider than the map (k = 7, 1025) and a batch of 1,088 maps equal the CPU', async () => {
    const d = await get();
    for (const [H, W] of [[1, 1], [1, 9], [9, 1], [3, 3], [7, 5], [5, 7]]) {
      for (const k of [...KERNELS, 1025]) await expectNmsMatches(d, makeNmsMaps('mixedSign', 2, 3, H, W, H * 31 + W + k), k);
    }
    await expectNmsMatches(d, makeNmsMaps('gauss', 64, 17, 16, 12, 21), 5);
    checkBackend();
  });

  it('heatmapNms: [K, H, W] maps, NHWC views, slices and Float64Array data (float32-exact, inexact, subnormal) equal the CPU', async () => {
    const d = await get();
    const h4 = makeNmsMaps('mixedSign', 3, 5, 20, 16, 8);
    const f64 = ndarray(Float64Array.from(h4.data), h4.shape);
    const inexact = ndarray(Float64Array.from(h4.data, (v, i) => v + (i % 3) * 1e-12), h4.shape); // ties float32 would create
    const tiny = ndarray(Float64Array.from(h4.data, (v, i) => (i % 7 === 0 ? v * 1e-39 : v)), h4.shape); // float32 subnormals
    for (const h of [h4.pick(1, null, null, null), nhwcView(h4), f64, inexact, tiny, h4.hi(3, 4, 18, 15).lo(0, 1, 1, 2)]) {
      for (const k of [3, 5]) await expectNmsMatches(d, h as NdArray, k);
    }
    checkBackend();
  });

  it('heatmapNms: maps holding NaN or ±∞ equal the CPU (NaN suppresses its window, ±∞ · 0 = NaN)', async () => {
    const d = await get();
    const h = makeNmsMaps('gauss', 1, 4, 12, 10, 9);
    h.set(0, 0, 3, 4, NaN);
    h.set(0, 1, 5, 5, Infinity);
    h.set(0, 2, 2, 2, -Infinity);
    for (const k of KERNELS) await expectNmsMatches(d, h, k);
    checkBackend();
  });

  it('topkPeaks equals topkPeaks(heatmapNms(h, nmsKernel)) on every map kind and kernel size, ties by first flat index', async () => {
    const d = await get();
    for (const mk of NMS_MAP_KINDS) {
      const i = NMS_MAP_KINDS.indexOf(mk);
      for (const k of KERNELS) await expectTopkMatches(d, makeNmsMaps(mk, 2, 5, 16, 12, 300 + 10 * i + k), 30, k);
    }
    await expectTopkMatches(d, makeNmsMaps('gauss', 4, 17, 32, 24, 5), 30); // no nmsKernel: exactly the CPU topkPeaks
    await expectTopkMatches(d, makeNmsMaps('ties', 2, 3, 7, 5, 6), 35, 3); // k = H·W
    await expectTopkMatches(d, makeNmsMaps('gauss', 2, 3, 7, 5, 6).pick(0, null, null, null) as NdArray, 4, 3); // [K, H, W]
    checkBackend();
  });

  it('topkPeaks: tags [B, 2·K, H, W] are gathered at the same pixels as the CPU', async () => {
    const d = await get();
    const h = makeNmsMaps('gauss', 2, 17, 32, 24, 41);
    const tags = makeNmsMaps('noise', 2, 34, 32, 24, 42);
    for (const k of [3, 5]) await expectTopkMatches(d, h, 30, k, tags);
    checkBackend();
  });

  it('heatmapNms / topkPeaks: bad arguments throw the CPU errors', async () => {
    const d = await get();
    const h = makeNmsMaps('gauss', 1, 2, 8, 8, 1);
    const cases: Array<[string, () => unknown, () => Promise<unknown>]> = [
      ['kernelSize 4', () => heatmapNms(h, 4), () => d.heatmapNms(h, 4)],
      ['kernelSize 0', () => heatmapNms(h, 0), () => d.heatmapNms(h, 0)],
      ['kernelSize 1027', () => heatmapNms(h, 1027), () => d.heatmapNms(h, 1027)],
      ['kernelSize "3"', () => heatmapNms(h, '3' as never), () => d.heatmapNms(h, '3' as never)],
      ['rank 2', () => heatmapNms(ndarray(new Float32Array(4), [2, 2])), () => d.heatmapNms(ndarray(new Float32Array(4), [2, 2]))],
      ['not an ndarray', () => heatmapNms(new Float32Array(4) as never), () => d.heatmapNms(new Float32Array(4) as never)],
      ['k 0', () => topkPeaks(h, 0), () => d.topkPeaks(h, 0)],
      ['k > H·W', () => topkPeaks(h, 65), () => d.topkPeaks(h, 65)],
      ['k 1.5', () => topkPeaks(h, 1.5), () => d.topkPeaks(h, 1.5)],
      ['tags of another size', () => topkPeaks(h, 3, { tags: makeNmsMaps('noise', 1, 2, 8, 7, 2) }), () => d.topkPeaks(h, 3, { tags: makeNmsMaps('noise', 1, 2, 8, 7, 2) })],
      ['tags of 3 channels', () => topkPeaks(h, 3, { tags: makeNmsMaps('noise', 1, 3, 8, 8, 2) }), () => d.topkPeaks(h, 3, { tags: makeNmsMaps('noise', 1, 3, 8, 8, 2) })],
      ['options not an object', () => topkPeaks(h, 3, 5 as never), () => d.topkPeaks(h, 3, 5 as never)],
    ];
    for (const [what, cpu, gpu] of cases) {
      let cpuErr: Error | undefined;
      try {
        cpu();
      } catch (e) {
        cpuErr = e as Error;
      }
      expect(cpuErr, what).toBeInstanceOf(Error);
      await expect(gpu(), what).rejects.toThrow(cpuErr!.constructor as typeof Error);
      await expect(gpu(), what).rejects.toThrow(cpuErr!.message);
    }
    await expect(d.topkPeaks(h, 3, { nmsKernel: 4 })).rejects.toThrow(RangeError);
    await expect(d.topkPeaks(h, 3, { nmsKernel: 4 })).rejects.toThrow(/^options\.nmsKernel must be odd/);
    await expect(d.topkPeaks(h, 3, { nmsKernel: 1027 })).rejects.toThrow(/^options\.nmsKernel must be <= 1025/);
  });

  it('heatmapNms / topkPeaks: the inputs are never modified', async () => {
    const d = await get();
    const h = makeNmsMaps('mixedSign', 2, 3, 16, 12, 4);
    const tags = makeNmsMaps('noise', 2, 3, 16, 12, 5);
    const bh = Float32Array.from(h.data);
    const bt = Float32Array.from(tags.data);
    await d.heatmapNms(h, 3);
    await d.topkPeaks(h, 10, { nmsKernel: 3, tags });
    expect(h.data).toEqual(bh);
    expect(tags.data).toEqual(bt);
  });

  it('property: heatmapNms ≡ CPU bit for bit and topkPeaks ≡ CPU top-k of the CPU NMS, on random maps of every kind and kernel size', async () => {
    const d = await get();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NMS_MAP_KINDS),
        fc.constantFrom<[number, number]>([1, 1], [1, 6], [6, 1], [7, 5], [12, 9], [16, 16]),
        fc.constantFrom(1, 3, 17),
        fc.constantFrom(...KERNELS),
        fc.integer({ min: 0, max: 1e6 }),
        async (mk, [H, W], K, k, seed) => {
          const h = makeNmsMaps(mk, 1, K, H, W, seed);
          await expectNmsMatches(d, h, k);
          await expectTopkMatches(d, h, Math.min(H * W, 1 + (seed % 20)), k);
        },
      ),
      { numRuns },
    );
  });

  it('heatmapNms / topkPeaks: compared at least the stated number of maps (MIN_COMPARED_NMS)', () => {
    console.log(`[decoder table] nms: heatmapNms cases ${nmsStats.heatmapNms.cases} maps ${nmsStats.heatmapNms.maps}; topkPeaks cases ${nmsStats.topkPeaks.cases} maps ${nmsStats.topkPeaks.maps}`);
    expect(nmsStats.heatmapNms.maps).toBeGreaterThanOrEqual(MIN_COMPARED_NMS.heatmapNms);
    expect(nmsStats.topkPeaks.maps).toBeGreaterThanOrEqual(MIN_COMPARED_NMS.topkPeaks);
  });
}
