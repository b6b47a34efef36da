/**
 * fast-check arbitraries for pose heatmap code: sizes and strides, sub-pixel
 * keypoints by band, visibility masks, synthetic heatmaps of several kinds in
 * NCHW / NHWC layouts, OKS cases and COCO ground-truth / result sets.
 *
 * Every generated ndarray prints as a one-line description in fast-check
 * counterexamples (`fc.toStringMethod`), e.g.
 * `heatmaps[K=1,H=12,W=12] NCHW float32 {k0: clean μ=(5.2500, 6.1000) σ=2 amp=1}`.
 *
 * Units: heatmap pixels (pixel i centred at coordinate i) unless stated.
 */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { HEATMAP_KINDS, renderHeatmaps, describeChannel, type ChannelSpec, type HeatmapKind, type Layout, type RenderShape } from './render.js';
import type { CocoDataset, CocoKeypointResult } from '../metrics/index.js';

export type { HeatmapKind, Layout, ChannelSpec } from './render.js';

/** An inclusive integer range `[min, max]`, or one fixed value. */
export type IntRange = number | readonly [number, number];
/** An inclusive real range `[min, max]`, or one fixed value. */
export type RealRange = number | readonly [number, number];

function intArb(r: IntRange): fc.Arbitrary<number> {
  return typeof r === 'number' ? fc.constant(r) : fc.integer({ min: r[0], max: r[1] });
}
/**
 * A real in `[min, max]` (or the fixed value): mostly uniform on a 2⁻²⁰ grid
 * of the range (fast-check's own doubles crowd at the bounds when runs are
 * few), sometimes a biased double that favours the bounds and round values.
 * Shrinks towards `min`.
 */
export function real(r: RealRange): fc.Arbitrary<number> {
  if (typeof r === 'number') return fc.constant(r);
  const [lo, hi] = r;
  if (lo === hi) return fc.constant(lo);
  const uniform = fc.noBias(fc.integer({ min: 0, max: 2 ** 20 })).map((i) => (i === 2 ** 20 ? hi : lo + ((hi - lo) * i) / 2 ** 20));
  const edgy = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
  return fc.oneof({ arbitrary: uniform, weight: 5 }, { arbitrary: edgy, weight: 1 });
}
const realArb = real;
function describeArb<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => text, enumerable: false, configurable: true });
  return value;
}

// ---------------------------------------------------------------- sizes and strides

/** Heatmap sizes: `{ W, H }` ranges (heatmap px), or an explicit list of `[W, H]`. */
export type SizeSpec = { W?: IntRange; H?: IntRange } | readonly (readonly [number, number])[];

/**
 * Heatmap size `[W, H]` (width first, as mmpose).
 * @param sizes `{ W: [min, max], H: [min, max] }` (default 8–24 each) or a list of sizes to pick from
 */
export function heatmapSize(sizes: SizeSpec = {}): fc.Arbitrary<[number, number]> {
  if (Array.isArray(sizes)) return fc.constantFrom(...(sizes as [number, number][])).map(([w, h]) => [w, h] as [number, number]);
  const s = sizes as { W?: IntRange; H?: IntRange };
  return fc.tuple(intArb(s.W ?? [8, 24]), intArb(s.H ?? [8, 24]));
}

/**
 * A network geometry: heatmap size, integer stride `s` and the input size
 * `[s·W, s·H]` (input px).
 * @param options.sizes heatmap sizes (see {@link heatmapSize}); options.strides strides to pick from (default 1, 2, 4, 8)
 */
export function geometrySize(options: { sizes?: SizeSpec; strides?: readonly number[] } = {}): fc.Arbitrary<{ heatmapSize: [number, number]; stride: number; inputSize: [number, number] }> {
  return fc.tuple(heatmapSize(options.sizes), fc.constantFrom(...(options.strides ?? [1, 2, 4, 8]))).map(([[W, H], s]) => ({
    heatmapSize: [W, H] as [number, number],
    stride: s,
    inputSize: [W * s, H * s] as [number, number],
  }));
}

// ---------------------------------------------------------------- keypoints and visibility

/** Where a keypoint lies relative to a `[W, H]` map. */
export type Band = 'interior' | 'border' | 'outside';

