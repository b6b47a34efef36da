/**
 * Benchmark (not a test): the seed's "heatmap vs coordinate classification"
 * question with numbers, at equal network input size (192×256, RTMPose-m).
 *
 * 1. **Quantisation error** (input px, Euclidean) of decoding the ideal head
 *    output for random interior keypoints — an exact-centre Gaussian, i.e.
 *    what an unbiased-trained head approximates: heatmaps 48×64 (stride 4,
 *    σ = 2 heatmap px) decoded by argmax + quarter (MSRA), DARK and DARK-UDP
 *    (UDP geometry); SimCC at split 1, 2, 3 (σ = (4.9, 5.66)·split/2 bins,
 *    RTMPose-m's at split 2) decoded by argmax and by 1-D DARK. Clean, and
 *    with seeded Gaussian noise of 3 % of the peak added to every value.
 * 2. **Speed** of `decodeSimcc` on `x [64,17,384]` + `y [64,17,512]` float32
 *    (network-like rows), as a ratio to a summing loop over both inputs
 *    timed alternately in the same run (targets ≤ 1.5× argmax, ≤ 3× DARK),
 *    and the latency of one instance `[1,17,·]`.
 *
 * Registered in `bench/sections/extra.ts` as `{ area: 'simcc', ... }`; run alone:
 * `npx tsup bench/simcc.ts --format esm -d /tmp/bs && node -e "import('/tmp/bs/simcc.js').then(m => m.runSimccBench({ quick: false })).then(r => console.log(r.markdown))"`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { createCodec, decodeSimcc } from '../src/decode/index.js';
import { createPrng, type Prng } from '../src/core/prng.js';
import { describeMachine, machineInfo } from './util/machine.js';
import { summarizeTimings, timeInterleaved, type TimingSummary } from './util/timing.js';
import { mean, median, quantile, max } from './util/stats.js';
import { sumLoop } from './util/sum-baseline.js';
import { renderMarkdown, fmt } from './report/table.js';
import { barChart } from '../src/render/bar-chart.js';

const INPUT: [number, number] = [192, 256];
const HEATMAP: [number, number] = [48, 64];
const HM_SIGMA = 2;
const RTM_SIGMA: [number, number] = [4.9, 5.66];
const K = 17;
const NOISE = 0.03;

/** One decoding method: maps ideal (exact-centre) outputs for `pts` (input px, K per instance) to decoded input px. */
interface Method {
  name: string;
  family: 'heatmap' | 'simcc';
  decode: (pts: Float64Array, rng: Prng | null) => Float64Array;
}

function addNoise(d: Float32Array, rng: Prng | null, peak: number): void {
  if (!rng) return;
  for (let i = 0; i < d.length; i++) d[i] += NOISE * peak * rng.normal();
}

/** Heatmap methods: the codec's exact-centre encoder (unbiased / UDP) gives the ideal maps; its decoder decodes them. */
function heatmapMethod(name: string, encodeType: 'msra' | 'udp', decodeWith: 'quarter' | 'dark' | 'udp'): Method {
  const enc = createCodec({ type: encodeType, inputSize: INPUT, heatmapSize: HEATMAP, sigma: HM_SIGMA, unbiased: encodeType === 'msra' ? true : undefined } as never) as {
    encode(kp: NdArray): { heatmaps: NdArray<Float32Array> };
  };
  const dec = (decodeWith === 'quarter'
    ? createCodec({ type: 'msra', inputSize: INPUT, heatmapSize: HEATMAP, sigma: HM_SIGMA })
    : decodeWith === 'dark'
      ? createCodec({ type: 'msra', inputSize: INPUT, heatmapSize: HEATMAP, sigma: HM_SIGMA, unbiased: true })
      : createCodec({ type: 'udp', inputSize: INPUT, heatmapSize: HEATMAP, sigma: HM_SIGMA })) as unknown as { decode(h: NdArray): { keypoints: NdArray<Float64Array> } };
  return {
    name,
    family: 'heatmap',
    decode: (pts, rng) => {
      const out = new Float64Array(pts.length);
      for (let o = 0; o < pts.length; o += 2 * K) {
        const hm = enc.encode(ndarray(pts.slice(o, o + 2 * K), [1, K, 2])).heatmaps;
        addNoise(hm.data, rng, 1);
        out.set(dec.decode(hm).keypoints.data, o);
      }
      return out;
    },
  };
}

/** Exact-centre SimCC rows `exp(−(i − x·s)²/(2σ²))` for K keypoints (what a well-trained RTMPose head outputs). */
function idealSimcc(pts: Float64Array, o: number, split: number, sigma: [number, number]): { x: NdArray<Float32Array>; y: NdArray<Float32Array> } {
  const Wx = Math.round(INPUT[0] * split);
  const Wy = Math.round(INPUT[1] * split);
  const x = new Float32Array(K * Wx);
  const y = new Float32Array(K * Wy);
  for (let k = 0; k < K; k++) {
    const mx = pts[o + 2 * k] * split;
    const my = pts[o + 2 * k + 1] * split;
    for (let i = 0; i < Wx; i++) x[k * Wx + i] = Math.exp(-((i - mx) ** 2) / (2 * sigma[0] ** 2));
    for (let i = 0; i < Wy; i++) y[k * Wy + i] = Math.exp(-((i - my) ** 2) / (2 * sigma[1] ** 2));
  }
  return { x: ndarray(x, [1, K, Wx]), y: ndarray(y, [1, K, Wy]) };
}

