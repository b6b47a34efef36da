/**
 * `posecodec coco-analyze --gt <person_keypoints.json> --dt <results.json> [--out dir] [--corrected]`:
 * the coco-analyze diagnosis (Ronchi & Perona 2017) of keypoint results —
 * printed report (AP, keypoint errors per type and keypoint, AP after each
 * cumulative fix, AP impact per error type, scoring and background errors,
 * size and occlusion sensitivity) and, with --out, SVG plots. Progress goes
 * to stderr for large sets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeCocoKeypoints, type AnalyzeResult, type CocoDataset, type CocoKeypointResult } from '../metrics/index.js';
import { parseArgs, wantsHelp, firstLine, UsageError } from './usage.js';
import { readJsonFile } from './read-input.js';
import { barChart } from '../render/bar-chart.js';
import { el, svgDocument, colour, esc } from '../render/svg.js';
import { createProgress, silentProgress, type Progress } from './progress.js';

/** `posecodec coco-analyze --help`. */
export const COCO_ANALYZE_HELP = `usage: posecodec coco-analyze --gt <person_keypoints.json> --dt <results.json> [--out DIR] [--corrected] [--json]

COCO keypoint error diagnosis (coco-analyze, Ronchi & Perona ICCV 2017):
keypoint errors (jitter, inversion, swap, miss), AP after each cumulative fix,
AP impact per error type, scoring and background errors, size and occlusion
sensitivity.

  --gt FILE      COCO ground truth: { images, annotations, categories }
  --dt FILE      results: [{ image_id, category_id, keypoints: [x, y, v] × K, score }]
  --out DIR      also write SVG plots (PR curves per fix, per-keypoint errors,
                 AP impact, size and occlusion sensitivity) and report.json
  --corrected    fix coco-analyze's bugs (docs/analyze.md) instead of reproducing them
  --json         print the report as JSON
  -h, --help     this help

Exit status: 0 ok, 2 bad usage or bad input (one line on stderr), 1 internal error.`;

const TYPES = ['jitter', 'inversion', 'swap', 'miss'] as const;
const pct = (n: number, d: number) => (d > 0 ? ((100 * n) / d).toFixed(1) : '-') + '%';
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');

/** The parts in report order (each one computed when read). */
const PARTS = ['evaluate', 'localizationReport', 'fixedAP', 'apImpact', 'scoringReport', 'backgroundReport', 'sizeSensitivity', 'occlusionSensitivity'] as const;

function keypointNames(gt: CocoDataset, K: number): string[] {
  const c = gt.categories.find((x) => Array.isArray(x.keypoints) && x.keypoints.length === K);
  return c?.keypoints ?? Array.from({ length: K }, (_, k) => `kp${k}`);
}

/** The printed report. */
function reportText(r: AnalyzeResult, names: string[]): string {
  const L = r.localizationReport;
  const out: string[] = ['== COCO keypoint evaluation (coco-analyze areas: all >= 32²)', ...r.evaluate.summary, ''];
  out.push(`== Keypoint localization errors: ${L.numMatches} of ${L.numDetections} detections matched at OKS >= .1, ${L.total} labelled keypoints`);
  for (const [k, v] of Object.entries(L.counts)) out.push(`  ${k.padEnd(10)} ${String(v).padStart(7)}  ${pct(v, L.total)}`);
  out.push('  per keypoint:   ' + ['good', ...TYPES].map((t) => t.padStart(10)).join(''));
  names.forEach((n, k) => out.push(`  ${n.slice(0, 14).padEnd(15)} ` + [0, 1, 2, 3, 4].map((row) => String(L.perKeypoint.get(row, k)).padStart(10)).join('')));
  out.push('', '== AP after each cumulative fix (area all)', '  stage              AP@.50  AP@.75  AP@.95');
  const stats = r.fixedAP.stats.filter((s) => s.areaRngLbl === 'all');
  for (const err of [...new Set(stats.map((s) => s.err))]) {
    const at = (o: number) => stats.find((s) => s.err === err && s.oks === o)?.auc ?? NaN;
    out.push(`  ${err.padEnd(18)} ${f3(at(0.5)).padStart(6)}  ${f3(at(0.75)).padStart(6)}  ${f3(at(0.95)).padStart(6)}`);
  }
  out.push('', '== AP impact of fixing each error type alone (area all, mean over OKS .50:.95)');
  for (const [err, per] of Object.entries(r.apImpact.errorPerf)) out.push(`  ${err.padEnd(18)} ${f3(mean(per.all))}`);
  const S = r.scoringReport;
  out.push('', `== Scoring: ${S.suboptimalOrderImages.length} of ${S.numImagesWithDts} images ranked sub-optimally; scoring errors ${S.scoringErrorsScore.length} (original) / ${S.scoringErrorsOptScore.length} (optimal scores)`);
  const B = r.backgroundReport;
  out.push(`== Background: ${B.falsePos.badFalsePos.length} false positives and ${B.falseNeg.badFalseNeg.length} false negatives at every OKS threshold`);
  const Z = r.sizeSensitivity;
  out.push('', '== Size sensitivity (OKS .75)   ' + Z.areaLabels.map((l) => l.padStart(8)).join(''));
  out.push('  instances                  ' + [...Z.numInstances, NaN].map((v) => (Number.isFinite(v) ? String(v) : '').padStart(8)).join(''));
  out.push('  baseline AP                ' + Z.baselineAp.map((v) => f3(v).padStart(8)).join(''));
  for (const [err, v] of Object.entries(Z.apImprovement)) out.push(`  + ${err.padEnd(24)} ` + v.map((x) => f3(x).padStart(8)).join(''));
  const O = r.occlusionSensitivity;
  out.push('', '== Occlusion and crowding (OKS .75): instances / baseline AP, rows overlaps 0, 1-2, 3-8; columns keypoints 1-5, 6-10, 11-15, 16+');
  for (let i = 0; i < 3; i++) {
    const cells = [0, 1, 2, 3].map((j) => `${O.benchmarkInstances.get(i, j)} / ${f3(O.cellStats[`${i}-${j}`].find((s) => s.err === 'baseline')!.auc)}`.padStart(16));
    out.push('  ' + cells.join(''));
  }
  return out.join('\n') + '\n';
}

