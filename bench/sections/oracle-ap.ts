/**
 * Oracle OKS-AP (codecs.md §8.4 step 5): encode the real COCO ground truth
 * with each encoder, decode with each decoder, map back to the image with the
 * codec's geometry, and score with {@link cocoKeypointEval}. AP < 1 is then
 * due to the codec alone (quantization, border rules, keypoints outside the
 * crop), never to a network.
 */
import { getWarpMatrix, invertAffine, heatmapToInputScale, type Affine } from '../../src/core/geometry.js';
import { cocoKeypointEval } from '../../src/metrics/index.js';
import { BENCH_ENCODERS } from '../workload/encoders.js';
import { BENCH_DECODERS } from '../workload/decoders.js';
import { INPUT_SIZE, RESOLUTIONS } from '../settings.js';
import type { Progress } from '../../src/cli/progress.js';

/** The parts of a COCO keypoint dataset the experiment reads. */
export interface CocoGroundTruth {
  images: { id: number }[];
  annotations: { id: number; image_id: number; category_id: number; bbox: number[]; area?: number; keypoints: number[]; num_keypoints: number; iscrowd?: number }[];
  categories: unknown[];
}

export interface ApRow {
  resolution: string;
  encoder: string;
  decoder: string;
  /** The 10 COCOeval keypoint stats; `stats[0]` is AP@[.5:.95]. */
  stats: number[];
}

/**
 * Top-down crop of a COCO bbox `[x, y, w, h]` (mmpose `GetBBoxCenterScale`
 * padding 1.25 and `TopdownAffine._fix_aspect_ratio`): centre, and the size
 * enlarged to the input aspect ratio `w/h`, image px.
 */
export function bboxToCenterScale(bbox: number[], aspect: number, padding = 1.25): { center: [number, number]; scale: [number, number] } {
  const [x, y, w0, h0] = bbox;
  let w = w0 * padding;
  let h = h0 * padding;
  if (w > aspect * h) h = w / aspect;
  else w = h * aspect;
  return { center: [x + w0 / 2, y + h0 / 2], scale: [w, h] };
}

function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

/** Number of progress steps {@link runOracleAp} reports. */
export function oracleApSteps(): number {
  return RESOLUTIONS.length * BENCH_ENCODERS.length;
}

/**
 * Run the oracle-AP experiment. Every annotated person (num_keypoints > 0) is
 * one detection of score 1; its K keypoints become K channels of one encode
 * call (all persons stacked), so every encoder/decoder sees the same data.
 */
export function runOracleAp(gt: CocoGroundTruth, progress: Progress): ApRow[] {
  const persons = gt.annotations.filter((a) => a.num_keypoints > 0 && !a.iscrowd);
  const K = persons.length ? persons[0].keypoints.length / 3 : 0;
  const rows: ApRow[] = [];
  progress.phase('oracle OKS-AP', oracleApSteps());
  for (const res of RESOLUTIONS) {
    for (const enc of BENCH_ENCODERS) {
      const udp = enc.geometry === 'udp';
      const toIn = heatmapToInputScale(enc.geometry, INPUT_SIZE, res.heatmapSize);
      const xy = new Float64Array(persons.length * K * 2);
      const back: Affine[] = [];
      persons.forEach((p, i) => {
        const { center, scale } = bboxToCenterScale(p.bbox, INPUT_SIZE[0] / INPUT_SIZE[1]);
        const m = getWarpMatrix(center, scale, 0, INPUT_SIZE, { udp });
        back.push(invertAffine(m));
        for (let k = 0; k < K; k++) {
          const [xi, yi] = apply(m, p.keypoints[3 * k], p.keypoints[3 * k + 1]);
          xy[2 * (i * K + k)] = xi / toIn[0];
          xy[2 * (i * K + k) + 1] = yi / toIn[1];
        }
      });
      // Unlabelled keypoints (v = 0) are encoded too; COCOeval ignores them.
      const maps = enc.encode(res.heatmapSize, xy, res.sigma);
      for (const dec of BENCH_DECODERS) {
        if (dec.kind !== enc.kind) continue;
        const kp = dec.decode(maps).data;
        const results = persons.map((p, i) => {
          const flat: number[] = [];
          for (let k = 0; k < K; k++) {
            const j = 2 * (i * K + k);
            // A decoder with nothing to report (an empty map: NaN) is scored at the crop centre, as a network's output would be somewhere.
            const ok = Number.isFinite(kp[j]) && Number.isFinite(kp[j + 1]);
            const [x, y] = ok ? apply(back[i], kp[j] * toIn[0], kp[j + 1] * toIn[1]) : apply(back[i], INPUT_SIZE[0] / 2, INPUT_SIZE[1] / 2);
            flat.push(x, y, 1);
          }
          return { image_id: p.image_id, category_id: p.category_id, keypoints: flat, score: 1 };
        });
        const { stats } = cocoKeypointEval(gt as never, results as never);
        rows.push({ resolution: res.id, encoder: enc.id, decoder: dec.id, stats: Array.from(stats) });
      }
      progress.step(`${res.label} ${enc.label}`);
    }
  }
  return rows;
}
