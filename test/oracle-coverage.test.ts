/**
 * Every golden case in ../shared/oracle is read by some suite: for each
 * family folder, every manifest `fn` must be declared by a golden suite's
 * `// oracle-fns: <family> <fn> ...` marker (format: test/helpers/oracle.ts)
 * or listed in {@link PENDING} with the issue that will add its suite.
 *
 * The markers are found by scanning the test sources as text, so this test
 * imports no suite and runs in well under a second. Each suite itself checks
 * that it runs one case per manifest of the fns it declares
 * (`expectManifestCounts`).
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORACLE, PROJECT_ROOT, manifestCounts, parseOracleFnMarkers } from './helpers/oracle.js';

/**
 * Oracle fns no suite reads yet, by family, with the issue that adds the
 * suite. `'*'`: every fn of the family. The helper who lands a suite adds its
 * `// oracle-fns:` lines and removes its entries here (a stale entry fails).
 */
const PENDING: Readonly<Record<string, { issue: number; fns: readonly string[] | '*' }>> = {};

/** Every file under `dir` (recursive) whose name ends in .ts or .mjs, skipping node_modules. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** family → fn → files declaring it. */
function declarations(): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(join(PROJECT_ROOT, 'test'))) {
    if (file.endsWith('oracle-coverage.test.ts') || file.endsWith(join('helpers', 'oracle.ts'))) continue;
    for (const [family, fns] of parseOracleFnMarkers(readFileSync(file, 'utf8'))) {
      const byFn = out.get(family) ?? new Map<string, string[]>();
      for (const fn of fns) byFn.set(fn, [...(byFn.get(fn) ?? []), relative(PROJECT_ROOT, file)]);
      out.set(family, byFn);
    }
  }
  return out;
}

const families = readdirSync(ORACLE).filter((f) => statSync(join(ORACLE, f)).isDirectory() && readdirSync(join(ORACLE, f)).some((n) => n.endsWith('.json')));
const declared = declarations();

describe('oracle coverage: every manifest fn in ../shared/oracle is read by a golden suite', () => {
  it('finds the oracle families and at least the codec, codec-hard, heatmap-codecs and metrics suites', () => {
    expect(existsSync(ORACLE)).toBe(true);
    expect(families.length).toBeGreaterThanOrEqual(11);
    for (const f of ['codec', 'codec-hard', 'heatmap-codecs', 'metrics']) expect(declared.has(f), f).toBe(true);
  });

  it('the marker parser reads family and fns from a line, and ignores other comments', () => {
    const m = parseOracleFnMarkers('x\n// oracle-fns: fam a.b c\n  // oracle-fns: fam d\n * // oracle-fns: no x\n// oracle-fns:bad\n');
    expect([...m.keys()]).toEqual(['fam']);
    expect([...m.get('fam')!]).toEqual(['a.b', 'c', 'd']);
  });

  for (const family of families) {
    it(`${family}: every manifest fn is declared by a suite or pending`, () => {
      const present = manifestCounts(family);
      const byFn = declared.get(family) ?? new Map<string, string[]>();
      const pending = PENDING[family];
      const pendingFns = pending === undefined ? [] : pending.fns === '*' ? [...present.keys()] : pending.fns;
      const missing = [...present.keys()].filter((fn) => !byFn.has(fn) && !pendingFns.includes(fn));
      expect(missing, `${family}: manifests no suite reads (add a suite with "// oracle-fns: ${family} ...")`).toEqual([]);
      const unknown = [...byFn.keys()].filter((fn) => !present.has(fn));
      expect(unknown, `${family}: declared fns with no manifest (${[...byFn.entries()].filter(([fn]) => unknown.includes(fn)).map(([fn, f]) => `${fn} in ${f.join(', ')}`).join('; ')})`).toEqual([]);
      if (pending) {
        const stale = pending.fns === '*' ? (byFn.size > 0 ? ['*'] : []) : pending.fns.filter((fn) => byFn.has(fn) || !present.has(fn));
        expect(stale, `${family}: PENDING (issue ${pending.issue}) lists fns a suite now declares or that have no manifest: remove or narrow them`).toEqual([]);
      }
    });
  }

  it('PENDING names only existing families', () => {
    expect(Object.keys(PENDING).filter((f) => !families.includes(f))).toEqual([]);
  });
});
