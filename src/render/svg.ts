/**
 * Minimal SVG building blocks for the benchmark plots: escaping, elements,
 * a document wrapper, a colour palette and "nice" axis ticks. Plain strings,
 * no DOM, no browser: the plots are written by the library itself.
 */

/** Escape text for SVG content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round coordinates to 2 decimals so files stay small and diffs stable. */
export function r2(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** One element: `el('rect', { x: 1 }, child?)`. Attribute values are escaped; children are raw SVG. */
export function el(name: string, attrs: Record<string, string | number>, children = ''): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'number' ? r2(v) : v)}"`)
    .join('');
  return children ? `<${name}${a}>${children}</${name}>` : `<${name}${a}/>`;
}

/** A standalone SVG document of `width × height` user units with a white background. */
export function svgDocument(width: number, height: number, body: string, title?: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r2(width)}" height="${r2(height)}" viewBox="0 0 ${r2(width)} ${r2(height)}" font-family="sans-serif" font-size="12">` +
    (title ? `<title>${esc(title)}</title>` : '') +
    el('rect', { x: 0, y: 0, width, height, fill: 'white' }) +
    body +
    '</svg>\n'
  );
}

/** Colour-blind-friendly categorical palette (Okabe–Ito), cycled. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#999999'];

/** Colour `i` of the palette. */
export function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** About `count` round tick values covering `[lo, hi]` (steps 1, 2, 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** Decades `10^a … 10^b` covering `[lo, hi]` (lo > 0), for log axes. */
export function decadeTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** Tick label: `1e-3` style for powers of ten outside [0.01, 1000], plain otherwise. */
export function tickLabel(v: number): string {
  if (v !== 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 1000)) return `1e${Math.round(Math.log10(Math.abs(v)))}`;
  return String(Number(v.toPrecision(6)));
}
