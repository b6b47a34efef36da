import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fmt, fmtBytes, renderText, renderMarkdown, type Table } from '../../bench/report/table.js';

const t: Table = { title: 'T', header: ['decoder', 'mean L2'], rows: [['argmax', '1.51'], ['DARK | k=11', '0.0013']], notes: ['note'] };

describe('fmt', () => {
  it('keeps 3 significant digits and marks missing values', () => {
    expect(fmt(1.5138)).toBe('1.51');
    expect(fmt(0.0013)).toBe('0.00130');
    expect(fmt(68.04)).toBe('68.0');
    expect(fmt(12345.6)).toBe('12346');
    expect(fmt(3e-6)).toBe('3.0e-6');
    expect(fmt(0)).toBe('0');
    expect(fmt(NaN)).toBe('—');
    expect(fmt(undefined)).toBe('—');
    expect(fmt(Infinity)).toBe('∞');
  });
  it('round-trips to within half a unit of the last shown digit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 999, noNaN: true }), (v) => {
        const s = fmt(v);
        const decimals = s.includes('.') ? s.split('.')[1].length : 0;
        expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
      }),
    );
  });
  it('fmtBytes uses binary units', () => {
    expect(fmtBytes(0)).toBe('0 B');
    expect(fmtBytes(1536)).toBe('1.5 KiB');
    expect(fmtBytes(53 * 2 ** 20)).toBe('53.0 MiB');
    expect(fmtBytes(NaN)).toBe('—');
  });
});

describe('renderMarkdown', () => {
  it('writes a header, an alignment row and one row per body row, escaping pipes', () => {
    const md = renderMarkdown(t).split('\n');
    const rows = md.filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toBe('|:---|---:|');
    expect(rows[3]).toContain('DARK \\| k=11');
    // every table row has the same number of unescaped separators
    const cells = rows.map((r) => r.replace(/\\\|/g, '').split('|').length);
    expect(new Set(cells).size).toBe(1);
    expect(md).toContain('note');
  });
});

describe('renderText', () => {
  it('aligns columns: every body line has the header line width or less, numbers right-aligned', () => {
    const lines = renderText(t).split('\n');
    expect(lines[0]).toBe('T');
    const header = lines[1];
    const body = lines.slice(3, 5);
    for (const l of body) expect([...l].length).toBeLessThanOrEqual([...lines[2]].length);
    // right alignment: the numeric column ends at the same column
    expect(body[0].length).toBe(body[1].length);
    expect(header.trimEnd().endsWith('mean L2')).toBe(true);
  });
});
