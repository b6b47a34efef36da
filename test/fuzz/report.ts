/** Summary tables of the campaign: per function and per failure class. */
import { FAILURE_CLASSES, type CaseInfo, type CaseResult, type FailureClass } from './harness/types.js';

export interface Tally {
  cases: number;
  failed: number;
  byClass: Record<FailureClass, number>;
}

const empty = (): Tally => ({ cases: 0, failed: 0, byClass: Object.fromEntries(FAILURE_CLASSES.map((c) => [c, 0])) as Record<FailureClass, number> });

/** Tallies per function and overall; `known` cases are left out of the counts. */
export function tally(cases: readonly CaseInfo[], results: Map<number, CaseResult>, known: (c: CaseInfo) => boolean): { perFn: Map<string, Tally>; total: Tally } {
  const perFn = new Map<string, Tally>();
  const total = empty();
  for (const c of cases) {
    if (known(c)) continue;
    const t = perFn.get(c.fn) ?? empty();
    perFn.set(c.fn, t);
    const r = results.get(c.id);
    t.cases++;
    total.cases++;
    if (r && !r.ok && r.failure) {
      t.failed++;
      total.failed++;
      t.byClass[r.failure]++;
      total.byClass[r.failure]++;
    }
  }
  return { perFn, total };
}

/** The per-function table (one row per function) and the per-class totals, as text. */
export function formatTables(perFn: Map<string, Tally>, total: Tally): string {
  const cols = FAILURE_CLASSES;
  const w = Math.max(8, ...[...perFn.keys()].map((k) => k.length));
  const head = `${'function'.padEnd(w)} ${'cases'.padStart(5)} ${cols.map((c) => c.padStart(Math.max(4, c.length))).join(' ')}`;
  const row = (name: string, t: Tally) => `${name.padEnd(w)} ${String(t.cases).padStart(5)} ${cols.map((c) => String(t.byClass[c]).padStart(Math.max(4, c.length))).join(' ')}`;
  const lines = [head, ...[...perFn.entries()].map(([k, t]) => row(k, t)), row('TOTAL', total)];
  const classes = cols.map((c) => `  ${c.padEnd(12)} ${total.byClass[c]}`).join('\n');
  return `${lines.join('\n')}\n\nfailures per class (hang, oom = absurd allocation, wrongClass, notNamed = error not naming the argument, silent = silent wrong result, mutation, pollution, baseThrows = the valid call threw):\n${classes}`;
}