function mean(v: number[]): number {
  const f = v.filter(Number.isFinite);
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
}

/** PR curves of every summarize stage at one OKS threshold (recall on x). */
function prChart(r: AnalyzeResult, label: string, oks: number): string {
  const W = 760;
  const H = 440;
  const m = { l: 56, r: 220, t: 36, b: 48 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const X = (v: number) => m.l + pw * v;
  const Y = (v: number) => m.t + ph * (1 - v);
  let body = el('text', { x: m.l, y: 22, 'font-size': 14 }, esc(`PR after each cumulative fix — area ${label}, OKS ${oks}`));
  for (let t = 0; t <= 10; t += 2) {
    body += el('line', { x1: X(t / 10), x2: X(t / 10), y1: m.t, y2: m.t + ph, stroke: '#eee' }) + el('line', { x1: m.l, x2: m.l + pw, y1: Y(t / 10), y2: Y(t / 10), stroke: '#eee' });
    body += el('text', { x: X(t / 10), y: m.t + ph + 16, 'text-anchor': 'middle' }, String(t / 10)) + el('text', { x: m.l - 6, y: Y(t / 10) + 4, 'text-anchor': 'end' }, String(t / 10));
  }
  body += el('text', { x: m.l + pw / 2, y: H - 10, 'text-anchor': 'middle' }, 'recall') + el('text', { x: 14, y: m.t + ph / 2, transform: `rotate(-90 14 ${m.t + ph / 2})`, 'text-anchor': 'middle' }, 'precision');
  const curves = r.fixedAP.curves.filter((c) => c.areaRngLbl === label);
  curves.forEach((c, i) => {
    const t = c.oks.indexOf(oks);
    if (t < 0) return;
    const p = c.precision[t];
    const pts = p.map((v, j) => `${X(j / (p.length - 1)).toFixed(1)},${Y(Math.max(0, v)).toFixed(1)}`).join(' ');
    body += el('polyline', { points: pts, fill: 'none', stroke: colour(i), 'stroke-width': 2 });
    const ap = mean(p.filter((v) => v > -1));
    body += el('rect', { x: m.l + pw + 16, y: m.t + 18 * i, width: 12, height: 12, fill: colour(i) }) + el('text', { x: m.l + pw + 34, y: m.t + 18 * i + 10 }, esc(`${c.err} ${f3(ap)}`));
  });
  body += el('rect', { x: m.l, y: m.t, width: pw, height: ph, fill: 'none', stroke: '#333' });
  return svgDocument(W, H, body, 'PR curves after each fix');
}

/** SVG files of the report. */
function plots(r: AnalyzeResult, names: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const oks of [0.5, 0.75, 0.95]) files[`pr-all-oks${Math.round(oks * 100)}.svg`] = prChart(r, 'all', oks);
  const L = r.localizationReport;
  TYPES.forEach((t, i) => {
    files[`keypoint-${t}.svg`] = barChart({ title: `${t} errors per keypoint (% of the keypoint's labelled instances)`, xTitle: '%', bars: names.map((n, k) => {
      let tot = 0;
      for (let row = 0; row < 5; row++) tot += L.perKeypoint.get(row, k);
      const v = L.perKeypoint.get(i + 1, k);
      return { label: n, value: tot ? (100 * v) / tot : 0, note: `${v}` };
    }) });
  });
  files['ap-impact.svg'] = barChart({ title: 'AP gained by fixing each error type alone (area all, mean over OKS .50:.95)', xTitle: 'AP improvement', bars: Object.entries(r.apImpact.errorPerf).map(([err, per]) => ({ label: err, value: Math.max(0, mean(per.all)), note: f3(mean(per.all)) })) });
  const Z = r.sizeSensitivity;
  files['size-sensitivity.svg'] = barChart({ title: 'AP by instance size (OKS .75)', xTitle: 'AP', bars: Z.areaLabels.map((l, i) => ({ label: `${l} (${Z.numInstances[i] ?? 'all'})`, value: Math.max(0, Z.baselineAp[i]), note: f3(Z.baselineAp[i]) })) });
  const O = r.occlusionSensitivity;
  const ov = ['0', '1-2', '3-8'];
  const kp = ['1-5', '6-10', '11-15', '16+'];
  files['occlusion-sensitivity.svg'] = barChart({ title: 'AP by overlaps × labelled keypoints (OKS .75)', xTitle: 'AP', bars: ov.flatMap((o, i) => kp.map((k, j) => {
    const ap = O.cellStats[`${i}-${j}`].find((s) => s.err === 'baseline')!.auc;
    return { label: `overlaps ${o}, kpts ${k}`, value: Math.max(0, ap), note: `${f3(ap)} (${O.benchmarkInstances.get(i, j)})` };
  })) });
  return files;
}

