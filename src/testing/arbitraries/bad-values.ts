/** Certainly-invalid argument values for the bad-argument laws. */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import { describeArb } from './common.js';
import { checkArbitrary, checkBoolean, checkOptionsBag } from '../check-args.js';

/**
 * Values no decoder should accept in place of an ndarray, a size or an
 * options object: primitives, NaN/±Infinity, plain arrays, bare typed arrays,
 * ndarrays of the wrong rank, over integer data, with NaN/Infinity entries,
 * zero-size, with strides or offsets outside their data, and with absurd
 * shapes over tiny buffers (stride-0 views of up to 10¹⁵ logical elements,
 * which a decoder must reject instead of looping over; leave them out with
 * `hugeViews: false`). Each prints as a short description.
 * `options.hugeViews` must be a boolean (checked at creation).
 */
export function badValue(options: { hugeViews?: boolean } = {}): fc.Arbitrary<unknown> {
  const huge = checkBoolean('options.hugeViews', checkOptionsBag('options', options).hugeViews, true);
  const tag = <T extends object>(v: T, t: string) => describeArb(v, t);
  const nd = (data: ArrayLike<number> & object, shape: number[], stride?: number[], offset?: number) => ndarray(data as Float32Array, shape, stride, offset);
  return fc.oneof(
    fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, 0, -1, 1.5, 2 ** 40, '', 'heatmaps', true, Symbol.for('x'), () => 0),
    fc.constant(null).map(() => tag({}, '{}')),
    fc.constant(null).map(() => tag({ shape: [1, 2, 2], stride: [4, 2, 1], offset: 0, data: [1, 2, 3, 4] }, 'ndarray-like over a plain Array')),
    fc.array(fc.double(), { maxLength: 6 }).map((a) => tag(a, `plain array ${fc.stringify(a)}`)),
    fc.integer({ min: 0, max: 8 }).map((n) => tag(new Float32Array(n), `bare Float32Array(${n})`)),
    fc.integer({ min: 0, max: 6 }).map((r) => {
      const shape = Array.from({ length: r }, () => 2);
      return tag(nd(new Float32Array(2 ** r), shape), `ndarray rank ${r} [${shape.join(', ')}]`);
    }),
    fc.constantFrom('Int32Array', 'Uint8Array').map((t) => tag(nd(t === 'Int32Array' ? new Int32Array(8) : new Uint8Array(8), [2, 2, 2]), `ndarray [2, 2, 2] over ${t}`)),
    fc.constantFrom(NaN, Infinity, -Infinity).map((v) => tag(nd(new Float32Array(27).fill(0.5).fill(v, 13, 14), [3, 3, 3]), `ndarray [3, 3, 3] with a ${v} entry`)),
    fc.constantFrom<number[]>([0, 4, 4], [1, 0, 4], [1, 4, 0], [0, 1, 4, 4]).map((s) => tag(nd(new Float32Array(0), s), `empty ndarray [${s.join(', ')}]`)),
    fc.constant(null).map(() => tag(nd(new Float32Array(8), [2, 2, 2], [4, 2, 1], 100), 'ndarray [2, 2, 2] with offset 100 past its 8 elements')),
    fc.constant(null).map(() => tag(nd(new Float32Array(8), [2, 2, 2], [400, 2, 1], 0), 'ndarray [2, 2, 2] with stride 400 past its data')),
    fc.constant(null).map(() => tag(nd(new Float32Array(8), [2, 2, 2], [-4, 2, 1], 0), 'ndarray [2, 2, 2] with a negative stride reading before its data')),
    fc.constantFrom<number[]>(...(huge ? [[1e5, 1e5, 1e5], [2 ** 31, 2, 2], [1, 1e9, 1e9], [1e4, 17, 1e4, 1e4]] : [[3, 2, 2]])).map((s) =>
      tag(nd(new Float32Array(4), s, s.map(() => 0)), `ndarray [${s.join(', ')}] over 4 elements (stride 0)`),
    ),
    fc.constantFrom([1.5, 2, 2], [-1, 2, 2], [NaN, 2, 2]).map((s) => tag({ shape: s, stride: [4, 2, 1], offset: 0, data: new Float32Array(8) }, `ndarray-like with shape [${s.join(', ')}]`)),
    fc.constantFrom<unknown>([0, 0], [-1, 8], [8.5, 8], [NaN, 8], [8], [8, 8, 8], [1e9, 1e9], ['8', '8']),
    fc.constantFrom<unknown>({ blurKernelSize: 4 }, { blurKernelSize: -3 }, { blurKernelSize: NaN }, { blurKernelSize: 1e9 }, { beta: 0 }, { beta: -1 }, { beta: NaN }, { rule: 'nope' }, { mode: 'nope' }, { shift: 'yes' }, { radiusFactor: -1 }),
  );
}

/**
 * Argument lists for a function of `valid.length` parameters in which each
 * position is either drawn from `valid[i]` or a {@link badValue}, with at
 * least one bad position — plus shorter lists (missing arguments).
 * `options.hugeViews` as {@link badValue}. `valid` must be an array of at
 * 1 to 64 fast-check Arbitraries (checked at creation).
 */
export function badArguments(valid: readonly fc.Arbitrary<unknown>[], options: { hugeViews?: boolean } = {}): fc.Arbitrary<unknown[]> {
  if (!Array.isArray(valid)) throw new TypeError(`valid must be an array of fast-check Arbitraries (one per parameter), got ${valid === null ? 'null' : typeof valid}`);
  if (valid.length < 1 || valid.length > 64) throw new RangeError(`valid must hold 1 to 64 Arbitraries, got ${valid.length}`);
  valid.forEach((v, i) => checkArbitrary(`valid[${i}]`, v));
  badValue(options);
  const n = valid.length;
  const full = fc
    .tuple(...valid.map((v) => fc.tuple(fc.boolean(), v, badValue(options))))
    .filter((ts) => ts.some(([bad]) => bad))
    .map((ts) => ts.map(([bad, ok, b]) => (bad ? b : ok)));
  const missing = n === 0 ? full : fc.integer({ min: 0, max: n - 1 }).chain((m) => fc.tuple(...valid.slice(0, m)).map((a) => a as unknown[]));
  return fc.oneof({ arbitrary: full, weight: 4 }, { arbitrary: missing, weight: 1 });
}
