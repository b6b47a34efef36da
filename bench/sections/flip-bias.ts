/**
 * Flip-test bias per geometry (codecs.md §4.2): the mean x error of
 * "decode(average(maps, flipBack(maps of the flipped crop)))" on perfect
 * sub-pixel targets. Theory: MSRA −(s−1)/2 input px without the one-column
 * shift, +1/2 with it; UDP 0.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { flipHeatmaps } from '../../src/decode/index.js';
import { heatmapToInputScale } from '../../src/core/geometry.js';
import { createPrng } from '../../src/core/prng.js';
import { BENCH_ENCODERS, inputToHeatmapScale } from '../workload/encoders.js';
import { BENCH_DECODERS } from '../workload/decoders.js';
import { samplePoints, scalePoints } from '../workload/sample-points.js';
import { roundTripErrors } from '../workload/error-stats.js';
import { INPUT_SIZE, RESOLUTIONS, type BenchSettings } from '../settings.js';
import type { Progress } from '../../src/cli/progress.js';

/** A flip-test setting: encoder (and so geometry), decoder, and whether the flipped maps are shifted one column. */
export interface FlipSetting {
  id: string;
  label: string;
  encoder: string;
  decoder: string;
  shift: boolean;
  /** The bias theory predicts, input px, as a function of the MSRA stride `s = w/W`. */
  theory: (stride: number) => number;
}

/** MSRA geometry without and with the HRNet one-column shift, and UDP geometry. */
export const FLIP_SETTINGS: readonly FlipSetting[] = [
  { id: 'msra', label: 'MSRA, no shift', encoder: 'unbiased', decoder: 'dark-k11', shift: false, theory: (s) => -(s - 1) / 2 },
  { id: 'msra-shift', label: 'MSRA, 1-column shift', encoder: 'unbiased', decoder: 'dark-k11', shift: true, theory: () => 0.5 },
  { id: 'udp', label: 'UDP, no shift', encoder: 'udp', decoder: 'dark-udp-k11', shift: false, theory: () => 0 },
];

export interface FlipRow {
  resolution: string;
  setting: string;
  /** Mean signed x error of the flip-averaged decode, input px. */
  biasX: number;
  /** Mean signed y error (should be ~0 in every geometry). */
  biasY: number;
  /** The theoretical bias (codecs.md §4.2). */
  theoryX: number;
  meanL2: number;
}

/** Pixel-wise mean of two `[K, H, W]` stacks. */
export function averageMaps(a: NdArray, b: NdArray): NdArray<Float32Array> {
  const [K, H, W] = a.shape;
  const out = new Float32Array(K * H * W);
  let i = 0;
  for (let k = 0; k < K; k++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[i++] = 0.5 * (a.get(k, y, x) + b.get(k, y, x));
  return ndarray(out, [K, H, W]);
}

/** Horizontally flip flat input-px points inside a crop of width `w`: `x' = w − 1 − x` (pixel-index flip, all references). */
export function flipPoints(xy: Float64Array, w: number): Float64Array {
  const out = Float64Array.from(xy);
  for (let i = 0; i < out.length; i += 2) out[i] = w - 1 - out[i];
  return out;
}

/** Run every flip setting at every resolution (interior points). */
export function runFlipBias(settings: BenchSettings, progress: Progress): FlipRow[] {
  const rows: FlipRow[] = [];
  progress.phase('flip-test bias', RESOLUTIONS.length * FLIP_SETTINGS.length);
  RESOLUTIONS.forEach((res, ri) => {
    const truth = samplePoints(createPrng(settings.seed + 7 + ri), settings.flipPoints, INPUT_SIZE, 'interior');
    const identity = Array.from({ length: truth.length / 2 }, (_, i) => i);
    for (const fs of FLIP_SETTINGS) {
      const enc = BENCH_ENCODERS.find((e) => e.id === fs.encoder)!;
      const dec = BENCH_DECODERS.find((d) => d.id === fs.decoder)!;
      const toHm = inputToHeatmapScale(enc.geometry, INPUT_SIZE, res.heatmapSize);
      const maps = enc.encode(res.heatmapSize, scalePoints(truth, toHm), res.sigma);
      const flippedCrop = enc.encode(res.heatmapSize, scalePoints(flipPoints(truth, INPUT_SIZE[0]), toHm), res.sigma);
      const back = flipHeatmaps(flippedCrop, identity, { mode: 'heatmap', shift: fs.shift });
      const kp = dec.decode(averageMaps(maps, back));
      const e = roundTripErrors(truth, kp.data, heatmapToInputScale(enc.geometry, INPUT_SIZE, res.heatmapSize));
      const stride = INPUT_SIZE[0] / res.heatmapSize[0];
      rows.push({ resolution: res.id, setting: fs.id, biasX: e.biasX, biasY: e.biasY, theoryX: fs.theory(stride), meanL2: e.meanL2 });
      progress.step(`${res.label} ${fs.label}`);
    }
  });
  return rows;
}
