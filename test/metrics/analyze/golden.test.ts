/**
 * Golden parity with coco-analyze (matteorr/coco-analyze 9eb8a0a) for every
 * `analyze.*` case in ../shared/oracle/analyze (walked, never copied).
 * Tolerances (FORMAT.md): AP / recall / OKS / scores / percentiles / bbox
 * ≤ 1e-9 absolute; opt / applied / stage keypoints ≤ 1e-7 px; ids, classes,
 * counts, bins and summary text exact (integers compared within 1e-9 are exact).
 */
// oracle-fns: analyze analyze.evaluate analyze.keypointErrors analyze.correctedKeypoints analyze.optimalScore analyze.backgroundErrors analyze.fixedAP analyze.apImpact analyze.localizationReport analyze.scoringReport analyze.backgroundReport analyze.sizeSensitivity analyze.occlusionSensitivity
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOracleCases, flat, GoldenTally, ORACLE, type OracleValue } from '../../helpers/oracle.js';
import { isNdArray } from '../../../src/core/ndarray.js';
import { readNpy } from '../../../src/io/npy.js';
import { analyzeCocoKeypoints, type AnalyzeOptions, type CocoDataset, type CocoKeypointResult } from '../../../src/metrics/index.js';

const FNS = [
  'evaluate',
  'keypointErrors',
  'correctedKeypoints',
  'optimalScore',
  'backgroundErrors',
  'fixedAP',
  'apImpact',
  'localizationReport',
  'scoringReport',
  'backgroundReport',
  'sizeSensitivity',
  'occlusionSensitivity',
] as const;

const DIR = join(ORACLE, 'analyze');

/** Nested `.npy` references (per area label) resolved like the top-level ones. */
function resolveNested(v: unknown): OracleValue {
  if (typeof v === 'string' && v.endsWith('.npy')) return readNpy(readFileSync(join(DIR, v)), { allowInteger: true });
  if (Array.isArray(v)) return v.map(resolveNested);
  if (v !== null && typeof v === 'object' && !isNdArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveNested(x)]));
  return v;
}

const cases = loadOracleCases('analyze', () => true).map((c) => ({ ...c, expected: resolveNested(c.expected) as Record<string, OracleValue> }));

/**
 * Cases that cannot be matched, with the measured error. Keep empty unless a
 * mismatch is understood and reported.
 */
const KNOWN_MISMATCH: Record<string, string> = {};

const PARAM_NAMES: Record<string, keyof AnalyzeOptions> = {
  areaRng: 'areaRanges',
  areaRngLbl: 'areaLabels',
  oksThrs: 'oksThresholds',
  oksLocThrs: 'oksLocalizationThreshold',
  jitterKsThrs: 'jitterThresholds',
  maxDets: 'maxDets',
  err_types: 'errorTypes',
  check_kpts: 'checkKeypoints',
  check_scores: 'checkScores',
  check_bckgd: 'checkBackground',
  verbose: 'verbose',
};

function optionsOf(params: Record<string, unknown>): AnalyzeOptions {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const name = PARAM_NAMES[k];
    if (!name) throw new Error(`unknown param ${k}`);
    o[name] = v;
  }
  return o as AnalyzeOptions;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Flat numbers of an expected or computed value (ndarray, typed array, nested arrays, number). */
function numbers(v: unknown): number[] | undefined {
  if (isNdArray(v)) return flat(v);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' || Array.isArray(x) || ArrayBuffer.isView(x))) {
    const out: number[] = [];
    for (const x of v) {
      const n = numbers(x);
      if (!n) return undefined;
      out.push(...n);
    }
    return out;
  }
  return undefined;
}

function shapeOf(v: unknown): number[] {
  if (isNdArray(v)) return v.shape;
  if (ArrayBuffer.isView(v)) return [(v as unknown as ArrayLike<number>).length];
  if (Array.isArray(v)) return [v.length, ...(v.length && Array.isArray(v[0]) ? shapeOf(v[0]) : [])];
  return [];
}

/** Compare `got` with `want` recursively; returns the largest numeric error. */
function compare(path: string, got: unknown, want: OracleValue, tolFor: (p: string) => number): number {
  const w = numbers(want);
  if (w !== undefined) {
    const g = numbers(got);
    expect(g, `${path}: not numeric`).toBeDefined();
    expect(g!.length, `${path}: length`).toBe(w.length);
    if (isNdArray(want)) expect(shapeOf(got).reduce((a, b) => a * b, 1), `${path}: size`).toBe(w.length);
    let m = 0;
    const tol = tolFor(path);
    for (let i = 0; i < w.length; i++) {
      const e = Math.abs(g![i] - w[i]);
      const err = Number.isNaN(e) ? (Number.isNaN(g![i]) && Number.isNaN(w[i]) ? 0 : Infinity) : e;
      expect(err, `${path}[${i}]: got ${g![i]}, want ${w[i]}`).toBeLessThanOrEqual(tol);
      m = Math.max(m, err);
    }
    return m;
  }
  if (typeof want === 'string' || typeof want === 'boolean' || want === null) {
    expect(got, path).toEqual(want);
    return 0;
  }
  if (Array.isArray(want)) {
    expect(Array.isArray(got), `${path}: array`).toBe(true);
    const g = got as unknown[];
    expect(g.length, `${path}: length`).toBe(want.length);
    let m = 0;
    want.forEach((x, i) => {
      m = Math.max(m, compare(`${path}[${i}]`, g[i], x, tolFor));
    });
    return m;
  }
  expect(got !== null && typeof got === 'object', `${path}: object`).toBe(true);
  const g = got as Record<string, unknown>;
  let m = 0;
  const keys = Object.keys(want as object);
  expect(keys.length, `${path}: has fields`).toBeGreaterThan(0);
  for (const k of keys) {
    const key = k in g ? k : camel(k);
    expect(key in g, `${path}.${key} missing`).toBe(true);
    m = Math.max(m, compare(`${path}.${key}`, g[key], (want as Record<string, OracleValue>)[k], tolFor));
  }
  return m;
}

const tolFor = (p: string) => (/[Kk]eypoints$/.test(p) && !/num|Hist|total/i.test(p) ? 1e-7 : 1e-9);

const tally = new GoldenTally();

describe('golden parity: analyze.* (coco-analyze 9eb8a0a)', () => {
  afterAll(() => tally.print());
  it('walks every manifest of the family and knows every fn', () => {
    const dir = DIR;
    const manifests = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(cases.length).toBe(manifests.length);
    expect(cases.length).toBeGreaterThan(0);
    for (const f of manifests) {
      const fn = JSON.parse(readFileSync(join(dir, f), 'utf8')).fn as string;
      expect(fn.startsWith('analyze.'), f).toBe(true);
      expect(FNS as readonly string[], `${f}: unknown fn ${fn}`).toContain(fn.slice('analyze.'.length));
    }
    for (const fn of FNS) expect(cases.filter((c) => c.fn === `analyze.${fn}`).length, fn).toBeGreaterThan(0);
  });
  for (const c of cases) {
    const fn = c.fn.slice('analyze.'.length) as (typeof FNS)[number];
    const run = KNOWN_MISMATCH[c.name] ? it.skip : it;
    run(`${c.name} ${c.fn} ${String((c as unknown as { note?: string }).note ?? '')}`, () => {
      const note = tally.start(c.fn);
      const r = analyzeCocoKeypoints(c.inputs.gt as CocoDataset, c.inputs.dt as CocoKeypointResult[], optionsOf(c.params));
      const err = compare(fn, r[fn], c.expected as OracleValue, tolFor);
      note(err);
      tally.pass(c.fn);
    });
  }
});
