/**
 * `posecodec` exit codes and help (issue 12 §3): 0 ok, 2 bad usage or bad
 * input with one line on stderr, help on stdout with 0 when asked for, on
 * stderr with 2 when no command is given.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/oracle.js';
import { runCli } from './run-cli.js';

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('posecodec exit codes and help', () => {
  it('no arguments: one line on stderr naming the commands and --help, nothing on stdout, exit 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/no command given .*--help/);
  });

  it.each([['--help'], ['-h'], ['help']])('%s: the help on stdout, exit 0', (flag) => {
    const r = runCli([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: posecodec <command>/);
    expect(r.stdout).toMatch(/decode/);
    expect(r.stdout).toMatch(/coco-eval/);
    expect(r.stdout).toMatch(/bench/);
  });

  it.each([
    ['decode', /^usage: posecodec decode <heatmaps\.npy>/, ['--method', '--input-size', '--udp', '--out']],
    ['coco-eval', /^usage: posecodec coco-eval --gt/, ['--gt', '--dt', '--json']],
    ['bench', /^usage: posecodec bench/, ['--quick', '--out', '--coco', '--heatmaps', '--no-gpu']],
  ])('%s --help (and -h, help %s): that command\'s help on stdout, exit 0', (cmd, head, flags) => {
    for (const args of [[cmd, '--help'], [cmd, '-h'], ['help', cmd]]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(head);
      for (const f of flags) expect(r.stdout).toContain(f);
      expect(r.stderr).toBe('');
    }
  });

  it('--version prints the package version, exit 0', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version);
  });

  it.each([
    [['nope'], /unknown command "nope"/],
    [['help', 'nope'], /unknown command "nope"/],
    [['decode', '--bogus'], /unknown option --bogus/],
    [['decode', '-x'], /unknown option "-x"/],
    [['coco-eval', '--json'], /--gt/],
    [['coco-eval', '--gt'], /--gt needs a value/],
    [['coco-eval', '--json=1', '--gt', 'a', '--dt', 'b'], /--json takes no value/],
    [['bench', 'extra'], /no positional/],
    [['bench', '--seed', '1.5'], /--seed must be an integer/],
  ])('bad usage %j: exit 2, one line on stderr naming the problem', (args, msg) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/^posecodec: /);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });
});