export interface KeypointOptions {
  /** `[W, H]` the coordinates refer to (heatmap px, or input px for codecs). */
  heatmapSize: readonly [number, number];
  /**
   * `'interior'` (default): both coordinates in `[margin, size−1−margin]`.
   * `'border'`: in the map, with at least one coordinate within `margin` of an edge.
   * `'outside'`: at least one coordinate in `[−outside, 0)` or `(size−1, size−1+outside]`.
   */
  band?: Band;
  /** Width of the border band (heatmap px). Default 2. */
  margin?: number;
  /** How far outside the map `'outside'` points go. Default 3. */
  outside?: number;
  /** Instances N (default 1) and keypoints K (default 1–3). */
  N?: IntRange;
  K?: IntRange;
}

/** One sub-pixel coordinate on an axis of `size` pixels in the given band. */
export function coordinate(size: number, band: Band = 'interior', margin = 2, outside = 3): fc.Arbitrary<number> {
  const hi = size - 1;
  const m = Math.min(margin, hi / 2);
  if (band === 'interior') return realArb([m, hi - m]);
  if (band === 'border') return fc.oneof(realArb([0, m]), realArb([hi - m, hi]));
  return fc.oneof(realArb([-outside, 0]).filter((v) => v < 0), realArb([hi, hi + outside]).filter((v) => v > hi));
}

/**
 * Keypoints `[N, K, 2]` (x, y), Float64Array, sub-pixel, in the given band.
 * For `'border'` / `'outside'` one axis (chosen at random) is in the band and
 * the other in the map.
 */
export function keypoints(options: KeypointOptions): fc.Arbitrary<NdArray<Float64Array>> {
  const [W, H] = options.heatmapSize;
  const band = options.band ?? 'interior';
  const margin = options.margin ?? 2;
  const outside = options.outside ?? 3;
  const point: fc.Arbitrary<[number, number]> =
    band === 'interior'
      ? fc.tuple(coordinate(W, 'interior', margin), coordinate(H, 'interior', margin))
      : fc.oneof(
          fc.tuple(coordinate(W, band, margin, outside), coordinate(H, 'interior', 0)),
          fc.tuple(coordinate(W, 'interior', 0), coordinate(H, band, margin, outside)),
        );
  return fc.tuple(intArb(options.N ?? 1), intArb(options.K ?? [1, 3])).chain(([N, K]) =>
    fc.array(point, { minLength: N * K, maxLength: N * K }).map((pts) => {
      const a = ndarray(Float64Array.from(pts.flat()), [N, K, 2]);
      return describeArb(a, `keypoints[N=${N},K=${K}] ${JSON.stringify(pts.map(([x, y]) => [+x.toFixed(6), +y.toFixed(6)]))}`);
    }),
  );
}

/**
 * Visibility mask `[N, K]` (Float32Array).
 * @param options.values values to draw from (default `[0, 1]`; COCO flags: `[0, 1, 2]`)
 * @param options.minVisible at least this many entries per instance are > 0 (default 0)
 */
export function visibility(options: { N: number; K: number; values?: readonly number[]; minVisible?: number }): fc.Arbitrary<NdArray<Float32Array>> {
  const { N, K } = options;
  const values = options.values ?? [0, 1];
  const minVisible = options.minVisible ?? 0;
  return fc
    .array(fc.array(fc.constantFrom(...values), { minLength: K, maxLength: K }), { minLength: N, maxLength: N })
    .filter((rows) => rows.every((r) => r.filter((v) => v > 0).length >= Math.min(minVisible, K)))
    .map((rows) => describeArb(ndarray(Float32Array.from(rows.flat()), [N, K]), `visible[N=${N},K=${K}] ${JSON.stringify(rows)}`));
}

// ---------------------------------------------------------------- heatmaps

export interface HeatmapOptions {
  /** Heatmap sizes (default W, H ∈ [8, 24]). */
  sizes?: SizeSpec;
  /** Channels K (default 1–3). */
  K?: IntRange;
  /** Batch: omitted → unbatched `[K, H, W]`; a range → `[B, K, H, W]`. */
  B?: IntRange;
  /** Kinds each channel is drawn from (default: every kind). */
  kinds?: readonly HeatmapKind[];
  /** `'NCHW'`, `'NHWC'` (NHWC data viewed through `.transpose`) or a list (default both). */
  layout?: Layout | readonly Layout[];
  /** Element type(s) (default both). */
  dtype?: 'float32' | 'float64' | readonly ('float32' | 'float64')[];
  /** Gaussian σ range, heatmap px (default [1, 3]). */
  sigma?: RealRange;
  /** Peak amplitude range (default [0.2, 1]). */
  amplitude?: RealRange;
  /** Peak centres keep at least this distance (heatmap px) from every edge (default 0). */
  margin?: number;
  /** noisy: noise amplitude / peak amplitude (default [0, 0.1]). negative: downward shift / amplitude ([0.05, 0.3]). */
  noise?: RealRange;
  /**
   * Keep maps free of exact ties between neighbouring maxima: centres avoid
   * half-pixel phases (|frac − 0.5| ≥ 1e-3), twoPeaks ratio ≤ 0.9, no
   * 'quantized' kind. Needed for laws that tie-breaking order breaks (flip).
   */
  avoidTies?: boolean;
}

