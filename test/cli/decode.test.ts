/** The built CLI (`npm test` builds first): `posecodec decode`. */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '../../src/io/npy.js';
import { PROJECT_ROOT } from '../helpers/oracle.js';
import { gaussianMaps } from '../helpers/maps.js';

const CLI = join(PROJECT_ROOT, 'dist/cli/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('posecodec decode', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'posecodec-cli-'));
    file = join(dir, 'hm.npy');
    const hm = gaussianMaps(48, 64, [
      [10.3, 20.7],
      [30.2, 40.6],
    ]);
    writeFileSync(file, writeNpy(hm.data, [1, 2, 64, 48]));
  });

  it('prints [B][K][2] keypoints and [B][K] scores in heatmap pixels (DARK by default)', () => {
    const r = run('decode', file);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.keypoints.length).toBe(1);
    expect(j.keypoints[0].length).toBe(2);
    expect(Math.abs(j.keypoints[0][0][0] - 10.3)).toBeLessThan(0.05);
    expect(j.scores[0].length).toBe(2);
  });

  it('maps to input pixels with --input-size (MSRA ×w/W, --udp ×(w−1)/(W−1)) and writes --out', () => {
    const a = JSON.parse(run('decode', file, '--method', 'argmax', '--input-size', '192,256').stdout);
    expect(a.keypoints[0][0]).toEqual([40, 84]);
    const out = join(dir, 'o.json');
    expect(run('decode', file, '--method', 'argmax', '--input-size', '192,256', '--udp', '--out', out).status).toBe(0);
    const u = JSON.parse(readFileSync(out, 'utf8'));
    expect(u.keypoints[0][0][0]).toBeCloseTo((10 * 191) / 47, 9);
  });

  it('exits 2 with a one-line message on bad usage or bad input', () => {
    const bad = join(dir, 'bad.npy');
    writeFileSync(bad, 'not numpy');
    for (const args of [['decode'], ['decode', file, '--method', 'nope'], ['decode', bad], ['decode', join(dir, 'missing.npy')], ['decode', file, '--blur-kernel', '4'], ['nope']]) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(r.stderr).toMatch(/^posecodec: /);
    }
  });
});
