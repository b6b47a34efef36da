/** Shared glue for posecodec's law files: run a kit law and fail the test with its readable report. */
import { expect } from 'vitest';
import type fc from 'fast-check';
import { checkLaw } from '../../src/testing/index.js';

/** The law holds on fast-check's default 100 runs (random seed; the report names seed and path to replay). */
export function holds<T>(law: fc.IProperty<[T]>, params: fc.Parameters<[T]> = {}): void {
  const r = checkLaw(law, params);
  expect(r.passed, r.message).toBe(true);
}

/** The kit finds a counterexample within the default 100 runs; returns the report. */
export function fails<T>(law: fc.IProperty<[T]>, params: fc.Parameters<[T]> = {}): ReturnType<typeof checkLaw> {
  const r = checkLaw(law, params);
  expect(r.passed, r.message).toBe(false);
  return r;
}
