/**
 * Benchmark (not a test): the bottom-up decoders against fixed reference
 * timings of mmpose 759b39c (torch 1.13, one thread, 128×128 heatmaps,
 * K = 17, top-30, measured on this machine kind): `AssociativeEmbedding.batch_decode`
 * 33.9 ms (5 persons) and 58.5 ms (20 persons), `SPR.decode` 1.96 ms (8 persons).
 * Targets: ≥ 20× faster for AE with Munkres parity, ≥ 5× for SPR.
 *
 * Reported: medians with the interquartile range, the time per AE step
 * (NMS + top-k fused, grouping with Munkres and greedy, refinement, fill),
 * scaling with persons and with map size (SVG), and the AP of greedy vs
 * Munkres grouping on crowded synthetic scenes with noisy tags.
 *
 * Run alone: `npx tsup bench/bottomup.ts --format esm -d /tmp/bb && node -e
 * "import('/tmp/bb/bottomup.js').then(m => m.runBottomupBench({ quick: false })).then(r => console.log(r.markdown))"`.
 */
import os from 'node:os';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { createCodec } from '../src/codecs/index.js';
import type { AssociativeEmbeddingCodec, AePoses } from '../src/codecs/associative-embedding.js';
import { COCO_KEYPOINT_ORDER } from '../src/codecs/associative-embedding.js';
import { createCandidates, findCandidates } from '../src/codecs/ae-candidates.js';
import { groupCandidates } from '../src/codecs/ae-grouping.js';
import { refineInstances } from '../src/codecs/ae-refine.js';
import { fillMissing } from '../src/codecs/ae-fill.js';
import { heatmapNms, topkPeaks } from '../src/decode/index.js';
import { TopkBuffer } from '../src/decode/topk-peaks.js';
import { heatmapView } from '../src/core/ndarray.js';
import { cocoKeypointEval } from '../src/metrics/index.js';
import type { CocoDataset, CocoKeypointResult } from '../src/metrics/index.js';
import { createPrng, type Prng } from '../src/core/prng.js';
import { describeMachine, machineInfo } from './util/machine.js';
import { summarizeTimings, type TimingSummary } from './util/timing.js';
import { renderMarkdown, fmt } from './report/table.js';
import { lineChart } from '../src/render/line-chart.js';

/** mmpose 759b39c reference timings (ms) on this machine kind: torch 1.13, one thread, 128×128, K = 17, top-30. */
export const REFERENCE_MS = Object.freeze({ ae5: 33.9, ae20: 58.5, spr8: 1.96 });
/** Speed-up targets. */
export const TARGETS = Object.freeze({ ae: 20, spr: 5 });

const K = 17;
/** COCO-17 joint offsets of a standing person, in units of its height (x right, y down), centred on the hips. */
const TEMPLATE: readonly [number, number][] = [
  [0, -0.42], [0.03, -0.45], [-0.03, -0.45], [0.07, -0.43], [-0.07, -0.43],
  [0.12, -0.3], [-0.12, -0.3], [0.17, -0.12], [-0.17, -0.12], [0.16, 0.02], [-0.16, 0.02],
  [0.08, 0.02], [-0.08, 0.02], [0.09, 0.26], [-0.09, 0.26], [0.09, 0.48], [-0.09, 0.48],
];

/** A synthetic multi-person scene in heatmap px. */
export interface BottomupScene {
  W: number;
  H: number;
  P: number;
  /** `[1, K, H, W]` Gaussian keypoint heatmaps (σ = 2, peak 0.6…1). */
  heatmaps: NdArray<Float32Array>;
  /** `[1, L·K, H, W]` tag maps: person p's tag `2p + noise` on a disc of radius 3 around each joint, −5 elsewhere. */
  tags: NdArray<Float32Array>;
  /** `[P, K, 2]` true keypoints (heatmap px). */
  keypoints: Float64Array;
  /** `[P, K]` 1 where the joint was drawn. */
  visible: Uint8Array;
}

/** Options of {@link bottomupScene}. */
export interface SceneOptions {
  persons: number;
  size: number;
  seed: number;
  /** Std of the per-pixel tag noise. Default 0.05. */
  tagNoise?: number;
  /** Distance between two persons' tags. Default 2. */
  tagSpacing?: number;
  /** Fraction of joints not drawn (to be filled). Default 0.1. */
  missing?: number;
  /** Tag components (2 = flip test). Default 1. */
  L?: number;
}

