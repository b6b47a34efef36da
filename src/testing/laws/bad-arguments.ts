/** Bad-argument laws: invalid inputs are rejected with a typed error naming the argument. */
import * as fc from 'fast-check';
import { LawViolation } from '../compare.js';
import { nameLaw } from '../report.js';
import { type Law } from './common.js';
import { checkArbitrary, checkFunction, checkOptionsBag } from '../check-args.js';

/**
 * A weak law: for every argument list from `args`, `fn(...args)` either
 * RETURNS or throws a `TypeError`/`RangeError` with a non-empty message —
 * never another error class. It passes whenever the function returns, so a
 * function that silently accepts every invalid input passes it too; it also
 * passes a `TypeError` raised by reading a property of `undefined` deep
 * inside. Use it only for inputs that may be valid; for certainly-invalid
 * inputs use {@link rejects}, which requires the throw and a naming message.
 * Checked at creation: `fn` a function, `args` a fast-check Arbitrary.
 */
export function throwsOnlyTypedErrors(fn: (...args: never[]) => unknown, args: fc.Arbitrary<unknown[]>): Law {
  checkFunction('fn', fn);
  checkArbitrary('args', args);
  return nameLaw(
    fc.property(args, (a) => {
      if (!Array.isArray(a)) throw new LawViolation(`args generated ${typeof a}, not an argument list (array)`);
      try {
        (fn as (...x: unknown[]) => unknown)(...a);
      } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) {
          throw new LawViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : `a non-Error value ${String(e)}`} (only TypeError or RangeError is allowed)`);
        }
        if (!e.message) throw new LawViolation(`threw ${e.name} with an empty message`);
      }
    }),
    'throwsOnlyTypedErrors',
  );
}

/** Options of {@link rejects}. */
export interface RejectsOptions {
  /**
   * What the error message must name: a RegExp (e.g. `/heatmaps|options\.sigma/`)
   * or a function of the argument list returning one (when the bad position varies).
   */
  names: RegExp | ((args: readonly unknown[]) => RegExp);
}

/** Messages of `TypeError`s the engine raises by itself (a missing check, not a rejection). */
const ENGINE_TYPE_ERROR = /^Cannot (read|set) propert|is not a function|is not iterable|is not a constructor|Cannot convert|Cannot destructure|Invalid typed array length|Invalid array length|Array buffer allocation failed|Maximum call stack/;

/**
 * The strong bad-argument law: every argument list from `args` must be
 * certainly invalid, and `fn(...args)` must THROW a `TypeError` or
 * `RangeError` whose message matches `options.names` — returning is a
 * violation (a silent result), as is another error class, an engine-raised
 * `TypeError` (`Cannot read properties of undefined …`, `… is not a
 * function`, invalid typed-array length) or a message that does not name the
 * argument. A returned Promise is not awaited: check async functions'
 * validation with their synchronous factory or await them yourself.
 *
 * ```ts
 * fc.assert(laws.rejects(heatmapArgmax, fc.tuple(fc.constant('typo')), { names: /heatmaps/ }));
 * ```
 */
export function rejects(fn: (...args: never[]) => unknown, args: fc.Arbitrary<unknown[]>, options: RejectsOptions): Law {
  checkFunction('fn', fn);
  checkArbitrary('args', args);
  const names = checkOptionsBag('options', options, true).names as RejectsOptions['names'];
  if (!(names instanceof RegExp) && typeof names !== 'function') throw new TypeError('options.names must be a RegExp or a function returning one');
  return nameLaw(
    fc.property(args, (a) => {
      if (!Array.isArray(a)) throw new LawViolation(`args generated ${typeof a}, not an argument list (array)`);
      const want = names instanceof RegExp ? names : names(a);
      if (!(want instanceof RegExp)) throw new LawViolation(`options.names(args) returned ${typeof want}, not a RegExp`);
      let returned: unknown;
      try {
        returned = (fn as (...x: unknown[]) => unknown)(...a);
      } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) {
          throw new LawViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : `a non-Error value ${String(e)}`} (a TypeError or RangeError naming the argument is required)`);
        }
        if (ENGINE_TYPE_ERROR.test(e.message)) throw new LawViolation(`threw an engine-raised ${e.name} (${e.message}): the argument was never checked`);
        if (!want.test(e.message)) throw new LawViolation(`threw ${e.name}: ${e.message}, which does not name the argument (${String(want)})`);
        return;
      }
      const what = returned instanceof Promise ? 'a Promise (not awaited)' : 'a result';
      throw new LawViolation(`returned ${what} instead of throwing a TypeError/RangeError naming the argument (${String(want)})`);
    }),
    'rejects',
  );
}
