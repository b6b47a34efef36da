/** Synthetic heatmaps of several kinds in NCHW / NHWC layouts. */
import * as fc from 'fast-check';
import type { NdArray } from 'ndarray';
import { HEATMAP_KINDS, renderHeatmaps, describeChannel, type ChannelSpec, type HeatmapKind, type Layout, type RenderShape } from '../render.js';
import { intArb, realArb, describeArb, type IntRange, type RealRange } from './common.js';
import { heatmapSize, type SizeSpec } from './sizes.js';
import { coordinate } from './keypoints.js';
import { checkAllocation, checkBoolean, checkChoices, checkIntRange, checkNonNeg, checkOptionsBag, checkRealRange, checkSizeSpec, MAX_SIDE } from '../check-args.js';

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

function channelSpec(o: { kinds: readonly HeatmapKind[]; sigma: RealRange; amplitude: RealRange; margin: number; noise: RealRange; avoidTies: boolean }, W: number, H: number): fc.Arbitrary<ChannelSpec> {
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

function describeSample(s: RenderShape, specs: readonly ChannelSpec[], dx = 0, dy = 0): string {
  const dims = s.B > 0 ? `B=${s.B},K=${s.K},H=${s.H},W=${s.W}` : `K=${s.K},H=${s.H},W=${s.W}`;
  const ch = specs.map((c, i) => `${s.B > 0 ? `b${Math.floor(i / s.K)}` : ''}k${i % s.K}: ${describeChannel(c)}`).join('; ');
  const moved = dx || dy ? ` translated by (${dx}, ${dy})` : '';
  return `heatmaps[${dims}] ${s.layout} ${s.dtype}${moved} {${ch}}`;
}

/** {@link HeatmapOptions} with every field checked and defaulted. */
export interface CheckedHeatmapOptions {
  sizes: SizeSpec;
  K: [number, number];
  B: [number, number] | undefined;
  kinds: HeatmapKind[];
  layouts: Layout[];
  dtypes: ('float32' | 'float64')[];
  sigma: [number, number];
  amplitude: [number, number];
  margin: number;
  noise: [number, number];
  avoidTies: boolean;
}

/**
 * Validate {@link HeatmapOptions} (named `name` in errors): sizes as
 * {@link heatmapSize}, K ∈ [1, 256], B ∈ [0, 64], kinds / layout / dtype from
 * their lists, σ ∈ (0, 1e4], amplitude ∈ [−1e6, 1e6], margin ∈ [0, 4096],
 * noise ∈ [0, 1e3]; the largest tensor (max(B, 1)·K·W·H float64) must fit the 1 GiB cap.
 */
export function checkHeatmapOptions(name: string, options: unknown): CheckedHeatmapOptions {
  const o = checkOptionsBag(name, options);
  const { spec, maxArea } = checkSizeSpec(`${name}.sizes`, o.sizes, { W: [8, 24], H: [8, 24] });
  const K = checkIntRange(`${name}.K`, o.K, [1, 3], 1, 256);
  const B = o.B === undefined ? undefined : checkIntRange(`${name}.B`, o.B, 0, 0, 64);
  checkAllocation(`${name} (largest heatmap tensor)`, Math.max(B?.[1] ?? 1, 1) * K[1] * maxArea, 8);
  const c: CheckedHeatmapOptions = {
    sizes: spec,
    K,
    B,
    kinds: checkChoices(`${name}.kinds`, o.kinds, HEATMAP_KINDS, HEATMAP_KINDS, false),
    layouts: checkChoices<Layout>(`${name}.layout`, o.layout, ['NCHW', 'NHWC'], ['NCHW', 'NHWC']),
    dtypes: checkChoices<'float32' | 'float64'>(`${name}.dtype`, o.dtype, ['float32', 'float64'], ['float32', 'float64']),
    sigma: checkRealRange(`${name}.sigma`, o.sigma, [1, 3], { min: 0, max: 1e4, positive: true }),
    amplitude: checkRealRange(`${name}.amplitude`, o.amplitude, [0.2, 1], { min: -1e6, max: 1e6 }),
    margin: checkNonNeg(`${name}.margin`, o.margin, 0, MAX_SIDE),
    noise: checkRealRange(`${name}.noise`, o.noise, [0, 0.1], { min: 0, max: 1e3 }),
    avoidTies: checkBoolean(`${name}.avoidTies`, o.avoidTies, false),
  };
  if (c.avoidTies && c.kinds.every((k) => k === 'quantized')) throw new RangeError(`${name}.kinds must hold a kind other than 'quantized' with avoidTies`);
  return c;
}

/**
 * The heatmaps of a law: `defaults`, then the user's `options.heatmaps`
 * (checked as an options object named `name`), then `overrides`, all checked
 * under `name` at the law's creation.
 */
export function lawHeatmapSamples(name: string, user: unknown, defaults: HeatmapOptions = {}, overrides: HeatmapOptions = {}): fc.Arbitrary<HeatmapSample> {
  return checkedHeatmapSamples(checkHeatmapOptions(name, { ...defaults, ...checkOptionsBag(name, user), ...overrides }));
}

/** Samples from already-checked options (the laws check theirs under their own names). */
export function checkedHeatmapSamples(c: CheckedHeatmapOptions): fc.Arbitrary<HeatmapSample> {
  const o = { kinds: c.kinds, sigma: c.sigma, amplitude: c.amplitude, margin: c.margin, noise: c.noise, avoidTies: c.avoidTies };
  return fc
    .record({
      size: heatmapSize(c.sizes),
      K: intArb(c.K),
      B: c.B === undefined ? fc.constant(0) : intArb(c.B),
      layout: fc.constantFrom(...c.layouts),
      dtype: fc.constantFrom(...c.dtypes),
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

/**
 * Synthetic heatmap tensors with their recipes ({@link HeatmapSample}).
 * Kinds: `clean` Gaussian at a sub-pixel centre; `noisy` (+ uniform pixel
 * noise); `twoPeaks` (sum of two Gaussians); `negative` (shifted down so the
 * tails are negative); `expected` (bilinear mixture of the four integer-centred
 * Gaussians, the "expected target" of a network trained on rounded targets);
 * `quantized` (4- or 8-bit levels, exact ties on plateaus); `zero` (all zero).
 * Options are checked at creation ({@link checkHeatmapOptions}: TypeError /
 * RangeError naming `options.<field>`).
 */
export function heatmapSamples(options: HeatmapOptions = {}): fc.Arbitrary<HeatmapSample> {
  return checkedHeatmapSamples(checkHeatmapOptions('options', options));
}

/** Heatmap tensors (`[K, H, W]`, or `[B, K, H, W]` when `B` is given); see {@link heatmapSamples} for kinds and options. */
export function heatmaps(options: HeatmapOptions = {}): fc.Arbitrary<NdArray> {
  return heatmapSamples(options).map((s) => s.heatmaps);
}
