/**
 * The one test table every decoder target runs: posecodec's CPU decoders (in
 * the plain `vitest run`), and each gpu.js backend in its own process
 * (`test/gpu/backend.gpu.ts`, started by `test/gpu/run-backends.mjs`).
 *
 * Laws, per map, against the CPU decoders of `src/decode` (the reference,
 * composed here as a user would: heatmapArgmax, then refineQuarter /
 * refineDark; softArgmax):
 * - argmax and quarter: keypoints and scores exactly equal;
 * - scores of every decoder exactly equal (float32 data);
 * - dark and softArgmax: within 1e-5 heatmap px. For DARK this holds where the
 *   Newton step is well conditioned (|λ| of the log-Hessian ≥ 0.05 and the
 *   step ≤ 1.5 px, as on every peaked map); on noise the step can be hundreds
 *   of px from a near-singular Hessian and float32 cannot follow float64 there
 *   (nor does mmpose's float32 code) — those maps are counted, not compared,
 *   except that kept points (interior rule, −1 sentinels, floor path) stay exact.
 *   Likewise softArgmax with debias where C = Σ exp(h) < 2 (gain g = 1/(1 − 1/C) > 2).
 */
import { describe, expect, it, afterAll } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineQuarter, refineDark, softArgmax } from '../../src/decode/index.js';
import type { DecodeResult } from '../../src/decode/index.js';
import { cvGaussianKernel } from '../../src/core/gaussian-kernel.js';
import { blurAtPoint } from '../../src/core/convolve.js';
import { loadOracleCases } from '../helpers/oracle.js';
import { nhwcView } from '../helpers/maps.js';
import { simccRows, type SimccTableDecoder } from './simcc-table.js';
import { nmsRows, type NmsTableDecoder } from './nms-table.js';

/** What the table needs from a decoder. */
export interface TableDecoder {
  backend: string;
  argmax(h: NdArray): Promise<DecodeResult>;
  quarter(h: NdArray, o?: { rule?: 'mmpose' | 'hrnet' }): Promise<DecodeResult>;
  dark(h: NdArray, o?: { blurKernelSize?: number; guard?: boolean }): Promise<DecodeResult>;
  softArgmax(h: NdArray, o?: { beta?: number; debias?: boolean }): Promise<DecodeResult>;
}

export type Kind = 'argmax' | 'quarter' | 'quarterHrnet' | 'dark' | 'dark7' | 'softArgmax' | 'softArgmaxBeta' | 'softArgmaxDebias';
const KINDS: Kind[] = ['argmax', 'quarter', 'quarterHrnet', 'dark', 'dark7', 'softArgmax', 'softArgmaxBeta', 'softArgmaxDebias'];
export const TOL_PX = 1e-5;

/** The CPU reference for `kind` (keypoints keep the argmax shape). */
export function reference(kind: Kind, h: NdArray): DecodeResult {
  if (kind.startsWith('softArgmax')) return softArgmax(h, softOpts(kind));
  const am = heatmapArgmax(h);
  if (kind === 'argmax') return am;
  const batched = h.shape.length === 4;
  const kp = batched ? am.keypoints : ndarray(am.keypoints.data, [1, h.shape[0], 2]);
  const r = kind.startsWith('quarter') ? refineQuarter(kp, h, { rule: kind === 'quarterHrnet' ? 'hrnet' : 'mmpose' }) : refineDark(kp, h, { blurKernelSize: kind === 'dark7' ? 7 : 11 });
  return { keypoints: ndarray(r.data, am.keypoints.shape.slice()), scores: am.scores };
}

function softOpts(kind: Kind) {
  return kind === 'softArgmaxBeta' ? { beta: 10 } : kind === 'softArgmaxDebias' ? { debias: true } : {};
}

/** The CPU's argmax + refineDark with kernel size `ks` (keypoint values, flat). */
function cpuDark(h: NdArray, ks: number): Float64Array {
  const am = heatmapArgmax(h);
  const kp = h.shape.length === 4 ? am.keypoints : ndarray(am.keypoints.data, [1, h.shape[0], 2]);
  return refineDark(kp, h, { blurKernelSize: ks }).data;
}

/** Run `kind` on the decoder under test. */
export function decodeWith(dec: TableDecoder, kind: Kind, h: NdArray): Promise<DecodeResult> {
  switch (kind) {
    case 'argmax': return dec.argmax(h);
    case 'quarter': return dec.quarter(h);
    case 'quarterHrnet': return dec.quarter(h, { rule: 'hrnet' });
    case 'dark': return dec.dark(h);
    case 'dark7': return dec.dark(h, { blurKernelSize: 7 });
    default: return dec.softArgmax(h, softOpts(kind));
  }
}

