/**
 * Tables of a benchmark run: results → {@link Table}s, grouped in sections,
 * rendered as terminal text or Markdown (docs/benchmarks.md, results.md).
 */
import { fmt, fmtBytes, renderMarkdown, renderText, type Table } from './table.js';
import { RESOLUTIONS } from './settings.js';
import { TARGET_SOURCES, variantsFor } from './quantization.js';
import { BENCH_DECODERS } from './decoders.js';
import { FLIP_SETTINGS } from './flip-bias.js';
import { REFERENCE_NUMBERS, agrees } from './reference-numbers.js';
import { describeMachine } from './machine.js';
import { REAL_SETS, MODEL_OWN } from './real-heatmaps.js';
import type { BenchResults } from './results.js';
import type { SpeedRow } from './speed.js';
import type { ErrorRow } from './quantization.js';
import type { Band } from './sample-points.js';
import type { Variant } from './heatmap-variants.js';

/** A titled group of tables. */
export interface Section {
  title: string;
  intro?: string;
  tables: Table[];
}

const resLabel = (id: string) => RESOLUTIONS.find((r) => r.id === id)?.label ?? id;
const srcLabel = (id: string) => TARGET_SOURCES.find((s) => s.id === id)?.label ?? id;
const decLabel = (id: string) => BENCH_DECODERS.find((d) => d.id === id)?.label ?? id;

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
    title: 'Oracle OKS-AP (COCO GT encoded, decoded, mapped back; cocoKeypointEval AP@[.5:.95])',
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

function targetCell(r: SpeedRow): string {
  if (r.target === undefined) return '';
  return r.ratio <= r.target ? `≤ ${r.target} met` : `≤ ${r.target} MISSED`;
}

/** Speed rows of one batch shape. */
export function speedTable(rows: SpeedRow[], batch: string, title: string): Table {
  const sel = rows.filter((r) => r.batch === batch);
  const b = sel[0];
  return {
    title: `${title} ${b ? `[${b.shape.join('×')}] float32` : ''}`,
    header: ['decoder', 'backend', 'median ms', 'IQR ms', 'sum loop ms', 'ratio', 'target', 'extra buffers', 'extra heap', 'maps/ms'],
    align: ['left', 'left'],
    rows: sel.map((r) => [decLabel(r.decoder), r.backend, fmt(r.timing.medianMs), fmt(r.timing.iqrMs, 2), fmt(r.baseline.medianMs), fmt(r.ratio), targetCell(r), fmtBytes(r.extraBytes), fmtBytes(r.extraHeapBytes), fmt(r.mapsPerMs)]),
    notes: [`${b ? b.timing.runs : 0} timed runs each, interleaved with the summing loop over the same data (ratio = median / median). Extra buffers / heap: typed-array and JS-heap bytes still held right after one call, GC'd before it (upper bound on the peak; includes the O(B·K) outputs). Input ${b ? fmtBytes(b.batchBytes) : ''}.`],
  };
}

/** The targets the issue sets that this run missed, each with its number. */
export function missedTargets(results: Pick<BenchResults, 'speed'>): string[] {
  const out: string[] = [];
  for (const r of results.speed) {
    if (r.target !== undefined && r.ratio > r.target) out.push(`${decLabel(r.decoder)} on ${r.shape.join('×')}: ${fmt(r.ratio)}× the summing loop (target ≤ ${r.target}×)`);
    if (Number.isFinite(r.extraBytes) && r.extraBytes > 0.5 * r.batchBytes && r.decoder.startsWith('dark')) {
      out.push(`${decLabel(r.decoder)} on ${r.shape.join('×')}: holds ${fmtBytes(r.extraBytes)} extra (batch is ${fmtBytes(r.batchBytes)}; target O(B·K))`);
    }
  }
  return out;
}

