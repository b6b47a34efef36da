/**
 * Per-channel normalisation `f32(f32(x − mean32) / std32)` as mmengine's
 * `ImgDataPreprocessor` computes it on float32 tensors
 * (mmengine/model/base_model/data_preprocessor.py:227-230, 266, 275; W16):
 * two correctly rounded float32 operations, so this is float32-exact.
 */
import { checkFinite, checkOptions } from '../core/ndarray.js';
import type { NormalizeOptions, TensorLayout } from './types.js';

/** A validated normaliser for images with `C` channels. */
export interface ChannelNormalizer {
  /** Output channels. */
  nOut: number;
  /** Input channel read by each output channel. */
  source: Int32Array;
  mean32: Float32Array;
  std32: Float32Array;
  /** uint8 lookup: `lut[oc·256 + v]` = normalised value of level v for output channel oc. */
  lut: Float32Array;
  layout: TensorLayout;
}

function numberList(name: string, v: unknown): number[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`${name} must be an array of numbers, got ${v === null ? 'null' : typeof v}`);
  const a = Array.from(v as ArrayLike<unknown>);
  if (a.length < 1) throw new RangeError(`${name} must have at least 1 value`);
  return a.map((x, i) => checkFinite(`${name}[${i}]`, x));
}

/**
 * Validate `{ mean, std, bgrToRgb, layout }` for a `C`-channel image.
 * Output channels: `mean.length` (1 broadcasts to all C); with C = 4 and 3
 * values the alpha channel is dropped. `bgrToRgb` reverses the three colour
 * channels (output channel 0 reads input channel 2) and, as mmengine, does
 * nothing when there are not 3 output channels (data_preprocessor.py:262-263).
 */
export function channelNormalizer(name: string, options: unknown, C: number): ChannelNormalizer {
  const o = checkOptions(name, options as NormalizeOptions | undefined) as Partial<NormalizeOptions>;
  const mean = numberList(`${name}.mean`, o.mean);
  const std = numberList(`${name}.std`, o.std);
  const nOut = mean.length === 1 && std.length === 1 ? C : Math.max(mean.length, std.length);
  for (const [k, a] of [['mean', mean], ['std', std]] as const) {
    if (a.length !== 1 && a.length !== nOut) throw new RangeError(`${name}.${k} must have 1 or ${nOut} values, got ${a.length}`);
  }
  if (nOut > C) throw new RangeError(`${name}.mean has ${nOut} channels but the image has ${C}`);
  std.forEach((s, i) => {
    if (!(s > 0)) throw new RangeError(`${name}.std[${i}] must be > 0, got ${s}`);
  });
  const flip = o.bgrToRgb ?? false;
  if (typeof flip !== 'boolean') throw new TypeError(`${name}.bgrToRgb must be a boolean, got ${typeof flip}`);
  const layout = o.layout ?? 'CHW';
  if (layout !== 'CHW' && layout !== 'HWC') throw new RangeError(`${name}.layout must be 'CHW' or 'HWC', got ${JSON.stringify(layout)}`);
  const source = new Int32Array(nOut);
  const mean32 = new Float32Array(nOut);
  const std32 = new Float32Array(nOut);
  const lut = new Float32Array(nOut * 256);
  for (let c = 0; c < nOut; c++) {
    source[c] = flip && nOut === 3 ? 2 - c : c;
    mean32[c] = mean[mean.length === 1 ? 0 : c];
    std32[c] = std[std.length === 1 ? 0 : c];
    for (let v = 0; v < 256; v++) lut[c * 256 + v] = normalizeF32(v, mean32[c], std32[c]);
  }
  return { nOut, source, mean32, std32, lut, layout };
}

/** `f32(f32(x − m) / s)` for float32 `m`, `s` (and float32 or integer `x`). */
export function normalizeF32(x: number, m: number, s: number): number {
  return Math.fround(Math.fround(x - m) / s);
}