/** Build a reproducible scene: persons of height 0.25…0.45 × the map, joints jittered by 1 px. */
export function bottomupScene(o: SceneOptions): BottomupScene {
  const rng = createPrng(o.seed);
  const W = o.size;
  const H = o.size;
  const P = o.persons;
  const L = o.L ?? 1;
  const spacing = o.tagSpacing ?? 2;
  const noise = o.tagNoise ?? 0.05;
  const missing = o.missing ?? 0.1;
  const hm = new Float32Array(K * H * W);
  const tg = new Float32Array(L * K * H * W).fill(-5);
  const kp = new Float64Array(P * K * 2);
  const vis = new Uint8Array(P * K);
  for (let p = 0; p < P; p++) {
    const h = rng.uniform(0.25, 0.45) * H;
    const cx = rng.uniform(0.15 * W, 0.85 * W);
    const cy = rng.uniform(0.25 * H, 0.75 * H);
    const amp = rng.uniform(0.6, 1);
    for (let k = 0; k < K; k++) {
      const x = clamp(cx + TEMPLATE[k][0] * h + rng.normal(), 1, W - 2);
      const y = clamp(cy + TEMPLATE[k][1] * h + rng.normal(), 1, H - 2);
      kp[2 * (p * K + k)] = x;
      kp[2 * (p * K + k) + 1] = y;
      if (rng.next() < missing) continue;
      vis[p * K + k] = 1;
      drawGaussian(hm, k, W, H, x, y, amp * rng.uniform(0.85, 1));
      for (let l = 0; l < L; l++) drawTag(tg, (l * K + k) * H * W, W, H, x, y, spacing * p + (l ? 0.3 : 0), noise, rng);
    }
  }
  return { W, H, P, heatmaps: ndarray(hm, [1, K, H, W]), tags: ndarray(tg, [1, L * K, H, W]), keypoints: kp, visible: vis };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function drawGaussian(hm: Float32Array, k: number, W: number, H: number, x: number, y: number, a: number): void {
  const base = k * H * W;
  for (let yy = Math.max(0, Math.floor(y - 7)); yy <= Math.min(H - 1, Math.ceil(y + 7)); yy++)
    for (let xx = Math.max(0, Math.floor(x - 7)); xx <= Math.min(W - 1, Math.ceil(x + 7)); xx++) {
      const v = a * Math.exp(-((xx - x) ** 2 + (yy - y) ** 2) / 8);
      if (v > hm[base + yy * W + xx]) hm[base + yy * W + xx] = v;
    }
}

function drawTag(tg: Float32Array, base: number, W: number, H: number, x: number, y: number, t: number, noise: number, rng: Prng): void {
  for (let yy = Math.max(0, Math.round(y) - 3); yy <= Math.min(H - 1, Math.round(y) + 3); yy++)
    for (let xx = Math.max(0, Math.round(x) - 3); xx <= Math.min(W - 1, Math.round(x) + 3); xx++)
      if ((xx - x) ** 2 + (yy - y) ** 2 <= 9) tg[base + yy * W + xx] = t + noise * rng.normal();
}

/** mmpose's AE config (`associative_embedding/coco/...`): 512 input, 128 map, σ 2, top-30, centre shift 0.5, at most 30. */
export function aeCodec(size: number, matching: 'munkres' | 'greedy' = 'munkres'): AssociativeEmbeddingCodec {
  return createCodec({
    type: 'associativeEmbedding', inputSize: [4 * size, 4 * size], heatmapSize: [size, size], sigma: 2,
    keypointOrder: [...COCO_KEYPOINT_ORDER], topk: 30, centerShift: 0.5, maxInstances: 30, matching,
  });
}

/** Median-of-runs timing of `fn` (calls under 1 ms are repeated within a sample). */
function time(fn: () => unknown, runs: number): Timing {
  let sink: unknown;
  const once = (): number => {
    const t0 = process.hrtime.bigint();
    sink = fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  let spent = 0;
  let est = Infinity;
  for (let i = 0; i < 3 || spent < 30; i++) {
    est = once();
    spent += est;
    if (i > 5000) break;
  }
  const reps = est >= 1 ? 1 : Math.min(1000, Math.ceil(1 / Math.max(est, 1e-4)));
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) sink = fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6 / reps);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e3 / reps);
  }
  void sink;
  return { ...summarizeTimings(samples), cpuMs: summarizeTimings(cpu).medianMs };
}