/** All sections of a run, in reading order. `detail` adds the per-pair statistics tables (Markdown output). */
export function buildSections(results: BenchResults, detail = false): Section[] {
  const sections: Section[] = [];
  const when = `${results.date.slice(0, 10)} on ${describeMachine(results.machine)}${results.quick ? ' (--quick)' : ''}`;
  sections.push({
    title: 'Round-trip error, clean targets',
    intro: `Input 256×192, keypoints uniform in the central 80 % (interior) or within two heatmap px of the crop edge (border). ${results.settings.interiorPoints} + ${results.settings.borderPoints} points, seed ${results.seed}. Run ${when}.`,
    tables: RESOLUTIONS.flatMap((r) => [errorMatrix(results, r.id, 'clean', 'interior'), errorMatrix(results, r.id, 'clean', 'border')]),
  });
  sections.push({ title: 'Agreement with the reference simulation', tables: [referenceComparison(results)] });
  sections.push({
    title: 'Network-like targets: additive noise and negative values',
    intro: 'noisy: + N(0, 0.02²) per pixel; negative: 1.2·h − 0.2 (background −0.2, peak 1). The "MSRA expected target" column is the bilinear mixture of the four integer-centred Gaussians (what a network trained on rounded targets outputs).',
    tables: RESOLUTIONS.flatMap((r) => [errorMatrix(results, r.id, 'noisy', 'interior'), errorMatrix(results, r.id, 'negative', 'interior')]),
  });
  sections.push({ title: 'Flip-test bias', tables: [flipTable(results)] });
  const ap = apTable(results);
  sections.push({ title: 'Oracle OKS-AP', intro: results.oracleApSkipped, tables: ap ? [ap] : [] });
  sections.push({
    title: 'Real network heatmaps',
    intro: results.realHeatmaps
      ? "Raw outputs of real networks on COCO persons (`../shared/data/heatmaps`): EfficientPose II Lite (MPII joints; the 12 it shares with COCO: shoulders, elbows, wrists, hips, knees, ankles) and MoveNet SinglePose Thunder (COCO-17). Decoded keypoints are mapped to the image with each model's crop geometry (EfficientPose: cell k centred at input (k + 0.5)·368/W; MoveNet: cell (i, j) at input (4j, 4i), then `affine_input_to_img`) and compared with the COCO GT on labelled joints (v > 0). Bias: mean signed error (decoded − GT). AP: cocoKeypointEval with one result per person (score 1, each person its own image), the COCO σ of the compared joints and the annotation's area. MPII and COCO place hips and ankles differently, so part of EfficientPose's error is definitional."
      : results.realHeatmapsSkipped,
    tables: realHeatmapTables(results),
  });
  const batches = [...new Set(results.speed.map((r) => r.batch))];
  sections.push({
    title: 'Decoder speed (CPU)',
    intro: `Run ${when}.`,
    tables: batches.map((b) => speedTable(results.speed, b, 'Batch')),
  });
  if (results.gpu?.length) {
    const gb = [...new Set(results.gpu.map((r) => r.batch))];
    sections.push({ title: 'Decoder speed (GPU.js)', tables: gb.map((b) => speedTable(results.gpu!, b, 'GPU batch')) });
  } else sections.push({ title: 'Decoder speed (GPU.js)', intro: results.gpuSkipped ?? 'not run', tables: [] });
  if (results.cocoEval) {
    const c = results.cocoEval;
    sections.push({ title: 'COCO keypoint evaluation (cocoKeypointEval)', tables: [{ header: ['workload', 'evaluate ms', 'JSON parse ms', 'peak RSS MiB', 'runs'], align: ['left'], rows: [[c.description, fmt(c.medianMs), fmt(c.parseMs), fmt(c.peakRssMB), String(c.runs)]] }] });
  }
  sections.push({ title: 'Targets missed', intro: results.targetsMissed.length ? results.targetsMissed.map((t) => `- ${t}`).join('\n') : 'None: every speed and memory target was met.', tables: [] });
  if (detail) sections.push({ title: 'All statistics', tables: RESOLUTIONS.map((r) => errorDetail(results, r.id)) });
  return sections;
}

/** Sections as terminal text. */
export function sectionsText(sections: Section[]): string {
  return sections.map((s) => [`== ${s.title} ==`, ...(s.intro ? [s.intro] : []), ...s.tables.map(renderText)].join('\n\n')).join('\n\n') + '\n';
}

/** Sections as Markdown (`##` headings). */
export function sectionsMarkdown(sections: Section[], level = 2): string {
  const h = '#'.repeat(level);
  return sections.map((s) => [`${h} ${s.title}`, ...(s.intro ? [s.intro] : []), ...s.tables.map(renderMarkdown)].join('\n\n')).join('\n\n') + '\n';
}
