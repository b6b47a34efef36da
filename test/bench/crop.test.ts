import { describe, expect, it } from 'vitest';
import { runCropBench } from '../../bench/crop.js';

describe('bench/crop (smoke, quick mode)', () => {
  it('returns a Markdown table with every variant, the baseline ratio and the machine', async () => {
    const { markdown } = await runCropBench({ quick: true });
    expect(markdown).toMatch(/\| variant \|/);
    expect(markdown).toMatch(/warpAffineToTensor/);
    expect(markdown).toMatch(/× plain copy/);
    expect(markdown).toMatch(/Machine: /);
    expect(markdown.split('\n').filter((l) => l.startsWith('| ')).length).toBe(5);
  }, 60_000);
});
