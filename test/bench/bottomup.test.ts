import { describe, expect, it } from 'vitest';
import { runBottomupBench, bottomupScene, REFERENCE_MS } from '../../bench/bottomup.js';

describe('bench/bottomup (smoke, quick mode)', () => {
  it('returns the mmpose comparison, the per-step table, scaling, the greedy-vs-Munkres AP table, the machine and two SVG plots', async () => {
    const { markdown, svgs } = await runBottomupBench({ quick: true });
    expect(markdown).toMatch(/posecodec vs mmpose 759b39c/);
    expect(markdown).toContain(String(REFERENCE_MS.ae5));
    expect(markdown).toContain(String(REFERENCE_MS.ae20));
    expect(markdown).toContain(String(REFERENCE_MS.spr8));
    expect(markdown).toMatch(/grouping, Munkres 1\.1\.4/);
    expect(markdown).toMatch(/fill missing joints/);
    expect(markdown).toMatch(/AP Munkres \| AP greedy/);
    expect(markdown).toMatch(/Machine: /);
    for (const name of ['bottomup-persons.svg', 'bottomup-size.svg']) {
      expect(svgs[name]).toMatch(/^<svg [^>]*>.*<\/svg>\n?$/s);
      expect(svgs[name]).toMatch(/AE, Munkres/);
    }
  }, 120_000);

  it('scenes are reproducible from their seed', () => {
    const a = bottomupScene({ persons: 3, size: 32, seed: 4 });
    const b = bottomupScene({ persons: 3, size: 32, seed: 4 });
    expect(Array.from(a.tags.data)).toEqual(Array.from(b.tags.data));
    expect(a.heatmaps.shape).toEqual([1, 17, 32, 32]);
  });
});