/** A rendered heatmap tensor with the recipe that produced it. */
export interface HeatmapSample {
  /** `[K, H, W]` or `[B, K, H, W]` ndarray in the chosen layout and dtype. */
  heatmaps: NdArray;
  /** One recipe per channel, batch-major (`max(B, 1)·K`). */
  specs: ChannelSpec[];
  shape: RenderShape;
  /** Re-render the same content translated by the integer offset `(dx, dy)`, same layout and dtype. */
  translated(dx: number, dy: number): NdArray;
}

function centreArb(size: number, margin: number, avoidTies: boolean): fc.Arbitrary<number> {
  const c = coordinate(size, 'interior', margin);
  return avoidTies ? c.filter((v) => Math.abs(v - Math.floor(v) - 0.5) >= 1e-3) : c;
}

function channelSpec(o: Required<Omit<HeatmapOptions, 'B' | 'layout' | 'dtype' | 'sizes' | 'K'>>, W: number, H: number): fc.Arbitrary<ChannelSpec> {
  const kinds = o.avoidTies ? o.kinds.filter((k) => k !== 'quantized') : o.kinds;
  return fc.record({
    kind: fc.constantFrom(...kinds),
    cx: centreArb(W, o.margin, o.avoidTies),
    cy: centreArb(H, o.margin, o.avoidTies),
    sigma: realArb(o.sigma),
    amp: realArb(o.amplitude),
    cx2: centreArb(W, o.margin, o.avoidTies),
    cy2: centreArb(H, o.margin, o.avoidTies),
    ratio2: realArb(o.avoidTies ? [0.3, 0.9] : [0.3, 1]),
    level: realArb(o.noise),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  }).map((s) => (s.kind === 'negative' ? { ...s, level: Math.max(0.05, Math.min(0.3, s.level * 3)) } : s));
}

