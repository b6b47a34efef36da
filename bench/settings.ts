/**
 * Benchmark settings: the heatmap resolutions, sample sizes and batch shapes,
 * in a full and a `--quick` flavour.
 */

/** One heatmap resolution for input 256×192 (h×w). */
export interface Resolution {
  /** Stable id, e.g. `64x48-s2` (H×W, σ). */
  id: string;
  /** Table label, e.g. `64×48 σ=2`. */
  label: string;
  /** `[W, H]` heatmap px (width first, as mmpose). */
  heatmapSize: [number, number];
  /** Gaussian σ, heatmap px. */
  sigma: number;
}

/** Input crop `[w, h]` = 192×256 (the COCO top-down default, written h×w as 256×192). */
export const INPUT_SIZE: [number, number] = [192, 256];

/** 64×48 σ=2 (HRNet default), 32×24 σ=1 (DarkPose 128×96 config) and σ=2, 16×12 σ=2. */
export const RESOLUTIONS: readonly Resolution[] = [
  { id: '64x48-s2', label: '64×48 σ=2', heatmapSize: [48, 64], sigma: 2 },
  { id: '32x24-s1', label: '32×24 σ=1', heatmapSize: [24, 32], sigma: 1 },
  { id: '32x24-s2', label: '32×24 σ=2', heatmapSize: [24, 32], sigma: 2 },
  { id: '16x12-s2', label: '16×12 σ=2', heatmapSize: [12, 16], sigma: 2 },
];

/** A batch shape `[B, K, H, W]` for the speed benchmark. */
export interface BatchShape {
  id: string;
  label: string;
  shape: [number, number, number, number];
}

export interface BenchSettings {
  quick: boolean;
  seed: number;
  /** Points per band for the round-trip experiment. */
  interiorPoints: number;
  borderPoints: number;
  /** Points for the flip-bias experiment. */
  flipPoints: number;
  /** Timed runs per decoder (≥ 20 in the full run). */
  speedRuns: number;
  batches: BatchShape[];
}

const BATCH_64: BatchShape = { id: 'batch-64x17', label: '64×17×64×48', shape: [64, 17, 64, 48] };
const BATCH_1: BatchShape = { id: 'latency-1x17', label: '1×17×64×48', shape: [1, 17, 64, 48] };
const BATCH_WB: BatchShape = { id: 'wholebody-256x133', label: '256×133×64×48', shape: [256, 133, 64, 48] };

/**
 * Settings for a full run (≈ the codecs.md §8.3 sample sizes, 20+ timed runs,
 * the whole-body batch) or a quick one (a smoke test well under 30 s on 2 cores).
 */
export function benchSettings(quick: boolean, seed = 20240607): BenchSettings {
  return quick
    ? { quick, seed, interiorPoints: 300, borderPoints: 150, flipPoints: 300, speedRuns: 5, batches: [BATCH_64, BATCH_1] }
    : { quick, seed, interiorPoints: 3000, borderPoints: 1000, flipPoints: 3000, speedRuns: 25, batches: [BATCH_64, BATCH_1, BATCH_WB] };
}
