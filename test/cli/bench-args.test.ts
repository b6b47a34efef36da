/**
 * `posecodec bench` arguments and data lookup: a checkout finds ../shared, an
 * installed package (under node_modules) never looks there; --coco and
 * --heatmaps are checked before the benchmark is loaded.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchRequest, checkoutDataDir, packageRoot, benchEntryFile } from '../../src/cli/bench.js';
import { UsageError } from '../../src/cli/usage.js';
import { PROJECT_ROOT, SHARED } from '../helpers/oracle.js';

const HAVE_SHARED = existsSync(join(SHARED, 'data', 'coco', 'test_coco.json'));

describe('posecodec bench arguments', () => {
  it('packageRoot finds the folder holding package.json; the bench entry is dist/bench/main.js', () => {
    expect(packageRoot(join(PROJECT_ROOT, 'src', 'cli', 'bench.ts'))).toBe(PROJECT_ROOT);
    expect(benchEntryFile(PROJECT_ROOT)).toBe(join(PROJECT_ROOT, 'dist', 'bench', 'main.js'));
  });

  it.skipIf(!HAVE_SHARED)('in the checkout: ../shared/data gives the COCO annotations and the real heatmaps', () => {
    expect(checkoutDataDir(PROJECT_ROOT)).toBe(join(SHARED, 'data'));
    const r = benchRequest(['--quick'], PROJECT_ROOT);
    expect(r.quick).toBe(true);
    expect(r.coco?.file).toBe(join(SHARED, 'data', 'coco', 'test_coco.json'));
    expect(Array.isArray(r.coco?.data.annotations)).toBe(true);
    expect(r.heatmapsDir).toBe(join(SHARED, 'data', 'heatmaps'));
  });

  it('installed under node_modules: no ../shared lookup, synthetic ground truth, the heatmaps section says how to enable it', () => {
    const root = join(tmpdir(), 'x', 'node_modules', 'posecodec');
    expect(checkoutDataDir(root)).toBeNull();
    const r = benchRequest([], root);
    expect(r.coco).toBeNull();
    expect(r.heatmapsDir).toBeNull();
    expect(r.heatmapsMissing).toMatch(/--heatmaps DIR/);
    expect(r.gpu).toBe(true);
  });

  it.skipIf(!HAVE_SHARED)('--coco and --heatmaps work from an installed package', () => {
    const root = join(tmpdir(), 'x', 'node_modules', 'posecodec');
    const r = benchRequest(['--coco', join(SHARED, 'data', 'coco', 'test_coco.json'), '--heatmaps', join(SHARED, 'data', 'heatmaps'), '--no-gpu', '--seed', '5', '--out', 'o'], root);
    expect(r.coco?.data.images.length).toBeGreaterThan(0);
    expect(r.heatmapsDir).toBe(join(SHARED, 'data', 'heatmaps'));
    expect(r.gpu).toBe(false);
    expect(r.seed).toBe(5);
    expect(r.out).toMatch(/[/\\]o$/);
  });

  it.each([
    [['--coco', '/no/such.json'], /--coco .*no such file/],
    [['--coco', '/dev/zero'], /--coco .*a device/],
    [['--heatmaps', '/no/such/dir'], /--heatmaps .*efficientpose/],
    [['--seed', 'abc'], /--seed/],
    [['--seed', '1e3'], /--seed/],
    [['--bogus'], /unknown option --bogus/],
    [['x'], /no positional/],
  ])('%j: UsageError naming the flag', (args, msg) => {
    const root = join(tmpdir(), 'x', 'node_modules', 'posecodec');
    expect(() => benchRequest(args, root)).toThrow(UsageError);
    expect(() => benchRequest(args, root)).toThrow(msg);
  });

  it('--out naming an existing file is refused', () => {
    const d = mkdtempSync(join(tmpdir(), 'posecodec-out-'));
    writeFileSync(join(d, 'f'), '');
    expect(() => benchRequest(['--out', join(d, 'f')], join(d, 'node_modules', 'p'))).toThrow(/--out .*not a directory/);
  });
});