/** A wall-clock summary plus the median process CPU time per call (ms): on a loaded machine the CPU time is the better estimate of idle wall time. */
interface Timing extends TimingSummary {
  cpuMs: number;
}

const ms = (t: TimingSummary): string => `${fmt(t.medianMs)} ± ${fmt(t.iqrMs / 2, 2)}`;

/** Per-step AE timings on one scene. */
function aeSteps(scene: BottomupScene, runs: number) {
  const codec = aeCodec(scene.W);
  const hv = heatmapView('heatmaps', scene.heatmaps);
  const tv = heatmapView('tags', scene.tags);
  const L = tv.K / K;
  const cand = createCandidates(K, L, 30);
  const buf = new TopkBuffer(30);
  findCandidates(hv, tv, 0, 5, 0.1, buf, cand);
  const groups = groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'munkres').slice(0, 30);
  const N = groups.length;
  const kp0 = new Float64Array(N * K * 2);
  const sc0 = new Float64Array(N * K);
  groups.forEach((g, n) => {
    for (let k = 0; k < K; k++) {
      kp0[2 * (n * K + k)] = g.joints[3 * k];
      kp0[2 * (n * K + k) + 1] = g.joints[3 * k + 1];
      sc0[n * K + k] = g.joints[3 * k + 2];
    }
  });
  const kp = new Float64Array(kp0.length);
  const sc = new Float64Array(sc0.length);
  const maps = { data: hv.data, offset: hv.offset, sK: hv.sK, sH: hv.sH, sW: hv.sW };
  return {
    N,
    candidates: time(() => findCandidates(hv, tv, 0, 5, 0.1, buf, cand), runs),
    munkres: time(() => groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'munkres'), runs),
    greedy: time(() => groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'greedy'), runs),
    refine: time(() => {
      kp.set(kp0);
      sc.set(sc0);
      refineInstances(kp, sc, N, hv, 0, undefined, 0.5);
    }, runs),
    fill: time(() => {
      kp.set(kp0);
      sc.set(sc0);
      fillMissing(kp, sc, N, tv, 0, K, L, maps);
    }, runs),
    total: time(() => codec.decode(scene.heatmaps, scene.tags), runs),
    nms: time(() => heatmapNms(scene.heatmaps, 5), runs),
    topk: time(() => topkPeaks(scene.heatmaps, 30, { tags: scene.tags }), runs),
  };
}

/** An SPR (DEKR config: K + 1 heatmaps with keypoint scores) scene from its own encoder, and its codec. */
export function sprScene(size: number, persons: number, seed: number) {
  const s = bottomupScene({ persons, size, seed, missing: 0 });
  const codec = createCodec({ type: 'spr', inputSize: [4 * size, 4 * size], heatmapSize: [size, size], keypointHeatmaps: true, minimalDiagonalLength: Math.sqrt(32) });
  const kpIn = ndarray(Float32Array.from(s.keypoints, (v) => v * 4), [persons, K, 2]);
  const enc = codec.encode(kpIn, ndarray(new Float32Array(persons * K).fill(1), [persons, K]));
  return { codec, heatmaps: enc.heatmaps, displacements: enc.displacements };
}

/** COCO AP of decoded poses against the scene's truth (input px = 4 × heatmap px). */
export function sceneAp(scenes: BottomupScene[], results: AePoses[][]): number {
  const gt: CocoDataset = { images: [], annotations: [], categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] };
  const dt: CocoKeypointResult[] = [];
  let aid = 1;
  scenes.forEach((s, i) => {
    gt.images.push({ id: i + 1 });
    for (let p = 0; p < s.P; p++) {
      const kps: number[] = [];
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = 4 * s.keypoints[2 * (p * K + k)];
        const y = 4 * s.keypoints[2 * (p * K + k) + 1];
        kps.push(x, y, 2);
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      gt.annotations.push({ id: aid++, image_id: i + 1, category_id: 1, keypoints: kps, num_keypoints: K, area: 0.6 * (x1 - x0) * (y1 - y0), bbox: [x0, y0, x1 - x0, y1 - y0] });
    }
    for (const r of results[i]) {
      const N = r.keypoints.shape[0];
      for (let n = 0; n < N; n++) {
        const kps: number[] = [];
        for (let k = 0; k < K; k++) kps.push(r.keypoints.get(n, k, 0), r.keypoints.get(n, k, 1), r.scores.get(n, k));
        dt.push({ image_id: i + 1, category_id: 1, keypoints: kps, score: r.instanceScores.get(n) });
      }
    }
  });
  return cocoKeypointEval(gt, dt).stats[0];
}

