import { describe, expect, it } from 'vitest';
import { runSimccBench } from '../../bench/simcc.js';
import { tagsBalance } from '../helpers/well-formed.js';

describe('bench/simcc (smoke, quick mode)', () => {
  it('returns the error table (9 decoders), the speed table with targets, the machine and two well-formed SVGs', async () => {
    const { markdown, svgs } = await runSimccBench({ quick: true });
    expect(markdown).toMatch(/SimCC split 3, DARK-1D/);
    expect(markdown).toMatch(/argmax \+ quarter/);
    expect(markdown).toMatch(/× summing loop/);
    expect(markdown).toMatch(/≤ 1\.5×/);
    expect(markdown).toMatch(/Machine: /);
    const tableRows = markdown.split('\n').filter((l) => l.startsWith('| ') && !/^\| decode(r \(| \|)/.test(l));
    expect(tableRows.length).toBe(9 + 5);
    expect(Object.keys(svgs).sort()).toEqual(['simcc-error.svg', 'simcc-speed.svg']);
    for (const s of Object.values(svgs)) expect(tagsBalance(s)).toBe(true);
  }, 120_000);
});
