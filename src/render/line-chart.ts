/**
 * Line chart over categorical x values (e.g. error vs heatmap resolution, one
 * line per decoder), optional log y axis. Returns a standalone SVG string.
 */
import { el, svgDocument, colour, niceTicks, decadeTicks, tickLabel, esc } from './svg.js';

export interface LineSeries {
  name: string;
  /** One value per x label; NaN/non-positive (on a log axis) values leave a gap. */
  values: number[];
}

export interface LineChartSpec {
  title: string;
  xLabels: string[];
  xTitle: string;
  yTitle: string;
  series: LineSeries[];
  /** Log₁₀ y axis (errors span 1e-4 … 100 px). Default false. */
  logY?: boolean;
  width?: number;
  height?: number;
}

/** Render the chart; the legend sits to the right of the plot area. */
export function lineChart(spec: LineChartSpec): string {
  const W = spec.width ?? 820;
  const H = spec.height ?? 420;
  const m = { l: 64, r: 240, t: 36, b: 52 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const ok = (v: number) => Number.isFinite(v) && (!spec.logY || v > 0);
  const vals = spec.series.flatMap((s) => s.values.filter(ok));
  let lo = vals.length ? Math.min(...vals) : 0;
  let hi = vals.length ? Math.max(...vals) : 1;
  if (!spec.logY) lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  const ticks = spec.logY ? decadeTicks(lo, hi) : niceTicks(lo, hi);
  if (spec.logY) {
    lo = ticks[0];
    hi = ticks[ticks.length - 1];
  } else {
    lo = Math.min(lo, ticks[0]);
    hi = Math.max(hi, ticks[ticks.length - 1]);
  }
  const ty = (v: number) => (spec.logY ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo));
  const Y = (v: number) => m.t + ph * (1 - ty(v));
  const n = spec.xLabels.length;
  const X = (i: number) => m.l + (n > 1 ? (pw * i) / (n - 1) : pw / 2);
  let body = '';
  for (const t of ticks) {
    body += el('line', { x1: m.l, x2: m.l + pw, y1: Y(t), y2: Y(t), stroke: '#e0e0e0' });
    body += el('text', { x: m.l - 6, y: Y(t) + 4, 'text-anchor': 'end' }, esc(tickLabel(t)));
  }
  spec.xLabels.forEach((lab, i) => {
    body += el('line', { x1: X(i), x2: X(i), y1: m.t, y2: m.t + ph, stroke: '#f0f0f0' });
    body += el('text', { x: X(i), y: m.t + ph + 18, 'text-anchor': 'middle' }, esc(lab));
  });
  body += el('rect', { x: m.l, y: m.t, width: pw, height: ph, fill: 'none', stroke: '#333' });
  spec.series.forEach((s, si) => {
    const c = colour(si);
    let path = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (!ok(v)) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${X(i).toFixed(2)},${Y(v).toFixed(2)}`;
      pen = true;
      body += el('circle', { cx: X(i), cy: Y(v), r: 3, fill: c });
    });
    if (path) body += el('path', { d: path, fill: 'none', stroke: c, 'stroke-width': 2 });
    const ly = m.t + 8 + si * 18;
    body += el('line', { x1: W - m.r + 14, x2: W - m.r + 34, y1: ly, y2: ly, stroke: c, 'stroke-width': 3 });
    body += el('text', { x: W - m.r + 40, y: ly + 4 }, esc(s.name));
  });
  body += el('text', { x: m.l + pw / 2, y: 20, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, esc(spec.title));
  body += el('text', { x: m.l + pw / 2, y: H - 10, 'text-anchor': 'middle' }, esc(spec.xTitle));
  body += el('text', { x: 16, y: m.t + ph / 2, 'text-anchor': 'middle', transform: `rotate(-90 16 ${m.t + ph / 2})` }, esc(spec.yTitle));
  return svgDocument(W, H, body, spec.title);
}