function list<T>(v: T | readonly T[]): readonly T[] {
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

function describeSample(s: RenderShape, specs: readonly ChannelSpec[], dx = 0, dy = 0): string {
  const dims = s.B > 0 ? `B=${s.B},K=${s.K},H=${s.H},W=${s.W}` : `K=${s.K},H=${s.H},W=${s.W}`;
  const ch = specs.map((c, i) => `${s.B > 0 ? `b${Math.floor(i / s.K)}` : ''}k${i % s.K}: ${describeChannel(c)}`).join('; ');
  const moved = dx || dy ? ` translated by (${dx}, ${dy})` : '';
  return `heatmaps[${dims}] ${s.layout} ${s.dtype}${moved} {${ch}}`;
}

/**
 * Synthetic heatmap tensors with their recipes ({@link HeatmapSample}).
 * Kinds: `clean` Gaussian at a sub-pixel centre; `noisy` (+ uniform pixel
 * noise); `twoPeaks` (sum of two Gaussians); `negative` (shifted down so the
 * tails are negative); `expected` (bilinear mixture of the four integer-centred
 * Gaussians, the "expected target" of a network trained on rounded targets);
 * `quantized` (4- or 8-bit levels, exact ties on plateaus); `zero` (all zero).
 */
export function heatmapSamples(options: HeatmapOptions = {}): fc.Arbitrary<HeatmapSample> {
  const o = {
    kinds: options.kinds ?? HEATMAP_KINDS,
    sigma: options.sigma ?? ([1, 3] as const),
    amplitude: options.amplitude ?? ([0.2, 1] as const),
    margin: options.margin ?? 0,
    noise: options.noise ?? ([0, 0.1] as const),
    avoidTies: options.avoidTies ?? false,
  };
  const layouts = list(options.layout ?? (['NCHW', 'NHWC'] as const));
  const dtypes = list(options.dtype ?? (['float32', 'float64'] as const));
  return fc
    .record({
      size: heatmapSize(options.sizes),
      K: intArb(options.K ?? [1, 3]),
      B: options.B === undefined ? fc.constant(0) : intArb(options.B),
      layout: fc.constantFrom(...layouts),
      dtype: fc.constantFrom(...dtypes),
    })
    .chain(({ size: [W, H], K, B, layout, dtype }) => {
      const n = Math.max(B, 1) * K;
      const shape: RenderShape = { B, K, H, W, layout, dtype };
      return fc.array(channelSpec(o, W, H), { minLength: n, maxLength: n }).map((specs): HeatmapSample => {
        const heatmaps = describeArb(renderHeatmaps(specs, shape), describeSample(shape, specs));
        const sample: HeatmapSample = {
          heatmaps,
          specs,
          shape,
          translated: (dx, dy) => describeArb(renderHeatmaps(specs, shape, dx, dy), describeSample(shape, specs, dx, dy)),
        };
        return describeArb(sample, describeSample(shape, specs));
      });
    });
}

/** Heatmap tensors (`[K, H, W]`, or `[B, K, H, W]` when `B` is given); see {@link heatmapSamples} for kinds and options. */
export function heatmaps(options: HeatmapOptions = {}): fc.Arbitrary<NdArray> {
  return heatmapSamples(options).map((s) => s.heatmaps);
}

// ---------------------------------------------------------------- OKS and COCO

/** One GT/detection pair for OKS: flat COCO lists (image px). */
export interface OksCase {
  /** `[x0, y0, v0, …]`, 3K numbers; at least one v > 0. */
  gt: number[];
  /** `[x0, y0, s0, …]`, 3K numbers. */
  dt: number[];
  /** GT area (px²). */
  area: number;
  /** σ per keypoint. */
  sigmas: number[];
}

/**
 * OKS cases: K keypoints (default 17) in a 500-px image, COCO flags v ∈ {0, 1, 2}
 * with at least one visible, detections anywhere within `spread` px (default 50)
 * of the GT; invisible GT keypoints are `(0, 0, 0)` as in COCO files.
 */
export function oksCase(options: { K?: number; spread?: number; sigmas?: readonly number[] } = {}): fc.Arbitrary<OksCase> {
  const K = options.K ?? 17;
  const spread = options.spread ?? 50;
  const sig: fc.Arbitrary<number[]> = options.sigmas ? fc.constant([...options.sigmas]) : fc.array(realArb([0.02, 0.12]), { minLength: K, maxLength: K });
  const kp = fc.tuple(realArb([0, 500]), realArb([0, 500]), fc.constantFrom(0, 1, 2), realArb([-spread, spread]), realArb([-spread, spread]), realArb([0, 1]));
  return fc
    .record({ kps: fc.array(kp, { minLength: K, maxLength: K }), area: realArb([1, 1e5]), sigmas: sig })
    .filter((c) => c.kps.some((t) => t[2] > 0))
    .map(({ kps, area, sigmas }) => {
      const gt = kps.flatMap(([x, y, v]) => (v > 0 ? [x, y, v] : [0, 0, 0]));
      const dt = kps.flatMap(([x, y, , ex, ey, s]) => [x + ex, y + ey, s]);
      return describeArb({ gt, dt, area, sigmas }, `oks case K=${K} area=${area.toFixed(2)} gt=${JSON.stringify(gt.map((v) => +v.toFixed(3)))} dt=${JSON.stringify(dt.map((v) => +v.toFixed(3)))}`);
    });
}

export interface CocoOptions {
  /** Images (default 1–3). */
  images?: IntRange;
  /** Persons per image (default 0–4; pycocotools keeps 20 detections per image). */
  persons?: IntRange;
  /** Keypoints per person (default 17). */
  K?: number;
  /** Probability that a GT person has no labelled keypoint (ignored by COCOeval). Default 0.1. */
  unlabelled?: number;
}

/**
 * COCO person-keypoints ground truth (`images`, `annotations`, `categories`)
 * with at least one labelled person: boxes in a 600-px image, keypoints inside
 * their box, COCO flags v ∈ {0, 1, 2}, `num_keypoints` = count of v > 0,
 * `area` a fraction of the box area. No crowd regions.
 */
export function cocoGroundTruth(options: CocoOptions = {}): fc.Arbitrary<CocoDataset> {
  const K = options.K ?? 17;
  const pUnl = options.unlabelled ?? 0.1;
  const person = fc.record({
    box: fc.tuple(realArb([0, 400]), realArb([0, 400]), realArb([10, 200]), realArb([10, 200])),
    areaFrac: realArb([0.3, 1]),
    unlabelled: fc.double({ min: 0, max: 1, noNaN: true }).map((u) => u < pUnl),
    kps: fc.array(fc.tuple(realArb([0, 1]), realArb([0, 1]), fc.constantFrom(0, 1, 2)), { minLength: K, maxLength: K }),
  });
  const image = fc.array(person, { minLength: typeof options.persons === 'number' ? options.persons : (options.persons?.[0] ?? 0), maxLength: typeof options.persons === 'number' ? options.persons : (options.persons?.[1] ?? 4) });
  return intArb(options.images ?? [1, 3])
    .chain((n) => fc.array(image, { minLength: n, maxLength: n }))
    .map((imgs) => {
      let id = 1;
      const annotations = imgs.flatMap((persons, i) =>
        persons.map((p) => {
          const [bx, by, bw, bh] = p.box;
          const keypoints = p.kps.flatMap(([u, v, f]) => (f > 0 && !p.unlabelled ? [bx + u * bw, by + v * bh, f] : [0, 0, 0]));
          const num = keypoints.filter((_, j) => j % 3 === 2 && keypoints[j] > 0).length;
          return { id: id++, image_id: i + 1, category_id: 1, keypoints, num_keypoints: num, area: bw * bh * p.areaFrac, bbox: [bx, by, bw, bh], iscrowd: 0 };
        }),
      );
      return { images: imgs.map((_, i) => ({ id: i + 1 })), annotations, categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] } as CocoDataset;
    })
    .filter((gt) => gt.annotations.some((a) => (a.num_keypoints ?? 0) > 0))
    .map((gt) => describeArb(gt, `coco gt: ${gt.images.length} images, ${gt.annotations.length} persons ${JSON.stringify(gt.annotations.map((a) => ({ id: a.id, img: a.image_id, n: a.num_keypoints, area: +a.area.toFixed(1) })))}`));
}

