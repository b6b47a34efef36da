/**
 * Running a law with a seed and reporting its counterexample in readable form,
 * with no test-runner import: {@link checkLaw} returns a report,
 * {@link assertLaw} throws an `Error` whose message is that report.
 */
import * as fc from 'fast-check';
import { checkProperty, checkRunParameters } from './check-args.js';

const names = new WeakMap<object, string>();

/** Attach a law name to a property (used in reports). */
export function nameLaw<P extends object>(property: P, name: string): P {
  names.set(property, name);
  return property;
}

/** The outcome of one law run. */
export interface LawReport {
  law: string;
  passed: boolean;
  /** Runs executed (up to the failure). */
  numRuns: number;
  seed: number;
  /** fast-check replay path of the shrunk counterexample. */
  path?: string;
  numShrinks?: number;
  /** The shrunk counterexample, printed (generated values describe themselves in one line). */
  counterexample?: string;
  /** The violation the law found on it. */
  violation?: string;
  /** Everything above in a few lines. */
  message: string;
}

/**
 * Run `property` (default 100 runs; `params` as `fc.check`) and return a
 * {@link LawReport}. Replay a failure with `{ seed, path }` from the report.
 * Checked first: `property` a fast-check property; params.numRuns an integer
 * in [1, 1e6], params.seed an integer, params.path a string, time limits
 * finite ≥ 0 (fast-check would loop forever on `numRuns: Infinity`).
 */
export function checkLaw<T>(property: fc.IProperty<[T]>, params: fc.Parameters<[T]> = {}): LawReport {
  checkProperty('property', property);
  const p = checkRunParameters('params', params) as fc.Parameters<[T]>;
  const law = names.get(property) ?? 'property';
  const d = fc.check(property, p);
  if (!d.failed) {
    return { law, passed: true, numRuns: d.numRuns, seed: d.seed, message: `law "${law}" held on ${d.numRuns} runs (seed ${d.seed})` };
  }
  const counterexample = d.counterexample ? d.counterexample.map((v) => fc.stringify(v)).join(', ') : undefined;
  const err = d.errorInstance;
  const violation = err instanceof Error ? err.message : err === undefined ? (d.interrupted ? 'interrupted' : 'property returned false') : String(err);
  const message = [
    `law "${law}" failed after ${d.numRuns} run${d.numRuns === 1 ? '' : 's'} (seed ${d.seed}, path "${d.counterexamplePath}", shrunk ${d.numShrinks} times)`,
    `counterexample: ${counterexample ?? '(none)'}`,
    `violation: ${violation}`,
    `replay: fc.assert(law, { seed: ${d.seed}, path: "${d.counterexamplePath}" })`,
  ].join('\n');
  return { law, passed: false, numRuns: d.numRuns, seed: d.seed, path: d.counterexamplePath ?? undefined, numShrinks: d.numShrinks, counterexample, violation, message };
}

/** {@link checkLaw}, throwing an `Error` with the readable report when the law fails (bad arguments: TypeError / RangeError, as checkLaw). */
export function assertLaw<T>(property: fc.IProperty<[T]>, params: fc.Parameters<[T]> = {}): void {
  const r = checkLaw(property, params);
  if (!r.passed) throw new Error(r.message);
}