/** A `[K, H, W]`-plane accessor over any heatmaps, map m = b·K + k. */
function planeOf(h: NdArray, m: number) {
  const b4 = h.shape.length === 4;
  const [B, K, H, W] = b4 ? h.shape : [1, ...h.shape];
  const [sB, sK, sH, sW] = b4 ? h.stride : [0, ...h.stride];
  void B;
  const b = Math.floor(m / K);
  return { data: h.data as Float32Array, offset: h.offset + b * sB + (m - b * K) * sK, sH, sW, H, W };
}

/** Conditioning of the CPU's DARK step at integer (x, y) of map m: smallest |λ| of the log-Hessian and |step|. */
function darkConditioning(h: NdArray, m: number, x: number, y: number, ks: number): { lambda: number; step: number } {
  const p = planeOf(h, m);
  const k = cvGaussianKernel(ks);
  const L = (dy: number, dx: number) => Math.log(blurAtPoint(p, k, y + dy, x + dx));
  const dx = 0.5 * (L(0, 1) - L(0, -1));
  const dy = 0.5 * (L(1, 0) - L(-1, 0));
  const dxx = 0.25 * (L(0, 2) - 2 * L(0, 0) + L(0, -2));
  const dyy = 0.25 * (L(2, 0) - 2 * L(0, 0) + L(-2, 0));
  const dxy = 0.25 * (L(1, 1) - L(-1, 1) - L(1, -1) + L(-1, -1));
  const tr = dxx + dyy;
  const det = dxx * dyy - dxy * dxy;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  const lambda = Math.min(Math.abs(tr / 2 - disc), Math.abs(tr / 2 + disc));
  const ox = -(dyy * dx - dxy * dy) / det;
  const oy = -(-dxy * dx + dxx * dy) / det;
  const step = Math.max(Math.abs(ox), Math.abs(oy));
  return { lambda: Number.isFinite(lambda) ? lambda : 0, step: Number.isFinite(step) ? step : Infinity };
}

/** Deviation statistics per kind, printed at the end (the note's numbers). */
export const stats = new Map<string, { maps: number; compared: number; illConditioned: number; maxDev: number; cases: number }>();
function stat(kind: Kind) {
  let s = stats.get(kind);
  if (!s) stats.set(kind, (s = { maps: 0, compared: 0, illConditioned: 0, maxDev: 0, cases: 0 }));
  return s;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Compare the decoder's result with the CPU reference map by map (laws in the
 * module doc); throws with the first offending map.
 */
export async function expectMatches(dec: TableDecoder, kind: Kind, h: NdArray): Promise<void> {
  const ref = reference(kind, h);
  const got = await decodeWith(dec, kind, h);
  expect(got.keypoints.shape).toEqual(ref.keypoints.shape);
  expect(got.scores.shape).toEqual(ref.scores.shape);
  expect(got.keypoints.data).toBeInstanceOf(Float64Array);
  const M = ref.scores.data.length;
  const am = kind.startsWith('dark') ? heatmapArgmax(h).keypoints.data : undefined;
  const s = stat(kind);
  s.cases++;
  for (let m = 0; m < M; m++) {
    s.maps++;
    const where = `${kind} map ${m} of shape [${h.shape.join(', ')}] on ${dec.backend}`;
    if (!same(got.scores.data[m], ref.scores.data[m])) throw new Error(`${where}: score ${got.scores.data[m]} != ${ref.scores.data[m]}`);
    const rx = ref.keypoints.data[2 * m];
    const ry = ref.keypoints.data[2 * m + 1];
    const gx = got.keypoints.data[2 * m];
    const gy = got.keypoints.data[2 * m + 1];
    let tol = 0;
    if (kind.startsWith('softArgmax')) tol = TOL_PX;
    if (kind === 'softArgmaxDebias' && expMass(h, m) < 2) {
      // g = 1/(1 − 1/C) with C = Σ exp(h): below C = 2 (maps with almost no mass, e.g. 1×1) the debias
      // multiplies float32 rounding by g², so only finiteness is asserted; such maps are counted.
      s.illConditioned++;
      if (Number.isFinite(rx) && !(Number.isFinite(gx) && Number.isFinite(gy))) throw new Error(`${where}: non-finite ${gx}, ${gy}`);
      continue;
    }
    if (am) {
      const ax = am[2 * m];
      const ay = am[2 * m + 1];
      const kept = rx === ax && ry === ay;
      if (!kept) {
        const c = darkConditioning(h, m, ax, ay, kind === 'dark7' ? 7 : 11);
        if (!(c.lambda >= 0.05 && c.step <= 1.5)) {
          s.illConditioned++;
          // NaN only where the CPU (mmpose) gives NaN too: a NaN in the blurred neighbourhood.
          if (!(Number.isFinite(gx) && Number.isFinite(gy)) && !(same(gx, rx) && same(gy, ry))) throw new Error(`${where}: non-finite ${gx}, ${gy} (CPU ${rx}, ${ry})`);
          continue;
        }
        tol = TOL_PX;
      }
    }
    s.compared++;
    const dev = Math.max(Math.abs(gx - rx), Math.abs(gy - ry));
    const ok = tol === 0 ? same(gx, rx) && same(gy, ry) : dev <= tol || (same(gx, rx) && same(gy, ry));
    if (!ok) throw new Error(`${where}: (${gx}, ${gy}) vs CPU (${rx}, ${ry}), |Δ| = ${dev} > ${tol}`);
    if (Number.isFinite(dev) && dev > s.maxDev) s.maxDev = dev;
  }
}

