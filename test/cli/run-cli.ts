/** Test helper: spawn the built CLI (`npm test` builds first) with a time limit, so a hang fails the test. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/oracle.js';

export const CLI = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  /** Exit status; null when killed by the time limit (a hang). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `posecodec ...args`; killed after `timeoutMs` (status null). */
export function runCli(args: readonly string[], timeoutMs = 15_000): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first (npm test does)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
