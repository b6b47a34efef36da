/**
 * The bad-input campaign over every public function (test/fuzz/entries): each
 * case runs in a worker thread under a watchdog (a hang fails that case, not
 * the suite), with an allocation guard (> 1 GiB = absurd allocation) and
 * mutation / prototype-pollution checks. Prints a table per function and per
 * failure class; every class must be 0 (KNOWN_FAILURES are printed apart).
 * FUZZ_FILTER=<substring of fn> runs a subset; FUZZ_VERBOSE=1 lists every failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { buildWorker } from './harness/build.js';
import { listCases, runPool } from './harness/pool.js';
import type { CaseInfo, CaseResult } from './harness/types.js';
import { FAILURE_CLASSES } from './harness/types.js';
import { KNOWN_FAILURES } from './entries/index.js';
import { formatTables, tally } from './report.js';

const CASE_TIMEOUT_MS = 4000;
let bundle = '';
let cases: CaseInfo[] = [];
let results = new Map<number, CaseResult>();
const keyOf = (c: CaseInfo) => `${c.fn} :: ${c.name}`;
const isKnown = (c: CaseInfo) => keyOf(c) in KNOWN_FAILURES || c.fn in KNOWN_FAILURES;

beforeAll(async () => {
  bundle = await buildWorker();
  cases = (await listCases({ bundle, workers: 1, caseTimeoutMs: CASE_TIMEOUT_MS })).cases;
  const filter = process.env.FUZZ_FILTER;
  const ids = cases.filter((c) => !filter || c.fn.includes(filter)).map((c) => c.id);
  results = await runPool({ bundle, workers: 2, caseTimeoutMs: CASE_TIMEOUT_MS }, ids);
}, 300_000);

afterAll(() => {
  if (bundle) rmSync(bundle, { force: true });
});

describe('bad-input campaign (worker threads, per-case watchdog)', () => {
  it('every case ran and every failure class is 0 for every public function', () => {
    const ran = cases.filter((c) => results.has(c.id));
    const known = isKnown;
    const { perFn, total } = tally(ran, results, known);
    const failures = ran.filter((c) => !known(c) && !results.get(c.id)!.ok);
    const stillKnown = ran.filter((c) => known(c) && !results.get(c.id)!.ok);
    // A whole-function key is stale when none of its cases fails any more.
    const fixedKnown = ran.filter((c) => keyOf(c) in KNOWN_FAILURES && results.get(c.id)!.ok);
    const staleFns = Object.keys(KNOWN_FAILURES).filter((k) => !k.includes(' :: ') && ran.some((c) => c.fn === k) && ran.every((c) => c.fn !== k || results.get(c.id)!.ok));
    console.log(`\n${formatTables(perFn, total)}\n`);
    if (stillKnown.length) console.log(`KNOWN_FAILURES still failing (${stillKnown.length}):\n${stillKnown.map((c) => `  ${keyOf(c)} -> ${results.get(c.id)!.failure}: ${results.get(c.id)!.detail}`).join('\n')}`);
    const show = process.env.FUZZ_VERBOSE ? failures : failures.slice(0, 80);
    if (failures.length) console.log(`failures (${failures.length}${show.length < failures.length ? `, first ${show.length}` : ''}):\n${show.map((c) => `  [${results.get(c.id)!.failure}] ${keyOf(c)} (${c.family}): ${results.get(c.id)!.detail}`).join('\n')}`);
    if (process.env.FUZZ_OUT) writeFileSync(process.env.FUZZ_OUT, JSON.stringify({ table: formatTables(perFn, total), failures: failures.map((c) => ({ ...c, ...results.get(c.id) })) }, null, 1));
    expect(ran.length, 'cases that ran').toBeGreaterThan(0);
    expect([...fixedKnown.map(keyOf), ...staleFns], 'KNOWN_FAILURES that pass now (remove them from the list)').toEqual([]);
    for (const cls of FAILURE_CLASSES) expect(total.byClass[cls], `failure class ${cls}`).toBe(0);
  });
});
