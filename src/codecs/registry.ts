/**
 * The codec registry: one entry per codec type, each pointing at the factory
 * in its own file. `createCodec` looks the type up here, so adding a codec is
 * one import, one {@link CodecTypes} line and one {@link FACTORIES} line
 * (docs/architecture.md has the checklist).
 */
import { checkOptions } from '../core/ndarray.js';
import type { HeatmapCodec } from './types.js';
import { createMsraCodec, type MsraCodecOptions } from './msra.js';
import { createUdpCodec, type UdpCodecOptions } from './udp.js';
import { createMegviiCodec, type MegviiCodecOptions } from './megvii.js';
import { createIntegralCodec, type IntegralCodecOptions, type IntegralCodec } from './integral.js';
import { createAssociativeEmbeddingCodec, type AssociativeEmbeddingCodecOptions, type AssociativeEmbeddingCodec } from './associative-embedding.js';
import { createSprCodec, type SprCodecOptions, type SprCodec } from './spr.js';
import { createDecoupledCodec, type DecoupledCodecOptions, type DecoupledCodec } from './decoupled.js';
import { createSimccCodec, type SimccCodecOptions, type SimccCodec } from './simcc.js';
import { createRegressionCodec, type RegressionCodecOptions, type RegressionCodec } from './regression.js';

/** Codec type → its options and the codec object it creates. */
export interface CodecTypes {
  msra: { options: MsraCodecOptions; codec: HeatmapCodec<'msra'> };
  udp: { options: UdpCodecOptions; codec: HeatmapCodec<'udp'> };
  megvii: { options: MegviiCodecOptions; codec: HeatmapCodec<'megvii'> };
  integral: { options: IntegralCodecOptions; codec: IntegralCodec };
  associativeEmbedding: { options: AssociativeEmbeddingCodecOptions; codec: AssociativeEmbeddingCodec };
  spr: { options: SprCodecOptions; codec: SprCodec };
  decoupled: { options: DecoupledCodecOptions; codec: DecoupledCodec };
  simcc: { options: SimccCodecOptions; codec: SimccCodec };
  regression: { options: RegressionCodecOptions; codec: RegressionCodec };
}

/** Every registered codec type. */
export type CodecType = keyof CodecTypes;
/** Options of any codec (discriminated by `type`). */
export type CodecOptions = CodecTypes[CodecType]['options'];
/** Any codec object. */
export type Codec = CodecTypes[CodecType]['codec'];

const FACTORIES: { readonly [T in CodecType]: (options: CodecTypes[T]['options']) => CodecTypes[T]['codec'] } = Object.freeze({
  msra: createMsraCodec,
  udp: createUdpCodec,
  megvii: createMegviiCodec,
  integral: createIntegralCodec,
  associativeEmbedding: createAssociativeEmbeddingCodec,
  spr: createSprCodec,
  decoupled: createDecoupledCodec,
  simcc: createSimccCodec,
  regression: createRegressionCodec,
});

/** The registered codec types, in registration order (frozen). */
export const CODEC_TYPES: readonly CodecType[] = Object.freeze(Object.keys(FACTORIES) as CodecType[]);

/**
 * Create a codec: an encoder and decoder bound to one input size and
 * geometry, in input pixels (see each type's file in `src/codecs/`). Options
 * are validated here, once, and snapshotted: changing the options object
 * afterwards changes nothing; the returned codec and its sizes are frozen.
 * @throws TypeError / RangeError naming the bad option
 */
export function createCodec<T extends CodecType>(options: CodecTypes[T]['options'] & { type: T }): CodecTypes[T]['codec'] {
  const opts = checkOptions('options', options as object) as { type?: unknown };
  const type = opts.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(FACTORIES, type)) {
    throw new RangeError(`options.type must be one of ${CODEC_TYPES.map((t) => `'${t}'`).join(', ')}, got ${JSON.stringify(type)}`);
  }
  return (FACTORIES[type as T] as (o: unknown) => CodecTypes[T]['codec'])(options);
}