function simccMethod(split: number, dark: boolean): Method {
  const sigma: [number, number] = [(RTM_SIGMA[0] * split) / 2, (RTM_SIGMA[1] * split) / 2];
  return {
    name: `SimCC split ${split}, ${dark ? 'DARK-1D' : 'argmax'}`,
    family: 'simcc',
    decode: (pts, rng) => {
      const out = new Float64Array(pts.length);
      for (let o = 0; o < pts.length; o += 2 * K) {
        const { x, y } = idealSimcc(pts, o, split, sigma);
        addNoise(x.data, rng, 1);
        addNoise(y.data, rng, 1);
        out.set(decodeSimcc(x, y, { splitRatio: split, sigma, dark }).keypoints.data, o);
      }
      return out;
    },
  };
}

const METHODS: readonly (() => Method)[] = [
  () => heatmapMethod('heatmap 48×64, argmax + quarter (MSRA)', 'msra', 'quarter'),
  () => heatmapMethod('heatmap 48×64, DARK', 'msra', 'dark'),
  () => heatmapMethod('heatmap 48×64, DARK-UDP (UDP geometry)', 'udp', 'udp'),
  ...[1, 2, 3].flatMap((s) => [() => simccMethod(s, false), () => simccMethod(s, true)]),
];

/** Random interior keypoints (8 px from the border), input px. */
function interiorPoints(rng: Prng, n: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = rng.uniform(8, INPUT[0] - 9);
    out[2 * i + 1] = rng.uniform(8, INPUT[1] - 9);
  }
  return out;
}

interface ErrorRow {
  name: string;
  clean: number[];
  noisy: number[];
}

function errors(truth: Float64Array, got: Float64Array): number[] {
  return Array.from({ length: truth.length / 2 }, (_, i) => Math.hypot(got[2 * i] - truth[2 * i], got[2 * i + 1] - truth[2 * i + 1]));
}

/** Network-like batch: a Gaussian peak per row plus small noise, float32 C order. */
function networkLike(rng: Prng, N: number, W: number, sigma: number): NdArray<Float32Array> {
  const d = new Float32Array(N * K * W);
  for (let r = 0; r < N * K; r++) {
    const mu = rng.uniform(10, W - 10);
    for (let i = 0; i < W; i++) d[r * W + i] = Math.exp(-((i - mu) ** 2) / (2 * sigma * sigma)) + 0.02 * rng.next();
  }
  return ndarray(d, [N, K, W]);
}

interface SpeedRow {
  name: string;
  t: TimingSummary;
  base: TimingSummary;
  /** Median CPU time (user + system) per call, ms, of the decoder and of the baseline. */
  cpu: number;
  cpuBase: number;
  target?: number;
}

/** One call's wall and CPU (user + system) time, ms. */
function wallAndCpu(fn: () => unknown, reps: number): [number, number] {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return [Number(t1 - t0) / 1e6 / reps, (c.user + c.system) / 1e3 / reps];
}

/**
 * Wall samples as {@link timeInterleaved}, then CPU-time samples the same way
 * (alternated with the baseline, ≥ 5 ms per sample so the µs counter resolves).
 */
function timeWallAndCpu(fn: () => unknown, base: () => unknown, runs: number): { t: TimingSummary; base: TimingSummary; cpu: number; cpuBase: number } {
  const { samples, baseline: b } = timeInterleaved(fn, base, runs);
  const repsF = Math.max(1, Math.ceil(5 / Math.max(1e-3, median(samples))));
  const repsB = Math.max(1, Math.ceil(5 / Math.max(1e-3, median(b))));
  const cf: number[] = [];
  const cb: number[] = [];
  for (let i = 0; i < Math.max(5, runs >> 1); i++) {
    cb.push(wallAndCpu(base, repsB)[1]);
    cf.push(wallAndCpu(fn, repsF)[1]);
  }
  return { t: summarizeTimings(samples), base: summarizeTimings(b), cpu: median(cf), cpuBase: median(cb) };
}

/**
 * Run the SimCC benchmark. `quick` (the CLI's `--quick`, and the smoke test)
 * uses 68 keypoints per method and 7 timing samples instead of 1020 and 40.
 */
