/**
 * One options parser per decode operation, used by the CPU decoders
 * (`posecodec/decode`) and the GPU decoder (`posecodec/gpu`) alike, so both
 * accept exactly the same options and throw exactly the same errors. Each
 * returns a frozen, fully defaulted record.
 */
import { checkOptions, checkFinite } from '../core/ndarray.js';
import { checkBoolean, checkChoice } from '../core/options.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import type { QuarterOptions, DarkOptions, DarkUdpOptions, SoftArgmaxOptions } from './types.js';

/** Parsed {@link QuarterOptions}. */
export interface QuarterSettings {
  readonly rule: 'mmpose' | 'hrnet';
}

/** Parsed {@link DarkOptions}. */
export interface DarkSettings {
  readonly blurKernelSize: number;
  /** The OpenCV kernel for `blurKernelSize` (float32-rounded weights). */
  readonly kernel: Float64Array;
  readonly guard: boolean;
  readonly maxStep: number;
}

/** Parsed {@link DarkUdpOptions}. */
export interface DarkUdpSettings {
  readonly blurKernelSize: number;
  readonly kernel: Float64Array;
}

/** Parsed {@link SoftArgmaxOptions}. */
export interface SoftArgmaxSettings {
  readonly beta: number;
  readonly debias: boolean;
  readonly normalize: 'softmax' | 'sum';
}

/** `heatmapArgmax` takes no options; an options bag, if given, must be an object. */
export function parseArgmaxOptions(options: unknown): Readonly<Record<string, never>> {
  if (options !== undefined) checkOptions('options', options as object);
  return Object.freeze({});
}

/** Validate {@link QuarterOptions}: `rule` `'mmpose'` (default) or `'hrnet'`. */
export function parseQuarterOptions(options: QuarterOptions | undefined): QuarterSettings {
  const o = checkOptions('options', options);
  return Object.freeze({ rule: checkChoice('options.rule', o.rule, ['mmpose', 'hrnet'] as const) });
}

/** Validate {@link DarkOptions}: odd `blurKernelSize` (default 11), boolean `guard`, `maxStep` > 0. */
export function parseDarkOptions(options: DarkOptions | undefined): DarkSettings {
  const o = checkOptions('options', options);
  const blurKernelSize = o.blurKernelSize ?? 11;
  const kernel = cvGaussianKernel(blurKernelSize, 0, 'options.blurKernelSize');
  const guard = checkBoolean('options.guard', o.guard, false);
  const maxStep = o.maxStep === undefined ? 1 : checkFinite('options.maxStep', o.maxStep, { positive: true });
  return Object.freeze({ blurKernelSize, kernel, guard, maxStep });
}

/** Validate {@link DarkUdpOptions}: odd `blurKernelSize` (default 11). */
export function parseDarkUdpOptions(options: DarkUdpOptions | undefined): DarkUdpSettings {
  const o = checkOptions('options', options);
  const blurKernelSize = o.blurKernelSize ?? 11;
  return Object.freeze({ blurKernelSize, kernel: cvGaussianKernel(blurKernelSize, 0, 'options.blurKernelSize') });
}

/** Validate {@link SoftArgmaxOptions}: `beta` > 0 (default 1), boolean `debias`, `normalize` `'softmax'` | `'sum'`. */
export function parseSoftArgmaxOptions(options: SoftArgmaxOptions | undefined): SoftArgmaxSettings {
  const o = checkOptions('options', options);
  const beta = o.beta === undefined ? 1 : checkFinite('options.beta', o.beta, { positive: true });
  const debias = checkBoolean('options.debias', o.debias, false);
  const normalize = checkChoice('options.normalize', o.normalize, ['softmax', 'sum'] as const);
  return Object.freeze({ beta, debias, normalize });
}
