/**
 * CLI bad-input campaign: spawns the built CLI (`node dist/cli/main.js`,
 * built with `npx tsup` when missing) with a timeout per case. Bad flags, bad
 * paths (directory, nonexistent, unreadable, /dev/zero, a FIFO), truncated /
 * garbage / huge-header / wrong-dtype .npy, malformed and deeply nested JSON,
 * `--input-size 0,0`: each must exit 2 with a one-line stderr message (1 is an
 * internal bug, 0 success). Prints a table per failure class; all must be 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { npy } from './entries/io-render-gpu.js';
import { cocoDt, cocoGt } from './entries/metrics.js';
import { KNOWN_CLI_FAILURES } from './cli-known.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const TIMEOUT_MS = 8000;
let dir = '';

interface CliCase {
  name: string;
  args: () => string[];
  /** Expected exit code (2 by default). */
  code?: number;
}
interface CliResult {
  code: number | null;
  stderr: string;
  hung: boolean;
}

function run(args: string[]): Promise<CliResult> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr.length < 100_000 ? (stderr += d) : undefined));
    const t = setTimeout(() => p.kill('SIGKILL'), TIMEOUT_MS);
    p.on('close', (code, signal) => {
      clearTimeout(t);
      res({ code, stderr, hung: signal === 'SIGKILL' });
    });
  });
}

