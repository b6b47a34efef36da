/**
 * The campaign worker (bundled with esbuild together with the library, run in a
 * node:worker_threads Worker): lists the cases, then runs the ids it is sent,
 * posting 'start' before and 'done' after each so the parent's watchdog can
 * terminate it on a hang.
 */
import './install-guard.js';
import { parentPort } from 'node:worker_threads';
import * as api from '../../../src/index.js';
import * as gpu from '../../../src/gpu/index.js';
import * as testing from '../../../src/testing/index.js';
import { ENTRIES } from '../entries/index.js';
import { caseInfos, expandCases } from './cases.js';
import { runCase } from './run-case.js';
import type { FuzzContext } from './types.js';

const ctx: FuzzContext = { api, gpu, testing };
const cases = expandCases(ENTRIES);
const port = parentPort!;

port.on('message', async (m: { type: 'list' } | { type: 'run'; ids: number[] }) => {
  if (m.type === 'list') {
    port.postMessage({ type: 'list', cases: caseInfos(cases), exports: { api: Object.keys(api), gpu: Object.keys(gpu), testing: Object.keys(testing) } });
    return;
  }
  for (const id of m.ids) {
    port.postMessage({ type: 'start', id });
    const x = cases[id];
    let result;
    try {
      const fn = await x.entry.target(ctx);
      result = await runCase(id, fn as (...a: unknown[]) => unknown, x.c, ctx, x.base);
    } catch (e) {
      result = { id, ok: false, failure: 'baseThrows', detail: `harness: ${e instanceof Error ? e.message : String(e)}`, ms: 0 };
    }
    port.postMessage({ type: 'done', result });
  }
  port.postMessage({ type: 'idle' });
});
