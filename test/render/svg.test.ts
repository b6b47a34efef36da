import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { esc, el, svgDocument, niceTicks, decadeTicks, tickLabel } from '../../src/render/svg.js';
import { tagsBalance } from '../helpers/well-formed.js';

describe('svg building blocks', () => {
  it('escapes markup in text and attributes', () => {
    expect(esc('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(el('text', { title: '<x>' }, esc('1 < 2'))).toBe('<text title="&lt;x&gt;">1 &lt; 2</text>');
  });
  it('produces a balanced standalone document', () => {
    const doc = svgDocument(10, 20, el('rect', { x: 0.123456, y: 1 }), 'a & b');
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(doc).toContain('x="0.12"');
    expect(tagsBalance(doc)).toBe(true);
  });
  it('niceTicks cover the range with 1-2-5 steps', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (lo, span) => {
        const t = niceTicks(lo, lo + span);
        expect(t.length).toBeGreaterThanOrEqual(2);
        const step = t[1] - t[0];
        const mant = step / 10 ** Math.floor(Math.log10(step));
        expect([1, 2, 5, 10].some((m) => Math.abs(mant - m) < 1e-6)).toBe(true);
        expect(t[0]).toBeGreaterThanOrEqual(lo - 1e-9 * Math.abs(lo) - 1e-12);
        expect(t[t.length - 1] + step).toBeGreaterThan(lo + span);
      }),
    );
  });
  it('decadeTicks bracket a positive range with powers of ten', () => {
    expect(decadeTicks(0.0013, 68)).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
    expect(tickLabel(0.001)).toBe('1e-3');
    expect(tickLabel(2.5)).toBe('2.5');
  });
});
