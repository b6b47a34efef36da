/**
 * Network-sized heatmap batches for the speed benchmark: one sub-pixel UDP
 * Gaussian per map (the library's own encoder) plus low-amplitude uniform
 * noise, so argmax branches and DARK's log floor behave as on real outputs.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation } from '../../src/core/ndarray.js';
import { udpHeatmaps, udpCombinedTargets } from '../../src/encode/index.js';
import { asInstance } from './encoders.js';
import type { Prng } from '../../src/core/prng.js';

/** Peak-to-peak amplitude of the uniform background noise (peak = 1). */
export const BATCH_NOISE = 0.01;

function randomPoints(rng: Prng, n: number, W: number, H: number): Float64Array {
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = rng.uniform(2, W - 3);
    xy[2 * i + 1] = rng.uniform(2, H - 3);
  }
  return xy;
}

function asBatch(maps: NdArray, B: number, C: number, H: number, W: number): NdArray<Float32Array> {
  const data = maps.data as Float32Array;
  if (!(data instanceof Float32Array) || data.length !== B * C * H * W || maps.offset !== 0) throw new Error('encoder returned a non-contiguous result');
  return ndarray(data, [B, C, H, W]);
}

/**
 * A contiguous `[B, K, H, W]` float32 batch of Gaussian maps (σ heatmap px).
 * @param shape `[B, K, H, W]`
 */
export function gaussianBatch(rng: Prng, shape: [number, number, number, number], sigma = 2): NdArray<Float32Array> {
  const [B, K, H, W] = shape;
  checkAllocation('batch', B * K * H * W);
  const { keypoints, visible } = asInstance(randomPoints(rng, B * K, W, H));
  const batch = asBatch(udpHeatmaps([W, H], keypoints, visible, sigma).heatmaps, B, K, H, W);
  const d = batch.data;
  for (let i = 0; i < d.length; i++) d[i] += BATCH_NOISE * (rng.next() - 0.5);
  return batch;
}

/** A contiguous `[B, 3K, H, W]` batch of UDP combined (cls, offX, offY) targets. */
export function combinedBatch(rng: Prng, shape: [number, number, number, number]): NdArray<Float32Array> {
  const [B, K, H, W] = shape;
  checkAllocation('batch', 3 * B * K * H * W);
  const { keypoints, visible } = asInstance(randomPoints(rng, B * K, W, H));
  return asBatch(udpCombinedTargets([W, H], keypoints, visible).heatmaps, B, 3 * K, H, W);
}
