/** Smoke test of the error-diagnosis benchmark (bench/analyze.ts) in quick mode; no timing is asserted. */
import { describe, expect, it } from 'vitest';
import { runAnalyzeBench, TARGET_SECONDS } from '../../bench/analyze.js';

describe('bench/analyze', () => {
  it('quick mode returns a markdown section with the median, peak memory and machine', async () => {
    const { markdown } = await runAnalyzeBench({ quick: true });
    expect(markdown).toContain('## COCO keypoint error diagnosis');
    expect(markdown).toMatch(/\| 2 \| [0-9.]+ s \|/);
    expect(markdown).toMatch(/MiB/);
    expect(markdown).toContain('Machine:');
    expect(TARGET_SECONDS).toBe(3.75);
  }, 60_000);
});
