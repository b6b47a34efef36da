/**
 * Horizontal bar chart (e.g. decoder time as a multiple of the summing loop),
 * with an optional target tick per bar. Returns a standalone SVG string.
 */
import { el, svgDocument, colour, niceTicks, tickLabel, esc } from './svg.js';

export interface Bar {
  label: string;
  value: number;
  /** Drawn as a vertical tick on the bar's row; the bar turns red when `value > target`. */
  target?: number;
  /** Text after the bar (defaults to the value). */
  note?: string;
}

export interface BarChartSpec {
  title: string;
  xTitle: string;
  bars: Bar[];
  /** A reference line across all rows (e.g. ratio 1 = the summing loop). */
  reference?: { value: number; label: string };
  width?: number;
}

/** Render the chart; rows are 22 units tall. */
export function barChart(spec: BarChartSpec): string {
  const W = spec.width ?? 760;
  const row = 22;
  const m = { l: 170, r: 90, t: 36, b: 46 };
  const H = m.t + m.b + row * spec.bars.length;
  const pw = W - m.l - m.r;
  const finite = spec.bars.flatMap((b) => [b.value, b.target ?? 0]).filter(Number.isFinite);
  const hi0 = Math.max(spec.reference?.value ?? 0, ...finite, 1e-9);
  const ticks = niceTicks(0, hi0);
  const hi = Math.max(hi0, ticks[ticks.length - 1]);
  const X = (v: number) => m.l + (pw * Math.max(0, v)) / hi;
  let body = '';
  for (const t of ticks) {
    body += el('line', { x1: X(t), x2: X(t), y1: m.t, y2: H - m.b, stroke: '#e0e0e0' });
    body += el('text', { x: X(t), y: H - m.b + 16, 'text-anchor': 'middle' }, esc(tickLabel(t)));
  }
  spec.bars.forEach((b, i) => {
    const y = m.t + i * row;
    const miss = b.target !== undefined && b.value > b.target;
    body += el('text', { x: m.l - 8, y: y + row / 2 + 4, 'text-anchor': 'end' }, esc(b.label));
    if (Number.isFinite(b.value)) body += el('rect', { x: m.l, y: y + 4, width: X(b.value) - m.l, height: row - 8, fill: miss ? '#D55E00' : colour(0) });
    if (b.target !== undefined) body += el('line', { x1: X(b.target), x2: X(b.target), y1: y + 1, y2: y + row - 1, stroke: '#000', 'stroke-width': 2, 'stroke-dasharray': '3,2' });
    const noteX = Number.isFinite(b.value) ? X(b.value) + 6 : m.l + 6;
    body += el('text', { x: noteX, y: y + row / 2 + 4 }, esc(b.note ?? tickLabel(b.value)));
  });
  if (spec.reference) {
    const x = X(spec.reference.value);
    body += el('line', { x1: x, x2: x, y1: m.t - 4, y2: H - m.b, stroke: '#009E73', 'stroke-width': 1.5 });
    body += el('text', { x, y: m.t - 8, 'text-anchor': 'middle', fill: '#009E73' }, esc(spec.reference.label));
  }
  body += el('text', { x: W / 2, y: 18, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, esc(spec.title));
  body += el('text', { x: m.l + pw / 2, y: H - 10, 'text-anchor': 'middle' }, esc(spec.xTitle));
  return svgDocument(W, H, body, spec.title);
}
