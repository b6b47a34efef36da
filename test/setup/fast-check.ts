/**
 * Pins fast-check's seed for the whole run so every failure is reproducible:
 * `FC_SEED=<n> npx vitest run ...` replays a run; the default seed is fixed.
 * fast-check prints the seed and the shrunk path of any counterexample.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261201;
if (!Number.isSafeInteger(seed)) throw new RangeError(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
