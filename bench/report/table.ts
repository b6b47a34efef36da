/**
 * Plain-text and Markdown tables for benchmark results. One table model, two
 * renderers, so the terminal and docs/benchmarks.md show the same numbers.
 */

/** A table: a header row and body rows of already-formatted cells. */
export interface Table {
  title?: string;
  header: string[];
  rows: string[][];
  /** Per-column alignment; default: first column left, the rest right. */
  align?: ('left' | 'right')[];
  /** Lines printed under the table (notes, units). */
  notes?: string[];
}

/**
 * Format a number for a table: `digits` significant digits with trailing
 * precision kept (`0.0013`, `1.51`, `68.2`), `—` for NaN/undefined, `∞` for infinities.
 */
export function fmt(v: number | undefined, digits = 3): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 10 ** digits) return v.toFixed(0);
  if (a < 1e-4) return v.toExponential(1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return v.toFixed(Math.min(decimals, 6));
}

/** Format a byte count with a binary unit (`0 B`, `17.0 KiB`, `52.4 MiB`). */
export function fmtBytes(b: number): string {
  if (Number.isNaN(b)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let u = 0;
  let v = b;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

function alignments(t: Table): ('left' | 'right')[] {
  return t.header.map((_, i) => t.align?.[i] ?? (i === 0 ? 'left' : 'right'));
}

/** Display width: code points (the tables use ×, σ, β, —, which are one column each). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, a: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return a === 'left' ? s + fill : fill + s;
}

/** Render as aligned plain text for a terminal. */
export function renderText(t: Table): string {
  const al = alignments(t);
  const widths = t.header.map((h, i) => Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c ?? '', widths[i], al[i])).join('  ').trimEnd();
  const out: string[] = [];
  if (t.title) out.push(t.title);
  out.push(line(t.header));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of t.rows) out.push(line(r));
  for (const n of t.notes ?? []) out.push(n);
  return out.join('\n');
}

/** Escape `|` so a cell cannot split a Markdown row. */
function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** Render as a GitHub-flavoured Markdown table (title as a bold line, notes as a paragraph). */
export function renderMarkdown(t: Table): string {
  const al = alignments(t);
  const out: string[] = [];
  if (t.title) out.push(`**${mdCell(t.title)}**`, '');
  out.push(`| ${t.header.map(mdCell).join(' | ')} |`);
  out.push(`|${al.map((a) => (a === 'left' ? ':---' : '---:')).join('|')}|`);
  for (const r of t.rows) out.push(`| ${t.header.map((_, i) => mdCell(r[i] ?? '')).join(' | ')} |`);
  if (t.notes?.length) out.push('', ...t.notes);
  return out.join('\n');
}