/** C = Σ exp(h) over map `m` (float64); the debias gain is g = 1/(1 − 1/C). */
function expMass(h: NdArray, m: number): number {
  const [H, W] = h.shape.slice(-2);
  const K = h.shape[h.shape.length - 3];
  const b = h.shape.length === 4 ? Math.floor(m / K) : 0;
  const k = m % K;
  let C = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) C += Math.exp(h.shape.length === 4 ? h.get(b, k, y, x) : h.get(k, y, x));
  return C;
}

/* ---------- map builders (seeded) ---------- */

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

export type MapKind = 'gauss' | 'noise' | 'ties' | 'plateau' | 'border' | 'zero' | 'negative' | 'mixedSign' | 'logits';
export const MAP_KINDS: MapKind[] = ['gauss', 'noise', 'ties', 'plateau', 'border', 'zero', 'negative', 'mixedSign', 'logits'];

/** `[B, K, H, W]` float32 maps of one kind (seeded). */
export function makeMaps(kind: MapKind, B: number, K: number, H: number, W: number, seed: number): NdArray<Float32Array> {
  const r = rng(seed);
  const d = new Float32Array(B * K * H * W);
  for (let m = 0; m < B * K; m++) {
    const o = m * H * W;
    const mx = kind === 'border' ? (r() < 0.5 ? 0 : W - 1) : r() * (W - 1);
    const my = kind === 'border' ? r() * (H - 1) : r() * (H - 1);
    const sigma = 1 + 2 * r();
    const level = r();
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const g = Math.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * sigma * sigma));
        let v: number;
        switch (kind) {
          case 'gauss': v = g + 0.01 * r(); break;
          case 'border': v = g; break;
          case 'noise': v = r(); break;
          case 'ties': v = Math.floor(r() * 3) / 2; break;
          case 'plateau': v = level; break;
          case 'zero': v = 0; break;
          case 'negative': v = -0.01 - r(); break;
          case 'mixedSign': v = g - 0.5 + 0.2 * r(); break;
          default: v = 20 * (r() - 0.5);
        }
        d[o + y * W + x] = v;
      }
    }
  }
  return ndarray(d, [B, K, H, W]);
}

/* ---------- the table ---------- */

/**
 * Golden families the table replays on every backend: (family, DARK keypoint
 * tolerance from its FORMAT.md, least number of whole-pipeline cases that
 * must be compared — the suite fails if fewer are found).
 */
const GOLDEN_FAMILIES: ReadonlyArray<readonly [string, number, number]> = [
  ['codec', 1e-4, 60],
  ['codec-hard', 2e-3, 40],
];

/**
 * Least number of maps each kind must have compared value for value with the
 * CPU over the whole table (ill-conditioned maps are counted apart): the
 * table fails if a change to it, or to the decoders, silently compares fewer.
 */
export const MIN_COMPARED: Readonly<Record<Kind, number>> = {
  // The fixed tests alone compare about this many (the property tests add more with numRuns).
  argmax: 1300,
  quarter: 1300,
  quarterHrnet: 250,
  dark: 1250,
  dark7: 150,
  softArgmax: 1300,
  softArgmaxBeta: 250,
  softArgmaxDebias: 230,
};

export interface TableOptions {
  /** fast-check runs per property (kernels compile per shape: keep modest on GL). */
  numRuns?: number;
  /** Expected `dec.backend` (asserted after every case). */
  backend?: string | RegExp;
}