export async function runSimccBench(opts: { quick: boolean }): Promise<{ markdown: string; svgs: Record<string, string> }> {
  const nPts = opts.quick ? 4 * K : 60 * K;
  const runs = opts.quick ? 7 : 40;
  const truth = interiorPoints(createPrng(13), nPts);
  const rows: ErrorRow[] = METHODS.map((make) => {
    const m = make();
    return { name: m.name, clean: errors(truth, m.decode(truth, null)), noisy: errors(truth, m.decode(truth, createPrng(29))) };
  });
  const errTable = renderMarkdown({
    header: ['decoder (192×256 input)', 'clean mean', 'clean p95', 'clean max', `noisy mean`, 'noisy p95', 'noisy max'],
    rows: rows.map((r) => [r.name, fmt(mean(r.clean)), fmt(quantile(r.clean, 0.95)), fmt(max(r.clean)), fmt(mean(r.noisy)), fmt(quantile(r.noisy, 0.95)), fmt(max(r.noisy))]),
    notes: [
      `Euclidean error in input px over ${nPts} seeded interior keypoints (≥ 8 px from the border), decoding the ideal head output: an exact-centre Gaussian ` +
        `(heatmaps σ = ${HM_SIGMA} heatmap px via the unbiased / UDP encoders; SimCC σ = (4.9, 5.66)·split/2 bins). Noisy: N(0, (${NOISE}·peak)²) added to every value. ` +
        'Argmax bounds: heatmap stride 4 → quarter offset ≤ √2 px-ish; SimCC ≤ √2/(2·split) px.',
    ],
  });

  // Speed on a batch of 64 crops, and one crop.
  const rng = createPrng(7);
  const bx = networkLike(rng, 64, 384, 4.9);
  const by = networkLike(rng, 64, 512, 5.66);
  const sx = networkLike(rng, 1, 384, 4.9);
  const sy = networkLike(rng, 1, 512, 5.66);
  const baseline = () => sumLoop(bx.data) + sumLoop(by.data);
  const baseline1 = () => sumLoop(sx.data) + sumLoop(sy.data);
  const speedCases: [string, () => unknown, () => unknown, number | undefined][] = [
    ['decodeSimcc argmax, [64,17,384]+[64,17,512]', () => decodeSimcc(bx, by), baseline, 1.5],
    ['decodeSimcc DARK-1D, [64,17,384]+[64,17,512]', () => decodeSimcc(bx, by, { dark: true, sigma: RTM_SIGMA }), baseline, 3],
    ['decodeSimcc + visibility (RTMW), batch 64', () => decodeSimcc(bx, by, { visibility: true, sigma: RTM_SIGMA }), baseline, undefined],
    ['decodeSimcc argmax, one crop [1,17,·]', () => decodeSimcc(sx, sy), baseline1, undefined],
    ['decodeSimcc DARK-1D, one crop [1,17,·]', () => decodeSimcc(sx, sy, { dark: true, sigma: RTM_SIGMA }), baseline1, undefined],
  ];
  const speed: SpeedRow[] = speedCases.map(([name, fn, base, target]) => ({ name, ...timeWallAndCpu(fn, base, runs), target }));
  const speedTable = renderMarkdown({
    header: ['decode', 'wall median ms', 'wall IQR ms', 'CPU median ms', 'summing loop ms (wall / CPU)', '× summing loop (wall)', '× summing loop (CPU)', 'target'],
    rows: speed.map((r) => [
      r.name,
      fmt(r.t.medianMs),
      fmt(r.t.iqrMs),
      fmt(r.cpu),
      `${fmt(r.base.medianMs)} / ${fmt(r.cpuBase)}`,
      fmt(r.t.medianMs / r.base.medianMs),
      fmt(r.cpu / r.cpuBase),
      r.target ? `≤ ${r.target}×` : '—',
    ]),
    notes: [
      `${runs} wall samples each, alternated with the baseline (one summing pass over both inputs, float64 accumulator) in the same run, then CPU-time (user + system) samples the same way; float32 C-order network-like rows (one Gaussian peak + 2 % noise). ` +
        'DARK blurs only the bins near each row’s peak, four bins at a time (exactly equal to the full blur; test/decode/simcc-dark-fast.test.ts); with visibility it needs the whole log-blurred row. ' +
        'On a shared machine run it more than once and keep the best median.',
      `Machine: ${describeMachine(machineInfo())}.`,
    ],
  });

  const errBars = rows.flatMap((r) => [
    { label: `${r.name} · clean`, value: mean(r.clean) },
    { label: `${r.name} · noisy`, value: mean(r.noisy) },
  ]);
  const svgs = {
    'simcc-error.svg': barChart({ title: 'Mean decoding error at 192×256 input (input px)', xTitle: 'mean Euclidean error, input px', bars: errBars, width: 980 }),
    'simcc-speed.svg': barChart({
      title: 'decodeSimcc time as a multiple of a summing loop over both inputs',
      xTitle: '× summing loop (same run)',
      bars: speed.map((r) => ({ label: r.name, value: r.t.medianMs / r.base.medianMs, target: r.target })),
      reference: { value: 1, label: 'summing loop' },
      width: 980,
    }),
  };
  const markdown = [
    '#### Quantisation error: heatmaps vs SimCC at equal input size',
    '',
    errTable,
    '',
    '![error](simcc-error.svg)',
    '',
    '#### decodeSimcc speed',
    '',
    speedTable,
    '',
    '![speed](simcc-speed.svg)',
  ].join('\n');
  return { markdown, svgs };
}
