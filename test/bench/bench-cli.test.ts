/**
 * CI smoke test of `posecodec bench --quick` as an npm user runs it: the built
 * package copied under a temporary `node_modules/posecodec` (no repository
 * beside it), real heatmaps passed with `--heatmaps`, the oracle AP on
 * synthetic persons. It exits 0 and writes results.json, results.md and SVG
 * plots with sane values. Not a timed test: speed numbers are only checked
 * for being finite and positive.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/oracle.js';
import { tagsBalance } from '../helpers/well-formed.js';

const BUILT = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
const HEATMAPS = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'heatmaps');

/** Copy package.json and dist/ to `<tmp>/node_modules/posecodec` (ndarray linked beside it); returns the installed CLI. */
function installLikeNpm(tmp: string): string {
  const pkg = path.join(tmp, 'node_modules', 'posecodec');
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(pkg, 'package.json'));
  fs.cpSync(path.join(PROJECT_ROOT, 'dist'), path.join(pkg, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules', 'ndarray'), path.join(tmp, 'node_modules', 'ndarray'), 'dir');
  return path.join(pkg, 'dist', 'cli', 'main.js');
}

interface Row {
  resolution: string;
  encoder: string;
  decoder: string;
  variant: string;
  band: string;
  errors: { meanL2: number; meanAbsX: number };
}

describe('posecodec bench --quick (built CLI)', () => {
  let dir: string;
  let run: ReturnType<typeof spawnSync>;
  let results: Record<string, unknown> & { quantization: Row[] };

  beforeAll(() => {
    if (!fs.existsSync(BUILT)) throw new Error(`${BUILT} is missing: run 'npm run build' first (npm test does)`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'posecodec-bench-'));
    const cli = installLikeNpm(tmp);
    dir = path.join(tmp, 'out');
    const heatmaps = fs.existsSync(HEATMAPS) ? ['--heatmaps', HEATMAPS] : [];
    run = spawnSync(process.execPath, [cli, 'bench', '--quick', '--no-gpu', '--out', dir, ...heatmaps], { encoding: 'utf8', timeout: 120_000, cwd: tmp });
    if (run.status === 0) results = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
  }, 150_000);

  const cell = (res: string, enc: string, dec: string) => results.quantization.find((r) => r.resolution === res && r.encoder === enc && r.decoder === dec && r.variant === 'clean' && r.band === 'interior')!.errors;

  it('exits 0, prints the tables on stdout and progress on stderr, with no warning about missing data', () => {
    expect(run.stderr, String(run.stderr)).not.toMatch(/posecodec: /);
    expect(run.stderr).not.toMatch(/not found|node_modules/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('== Round-trip error, clean targets ==');
    expect(run.stdout).toContain('== Decoder speed (CPU) ==');
    expect(run.stderr).toMatch(/\[quantization error \d+\/\d+\]/);
  });

  it('writes results.json, results.md and well-formed SVG plots', () => {
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['results.json', 'results.md', 'error-vs-resolution.svg', 'speed.svg', 'heatmap-decoders.svg']));
    for (const f of files.filter((n) => n.endsWith('.svg'))) expect(tagsBalance(fs.readFileSync(path.join(dir, f), 'utf8')), f).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'results.md'), 'utf8')).toMatch(/\| decoder \|/);
  });

  it('UDP + DARK-UDP and unbiased + DARK round-trip within 0.01 px at 64×48 (codecs.md §8.3: 0.0003 / 0.0013)', () => {
    expect(cell('64x48-s2', 'udp', 'dark-udp-k11').meanL2).toBeLessThan(0.01);
    expect(cell('64x48-s2', 'unbiased', 'dark-k11').meanL2).toBeLessThan(0.01);
  });

  it('MSRA + argmax has the analytic per-axis error s/4 = 1 input px at stride 4 (within sampling noise)', () => {
    const e = cell('64x48-s2', 'msra', 'argmax');
    expect(e.meanAbsX).toBeGreaterThan(0.85);
    expect(e.meanAbsX).toBeLessThan(1.15);
  });

  it('flip bias is −(s−1)/2 = −1.5 px for MSRA, +0.5 with the shift, 0 for UDP (64×48)', () => {
    const flip = results.flip as { resolution: string; setting: string; biasX: number }[];
    const f = (s: string) => flip.find((r) => r.resolution === '64x48-s2' && r.setting === s)!.biasX;
    expect(f('msra')).toBeCloseTo(-1.5, 1);
    expect(f('msra-shift')).toBeCloseTo(0.5, 1);
    expect(Math.abs(f('udp'))).toBeLessThan(0.01);
  });

  it('speed rows are finite and positive, with the summing loop measured beside each', () => {
    const speed = results.speed as { timing: { medianMs: number }; baseline: { medianMs: number }; ratio: number }[];
    expect(speed.length).toBeGreaterThan(0);
    for (const r of speed) {
      expect(r.timing.medianMs).toBeGreaterThan(0);
      expect(r.baseline.medianMs).toBeGreaterThan(0);
      expect(Number.isFinite(r.ratio)).toBe(true);
    }
  });

  it('runs the oracle OKS-AP on synthetic persons without the repository (perfect-decoder pairs score AP > 0.9 at 64×48)', () => {
    expect(String(results.oracleApGroundTruth)).toMatch(/^synthetic persons .*--coco/);
    expect(run.stdout).toMatch(/Ground truth: synthetic persons/);
    const ap = results.oracleAp as { resolution: string; encoder: string; decoder: string; stats: number[] }[];
    const udp = ap.find((r) => r.resolution === '64x48-s2' && r.encoder === 'udp' && r.decoder === 'dark-udp-k11')!;
    expect(udp.stats[0]).toBeGreaterThan(0.9);
  });

  it('runs the real-network-heatmaps section from --heatmaps (README figure: argmax 10.7 px on 135 joints)', () => {
    if (!fs.existsSync(HEATMAPS)) {
      expect(results.realHeatmaps).toBeNull();
      expect(String(results.realHeatmapsSkipped)).toMatch(/--heatmaps/);
      return;
    }
    const rows = results.realHeatmaps as { set: string; decoder: string; joints: number; meanPx: number }[];
    const a = rows.find((r) => r.set === 'efficientpose-s4' && r.decoder === 'argmax')!;
    expect(a.joints).toBe(135);
    expect(a.meanPx).toBeCloseTo(10.7, 0);
    expect(rows.some((r) => r.set === 'movenet' && r.decoder === 'model-own')).toBe(true);
    expect(run.stdout).toContain('== Real network heatmaps ==');
    expect(fs.readFileSync(path.join(dir, 'results.md'), 'utf8')).toContain('## Real network heatmaps');
  });

  it('rejects bad usage with exit 2 and one line on stderr', () => {
    for (const [args, flag] of [
      [['--seed', 'x'], '--seed'],
      [['--coco', path.join(dir, 'missing.json')], '--coco'],
      [['--coco', path.join(dir, 'results.md')], '--coco'],
      [['--heatmaps', dir], '--heatmaps'],
      [['--out', path.join(dir, 'results.md')], '--out'],
    ] as const) {
      const bad = spawnSync(process.execPath, [BUILT, 'bench', ...args], { encoding: 'utf8', timeout: 20_000 });
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain(flag);
    }
  });
});
