/** `posecodec coco-analyze` (src/cli/coco-analyze.ts): report, plots, exit paths. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCocoAnalyze } from '../../../src/cli/coco-analyze.js';
import { synthesizeErrors } from '../../../src/metrics/index.js';
import { syntheticGt } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'coco-analyze-'));
const gt = syntheticGt(8, 2);
const dt = synthesizeErrors(gt, { jitter: 0.1, inversion: 0.05, swap: 0.05, miss: 0.05, seed: 4 });
writeFileSync(join(dir, 'gt.json'), JSON.stringify(gt));
writeFileSync(join(dir, 'dt.json'), JSON.stringify(dt));
writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ image_id: 99, category_id: 1, keypoints: [], score: 1 }]));

function capture(): { out: () => string; restore: () => void } {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    text += String(s);
    return true;
  });
  return { out: () => text, restore: () => spy.mockRestore() };
}

afterEach(() => vi.restoreAllMocks());

describe('posecodec coco-analyze', () => {
  it('prints the report and writes the SVG plots', async () => {
    const c = capture();
    const code = await runCocoAnalyze(['--gt', join(dir, 'gt.json'), '--dt', join(dir, 'dt.json'), '--out', join(dir, 'out')]);
    c.restore();
    expect(code).toBe(0);
    expect(c.out()).toContain('Average Precision');
    expect(c.out()).toContain('Keypoint localization errors');
    expect(c.out()).toContain('AP after each cumulative fix');
    const files = readdirSync(join(dir, 'out'));
    for (const f of ['pr-all-oks50.svg', 'keypoint-jitter.svg', 'ap-impact.svg', 'size-sensitivity.svg', 'occlusion-sensitivity.svg', 'report.json', 'report.txt']) expect(files).toContain(f);
    expect(readFileSync(join(dir, 'out', 'pr-all-oks75.svg'), 'utf8')).toMatch(/^<svg[\s\S]*polyline[\s\S]*<\/svg>\n$/);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')).evaluate.stats).toHaveLength(10);
  });

  it('--json prints the parts as JSON', async () => {
    const c = capture();
    await runCocoAnalyze(['--gt', join(dir, 'gt.json'), '--dt', join(dir, 'dt.json'), '--json', '--corrected']);
    c.restore();
    const r = JSON.parse(c.out());
    expect(Object.keys(r)).toContain('fixedAP');
    expect(r.localizationReport.perKeypoint).toHaveLength(5);
  });

  it('bad usage and bad input are UsageErrors (exit 2) with a one-line message', async () => {
    const table: [string[], RegExp][] = [
      [['--dt', join(dir, 'dt.json')], /needs --gt/],
      [['--gt', join(dir, 'gt.json')], /needs --dt/],
      [['--gt', join(dir, 'gt.json'), '--dt', join(dir, 'nope.json')], /--dt/],
      [['--gt', join(dir, 'gt.json'), '--dt', join(dir, 'bad.json')], /^coco-analyze: results\[0\]/],
      [['x', '--gt', join(dir, 'gt.json'), '--dt', join(dir, 'dt.json')], /positional/],
    ];
    for (const [argv, re] of table) {
      const err = await runCocoAnalyze(argv).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.name, argv.join(' ')).toBe('UsageError');
      expect(err!.message).toMatch(re);
      expect(err!.message).not.toContain('\n');
    }
  });
});
