/**
 * Round-trip (quantization) error of every encoder × decoder pair, network-free
 * (codecs.md §8.4 steps 1–2): sample sub-pixel keypoints in input px, map them
 * to heatmap px with the encoder's geometry, encode, optionally perturb, decode,
 * map back with the same geometry, and compare.
 */
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../../src/core/geometry.js';
import { createPrng } from '../../src/core/prng.js';
import { BENCH_ENCODERS, inputToHeatmapScale, type BenchEncoder } from '../workload/encoders.js';
import { BENCH_DECODERS } from '../workload/decoders.js';
import { samplePoints, scalePoints, type Band } from '../workload/sample-points.js';
import { roundTripErrors, type ErrorSummary } from '../workload/error-stats.js';
import { perturbHeatmaps, expectedTarget, type Variant } from '../workload/heatmap-variants.js';
import { INPUT_SIZE, RESOLUTIONS, type BenchSettings } from '../settings.js';
import type { Progress } from '../../src/cli/progress.js';

/** One cell of the error tables. */
export interface ErrorRow {
  resolution: string;
  /** Encoder id, or `msra-expected` for the bilinear expected-target proxy. */
  encoder: string;
  variant: Variant;
  band: Band;
  decoder: string;
  errors: ErrorSummary;
}

/** The expected-target proxy as a pseudo-encoder (MSRA geometry, Gaussian maps). */
export const EXPECTED_TARGET_SOURCE: BenchEncoder = {
  id: 'msra-expected',
  label: 'MSRA expected target',
  geometry: 'msra',
  kind: 'gaussian',
  encode: (size, xy, sigma) => expectedTarget(size, xy, sigma),
};

/** Target sources: the four encoders and the expected-target proxy. */
export const TARGET_SOURCES: readonly BenchEncoder[] = [...BENCH_ENCODERS, EXPECTED_TARGET_SOURCE];

const VARIANTS: readonly Variant[] = ['clean', 'noisy', 'negative'];
const BANDS: readonly Band[] = ['interior', 'border'];

/** Variants run for a source: perturbations only on Gaussian maps (the combined cls/offset maps are not perturbed). */
export function variantsFor(src: BenchEncoder): readonly Variant[] {
  return src.kind === 'combined' ? ['clean'] : VARIANTS;
}

/** Number of progress steps {@link runQuantization} reports. */
export function quantizationSteps(): number {
  return RESOLUTIONS.length * BANDS.length * TARGET_SOURCES.reduce((s, e) => s + variantsFor(e).length, 0);
}

/**
 * Run the round-trip experiment at every resolution, band, target source,
 * variant and compatible decoder. Seeded: the same settings give the same rows.
 */
export function runQuantization(settings: BenchSettings, progress: Progress): ErrorRow[] {
  const rows: ErrorRow[] = [];
  progress.phase('quantization error', quantizationSteps());
  RESOLUTIONS.forEach((res, ri) => {
    for (const band of BANDS) {
      const rng = createPrng(settings.seed + 1000 * ri + (band === 'border' ? 1 : 0));
      const n = band === 'interior' ? settings.interiorPoints : settings.borderPoints;
      // Border band: two heatmap px (MSRA stride) from the crop edge.
      const bandWidth = (2 * INPUT_SIZE[0]) / res.heatmapSize[0];
      const truth = samplePoints(rng, n, INPUT_SIZE, band, bandWidth);
      for (const src of TARGET_SOURCES) {
        const toHm = inputToHeatmapScale(src.geometry, INPUT_SIZE, res.heatmapSize);
        const toIn = heatmapToInputScale(src.geometry, INPUT_SIZE, res.heatmapSize);
        const clean = src.encode(res.heatmapSize, scalePoints(truth, toHm), res.sigma);
        for (const variant of variantsFor(src)) {
          const maps: NdArray = variant === 'clean' ? clean : perturbHeatmaps(clean, variant, rng);
          for (const dec of BENCH_DECODERS) {
            if (dec.kind !== src.kind) continue;
            const kp = dec.decode(maps);
            rows.push({ resolution: res.id, encoder: src.id, variant, band, decoder: dec.id, errors: roundTripErrors(truth, kp.data, toIn) });
          }
          progress.step(`${res.label} ${band} ${src.label} ${variant}`);
        }
      }
    }
  });
  return rows;
}