/**
 * Perfect results for `gt`: one detection per labelled person, keypoints equal
 * at the labelled positions and arbitrary (anywhere in the image) at the
 * unlabelled ones — which OKS ignores — with distinct random scores.
 */
export function cocoPerfectResults(gt: CocoDataset): fc.Arbitrary<CocoKeypointResult[]> {
  const labelled = gt.annotations.filter((a) => (a.num_keypoints ?? 0) > 0);
  const K = labelled[0]?.keypoints.length ?? 0;
  return fc
    .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 1e6 }), { minLength: labelled.length, maxLength: labelled.length }), fc.array(realArb([0, 600]), { minLength: K, maxLength: K }))
    .map(([scores, junk]) =>
      labelled.map((a, i) => ({
        image_id: a.image_id,
        category_id: a.category_id,
        score: scores[i] / 1e6,
        keypoints: a.keypoints.map((v, j) => (j % 3 === 2 ? 1 : a.keypoints[j - (j % 3) + 2] > 0 ? v : junk[Math.floor(j / 3)])),
      })),
    );
}

/** A COCO ground truth and its perfect results (see {@link cocoGroundTruth}, {@link cocoPerfectResults}). */
export function cocoPerfectCase(options: CocoOptions = {}): fc.Arbitrary<{ gt: CocoDataset; results: CocoKeypointResult[] }> {
  return cocoGroundTruth(options).chain((gt) => cocoPerfectResults(gt).map((results) => describeArb({ gt, results }, `${fc.stringify(gt)}; ${results.length} perfect results`)));
}

// ---------------------------------------------------------------- bad arguments

/**
 * Values no decoder should accept in place of an ndarray, a size or an
 * options object: primitives, NaN/±Infinity, plain arrays, bare typed arrays,
 * ndarrays of the wrong rank, over integer data, with NaN/Infinity entries,
 * zero-size, with strides or offsets outside their data, and with absurd
 * shapes over tiny buffers (stride-0 views of up to 10¹⁵ logical elements,
 * which a decoder must reject instead of looping over; leave them out with
 * `hugeViews: false`). Each prints as a short description.
 */
export function badValue(options: { hugeViews?: boolean } = {}): fc.Arbitrary<unknown> {
  const huge = options.hugeViews ?? true;
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
 * `options.hugeViews` as {@link badValue}.
 */
export function badArguments(valid: readonly fc.Arbitrary<unknown>[], options: { hugeViews?: boolean } = {}): fc.Arbitrary<unknown[]> {
  const n = valid.length;
  const full = fc
    .tuple(...valid.map((v) => fc.tuple(fc.boolean(), v, badValue(options))))
    .filter((ts) => ts.some(([bad]) => bad))
    .map((ts) => ts.map(([bad, ok, b]) => (bad ? b : ok)));
  const missing = n === 0 ? full : fc.integer({ min: 0, max: n - 1 }).chain((m) => fc.tuple(...valid.slice(0, m)).map((a) => a as unknown[]));
  return fc.oneof({ arbitrary: full, weight: 4 }, { arbitrary: missing, weight: 1 });
}
