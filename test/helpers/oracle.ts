/**
 * Walks the golden cases in `../shared/oracle/<family>/` (beside the project
 * root, read-only, never copied into the repo) and loads their `.npy` arrays.
 *
 * ## The oracle-fns marker (read by test/oracle-coverage.test.ts)
 * Every golden suite declares, in its own source, the (family, fn) pairs it
 * runs, one line per family, starting at the beginning of a line:
 *
 *     // oracle-fns: codec-hard decode.argmax decode.quarter decode.dark decode.darkUdp blur
 *
 * i.e. `// oracle-fns: <family folder> <fn> <fn> ...` (space separated; a
 * line may be repeated to continue a long list). The coverage test scans
 * every file under `test/` for these lines statically (it never imports a
 * suite) and fails when a folder of `../shared/oracle` holds a manifest whose
 * `fn` no suite declares and its `PENDING` table does not list. A suite must
 * then really run every declared pair: call {@link expectManifestCounts}
 * (one case per manifest, counted from the directory) and fail on any
 * manifest fn of its family it does not handle.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NdArray } from 'ndarray';
import { readNpy } from '../../src/io/npy.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED = resolve(PROJECT_ROOT, '../shared');
export const ORACLE = join(SHARED, 'oracle');

export type OracleValue = NdArray<Float32Array | Float64Array | Uint8Array> | unknown;

export interface OracleCase {
  name: string;
  fn: string;
  params: Record<string, unknown>;
  inputs: Record<string, OracleValue>;
  expected: Record<string, OracleValue>;
}

function resolveValues(dir: string, obj: Record<string, unknown> | undefined): Record<string, OracleValue> {
  const out: Record<string, OracleValue> = {};
  for (const [k, v] of Object.entries(obj ?? {})) {
    out[k] = typeof v === 'string' && v.endsWith('.npy') ? readNpy(readFileSync(join(dir, v)), { allowInteger: true }) : v;
  }
  return out;
}

/** All cases of `family` whose `fn` satisfies `match`, sorted by file name. */
export function loadOracleCases(family: string, match: (fn: string) => boolean): OracleCase[] {
  const dir = join(ORACLE, family);
  if (!existsSync(dir)) throw new Error(`golden cases not found at ${dir}: ../shared must sit beside the project root`);
  const cases: OracleCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const manifest = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!match(manifest.fn)) continue;
    cases.push({
      name: file.replace(/\.json$/, ''),
      fn: manifest.fn,
      params: manifest.params ?? {},
      inputs: resolveValues(dir, manifest.inputs),
      expected: resolveValues(dir, manifest.expected),
    });
  }
  return cases;
}

/** Largest |a − b| over two flat arrays (NaN-aware: NaN == NaN counts as 0, NaN vs number as Infinity). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
      continue;
    }
    const d = Math.abs(x - y);
    if (d > m) m = d;
  }
  return m;
}

/** C-order flat copy of an ndarray's values (any strides). */
export function flat(a: NdArray): number[] {
  const out: number[] = [];
  const { shape } = a;
  const idx = new Array(shape.length).fill(0);
  const n = shape.reduce((p, s) => p * s, 1);
  for (let i = 0; i < n; i++) {
    out.push(a.get(...idx) as number);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Per-function tally of golden cases (passed / total, largest error seen),
 * printed after a suite so that parity numbers can be quoted. Start a case
 * with `start(fn)`, record each error with the returned function before
 * asserting on it, and call `pass(fn)` after the last assertion.
 */
export class GoldenTally {
  private readonly rows = new Map<string, { passed: number; total: number; maxErr: number }>();

  start(fn: string): (err: number) => void {
    const t = this.rows.get(fn) ?? { passed: 0, total: 0, maxErr: 0 };
    this.rows.set(fn, t);
    t.total++;
    return (err) => {
      t.maxErr = Math.max(t.maxErr, err);
    };
  }

  pass(fn: string): void {
    this.rows.get(fn)!.passed++;
  }

  /** Cases started per fn (for {@link expectManifestCounts}). */
  totals(): Map<string, number> {
    return new Map([...this.rows].map(([fn, t]) => [fn, t.total]));
  }

  /** Largest error recorded for `fn` (0 when none). */
  maxError(fn: string): number {
    return this.rows.get(fn)?.maxErr ?? 0;
  }

  /** `[golden] fn: passed/total passed, max error e` per function, sorted. */
  print(what = 'max error'): void {
    for (const [fn, t] of [...this.rows].sort()) console.log(`[golden] ${fn}: ${t.passed}/${t.total} passed, ${what} ${t.maxErr.toExponential(2)}`);
  }
}

/** Number of manifests per `fn` in `../shared/oracle/<family>/`, read from the directory itself. */
export function manifestCounts(family: string): Map<string, number> {
  const dir = join(ORACLE, family);
  if (!existsSync(dir)) throw new Error(`golden cases not found at ${dir}: ../shared must sit beside the project root`);
  const counts = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const fn = String(JSON.parse(readFileSync(join(dir, file), 'utf8')).fn);
    counts.set(fn, (counts.get(fn) ?? 0) + 1);
  }
  return counts;
}

/**
 * The `// oracle-fns:` declarations of a source text (see the module doc):
 * `family → fns`.
 */
export function parseOracleFnMarkers(source: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of source.matchAll(/^[ \t]*\/\/ oracle-fns:[ \t]+(\S+)((?:[ \t]+\S+)+)[ \t]*$/gm)) {
    const set = out.get(m[1]) ?? new Set<string>();
    for (const fn of m[2].trim().split(/\s+/)) set.add(fn);
    out.set(m[1], set);
  }
  return out;
}

/**
 * Throws unless `ran` (fn → cases run, e.g. {@link GoldenTally.totals}) equals,
 * for every fn of `fns`, the number of manifests of `family` with that fn, and
 * every manifest fn of the family is in `fns` or `elsewhere` (fns another
 * suite reads). An fn with no manifest at all also fails (a renamed fn).
 */
export function expectManifestCounts(family: string, fns: readonly string[], ran: Map<string, number>, elsewhere: readonly string[] = []): void {
  const present = manifestCounts(family);
  const problems: string[] = [];
  for (const fn of fns) {
    const want = present.get(fn) ?? 0;
    const got = ran.get(fn) ?? 0;
    if (want === 0) problems.push(`${family}/${fn}: no manifest has this fn`);
    else if (got !== want) problems.push(`${family}/${fn}: ran ${got} cases, ${want} manifests present`);
  }
  for (const fn of present.keys()) if (!fns.includes(fn) && !elsewhere.includes(fn)) problems.push(`${family}/${fn}: ${present.get(fn)} manifests that this suite does not handle`);
  for (const fn of ran.keys()) if (!fns.includes(fn)) problems.push(`${family}/${fn}: ran but not declared`);
  if (problems.length) throw new Error(`golden manifest count mismatch:\n  ${problems.join('\n  ')}`);
}
