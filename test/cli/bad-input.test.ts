/**
 * Hostile inputs to the built CLI (issue 12 §1/§3): each must end within the
 * time limit with exit 2 and one line on stderr naming the input — never a
 * hang (status null), a V8 heap report or exit 0 with a wrong result.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, truncateSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpy } from '../../src/io/npy.js';
import { gaussianMaps } from '../helpers/maps.js';
import { runCli } from './run-cli.js';

/** A `.npy` version 1.0 header (no data) with the given shape text. */
function npyHeader(shape: string, descr = '<f4'): Buffer {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  h += ' '.repeat((64 - ((10 + h.length + 1) % 64)) % 64) + '\n';
  const out = Buffer.alloc(10 + h.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(out);
  out.writeUInt16LE(h.length, 8);
  out.write(h, 10, 'latin1');
  return out;
}

describe('posecodec on hostile inputs', () => {
  let dir: string;
  let ok: string;
  const f = (name: string) => join(dir, name);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'posecodec-hostile-'));
    ok = f('ok.npy');
    writeFileSync(ok, writeNpy(gaussianMaps(16, 16, [[5, 7]]).data, [1, 1, 16, 16]));
    // 128 bytes whose header claims a 2^40 × 0 × 1 × 1 array: zero elements, a 2^40 loop.
    const h = npyHeader('(1099511627776, 0, 1, 1)');
    writeFileSync(f('huge-zero.npy'), Buffer.concat([h, Buffer.alloc(Math.max(0, 128 - h.length))]));
    writeFileSync(f('rank3000.npy'), npyHeader(`(${Array(3000).fill(1).join(', ')})`));
    writeFileSync(f('empty-dim.npy'), npyHeader('(1, 0, 16, 16)'));
    writeFileSync(f('nested.json'), '['.repeat(2_000_000) + ']'.repeat(2_000_000));
    writeFileSync(f('objects.json'), '[' + Array(9_000_000 >> 3).fill('{},{},{},{},{},{},{},{}').join(',') + ']');
    writeFileSync(f('big.json'), '');
    truncateSync(f('big.json'), 300 * 2 ** 20); // sparse: no disk used
    writeFileSync(f('gt.json'), JSON.stringify({ images: [{ id: 1 }], annotations: [], categories: [{ id: 1, name: 'person' }] }));
    execFileSync('mkfifo', [f('fifo')]);
  });

  const cases: [string, () => string[], RegExp][] = [
    ['a directory as the heatmaps', () => ['decode', dir], /a directory/],
    ['a missing file', () => ['decode', f('missing.npy')], /no such file/],
    ['a path through a file', () => ['decode', join(ok, 'x.npy')], /not a directory/],
    ['/dev/zero', () => ['decode', '/dev/zero'], /a device/],
    ['a FIFO', () => ['decode', f('fifo')], /a FIFO/],
    ['a 128-byte .npy of shape (2^40, 0, 1, 1)', () => ['decode', f('huge-zero.npy')], /1099511627776/],
    ['a rank-3000 .npy header', () => ['decode', f('rank3000.npy')], /rank 3000/],
    ['heatmaps with an empty dimension', () => ['decode', f('empty-dim.npy')], /empty dimension/],
    ['--input-size 0,0', () => ['decode', ok, '--input-size', '0,0'], /--input-size must be a positive integer/],
    ['--input-size 5,-1', () => ['decode', ok, '--input-size', '5,-1'], /--input-size/],
    ['--out into a directory', () => ['decode', ok, '--out', dir], /--out/],
    ['--blur-kernel 1e9', () => ['decode', ok, '--blur-kernel', '1000000001'], /--blur-kernel/],
    ['--beta NaN', () => ['decode', ok, '--method', 'soft-argmax', '--beta', 'NaN'], /--beta/],
    ['coco-eval on a FIFO', () => ['coco-eval', '--gt', f('fifo'), '--dt', f('fifo')], /--gt .*a FIFO/],
    ['coco-eval on /dev/zero', () => ['coco-eval', '--gt', '/dev/zero', '--dt', '/dev/zero'], /a device/],
    ['coco-eval on a directory', () => ['coco-eval', '--gt', dir, '--dt', dir], /a directory/],
    ['coco-eval on JSON nested 2,000,000 deep', () => ['coco-eval', '--gt', f('nested.json'), '--dt', f('nested.json')], /nested 2000000 deep/],
    ['coco-eval on 9 million JSON objects', () => ['coco-eval', '--gt', f('gt.json'), '--dt', f('objects.json')], /--dt .*objects\/arrays, over the limit/],
    ['coco-eval on a 300 MB file', () => ['coco-eval', '--gt', f('big.json'), '--dt', f('big.json')], /over the \d+-byte limit/],
    ['coco-eval results that are not an array', () => ['coco-eval', '--gt', f('gt.json'), '--dt', f('gt.json')], /--dt .*JSON array/],
    ['coco-eval results naming an unknown image', () => {
      writeFileSync(f('dt.json'), JSON.stringify([{ image_id: 9, category_id: 1, keypoints: Array(51).fill(1), score: 1 }]));
      return ['coco-eval', '--gt', f('gt.json'), '--dt', f('dt.json')];
    }, /image_id 9/],
    ['bench --coco on a FIFO', () => ['bench', '--coco', f('fifo')], /--coco .*a FIFO/],
    ['bench --coco on a non-COCO JSON', () => ['bench', '--coco', f('dt.json')], /--coco .*not a COCO keypoint dataset/],
  ];

  it.each(cases)('%s: exit 2 within the time limit, one line on stderr', (_name, args, msg) => {
    const r = runCli(args());
    expect(r.status, `stderr: ${r.stderr.slice(0, 300)}`).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^posecodec: /);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file: exit 2 (permission denied)', () => {
    const p = f('secret.npy');
    writeFileSync(p, 'x');
    chmodSync(p, 0);
    const r = runCli(['decode', p]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/permission denied/);
  });

  it('the valid file still decodes (exit 0) and maps to input px with a positive --input-size', () => {
    expect(existsSync(ok)).toBe(true);
    const r = runCli(['decode', ok, '--method', 'argmax', '--input-size', '64,64']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).keypoints[0][0]).toEqual([20, 28]);
  });
});
