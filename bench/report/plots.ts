/**
 * The SVG plots of a benchmark run: error vs heatmap resolution per decoder,
 * decoder speed relative to the summing loop, and one heatmap with every
 * decoder's estimate marked.
 */
import ndarray from 'ndarray';
import { lineChart } from '../../src/render/line-chart.js';
import { barChart } from '../../src/render/bar-chart.js';
import { heatmapSvg } from '../../src/render/heatmap-svg.js';
import { RESOLUTIONS, INPUT_SIZE } from '../settings.js';
import { BENCH_DECODERS } from '../workload/decoders.js';
import { expectedTarget } from '../workload/heatmap-variants.js';
import { inputToHeatmapScale } from '../workload/encoders.js';
import type { BenchResults } from '../results.js';
import type { Variant } from '../workload/heatmap-variants.js';

/** The target source each decoder is plotted with (the encoder it is designed for). */
export const NATURAL_SOURCE: Readonly<Record<string, string>> = {
  argmax: 'msra',
  quarter: 'unbiased',
  'dark-k11': 'unbiased',
  'dark-k3': 'unbiased',
  'dark-udp-k11': 'udp',
  'dark-udp-k3': 'udp',
  'soft-argmax-b1': 'unbiased',
  'soft-argmax-b50': 'unbiased',
  'integral-sum': 'unbiased',
  'udp-combined': 'udp-combined',
};

/** Mean L2 (interior) vs resolution, one line per decoder, each on its natural encoder (or all on `source`). */
export function errorVsResolutionSvg(results: BenchResults, variant: Variant, source?: string): string {
  const series = BENCH_DECODERS.map((d) => {
    const src = source ?? NATURAL_SOURCE[d.id];
    return {
      name: source ? d.label : `${d.label} (${src})`,
      values: RESOLUTIONS.map((r) => results.quantization.find((q) => q.resolution === r.id && q.encoder === src && q.decoder === d.id && q.variant === variant && q.band === 'interior')?.errors.meanL2 ?? NaN),
    };
  }).filter((s) => s.values.some(Number.isFinite));
  return lineChart({
    title: `Round-trip error vs heatmap resolution (${source ? `${source} targets` : 'each decoder on its encoder'}, ${variant}, interior)`,
    xLabels: RESOLUTIONS.map((r) => r.label),
    xTitle: 'heatmap (input 256×192)',
    yTitle: 'mean L2 error, input px (log)',
    series,
    logY: true,
  });
}

/** Decoder time / summing-loop time on one batch, with the issue's targets. */
export function speedSvg(results: BenchResults, batch: string): string {
  const rows = [...results.speed, ...(results.gpu ?? [])].filter((r) => r.batch === batch);
  const label = (id: string) => BENCH_DECODERS.find((d) => d.id === id)?.label ?? id;
  return barChart({
    title: `Decoder time relative to a summing loop over the same data [${rows[0]?.shape.join('×') ?? ''}]`,
    xTitle: 'median time / median summing-loop time (dashed: target)',
    bars: rows.map((r) => ({ label: `${label(r.decoder)}${r.backend === 'cpu' ? '' : ` (${r.backend})`}`, value: r.ratio, target: r.target, note: `${r.ratio.toFixed(2)}× (${r.timing.medianMs.toFixed(1)} ms)` })),
    reference: { value: 1, label: 'sum loop' },
  });
}

/**
 * One 64×48 expected-target heatmap (a network-like map, codecs.md §8.3) of a
 * fixed sub-pixel point, cropped to 11×11 around the peak, with each Gaussian
 * decoder's estimate and the true point marked.
 */
export function decodersOnHeatmapSvg(): string {
  const res = RESOLUTIONS[0];
  const [W, H] = res.heatmapSize;
  const truthIn: [number, number] = [97.3, 121.7];
  const s = inputToHeatmapScale('msra', INPUT_SIZE, res.heatmapSize);
  const t: [number, number] = [truthIn[0] * s[0], truthIn[1] * s[1]];
  const maps = expectedTarget(res.heatmapSize, Float64Array.from(t), res.sigma);
  const half = 5;
  const x0 = Math.round(t[0]) - half;
  const y0 = Math.round(t[1]) - half;
  const n = 2 * half + 1;
  const crop = new Float32Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) crop[y * n + x] = maps.data[(y0 + y) * W + (x0 + x)];
  const markers = BENCH_DECODERS.filter((d) => d.kind === 'gaussian' && d.id !== 'soft-argmax-b1').map((d) => {
    const kp = d.decode(ndarray(maps.data, [1, H, W])).data;
    return { label: d.label, x: kp[0] - x0, y: kp[1] - y0 };
  });
  return heatmapSvg({
    title: `64×48 expected target, 11×11 crop: decoders vs truth (heatmap px)`,
    data: crop,
    W: n,
    H: n,
    markers,
    truth: { x: t[0] - x0, y: t[1] - y0, label: 'true point' },
    cell: 36,
  });
}

/** File name → SVG text for every plot of a run. */
export function allPlots(results: BenchResults): Record<string, string> {
  const mainBatch = results.speed[0]?.batch;
  const out: Record<string, string> = {
    'error-vs-resolution.svg': errorVsResolutionSvg(results, 'clean'),
    'error-vs-resolution-expected.svg': errorVsResolutionSvg(results, 'clean', 'msra-expected'),
    'error-vs-resolution-noisy.svg': errorVsResolutionSvg(results, 'noisy'),
    'heatmap-decoders.svg': decodersOnHeatmapSvg(),
  };
  for (const b of new Set(results.speed.map((r) => r.batch))) out[`speed-${b}.svg`] = speedSvg(results, b);
  if (mainBatch) out['speed.svg'] = speedSvg(results, mainBatch);
  return out;
}
