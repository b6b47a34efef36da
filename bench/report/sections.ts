/**
 * The sections of a benchmark run, in reading order, rendered as terminal text
 * or Markdown (docs/benchmarks.md, results.md).
 */
import { fmt, renderMarkdown, renderText, type Table } from './table.js';
import { RESOLUTIONS } from '../settings.js';
import { describeMachine } from '../util/machine.js';
import { errorMatrix, errorDetail, referenceComparison, flipTable, apTable, realHeatmapTables } from './error-tables.js';
import { speedTable } from './speed-tables.js';
import type { BenchResults } from '../results.js';

/** A titled group of tables; `markdown` is free text placed after the tables (per-area benches). */
export interface Section {
  title: string;
  intro?: string;
  tables: Table[];
  markdown?: string;
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
  sections.push({ title: 'Oracle OKS-AP', intro: results.oracleApSkipped ?? (results.oracleApGroundTruth ? `Ground truth: ${results.oracleApGroundTruth}.` : undefined), tables: ap ? [ap] : [] });
  sections.push({
    title: 'Real network heatmaps',
    intro: results.realHeatmaps
      ? "Raw outputs of real networks on COCO persons (`--heatmaps DIR`; in a checkout `../shared/data/heatmaps`): EfficientPose II Lite (MPII joints; the 12 it shares with COCO: shoulders, elbows, wrists, hips, knees, ankles) and MoveNet SinglePose Thunder (COCO-17). Decoded keypoints are mapped to the image with each model's crop geometry (EfficientPose: cell k centred at input (k + 0.5)·368/W; MoveNet: cell (i, j) at input (4j, 4i), then `affine_input_to_img`) and compared with the COCO GT on labelled joints (v > 0). Bias: mean signed error (decoded − GT). AP: cocoKeypointEval with one result per person (score 1, each person its own image), the COCO σ of the compared joints and the annotation's area. MPII and COCO place hips and ankles differently, so part of EfficientPose's error is definitional."
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
  for (const x of results.extras ?? []) sections.push({ title: x.title, tables: [], markdown: x.markdown });
  sections.push({ title: 'Targets missed', intro: results.targetsMissed.length ? results.targetsMissed.map((t) => `- ${t}`).join('\n') : 'None: every speed and memory target was met.', tables: [] });
  if (detail) sections.push({ title: 'All statistics', tables: RESOLUTIONS.map((r) => errorDetail(results, r.id)) });
  return sections;
}

/** Sections as terminal text. */
export function sectionsText(sections: Section[]): string {
  return sections.map((s) => [`== ${s.title} ==`, ...(s.intro ? [s.intro] : []), ...s.tables.map(renderText), ...(s.markdown ? [s.markdown.trim()] : [])].join('\n\n')).join('\n\n') + '\n';
}

/** Sections as Markdown (`##` headings). */
export function sectionsMarkdown(sections: Section[], level = 2): string {
  const h = '#'.repeat(level);
  return sections.map((s) => [`${h} ${s.title}`, ...(s.intro ? [s.intro] : []), ...s.tables.map(renderMarkdown), ...(s.markdown ? [s.markdown.trim()] : [])].join('\n\n')).join('\n\n') + '\n';
}
