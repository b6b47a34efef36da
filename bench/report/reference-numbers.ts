/**
 * The numbers of codecs.md §8.3 (a numpy simulation of the Python references,
 * n = 3000 interior points, input px) that posecodec's tables must agree with
 * or explain.
 *
 * The §8.3 "24×32 σ=1, k=3" row was simulated for a 96×128 input (stride 4);
 * this benchmark's input is 192×256 (stride 8) as the issue asks, so those
 * references are scaled ×2: the error in heatmap px is the same, each heatmap
 * px is twice as many input px (UDP: 191/23 vs 95/23 = ×2.01).
 */

export interface ReferenceNumber {
  resolution: string;
  /** Target source id (encoder or `msra-expected`). */
  encoder: string;
  decoder: string;
  /** `meanL2`, `maxL2`, or the per-axis means. */
  metric: 'meanL2' | 'maxL2' | 'meanAbsX' | 'meanAbsY';
  value: number;
  /** Where the number comes from. */
  source: string;
}

const S = 'codecs.md §8.3';
const S2 = 'codecs.md §8.3 (96×128 input, ×2)';
const r = (resolution: string, encoder: string, decoder: string, metric: ReferenceNumber['metric'], value: number, source = S): ReferenceNumber => ({ resolution, encoder, decoder, metric, value, source });

/** Every §8.3 number this benchmark reproduces. */
export const REFERENCE_NUMBERS: readonly ReferenceNumber[] = [
  r('64x48-s2', 'msra', 'argmax', 'meanL2', 1.514),
  r('64x48-s2', 'msra', 'argmax', 'meanAbsX', 0.987),
  r('64x48-s2', 'msra', 'argmax', 'maxL2', 2.81),
  r('64x48-s2', 'msra', 'quarter', 'meanL2', 1.514),
  r('64x48-s2', 'msra', 'dark-k11', 'meanL2', 1.514),
  r('64x48-s2', 'unbiased', 'argmax', 'meanL2', 1.514),
  r('64x48-s2', 'unbiased', 'quarter', 'meanL2', 0.771),
  r('64x48-s2', 'unbiased', 'quarter', 'meanAbsX', 0.508),
  r('64x48-s2', 'unbiased', 'quarter', 'maxL2', 1.41),
  r('64x48-s2', 'unbiased', 'dark-k11', 'meanL2', 0.0013),
  r('64x48-s2', 'unbiased', 'dark-k11', 'maxL2', 0.047),
  r('64x48-s2', 'unbiased', 'integral-sum', 'meanL2', 0.008),
  r('64x48-s2', 'unbiased', 'integral-sum', 'maxL2', 0.31),
  r('64x48-s2', 'unbiased', 'soft-argmax-b1', 'meanL2', 68),
  r('64x48-s2', 'unbiased', 'soft-argmax-b50', 'meanL2', 0.81),
  r('64x48-s2', 'udp', 'argmax', 'meanL2', 1.558),
  r('64x48-s2', 'udp', 'dark-udp-k11', 'meanL2', 0.0003),
  r('64x48-s2', 'udp', 'dark-udp-k11', 'maxL2', 0.01),
  r('64x48-s2', 'msra-expected', 'argmax', 'meanL2', 1.522),
  r('64x48-s2', 'msra-expected', 'quarter', 'meanL2', 0.77),
  r('64x48-s2', 'msra-expected', 'dark-k11', 'meanL2', 0.024),
  r('32x24-s1', 'msra', 'argmax', 'meanL2', 2 * 1.546, S2),
  r('32x24-s1', 'unbiased', 'quarter', 'meanL2', 2 * 0.767, S2),
  r('32x24-s1', 'unbiased', 'dark-k3', 'meanL2', 2 * 0.051, S2),
  r('32x24-s1', 'udp', 'dark-udp-k3', 'meanL2', 2 * 0.006, S2),
  r('32x24-s1', 'msra-expected', 'argmax', 'meanL2', 2 * 1.523, S2),
  r('32x24-s1', 'msra-expected', 'quarter', 'meanL2', 2 * 0.769, S2),
  r('32x24-s1', 'msra-expected', 'dark-k3', 'meanL2', 2 * 0.128, S2),
  r('32x24-s2', 'msra', 'argmax', 'meanL2', 3.109),
  r('32x24-s2', 'unbiased', 'quarter', 'meanL2', 1.533),
  r('32x24-s2', 'unbiased', 'dark-k11', 'meanL2', 0.2),
  r('32x24-s2', 'unbiased', 'dark-k11', 'maxL2', 5.55),
  r('32x24-s2', 'udp', 'dark-udp-k11', 'meanL2', 0.098),
  r('32x24-s2', 'udp', 'dark-udp-k11', 'maxL2', 1.34),
  r('16x12-s2', 'msra', 'argmax', 'meanL2', 6.131),
  r('16x12-s2', 'unbiased', 'quarter', 'meanL2', 3.217),
  r('16x12-s2', 'unbiased', 'dark-k11', 'meanL2', 2.626),
  r('16x12-s2', 'unbiased', 'dark-k11', 'maxL2', 10.75),
  r('16x12-s2', 'udp', 'dark-udp-k11', 'meanL2', 2.306),
  r('16x12-s2', 'udp', 'dark-udp-k11', 'maxL2', 10.77),
];

/** Flip-test biases of §4.2/§8.3 at 64×48 (input px). */
export const REFERENCE_FLIP: Readonly<Record<string, number>> = { msra: -1.5, 'msra-shift': 0.5, udp: 0 };

/**
 * Whether a measured value agrees with a reference: within 10 % plus 0.002 px
 * (sampling noise of n = 3000 random points is ~1 % on the means; maxima of
 * random samples vary more, so they get 25 %).
 */
export function agrees(ref: ReferenceNumber, measured: number): boolean {
  const rel = ref.metric === 'maxL2' ? 0.25 : 0.1;
  return Math.abs(measured - ref.value) <= rel * Math.abs(ref.value) + 0.002;
}
