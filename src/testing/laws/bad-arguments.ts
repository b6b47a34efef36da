/** Bad-argument laws: invalid inputs are rejected with a typed error naming the argument. */
import * as fc from 'fast-check';
import { LawViolation } from '../compare.js';
import { nameLaw } from '../report.js';
import { type Law } from './common.js';

/**
 * Bad arguments are rejected only with `TypeError` or `RangeError` carrying a
 * message: for every argument list from `args` (e.g.
 * {@link badArguments}), `fn(...args)` returns or throws one of those — never
 * another error type (a `TypeError` from reading a property of `undefined`
 * deep inside still passes; pair this with tests of the messages).
 */
export function throwsOnlyTypedErrors(fn: (...args: never[]) => unknown, args: fc.Arbitrary<unknown[]>): Law {
  return nameLaw(
    fc.property(args, (a) => {
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
