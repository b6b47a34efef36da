import { describe, expect, it } from 'vitest';
import { runTemporalBench, temporalConfigs } from '../../bench/temporal.js';

describe('bench/temporal (smoke, quick mode)', () => {
  it('returns the trade-off table, recommendations, throughput rows, the machine and the scatter SVG', async () => {
    const { markdown, svgs } = await runTemporalBench({ quick: true });
    expect(markdown).toMatch(/\| # \| filter \|/);
    expect(markdown).toMatch(/raw \(no filter\)/);
    expect(markdown).toMatch(/MoveNet KEYPOINT_FILTER_CONFIG/);
    expect(markdown).toMatch(/fitness reps/);
    expect(markdown).toMatch(/posture monitoring/);
    expect(markdown).toMatch(/persons×17\/ms/);
    expect(markdown).toMatch(/Machine: /);
    const lines = markdown.split('\n').filter((l) => l.startsWith('| '));
    expect(lines.length).toBe(1 + temporalConfigs(true).length + 1 + 10); // trade-off header + one row per config, throughput header + 10 variants
    expect(svgs['temporal-tradeoff.svg']).toMatch(/^<svg [^>]*>.*<\/svg>\n$/s);
    expect(svgs['temporal-tradeoff.svg']).toMatch(/<circle/);
  }, 60_000);
});
