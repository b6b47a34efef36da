/**
 * Runs the campaign in worker threads with a watchdog: each case has a time
 * limit; on a hang (no 'done' in time) the worker is terminated, the case is
 * recorded as a hang and a fresh worker takes the remaining ids. A worker that
 * dies (heap limit) records the running case as an out-of-memory failure.
 */
import { Worker } from 'node:worker_threads';
import type { CaseInfo, CaseResult } from './types.js';

export interface PoolOptions {
  bundle: string;
  workers: number;
  caseTimeoutMs: number;
  /** Heap limit of each worker (MiB). */
  heapMb?: number;
}

function spawn(bundle: string, heapMb: number): Worker {
  return new Worker(bundle, { stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

/** The case list and the export names the bundle sees. */
export function listCases(opts: PoolOptions): Promise<{ cases: CaseInfo[]; exports: Record<string, string[]> }> {
  const w = spawn(opts.bundle, opts.heapMb ?? 2048);
  return new Promise((resolve, reject) => {
    w.once('error', reject);
    w.on('message', (m) => {
      if (m.type === 'list') {
        void w.terminate();
        resolve({ cases: m.cases, exports: m.exports });
      }
    });
    w.postMessage({ type: 'list' });
  });
}

/** Run `ids` on one worker lane, restarting after hangs and crashes. */
function lane(opts: PoolOptions, ids: number[], results: Map<number, CaseResult>): Promise<void> {
  return new Promise((resolve) => {
    let queue = ids.slice();
    const next = () => {
      queue = queue.filter((id) => !results.has(id));
      if (queue.length === 0) return resolve();
      const w = spawn(opts.bundle, opts.heapMb ?? 2048);
      w.stdout.resume();
      w.stderr.resume();
      let current: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;
      const end = (why: CaseResult['failure'], detail: string) => {
        if (finished) return;
        finished = true;
        if (timer) clearTimeout(timer);
        if (current !== undefined && !results.has(current)) results.set(current, { id: current, ok: false, failure: why, detail, ms: opts.caseTimeoutMs });
        void w.terminate().then(next);
      };
      w.on('message', (m) => {
        if (m.type === 'start') {
          current = m.id;
          timer = setTimeout(() => end('hang', `no result within ${opts.caseTimeoutMs} ms (worker terminated)`), opts.caseTimeoutMs);
        } else if (m.type === 'done') {
          if (timer) clearTimeout(timer);
          results.set(m.result.id, m.result);
          current = undefined;
        } else if (m.type === 'idle') {
          finished = true;
          void w.terminate().then(next);
        }
      });
      w.on('error', (e) => end(/memory/i.test(String((e as Error).message) + String((e as { code?: string }).code)) ? 'oom' : 'wrongClass', `worker died: ${(e as Error).message}`));
      w.on('exit', (code) => {
        if (!finished) end('oom', `worker exited with code ${code}`);
      });
      w.postMessage({ type: 'run', ids: queue });
    };
    next();
  });
}

/** Run every id on `opts.workers` lanes (interleaved so slow functions spread). */
export async function runPool(opts: PoolOptions, ids: number[]): Promise<Map<number, CaseResult>> {
  const results = new Map<number, CaseResult>();
  const lanes: number[][] = Array.from({ length: opts.workers }, () => []);
  const chunk = 64;
  for (let i = 0; i < ids.length; i += chunk) lanes[(i / chunk) % opts.workers].push(...ids.slice(i, i + chunk));
  await Promise.all(lanes.map((l) => lane(opts, l, results)));
  return results;
}
