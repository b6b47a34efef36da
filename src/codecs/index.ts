/** Codec objects (input pixels): `createCodec` and each codec's options and result types. */
export { createCodec, CODEC_TYPES } from './registry.js';
export type { Codec, CodecOptions, CodecType, CodecTypes } from './registry.js';
export type { CodecBase, CodecCompat, FrozenSize, HeatmapCodec, HeatmapEncodeResult } from './types.js';
export type { MsraCodecOptions } from './msra.js';
export type { UdpCodecOptions } from './udp.js';
export type { MegviiCodecOptions } from './megvii.js';
export type { IntegralCodecOptions, IntegralCodec, IntegralEncodeResult } from './integral.js';
export type { AssociativeEmbeddingCodecOptions, AssociativeEmbeddingCodec, AeEncodeResult, AePoses } from './associative-embedding.js';
export { COCO_KEYPOINT_ORDER } from './associative-embedding.js';
export type { SprCodecOptions, SprCodec, SprEncodeResult, SprDecodeResult } from './spr.js';
export type { DecoupledCodecOptions, DecoupledCodec, DecoupledEncodeOptions, DecoupledEncodeResult } from './decoupled.js';
export type { SimccCodecOptions, SimccCodec } from './simcc.js';
export type { RegressionCodecOptions, RegressionCodec, RegressionEncodeResult } from './regression.js';
/** @deprecated since 0.2: use {@link HeatmapEncodeResult}. */
export type { HeatmapEncodeResult as EncodeResult } from './types.js';
