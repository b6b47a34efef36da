/**
 * Accuracy tables of a benchmark run: round-trip error matrices and details,
 * agreement with codecs.md §8.3, flip bias, oracle OKS-AP and the decoders on
 * real network heatmaps.
 */
import { fmt, type Table } from './table.js';
import { RESOLUTIONS } from '../settings.js';
import { TARGET_SOURCES, variantsFor } from '../sections/quantization.js';
import { BENCH_DECODERS } from '../workload/decoders.js';
import { FLIP_SETTINGS } from '../sections/flip-bias.js';
import { REFERENCE_NUMBERS, agrees } from './reference-numbers.js';
import { REAL_SETS } from '../sections/real-heatmaps-load.js';
import { MODEL_OWN } from '../sections/real-heatmaps.js';
import { resLabel, srcLabel, decLabel } from './labels.js';
import type { BenchResults } from '../results.js';
import type { ErrorRow } from '../sections/quantization.js';
import type { Band } from '../workload/sample-points.js';
import type { Variant } from '../workload/heatmap-variants.js';

function findError(rows: ErrorRow[], res: string, enc: string, variant: Variant, band: Band, dec: string): ErrorRow | undefined {
  return rows.find((r) => r.resolution === res && r.encoder === enc && r.variant === variant && r.band === band && r.decoder === dec);
}

/** Matrix decoders × target sources of "mean L2 (max L2)" for one resolution, variant and band. */
export function errorMatrix(results: BenchResults, res: string, variant: Variant, band: Band): Table {
  const sources = TARGET_SOURCES.filter((s) => variantsFor(s).includes(variant));
  return {
    title: `${resLabel(res)}, ${variant}, ${band}: mean L2 (max L2), input px`,
    header: ['decoder', ...sources.map((s) => s.label)],
    rows: BENCH_DECODERS.map((d) => [
      d.label,
      ...sources.map((s) => {
        const r = findError(results.quantization, res, s.id, variant, band, d.id);
        if (!r) return '';
        const f = r.errors.failed ? ` [${r.errors.failed} NaN]` : '';
        return `${fmt(r.errors.meanL2)} (${fmt(r.errors.maxL2)})${f}`;
      }),
    ]).filter((row) => row.slice(1).some((c) => c !== '')),
  };
}

/** Every pair's full statistics for one resolution (per-axis mean and max, L2, bias). */
export function errorDetail(results: BenchResults, res: string): Table {
  const rows = results.quantization.filter((r) => r.resolution === res);
  return {
    title: `${resLabel(res)}: all statistics (input px)`,
    header: ['source', 'variant', 'band', 'decoder', 'mean |ex|', 'mean |ey|', 'max |ex|', 'max |ey|', 'mean L2', 'max L2', 'bias x', 'bias y', 'n', 'NaN'],
    align: ['left', 'left', 'left', 'left'],
    rows: rows.map((r) => {
      const e = r.errors;
      return [srcLabel(r.encoder), r.variant, r.band, decLabel(r.decoder), fmt(e.meanAbsX), fmt(e.meanAbsY), fmt(e.maxAbsX), fmt(e.maxAbsY), fmt(e.meanL2), fmt(e.maxL2), fmt(e.biasX), fmt(e.biasY), String(e.n), String(e.failed)];
    }),
  };
}

/** The §8.3 reference numbers next to ours. */
export function referenceComparison(results: BenchResults): Table {
  return {
    title: 'Agreement with codecs.md §8.3 (interior, clean targets, input px)',
    header: ['setting', 'pair', 'metric', '§8.3', 'posecodec', 'agrees'],
    align: ['left', 'left', 'left'],
    rows: REFERENCE_NUMBERS.map((ref) => {
      const row = findError(results.quantization, ref.resolution, ref.encoder, 'clean', 'interior', ref.decoder);
      const v = row ? (row.errors[ref.metric] as number) : NaN;
      return [resLabel(ref.resolution), `${srcLabel(ref.encoder)} + ${decLabel(ref.decoder)}`, ref.metric, fmt(ref.value), fmt(v), row ? (agrees(ref, v) ? 'yes' : 'NO') : 'not run'];
    }),
    notes: ['Agreement: within 10 % + 0.002 px of the reference (25 % for maxima, which vary more between random samples). 32×24 σ=1 references come from a 96×128 input and are scaled ×2 (same error in heatmap px).'],
  };
}

/** Flip-test bias per geometry and resolution. */
export function flipTable(results: BenchResults): Table {
  return {
    title: 'Flip-test bias (mean signed x error of the flip-averaged decode, input px)',
    header: ['resolution', 'geometry', 'bias x', 'theory (§4.2)', 'bias y', 'mean L2'],
    align: ['left', 'left'],
    rows: results.flip.map((r) => [resLabel(r.resolution), FLIP_SETTINGS.find((f) => f.id === r.setting)?.label ?? r.setting, fmt(r.biasX), fmt(r.theoryX), fmt(r.biasY), fmt(r.meanL2)]),
    notes: ['MSRA/unbiased targets decoded with DARK k=11; UDP targets with DARK-UDP k=11. Theory: MSRA −(s−1)/2 px, with the 1-column shift +1/2 px, UDP 0.'],
  };
}

/** Oracle OKS-AP: pairs × resolutions. */
export function apTable(results: BenchResults): Table | null {
  if (!results.oracleAp) return null;
  const pairs = [...new Set(results.oracleAp.map((r) => `${r.encoder}|${r.decoder}`))];
  return {
    title: 'Oracle OKS-AP (GT encoded, decoded, mapped back; cocoKeypointEval AP@[.5:.95])',
    header: ['encoder + decoder', ...RESOLUTIONS.map((r) => r.label)],
    rows: pairs.map((p) => {
      const [e, d] = p.split('|');
      return [`${srcLabel(e)} + ${decLabel(d)}`, ...RESOLUTIONS.map((r) => fmt(results.oracleAp!.find((a) => a.resolution === r.id && a.encoder === e && a.decoder === d)?.stats[0], 3))];
    }),
  };
}

/** Real network heatmaps: one table per network/resolution, decoders × error and AP. */
export function realHeatmapTables(results: BenchResults): Table[] {
  const rows = results.realHeatmaps ?? [];
  return REAL_SETS.flatMap((set) => {
    const sel = rows.filter((r) => r.set === set.id);
    if (!sel.length) return [];
    return [{
      title: `${set.label}: ${sel[0].persons} persons, ${sel[0].joints} labelled GT joints, image px`,
      header: ['decoder', 'mean px', 'median px', 'bias x', 'bias y', 'AP', 'AP@.5', 'NaN'],
      rows: sel.map((r) => [r.decoder === MODEL_OWN ? "MoveNet's own decode (reference)" : decLabel(r.decoder), fmt(r.meanPx, 4), fmt(r.medianPx, 4), fmt(r.biasX), fmt(r.biasY), fmt(r.ap, 3), fmt(r.ap50, 3), String(r.failed)]),
      ...(set.id === 'movenet' ? { notes: ["Cell (i, j) → input (4j, 4i) is MoveNet's own decoder convention, whose learned offsets add about +2 input px; decoding the heatmap alone under it leaves a bias of about −1.7 input px (the bias columns, ×1–2.8 image px per input px)."] } : {}),
    }];
  });
}

