/**
 * One heatmap drawn as a grid of grey cells (pixel i centred at coordinate i,
 * the library's heatmap-pixel convention) with markers for decoded keypoints.
 * Returns a standalone SVG string.
 */
import { el, svgDocument, colour, esc } from './svg.js';

export interface HeatmapMarker {
  label: string;
  /** Heatmap px (pixel centre convention). */
  x: number;
  y: number;
}

export interface HeatmapSpec {
  title: string;
  /** Row-major `H × W` values. */
  data: ArrayLike<number>;
  W: number;
  H: number;
  markers: HeatmapMarker[];
  /** A reference point (e.g. the true keypoint), drawn as a ring. */
  truth?: { x: number; y: number; label: string };
  /** Cell size in SVG units. Default 24. */
  cell?: number;
}

/** Grey level for `v` normalised to `[lo, hi]` (white = low, dark = high). */
function grey(v: number, lo: number, hi: number): string {
  const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
  const g = Math.round(255 - 215 * t);
  return `rgb(${g},${g},${g})`;
}

/** Render the heatmap and its markers; markers get palette colours and a legend on the right. */
export function heatmapSvg(spec: HeatmapSpec): string {
  const c = spec.cell ?? 24;
  const m = { l: 10, t: 30, r: 200 };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < spec.W * spec.H; i++) {
    lo = Math.min(lo, spec.data[i]);
    hi = Math.max(hi, spec.data[i]);
  }
  let body = '';
  for (let y = 0; y < spec.H; y++) {
    for (let x = 0; x < spec.W; x++) {
      body += el('rect', { x: m.l + x * c, y: m.t + y * c, width: c, height: c, fill: grey(spec.data[y * spec.W + x], lo, hi) });
    }
  }
  // pixel i covers [i − 0.5, i + 0.5]: its centre is at m + (i + 0.5)·c
  const X = (x: number) => m.l + (x + 0.5) * c;
  const Y = (y: number) => m.t + (y + 0.5) * c;
  if (spec.truth) body += el('circle', { cx: X(spec.truth.x), cy: Y(spec.truth.y), r: c * 0.35, fill: 'none', stroke: '#000', 'stroke-width': 2 });
  spec.markers.forEach((mk, i) => {
    const col = colour(i);
    const s = c * 0.22;
    body += el('path', { d: `M${X(mk.x) - s},${Y(mk.y) - s}L${X(mk.x) + s},${Y(mk.y) + s}M${X(mk.x) - s},${Y(mk.y) + s}L${X(mk.x) + s},${Y(mk.y) - s}`, stroke: col, 'stroke-width': 2.5 });
    const ly = m.t + 10 + i * 18;
    body += el('path', { d: `M${m.l + spec.W * c + 20},${ly - 5}l10,10m-10,0l10,-10`, stroke: col, 'stroke-width': 2.5 });
    body += el('text', { x: m.l + spec.W * c + 38, y: ly + 4 }, esc(`${mk.label} (${mk.x.toFixed(2)}, ${mk.y.toFixed(2)})`));
  });
  if (spec.truth) {
    const ly = m.t + 10 + spec.markers.length * 18;
    body += el('circle', { cx: m.l + spec.W * c + 25, cy: ly, r: 6, fill: 'none', stroke: '#000', 'stroke-width': 2 });
    body += el('text', { x: m.l + spec.W * c + 38, y: ly + 4 }, esc(`${spec.truth.label} (${spec.truth.x.toFixed(2)}, ${spec.truth.y.toFixed(2)})`));
  }
  body += el('text', { x: m.l, y: 20, 'font-size': 14, 'font-weight': 'bold' }, esc(spec.title));
  return svgDocument(m.l + spec.W * c + m.r, m.t + spec.H * c + 10, body, spec.title);
}
