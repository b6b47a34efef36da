/** Structural laws: batch ≡ per item, NCHW ≡ NHWC, inputs never mutated. */
import * as fc from 'fast-check';
import { lawHeatmapSamples, type HeatmapOptions, type HeatmapSample } from '../arbitraries.js';
import { checkArbitrary, checkFunction, checkOptionsBag, checkTolerance } from '../check-args.js';
import { toLayout } from '../render.js';
import { readOutput, expectPairs, expectValues, LawViolation, type Decoder } from '../compare.js';
import { nameLaw } from '../report.js';
import { tag, type Law } from './common.js';

/** Exactness options shared by the structural laws. */
export interface StructuralOptions {
  /** Tolerance (default 0: identical, NaN equals NaN). */
  tolerance?: number;
  /** Heatmaps (see {@link heatmapSamples}). */
  heatmaps?: HeatmapOptions;
}

function compareOutputs(got: ReturnType<typeof readOutput>, want: ReturnType<typeof readOutput>, tol: number, what: string): void {
  expectPairs(got.xy, want.xy, tol, `${what} keypoints`);
  if (got.scores && want.scores) expectValues(got.scores, want.scores, tol, `${what} scores`);
}

/**
 * Batch ≡ per item: decoding `[B, K, H, W]` gives, item by item, what decoding
 * each `[K, H, W]` slice (`.pick(b)`, a strided view) gives — keypoints and scores.
 * Checked at creation: `decode` a function, tolerance finite ≥ 0, heatmaps as {@link heatmapSamples}.
 */
export function batchConsistent(decode: Decoder, options: StructuralOptions = {}): Law {
  const { tol, hm } = structural(decode, options, { B: [2, 3] }, {});
  return nameLaw(
    fc.property(hm, (s: HeatmapSample) => {
      const all = readOutput(decode(s.heatmaps));
      const parts = Array.from({ length: s.shape.B }, (_, b) => readOutput(decode(s.heatmaps.pick(b, null, null, null))));
      const xy = Float64Array.from(parts.flatMap((p) => Array.from(p.xy)));
      const scores = parts.every((p) => p.scores) ? Float64Array.from(parts.flatMap((p) => Array.from(p.scores!))) : undefined;
      compareOutputs(all, { xy, scores }, tol, 'decode([B,K,H,W]) vs per-item decode([K,H,W])');
    }),
    'batchConsistent',
  );
}

/**
 * Layout independence: the same logical heatmaps stored NCHW (C order) and
 * NHWC (viewed as `[B, K, H, W]` through `.transpose(0, 3, 1, 2)`, or
 * `[K, H, W]` through `.transpose(2, 0, 1)`) decode identically.
 * Checked at creation as {@link batchConsistent}.
 */
export function layoutInvariant(decode: Decoder, options: StructuralOptions = {}): Law {
  const { tol, hm } = structural(decode, options, { B: [0, 2] }, { layout: 'NCHW' });
  return nameLaw(
    fc.property(hm, (s: HeatmapSample) => {
      const nchw = s.heatmaps;
      const nhwc = tag(toLayout(nchw, 'NHWC'), 'the same maps stored NHWC');
      compareOutputs(readOutput(decode(nhwc)), readOutput(decode(nchw)), tol, 'decode(NHWC view) vs decode(NCHW)');
    }),
    'layoutInvariant',
  );
}

function structural(decode: unknown, options: unknown, defaults: HeatmapOptions, overrides: HeatmapOptions) {
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options);
  return { tol: checkTolerance('options.tolerance', o.tolerance, 0), hm: lawHeatmapSamples('options.heatmaps', o.heatmaps, defaults, overrides) };
}

function snapshotAll(v: unknown, out: { path: string; ref: ArrayLike<unknown>; copy: unknown[] }[], path: string, depth: number): void {
  if (depth > 4 || v === null || typeof v !== 'object') return;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<unknown>;
    out.push({ path, ref: a, copy: Array.from(a) });
    return;
  }
  if (Array.isArray(v)) {
    out.push({ path, ref: v, copy: v.slice() });
    v.forEach((e, i) => snapshotAll(e, out, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const key of Object.keys(v)) snapshotAll((v as Record<string, unknown>)[key], out, `${path}.${key}`, depth + 1);
}

/**
 * No input mutation: after `fn(...args)` every typed array and array
 * reachable from the arguments (ndarray data, shapes, strides, option
 * objects) holds exactly what it held before (bitwise, NaN-aware).
 * @param fn the function under test (its result and any throw are ignored)
 * @param options.inputs argument lists (default: `[heatmaps]` over every kind, layout and dtype, batched or not)
 * Checked at creation: `fn` a function, `options.inputs` a fast-check Arbitrary
 * (a generated value that is not an array is a violation).
 */
export function noMutation(fn: (...args: never[]) => unknown, options: { inputs?: fc.Arbitrary<unknown[]> } = {}): Law {
  checkFunction('fn', fn);
  const o = checkOptionsBag('options', options);
  const inputs = o.inputs === undefined ? lawHeatmapSamples('options.heatmaps', undefined, { B: [0, 2] }).map((s) => tag([s.heatmaps], fc.stringify(s.heatmaps))) : checkArbitrary<unknown[]>('options.inputs', o.inputs);
  return nameLaw(
    fc.property(inputs, (args) => {
      if (!Array.isArray(args)) throw new LawViolation(`options.inputs generated ${typeof args}, not an argument list (array)`);
      const snaps: { path: string; ref: ArrayLike<unknown>; copy: unknown[] }[] = [];
      args.forEach((a, i) => snapshotAll(a, snaps, `argument ${i}`, 0));
      try {
        (fn as (...a: unknown[]) => unknown)(...args);
      } catch {
        // Throwing is allowed; writing into the caller's data is not.
      }
      for (const s of snaps) {
        const n = Math.max(s.ref.length, s.copy.length);
        for (let i = 0; i < n; i++) {
          if (!Object.is(s.ref[i], s.copy[i])) throw new LawViolation(`${s.path}[${i}] changed from ${String(s.copy[i])} to ${String(s.ref[i])}`);
        }
      }
    }),
    'noMutation',
  );
}
