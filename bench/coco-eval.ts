/**
 * Benchmark (not a test): COCO keypoint evaluation on a synthetic set the size
 * of COCO val 2017 person keypoints — 5,000 images, ~11,000 GT persons (about
 * 6,350 with keypoints, the rest crowd or unlabelled), 50,000–100,000 results —
 * timing load (JSON parse) + evaluate + accumulate + summarize, with peak RSS.
 *
 * Run: `npx tsup bench/coco-eval.ts --format esm -d /tmp/bb && node /tmp/bb/coco-eval.js [nDets]`
 */
import { cocoKeypointEval, type CocoDataset, type CocoKeypointResult } from '../src/metrics/index.js';
import { createPrng } from '../src/core/prng.js';

/** Options of {@link benchCocoEval}. */
export interface CocoEvalBenchOptions {
  images?: number;
  persons?: number;
  detections?: number;
  seed?: number;
}

/** Build a seeded COCO-sized GT and results set. */
export function syntheticCocoSet(o: Required<CocoEvalBenchOptions>): { gt: CocoDataset; dt: CocoKeypointResult[] } {
  const r = createPrng(o.seed);
  const K = 17;
  const images = Array.from({ length: o.images }, (_, i) => ({ id: 100000 + i * 37, width: 640, height: 480 }));
  const annotations: CocoDataset['annotations'] = [];
  for (let id = 1; id <= o.persons; id++) {
    const im = images[Math.floor(r.next() * o.images)];
    const w = r.uniform(10, 400);
    const h = r.uniform(10, 400);
    const x = r.uniform(0, 600);
    const y = r.uniform(0, 450);
    const labelled = r.next() < 6352 / 11004;
    const kp: number[] = [];
    let vis = 0;
    for (let k = 0; k < K; k++) {
      const v = labelled && r.next() < 0.75 ? 2 : 0;
      if (v) vis++;
      kp.push(v ? x + r.uniform(0, w) : 0, v ? y + r.uniform(0, h) : 0, v);
    }
    annotations.push({ id, image_id: im.id, category_id: 1, keypoints: kp, num_keypoints: vis, area: w * h * 0.55, bbox: [x, y, w, h], iscrowd: r.next() < 0.01 ? 1 : 0 });
  }
  const byImage = new Map<number, typeof annotations>();
  for (const a of annotations) (byImage.get(a.image_id) ?? byImage.set(a.image_id, []).get(a.image_id)!).push(a);
  const dt: CocoKeypointResult[] = [];
  while (dt.length < o.detections) {
    const im = images[Math.floor(r.next() * o.images)];
    const anns = byImage.get(im.id);
    const src = anns && r.next() < 0.7 ? anns[Math.floor(r.next() * anns.length)] : undefined;
    const noise = r.uniform(0, 20);
    const kp: number[] = [];
    for (let k = 0; k < K; k++) {
      const bx = src ? src.bbox[0] + r.uniform(0, src.bbox[2]) : r.uniform(0, 640);
      const by = src ? src.bbox[1] + r.uniform(0, src.bbox[3]) : r.uniform(0, 480);
      const gx = src && src.keypoints[3 * k + 2] > 0 ? src.keypoints[3 * k] : bx;
      const gy = src && src.keypoints[3 * k + 2] > 0 ? src.keypoints[3 * k + 1] : by;
      kp.push(gx + r.normal() * noise, gy + r.normal() * noise, r.next());
    }
    dt.push({ image_id: im.id, category_id: 1, keypoints: kp, score: r.next() });
  }
  return { gt: { images, annotations, categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] }, dt };
}

/** Result of {@link benchCocoEval}. */
export interface CocoEvalBenchResult {
  images: number;
  persons: number;
  detections: number;
  /** JSON.parse of the GT and results text (ms). */
  parseMs: number;
  /** cocoKeypointEval: validate + evaluate + accumulate + summarize (ms), median of `runs`. */
  evalMs: number;
  /** Peak resident set size seen during the run (MiB). */
  peakRssMB: number;
  /** Heap used after evaluation (MiB). */
  heapUsedMB: number;
  stats: number[];
}

/** Time the evaluation of a synthetic COCO-sized set. */
export function benchCocoEval(opts: CocoEvalBenchOptions = {}, runs = 3): CocoEvalBenchResult {
  const o = { images: 5000, persons: 11004, detections: 100000, seed: 1, ...opts };
  const built = syntheticCocoSet(o);
  const gtText = JSON.stringify(built.gt);
  const dtText = JSON.stringify(built.dt);
  const t0 = performance.now();
  const gt = JSON.parse(gtText) as CocoDataset;
  const dt = JSON.parse(dtText) as CocoKeypointResult[];
  const parseMs = performance.now() - t0;
  let peak = process.memoryUsage().rss;
  const times: number[] = [];
  let stats: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    stats = cocoKeypointEval(gt, dt).stats;
    times.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  const mem = process.memoryUsage();
  return {
    images: o.images,
    persons: o.persons,
    detections: o.detections,
    parseMs,
    evalMs: times[Math.floor(times.length / 2)],
    peakRssMB: Math.max(peak, mem.rss) / 2 ** 20,
    heapUsedMB: mem.heapUsed / 2 ** 20,
    stats,
  };
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /coco-eval\.(js|ts|mjs)$/.test(process.argv[1]);
if (isMain) {
  const n = Number(process.argv[2] ?? 100000);
  const r = benchCocoEval({ detections: n });
  console.log(JSON.stringify(r, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v), 1));
}