/** Plain-JSON copy of the report parts (ndarrays and typed arrays as arrays). */
function plain(v: unknown): unknown {
  if (v && typeof v === 'object' && 'shape' in v && 'data' in v) {
    const a = v as unknown as { shape: number[]; get: (...i: number[]) => number };
    const rec = (d: number, idx: number[]): unknown => (d === a.shape.length ? a.get(...idx) : Array.from({ length: a.shape[d] }, (_, i) => rec(d + 1, [...idx, i])));
    return rec(0, []);
  }
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Run the subcommand; returns the exit code (bad input throws {@link UsageError}, and main exits 2). */
export async function runCocoAnalyze(argv: string[], progressStream: NodeJS.WriteStream = process.stderr): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(COCO_ANALYZE_HELP + '\n');
    return 0;
  }
  const { positional, flags } = parseArgs(argv, ['json', 'corrected'], ['gt', 'dt', 'out']);
  if (positional.length > 0) throw new UsageError(`coco-analyze takes no positional arguments, got ${JSON.stringify(positional[0])}`);
  const gtPath = flags.get('gt');
  const dtPath = flags.get('dt');
  const outDir = flags.get('out');
  if (typeof gtPath !== 'string') throw new UsageError('coco-analyze needs --gt <person_keypoints.json>');
  if (typeof dtPath !== 'string') throw new UsageError('coco-analyze needs --dt <results.json>');
  if (outDir !== undefined && typeof outDir !== 'string') throw new UsageError('--out needs a directory');
  const gt = readJsonFile(gtPath, '--gt') as CocoDataset;
  const dt = readJsonFile(dtPath, '--dt');
  if (!Array.isArray(dt)) throw new UsageError(`--dt ${dtPath}: must be a JSON array of keypoint results`);
  const progress: Progress = dt.length > 2000 ? createProgress(progressStream) : silentProgress;
  let r: AnalyzeResult;
  let names: string[];
  let text: string;
  try {
    r = analyzeCocoKeypoints(gt, dt as CocoKeypointResult[], { mode: flags.has('corrected') ? 'corrected' : 'reference' });
    progress.phase('coco-analyze', PARTS.length);
    for (const p of PARTS) {
      void r[p];
      progress.step(p);
    }
    progress.done();
    names = keypointNames(gt, r.localizationReport.perKeypoint.shape[1]);
    text = reportText(r, names);
  } catch (e) {
    // analyzeCocoKeypoints validates both inputs and names the offending record with a TypeError/RangeError.
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(`coco-analyze: ${firstLine(e)}`);
    throw e;
  }
  const json = () => JSON.stringify(Object.fromEntries(PARTS.map((p) => [p, plain(r[p])])));
  process.stdout.write(flags.has('json') ? json() + '\n' : text);
  if (typeof outDir === 'string') {
    try {
      fs.mkdirSync(outDir, { recursive: true });
      for (const [f, svg] of Object.entries(plots(r, names))) fs.writeFileSync(path.join(outDir, f), svg);
      fs.writeFileSync(path.join(outDir, 'report.txt'), text);
      fs.writeFileSync(path.join(outDir, 'report.json'), json());
    } catch (e) {
      throw new UsageError(`--out ${outDir}: ${firstLine(e)}`);
    }
  }
  return 0;
}
