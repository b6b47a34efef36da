import { describe, it, expect } from 'vitest';
import { createProgress, renderBar } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, columns: 80, write: (x: string) => out.push(x) } };
}

describe('progress', () => {
  it('renderBar fills in proportion to the work done', () => {
    expect(renderBar(0, 4, 8)).toBe('[--------]   0%');
    expect(renderBar(2, 4, 8)).toBe('[####----]  50%');
    expect(renderBar(9, 4, 8)).toBe('[########] 100%');
  });
  it('writes plain lines (no carriage returns) when not a TTY', () => {
    const { out, s } = stream(false);
    const p = createProgress(s);
    p.phase('speed', 2);
    p.step('argmax');
    p.step('dark');
    p.done();
    expect(out.join('')).toBe('[speed] 2 steps\n[speed 1/2] argmax\n[speed 2/2] dark\n');
  });
  it('redraws one line with \\r on a TTY and clears it when done', () => {
    const { out, s } = stream(true);
    const p = createProgress(s);
    p.phase('speed', 2);
    p.step('argmax');
    p.done();
    expect(out[0].startsWith('\r')).toBe(true);
    expect(out[0]).toContain(' 50% argmax');
    expect(out.join('')).not.toContain('\n');
    expect(out[out.length - 1]).toBe('\r\x1b[2K');
  });
});