/**
 * Run the benchmark. `quick` uses few runs and small sweeps (a smoke test,
 * seconds); the full run takes about a minute.
 * @returns the Markdown report and SVG plots keyed by file name
 */
export async function runBottomupBench(opts: { quick: boolean }): Promise<{ markdown: string; svgs: Record<string, string> }> {
  const runs = opts.quick ? 5 : 41;
  const out: string[] = [];
  out.push('## Bottom-up decoders (associative embedding, SPR/DEKR)', '');
  out.push(`Machine: ${describeMachine(machineInfo())}. Medians ± half the interquartile range over ${runs} samples (ms).`, '');

  // 1. side by side with mmpose
  const ae5 = aeSteps(bottomupScene({ persons: 5, size: 128, seed: 5 }), runs);
  const ae20 = aeSteps(bottomupScene({ persons: 20, size: 128, seed: 20 }), runs);
  const spr = sprScene(128, 8, 8);
  const spr8 = time(() => spr.codec.decode(spr.heatmaps, spr.displacements), runs);
  const sprN = spr.codec.decode(spr.heatmaps, spr.displacements).rootScores.shape[0];
  const row = (name: string, ref: number, t: Timing, target: number): string[] => {
    const x = ref / t.medianMs;
    const xc = ref / t.cpuMs;
    return [name, fmt(ref), ms(t), fmt(t.cpuMs), `${fmt(x)}× (CPU ${fmt(xc)}×)`, `≥ ${target}×`, x >= target ? 'met' : xc >= target ? 'met in CPU time' : 'NOT met'];
  };
  out.push(
    renderMarkdown({
      title: 'posecodec vs mmpose 759b39c (128×128, K = 17, top-30; mmpose: torch 1.13, one thread)',
      header: ['decode', 'mmpose ms', 'posecodec ms (wall)', 'posecodec CPU ms', 'speed-up', 'target', ''],
      rows: [
        row(`AE, Munkres (5 persons, ${ae5.N} found)`, REFERENCE_MS.ae5, ae5.total, TARGETS.ae),
        row(`AE, Munkres (20 persons, ${ae20.N} found)`, REFERENCE_MS.ae20, ae20.total, TARGETS.ae),
        row(`SPR, K+1 maps (8 persons, ${sprN} found)`, REFERENCE_MS.spr8, spr8, TARGETS.spr),
      ],
      notes: [
        'AE: mmpose AE config (σ 2, NMS 5, top-30, centre shift 0.5, max 30, no UDP), Munkres 1.1.4 parity; 10 % of the joints missing, so the fill step runs.',
        `Load average at the end of this run: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (the CPU-time column is the better estimate of idle wall time on a loaded machine).`,
      ],
    }),
    '',
  );

  // 2. per step
  const stepRow = (name: string, a: TimingSummary, b: TimingSummary): string[] => [name, ms(a), ms(b)];
  out.push(
    renderMarkdown({
      title: 'AE decode per step (ms)',
      header: ['step', '5 persons', '20 persons'],
      rows: [
        stepRow('NMS + top-k + threshold (fused, 17 maps)', ae5.candidates, ae20.candidates),
        stepRow('grouping, Munkres 1.1.4', ae5.munkres, ae20.munkres),
        stepRow('grouping, greedy', ae5.greedy, ae20.greedy),
        stepRow('refine (quarter offset + shift)', ae5.refine, ae20.refine),
        stepRow('fill missing joints', ae5.fill, ae20.fill),
        stepRow('whole decode', ae5.total, ae20.total),
        stepRow('standalone heatmapNms (full maps)', ae5.nms, ae20.nms),
        stepRow('standalone topkPeaks (k = 30, with tags)', ae5.topk, ae20.topk),
      ],
    }),
    '',
  );

  // 3. scaling
  const persons = opts.quick ? [1, 10] : [1, 5, 10, 20, 30];
  const sizes = opts.quick ? [64, 128] : [64, 128, 192, 256];
  const scaleRuns = opts.quick ? 3 : 15;
  const byPersons = persons.map((p) => {
    const s = bottomupScene({ persons: p, size: 128, seed: 100 + p });
    const m = aeCodec(128);
    const g = aeCodec(128, 'greedy');
    const sp = sprScene(128, p, 100 + p);
    return {
      munkres: time(() => m.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      greedy: time(() => g.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      spr: time(() => sp.codec.decode(sp.heatmaps, sp.displacements), scaleRuns).medianMs,
    };
  });
  const bySize = sizes.map((z) => {
    const s = bottomupScene({ persons: 10, size: z, seed: 200 + z });
    const m = aeCodec(z);
    const g = aeCodec(z, 'greedy');
    const sp = sprScene(z, 10, 200 + z);
    return {
      munkres: time(() => m.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      greedy: time(() => g.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      spr: time(() => sp.codec.decode(sp.heatmaps, sp.displacements), scaleRuns).medianMs,
    };
  });
  out.push(
    renderMarkdown({
      title: 'Scaling (ms): persons at 128×128, and map size at 10 persons',
      header: ['scene', 'AE Munkres', 'AE greedy', 'SPR'],
      rows: [
        ...persons.map((p, i) => [`${p} persons, 128×128`, fmt(byPersons[i].munkres), fmt(byPersons[i].greedy), fmt(byPersons[i].spr)]),
        ...sizes.map((z, i) => [`10 persons, ${z}×${z}`, fmt(bySize[i].munkres), fmt(bySize[i].greedy), fmt(bySize[i].spr)]),
      ],
    }),
    '',
  );
  const svgs: Record<string, string> = {
    'bottomup-persons.svg': lineChart({
      title: 'Bottom-up decode time vs persons (128×128, K = 17)', xLabels: persons.map(String), xTitle: 'persons', yTitle: 'ms',
      series: [
        { name: 'AE, Munkres', values: byPersons.map((r) => r.munkres) },
        { name: 'AE, greedy', values: byPersons.map((r) => r.greedy) },
        { name: 'SPR (K+1 maps)', values: byPersons.map((r) => r.spr) },
      ],
    }),
    'bottomup-size.svg': lineChart({
      title: 'Bottom-up decode time vs map size (10 persons, K = 17)', xLabels: sizes.map((z) => `${z}²`), xTitle: 'heatmap size', yTitle: 'ms',
      series: [
        { name: 'AE, Munkres', values: bySize.map((r) => r.munkres) },
        { name: 'AE, greedy', values: bySize.map((r) => r.greedy) },
        { name: 'SPR (K+1 maps)', values: bySize.map((r) => r.spr) },
      ],
    }),
  };

  // 4. greedy vs Munkres accuracy
  const nScenes = opts.quick ? 2 : 24;
  const apRows: string[][] = [];
  for (const [noise, spacing] of [[0.05, 2], [0.3, 1.5], [0.5, 1.2]] as const) {
    const scenes = Array.from({ length: nScenes }, (_, i) => bottomupScene({ persons: 12, size: 128, seed: 1000 + i, tagNoise: noise, tagSpacing: spacing }));
    const m = aeCodec(128);
    const g = aeCodec(128, 'greedy');
    const apM = sceneAp(scenes, scenes.map((s) => m.decode(s.heatmaps, s.tags)));
    const apG = sceneAp(scenes, scenes.map((s) => g.decode(s.heatmaps, s.tags)));
    apRows.push([`tag noise σ ${noise}, spacing ${spacing}`, fmt(apM), fmt(apG), fmt(apG - apM, 2)]);
  }
  out.push(
    renderMarkdown({
      title: `Greedy vs Munkres grouping: COCO AP on ${nScenes} synthetic scenes of 12 persons (128×128)`,
      header: ['tags', 'AP Munkres', 'AP greedy', 'Δ'],
      rows: apRows,
    }),
    '',
  );
  return { markdown: out.join('\n'), svgs };
}