const f = (name: string) => join(dir, name);
const dict = (descr: string, shape: string) => `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
const f32 = (n: number) => new Uint8Array(new Float32Array(n).fill(0.5).buffer);

function setup(): void {
  dir = mkdtempSync(join(tmpdir(), 'posecodec-cli-fuzz-'));
  writeFileSync(f('ok.npy'), npy(dict('<f4', '(2, 8, 8)'), f32(128)));
  writeFileSync(f('truncated.npy'), npy(dict('<f4', '(2, 8, 8)'), f32(10)));
  writeFileSync(f('truncated-header.npy'), npy(dict('<f4', '(2, 8, 8)')).slice(0, 20));
  writeFileSync(f('garbage.npy'), Uint8Array.from({ length: 256 }, (_, i) => (i * 97) % 256));
  writeFileSync(f('huge-header.npy'), npy(dict('<f4', '(1099511627776, 0, 1, 1)')));
  writeFileSync(f('huge-shape.npy'), npy(dict('<f4', '(65536, 65536, 16, 16)')));
  writeFileSync(f('rank3000.npy'), npy(dict('<f4', `(${Array(3000).fill('1').join(', ')})`), f32(1)));
  writeFileSync(f('int.npy'), npy(dict('<i4', '(2, 8, 8)'), f32(128)));
  writeFileSync(f('unicode.npy'), npy(dict('<U4', '(2,)'), new Uint8Array(32)));
  writeFileSync(f('rank2.npy'), npy(dict('<f4', '(8, 8)'), f32(64)));
  writeFileSync(f('empty'), '');
  writeFileSync(f('gt.json'), JSON.stringify(cocoGt()));
  writeFileSync(f('dt.json'), JSON.stringify(cocoDt()));
  writeFileSync(f('bad.json'), '{"images": [1, 2');
  writeFileSync(f('nested.json'), '['.repeat(200_000) + ']'.repeat(200_000));
  writeFileSync(f('dt-object.json'), '{"not": "an array"}');
  writeFileSync(f('gt-typo.json'), JSON.stringify({ ...cocoGt(), annotations: 'typo' }));
  writeFileSync(f('proto.json'), '{"__proto__": {"polluted": 1}, "images": [], "annotations": [], "categories": []}');
  writeFileSync(f('unreadable.npy'), npy(dict('<f4', '(2, 8, 8)'), f32(128)));
  chmodSync(f('unreadable.npy'), 0o000);
  try {
    execFileSync('mkfifo', [f('fifo.npy')]);
  } catch {
    /* no mkfifo: the FIFO case reports it */
  }
}

const CASES: CliCase[] = [
  { name: 'no arguments', args: () => [] },
  { name: 'unknown command', args: () => ['typo'] },
  { name: 'unknown flag', args: () => ['decode', f('ok.npy'), '--typo'] },
  { name: 'decode without a file', args: () => ['decode'] },
  { name: 'decode --method typo', args: () => ['decode', f('ok.npy'), '--method', 'typo'] },
  { name: 'decode --blur-kernel 4', args: () => ['decode', f('ok.npy'), '--method', 'dark', '--blur-kernel', '4'] },
  { name: 'decode --blur-kernel abc', args: () => ['decode', f('ok.npy'), '--method', 'dark', '--blur-kernel', 'abc'] },
  { name: 'decode --blur-kernel 1e308', args: () => ['decode', f('ok.npy'), '--method', 'dark', '--blur-kernel', '1e308'] },
  { name: 'decode --beta NaN', args: () => ['decode', f('ok.npy'), '--method', 'soft-argmax', '--beta', 'NaN'] },
  { name: 'decode --beta missing value', args: () => ['decode', f('ok.npy'), '--beta'] },
  { name: 'decode --input-size 0,0', args: () => ['decode', f('ok.npy'), '--input-size', '0,0'] },
  { name: 'decode --input-size 1e308,1', args: () => ['decode', f('ok.npy'), '--input-size', '1e308,1'] },
  { name: 'decode --input-size -5,8', args: () => ['decode', f('ok.npy'), '--input-size', '-5,8'] },
  { name: 'decode --input-size abc', args: () => ['decode', f('ok.npy'), '--input-size', 'abc'] },
  { name: 'decode a directory', args: () => ['decode', dir] },
  { name: 'decode a nonexistent file', args: () => ['decode', f('nonexistent.npy')] },
  // As root, mode 000 does not stop reading: the case then expects success.
  { name: 'decode an unreadable file', args: () => ['decode', f('unreadable.npy')], code: process.getuid?.() === 0 ? 0 : 2 },
  { name: 'decode /dev/zero', args: () => ['decode', '/dev/zero'] },
  { name: 'decode a FIFO', args: () => ['decode', f('fifo.npy')] },
  { name: 'decode an empty file', args: () => ['decode', f('empty')] },
  { name: 'decode a truncated .npy', args: () => ['decode', f('truncated.npy')] },
  { name: 'decode a truncated .npy header', args: () => ['decode', f('truncated-header.npy')] },
  { name: 'decode garbage', args: () => ['decode', f('garbage.npy')] },
  { name: 'decode a huge-header .npy (2^40, 0, 1, 1)', args: () => ['decode', f('huge-header.npy')] },
  { name: 'decode a huge-shape .npy (65536, 65536, 16, 16)', args: () => ['decode', f('huge-shape.npy')] },
  { name: 'decode a rank-3000 .npy header', args: () => ['decode', f('rank3000.npy')] },
  { name: 'decode an int32 .npy', args: () => ['decode', f('int.npy')] },
  { name: 'decode a <U4 .npy', args: () => ['decode', f('unicode.npy')] },
  { name: 'decode a rank-2 .npy', args: () => ['decode', f('rank2.npy')] },
  { name: 'decode --out into a nonexistent directory', args: () => ['decode', f('ok.npy'), '--out', f('no/such/dir/out.json')] },
  { name: 'decode ok (exit 0)', args: () => ['decode', f('ok.npy')], code: 0 },
  { name: 'coco-eval without --gt', args: () => ['coco-eval', '--dt', f('dt.json')] },
  { name: 'coco-eval --gt a directory', args: () => ['coco-eval', '--gt', dir, '--dt', f('dt.json')] },
  { name: 'coco-eval --gt nonexistent', args: () => ['coco-eval', '--gt', f('nope.json'), '--dt', f('dt.json')] },
  { name: 'coco-eval --gt /dev/zero', args: () => ['coco-eval', '--gt', '/dev/zero', '--dt', f('dt.json')] },
  { name: 'coco-eval --gt a FIFO', args: () => ['coco-eval', '--gt', f('fifo.npy'), '--dt', f('dt.json')] },
  { name: 'coco-eval --gt malformed JSON', args: () => ['coco-eval', '--gt', f('bad.json'), '--dt', f('dt.json')] },
  { name: 'coco-eval --gt deeply nested JSON', args: () => ['coco-eval', '--gt', f('nested.json'), '--dt', f('dt.json')] },
  { name: 'coco-eval --gt annotations "typo"', args: () => ['coco-eval', '--gt', f('gt-typo.json'), '--dt', f('dt.json')] },
  { name: 'coco-eval --gt with __proto__ keys', args: () => ['coco-eval', '--gt', f('proto.json'), '--dt', f('dt.json')] },
  { name: 'coco-eval --dt an object', args: () => ['coco-eval', '--gt', f('gt.json'), '--dt', f('dt-object.json')] },
  { name: 'coco-eval --dt malformed', args: () => ['coco-eval', '--gt', f('gt.json'), '--dt', f('bad.json')] },
  { name: 'coco-eval ok (exit 0)', args: () => ['coco-eval', '--gt', f('gt.json'), '--dt', f('dt.json')], code: 0 },
  { name: 'coco-analyze --gt nonexistent', args: () => ['coco-analyze', '--gt', f('nope.json'), '--dt', f('dt.json')] },
  { name: 'coco-analyze --dt malformed', args: () => ['coco-analyze', '--gt', f('gt.json'), '--dt', f('bad.json')] },
  { name: 'coco-analyze --out a file path under a file', args: () => ['coco-analyze', '--gt', f('gt.json'), '--dt', f('dt.json'), '--out', f('gt.json/sub')] },
  { name: 'bench --typo', args: () => ['bench', '--typo'] },
  { name: 'decode --help (exit 0)', args: () => ['decode', '--help'], code: 0 },
  { name: 'coco-eval --help (exit 0)', args: () => ['coco-eval', '--help'], code: 0 },
];

type CliFailure = 'hang' | 'internalBug' | 'wrongExit' | 'notOneLine';
const results = new Map<string, { r: CliResult; failure?: CliFailure }>();

function classify(c: CliCase, r: CliResult): CliFailure | undefined {
  const want = c.code ?? 2;
  if (r.hung) return 'hang';
  if (r.code !== want) return r.code === 1 || r.code === null ? 'internalBug' : 'wrongExit';
  if (want === 2 && r.stderr.trim().split('\n').length !== 1) return 'notOneLine';
  return undefined;
}

beforeAll(async () => {
  if (!existsSync(CLI)) execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
  setup();
  const queue = CASES.slice();
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const r = await run(c.args());
      results.set(c.name, { r, failure: classify(c, r) });
    }
  };
  await Promise.all([worker(), worker()]);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CLI bad-input campaign (child process per case, timeout)', () => {
  it('every case exits 2 with a one-line stderr message (0 where it should succeed)', () => {
    const classes: CliFailure[] = ['hang', 'internalBug', 'wrongExit', 'notOneLine'];
    const count = Object.fromEntries(classes.map((c) => [c, 0])) as Record<CliFailure, number>;
    const lines: string[] = [];
    const known: string[] = [];
    for (const c of CASES) {
      const { r, failure } = results.get(c.name)!;
      if (!failure) continue;
      const line = `  [${failure}] ${c.name}: exit ${r.code}${r.hung ? ' (killed after timeout)' : ''}, stderr ${JSON.stringify(r.stderr.trim().slice(0, 160))}`;
      if (c.name in KNOWN_CLI_FAILURES) known.push(line);
      else {
        count[failure]++;
        lines.push(line);
      }
    }
    console.log(`\nCLI campaign: ${CASES.length} cases\n${classes.map((c) => `  ${c.padEnd(12)} ${count[c]}`).join('\n')}`);
    if (known.length) console.log(`KNOWN_CLI_FAILURES still failing (${known.length}):\n${known.join('\n')}`);
    if (lines.length) console.log(`failures:\n${lines.join('\n')}`);
    const fixed = Object.keys(KNOWN_CLI_FAILURES).filter((n) => results.get(n) && !results.get(n)!.failure);
    expect(fixed, 'KNOWN_CLI_FAILURES that pass now (remove them)').toEqual([]);
    for (const c of classes) expect(count[c], `CLI failure class ${c}`).toBe(0);
  });
});