/** Register the whole table under `describe(title)` for a decoder made once by `make`. */
export function decoderTable(title: string, make: () => Promise<TableDecoder & { dispose?(): void }>, opts: TableOptions = {}): void {
  const numRuns = opts.numRuns ?? 20;
  describe(title, () => {
    let dec: (TableDecoder & { dispose?(): void }) | undefined;
    const get = async () => (dec ??= await make());
    const checkBackend = () => {
      if (opts.backend && dec) expect(dec.backend).toMatch(opts.backend);
    };
    afterAll(() => {
      dec?.dispose?.();
      const rows = [...stats.entries()].map(([k, s]) => `  ${k.padEnd(17)} cases ${String(s.cases).padStart(4)}  maps ${String(s.maps).padStart(6)}  compared ${String(s.compared).padStart(6)}  ill-conditioned ${String(s.illConditioned).padStart(4)}  max |Δ| ${s.maxDev.toExponential(2)} px`);
      console.log(`[decoder table] ${title} (${dec?.backend})\n${rows.join('\n')}`);
    });

    for (const kind of KINDS) {
      it(`${kind}: Gaussian batch [4, 17, 64, 48] equals the CPU decoder`, async () => {
        await expectMatches(await get(), kind, makeMaps('gauss', 4, 17, 64, 48, 11));
        checkBackend();
      });
    }

    it('every decoder equals the CPU on each map kind (ties, plateaus, border peaks, zero, negative, logits)', async () => {
      const d = await get();
      for (const mk of MAP_KINDS) for (const kind of KINDS) await expectMatches(d, kind, makeMaps(mk, 2, 5, 16, 12, 3 + MAP_KINDS.indexOf(mk)));
      checkBackend();
    });

    it('odd sizes 1×1, 1×N, N×1, 7×5, 5×7 and a batch of 1 equal the CPU', async () => {
      const d = await get();
      for (const [H, W] of [[1, 1], [1, 9], [9, 1], [7, 5], [5, 7]]) {
        for (const kind of KINDS) await expectMatches(d, kind, makeMaps('gauss', 2, 3, H, W, H * 31 + W));
      }
      for (const kind of KINDS) await expectMatches(d, kind, makeMaps('gauss', 1, 1, 64, 48, 5));
      checkBackend();
    });

    it('a batch of 1,088 maps ([64, 17, 16, 12]) equals the CPU', async () => {
      const d = await get();
      const h = makeMaps('gauss', 64, 17, 16, 12, 21);
      for (const kind of ['argmax', 'quarter', 'dark', 'softArgmax'] as Kind[]) await expectMatches(d, kind, h);
      checkBackend();
    });

    it('[K, H, W] maps, NHWC views, slices and Float64Array data decode as the CPU', async () => {
      const d = await get();
      const h4 = makeMaps('gauss', 3, 5, 20, 16, 8);
      const h3 = h4.pick(1, null, null, null) as NdArray;
      const nhwc = nhwcView(h4);
      const f64 = ndarray(Float64Array.from(h4.data), h4.shape);
      const sliced = h4.hi(3, 4, 18, 15).lo(0, 1, 1, 2);
      for (const h of [h3, nhwc, f64, sliced]) for (const kind of KINDS) await expectMatches(d, kind, h as NdArray);
      checkBackend();
    });

    it('maps holding NaN or ±∞ decode exactly as the CPU (numpy NaN rules)', async () => {
      const d = await get();
      const h = makeMaps('gauss', 1, 4, 12, 10, 9);
      h.set(0, 0, 3, 4, NaN);
      h.set(0, 1, 5, 5, Infinity);
      h.set(0, 2, 2, 2, -Infinity);
      for (const kind of KINDS) await expectMatches(d, kind, h);
      checkBackend();
    });

    it('the inputs are never modified', async () => {
      const d = await get();
      const h = makeMaps('mixedSign', 2, 3, 16, 12, 4);
      const before = Float32Array.from(h.data);
      for (const kind of KINDS) await decodeWith(d, kind, h);
      expect(h.data).toEqual(before);
    });

    for (const [family, darkTol, minCases] of GOLDEN_FAMILIES) {
      it(`golden mmpose cases of ${family} (decode.argmax / quarter / dark, whole pipelines) are reproduced (dark within ${darkTol} px), at least ${minCases} cases`, async () => {
        const d = await get();
        const cases = loadOracleCases(family, (fn) => fn === 'decode.argmax' || fn === 'decode.quarter' || fn === 'decode.dark');
        let compared = 0;
        let maxDev = 0;
        for (const c of cases) {
          const h = c.inputs.heatmaps as NdArray;
          const exp = c.expected.keypoints as NdArray<Float32Array>;
          let got: DecodeResult;
          if (c.fn === 'decode.argmax') got = await d.argmax(h);
          else {
            // Only cases whose input keypoints are the argmax (N = 1) are whole-pipeline cases.
            const am = heatmapArgmax(h).keypoints.data;
            const kin = (c.inputs.keypoints as NdArray<Float32Array>).data;
            if (kin.length !== am.length || am.some((v, i) => v !== kin[i])) continue;
            got = c.fn === 'decode.quarter' ? await d.quarter(h) : await d.dark(h, { blurKernelSize: c.params.blur_kernel_size as number });
          }
          const e = exp.data;
          expect(got.keypoints.data.length).toBe(e.length);
          const tol = c.fn === 'decode.dark' ? darkTol : 0;
          for (let i = 0; i < e.length; i++) {
            const dev = Math.abs(got.keypoints.data[i] - e[i]);
            if (dev > maxDev) maxDev = dev;
            if (!(dev <= tol) && !(Number.isNaN(e[i]) && Number.isNaN(got.keypoints.data[i]))) {
              // DARK on noise: the reference's float32 step is itself ill-conditioned; the CPU decoder is the judge there.
              const cpu = c.fn === 'decode.dark' ? cpuDark(h, c.params.blur_kernel_size as number) : reference(c.fn === 'decode.quarter' ? 'quarter' : 'argmax', h).keypoints.data;
              if (Math.abs(cpu[i] - e[i]) <= tol)
                throw new Error(`${family}/${c.name}: keypoint value ${i} ${got.keypoints.data[i]} vs mmpose ${e[i]} (|Δ| ${dev} > ${tol})`);
            }
          }
          compared++;
        }
        console.log(`[decoder table] ${title}: ${family} golden whole-pipeline cases compared: ${compared} of ${cases.length}, max |Δ| vs mmpose ${maxDev.toExponential(2)} px`);
        expect(compared).toBeGreaterThanOrEqual(minCases);
      });
    }

    it('property: argmax and quarter equal the CPU exactly, scores exactly, on random maps of every kind', async () => {
      const d = await get();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...MAP_KINDS),
          fc.constantFrom<[number, number]>([1, 1], [1, 6], [6, 1], [7, 5], [12, 9], [16, 16]),
          fc.constantFrom(1, 3, 17),
          fc.integer({ min: 0, max: 1e6 }),
          async (mk, [H, W], K, seed) => {
            const h = makeMaps(mk, 1, K, H, W, seed);
            for (const kind of ['argmax', 'quarter', 'quarterHrnet'] as Kind[]) await expectMatches(d, kind, h);
          },
        ),
        { numRuns },
      );
    });

    it('property: DARK within 1e-5 px of the CPU wherever its step is well conditioned, kept points exact', async () => {
      const d = await get();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...MAP_KINDS),
          fc.constantFrom<[number, number]>([7, 5], [12, 9], [16, 16], [24, 20]),
          fc.constantFrom(1, 3, 17),
          fc.integer({ min: 0, max: 1e6 }),
          async (mk, [H, W], K, seed) => {
            await expectMatches(d, 'dark', makeMaps(mk, 1, K, H, W, seed));
          },
        ),
        { numRuns },
      );
    });

    it('property: softArgmax within 1e-5 px of the CPU on random maps (β = 1, β = 10, debias)', async () => {
      const d = await get();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...MAP_KINDS),
          fc.constantFrom<[number, number]>([1, 1], [1, 6], [7, 5], [16, 16], [32, 24]),
          fc.constantFrom(1, 17),
          fc.integer({ min: 0, max: 1e6 }),
          async (mk, [H, W], K, seed) => {
            const h = makeMaps(mk, 1, K, H, W, seed);
            for (const kind of ['softArgmax', 'softArgmaxBeta', 'softArgmaxDebias'] as Kind[]) await expectMatches(d, kind, h);
          },
        ),
        { numRuns },
      );
    });

    // SimCC rows (test/gpu/simcc-table.ts): decoders without `simcc` are skipped by the caller's table only.
    simccRows(async () => (await get()) as unknown as SimccTableDecoder, checkBackend, numRuns);
    nmsRows(async () => (await get()) as unknown as NmsTableDecoder, checkBackend, numRuns); // NMS rows: test/gpu/nms-table.ts

    it('compared at least the stated number of maps per decoder (MIN_COMPARED)', () => {
      for (const kind of KINDS) expect(stats.get(kind)?.compared ?? 0, kind).toBeGreaterThanOrEqual(MIN_COMPARED[kind]);
    });
  });
}
