/** The per-area benchmark registry runner and how its sections reach the report. */
import { describe, it, expect } from 'vitest';
import { runExtraBenches, extraSvgs, EXTRA_BENCHES } from '../../bench/sections/extra.js';
import { sectionsMarkdown, sectionsText } from '../../bench/report/sections.js';
import { silentProgress } from '../../src/cli/progress.js';
import type { ExtraBench } from '../../bench/sections/extra-types.js';

describe('per-area benchmarks', () => {
  it('the registry is frozen and every entry has an area, a title and a run function', () => {
    expect(Object.isFrozen(EXTRA_BENCHES)).toBe(true);
    for (const b of EXTRA_BENCHES) {
      expect(b.area).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(b.title.length).toBeGreaterThan(0);
      expect(typeof b.run).toBe('function');
    }
    expect(new Set(EXTRA_BENCHES.map((b) => b.area)).size).toBe(EXTRA_BENCHES.length);
  });

  it('runs each bench with { quick }, keeps its markdown and SVGs; one that throws becomes a failed section and the rest still run', async () => {
    const seen: boolean[] = [];
    const benches: ExtraBench[] = [
      { area: 'a', title: 'A', run: ({ quick }) => (seen.push(quick), { markdown: '| x |\n|---|\n| 1 |', svgs: { 'a-plot': '<svg/>' } }) },
      { area: 'b', title: 'B', run: async () => { throw new Error('boom'); } },
      { area: 'c', title: 'C', run: () => ({ markdown: 'c text', svgs: ['<svg id="1"/>', '<svg id="2"/>'] }) },
      { area: 'd', title: 'D', run: () => ({}) as never },
    ];
    const out = await runExtraBenches(true, silentProgress, benches);
    expect(seen).toEqual([true]);
    expect(out.map((x) => [x.area, x.error ?? null])).toEqual([['a', null], ['b', 'boom'], ['c', null], ['d', expect.stringMatching(/markdown/)]]);
    expect(out[0].svgs).toEqual({ 'a-plot.svg': '<svg/>' });
    expect(Object.keys(out[2].svgs)).toEqual(['c-1.svg', 'c-2.svg']);
    const sections = out.map((x) => ({ title: x.title, tables: [], markdown: x.markdown }));
    expect(sectionsText(sections)).toContain('== A ==\n\n| x |');
    expect(sectionsMarkdown(sections)).toContain('## C\n\nc text');
  });

  it('extraSvgs makes safe file names (no path separators, .svg appended)', () => {
    expect(Object.keys(extraSvgs('t', { '../../etc/x': '<svg/>', 'ok.svg': '<svg/>', '': '<svg/>' }))).toEqual(['-..-etc-x.svg', 'ok.svg', 't.svg']);
  });
});
