/**
 * Batched heatmap NMS and NMS top-k peaks on the GPU (`GpuDecoder.heatmapNms`,
 * `GpuDecoder.topkPeaks`): the keep-mask kernel (`nms-kernels.ts`) runs over
 * chunks of maps, and the CPU writes `h` or `h · 0` from the caller's values,
 * so the result equals `heatmapNms` (src/decode/heatmap-nms.ts) bit for bit,
 * −0 included. Top-k then runs the exact CPU selection (`topkPeaks`,
 * src/decode/topk-peaks.ts: first flat index among equal values) on that map.
 *
 * Maps the device cannot compare exactly run `heatmapNms` on the CPU, map by
 * map: NaN/±∞ (float64 beyond the float32 range included; torch's NaN rules),
 * float64 values that float32 does not represent exactly (rounding could
 * create ties), and float32 subnormals (GPUs may flush them to zero), as do
 * maps too large for one kernel call.
 */
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions, heatmapView, zerosF32, type HeatmapView } from '../core/ndarray.js';
import { heatmapNms, checkNmsKernel } from '../decode/heatmap-nms.js';
import { topkPeaks, checkTopk, checkTags } from '../decode/topk-peaks.js';
import type { TopkPeaksOptions, TopkPeaksResult } from '../decode/bottomup-types.js';
import { packHeatmaps, mapOffset, singleMap } from './pack-heatmaps.js';
import type { BatchContext } from './batch-decode.js';
import { NMS_KEEP_SOURCE } from './nms-kernels.js';

/** Options of `GpuDecoder.topkPeaks`: those of `topkPeaks` plus the NMS window. */
export interface GpuTopkPeaksOptions extends TopkPeaksOptions {
  /** Odd NMS window size, 1 ≤ k ≤ 1025 (mmpose's `decode_nms_kernel` is 5), applied on the device before the top-k; left out: no NMS, exactly `topkPeaks`. */
  nmsKernel?: number;
}

/** Most pixels per kernel call: thread indices stay exact float32 integers (< 2²⁴). */
const MAX_PIXELS = 2 ** 24;
/** Smallest normal float32 (2⁻¹²⁶); nonzero values below it are subnormal. */
const F32_MIN_NORMAL = 2 ** -126;

/** True when every value of map m equals its packed float32 (at `packed[o…]`) and none is subnormal. */
function exactOnDevice(v: HeatmapView, m: number, packed: Float32Array, o: number): boolean {
  const { H, W, sH, sW, data } = v;
  const base = mapOffset(v, m);
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      const h = data[row + x * sW];
      if (h !== packed[o + y * W + x] || (h !== 0 && Math.abs(h) < F32_MIN_NORMAL)) return false;
    }
  }
  return true;
}

/** Write map m of the output: `h` where `keep` is 1, else `h · 0` (torch `h * eq(h, max).float()`). */
function writeMasked(v: HeatmapView, m: number, keep: Float32Array, k0: number, out: Float32Array): void {
  const { H, W, sH, sW, data } = v;
  const base = mapOffset(v, m);
  const o = m * H * W;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      const h = data[row + x * sW];
      out[o + y * W + x] = keep[k0 + y * W + x] === 1 ? h : h * 0;
    }
  }
}

/**
 * `heatmapNms(heatmaps, kernelSize)` with the keep mask computed on the GPU
 * (module doc). Same validation and errors as `heatmapNms`; result equal bit
 * for bit (Float32Array, shape of `heatmaps`). Cost: O(B·K·H·W·k²) on the
 * device (k clipped to the map), O(B·K·H·W) on the CPU.
 */
export async function gpuHeatmapNms(ctx: BatchContext, heatmaps: NdArray, kernelSize = 5): Promise<NdArray<Float32Array>> {
  ctx.alive();
  const v = heatmapView('heatmaps', heatmaps);
  const k = checkNmsKernel('kernelSize', kernelSize, 5);
  const { B, K, H, W } = v;
  const out = zerosF32(v.batched ? [B, K, H, W] : [K, H, W], 'heatmaps');
  const M = B * K;
  const HW = H * W;
  const r = (k - 1) >> 1;
  const RY = Math.min(r, H - 1);
  const RX = Math.min(r, W - 1);
  const limit = Math.min(ctx.maxChunk, MAX_PIXELS);
  const cpuMaps: number[] = [];
  if (HW > limit) for (let m = 0; m < M; m++) cpuMaps.push(m);
  const perChunk = HW > limit ? 0 : Math.max(1, Math.min(M, Math.floor(limit / HW)));
  for (let m0 = 0; perChunk > 0 && m0 < M; m0 += perChunk) {
    const count = Math.min(perChunk, M - m0);
    const chunk = packHeatmaps(v, m0, count);
    const skip = new Set(chunk.nonFinite);
    for (let i = 0; i < count; i++) if (!skip.has(m0 + i) && !exactOnDevice(v, m0 + i, chunk.data, i * HW)) skip.add(m0 + i);
    if (skip.size === count) {
      cpuMaps.push(...skip);
      continue;
    }
    const spec = {
      key: `nms|${count}|${H}|${W}|${RY}|${RX}`,
      source: NMS_KEEP_SOURCE,
      output: count * HW,
      constants: { N: count, H, W, HW, RY, RX, KY: 2 * RY + 1, KX: 2 * RX + 1 },
    };
    const keep = await ctx.queue(() => {
      ctx.alive();
      return ctx.runner.runKernel(spec, [chunk.data]);
    });
    for (let i = 0; i < count; i++) {
      if (skip.has(m0 + i)) cpuMaps.push(m0 + i);
      else writeMasked(v, m0 + i, keep, i * HW, out.data);
    }
  }
  for (const m of cpuMaps) out.data.set(heatmapNms(singleMap(v, m), k).data, m * HW);
  return out;
}

/**
 * Top-k peaks. Without `options.nmsKernel`: exactly `topkPeaks(heatmaps, k, { tags })`
 * (the CPU function, same arguments). With it: the NMS peaks of the
 * associative-embedding decoder, `topkPeaks(heatmapNms(heatmaps, nmsKernel), k, { tags })`,
 * with `nms` as the NMS step (GPU or CPU). Every argument is validated
 * before any work, with the errors of those two functions (`kernelSize`
 * named `options.nmsKernel`). Result: values `[B, K, k]` (descending, lower
 * flat index first among equal values, NaN first), locations `[B, K, k, 2]`
 * heatmap px, tags `[B, K, k, L]`.
 */
export async function nmsTopkPeaks(
  nms: (h: NdArray, kernelSize: number) => Promise<NdArray<Float32Array>>,
  heatmaps: NdArray,
  k: number,
  options: GpuTopkPeaksOptions | undefined,
): Promise<TopkPeaksResult> {
  const v = heatmapView('heatmaps', heatmaps);
  const o = checkOptions('options', options);
  const nmsKernel = o.nmsKernel === undefined ? undefined : checkNmsKernel('options.nmsKernel', o.nmsKernel, 5);
  const n = checkTopk('k', k, v.H, v.W);
  const tags = o.tags;
  const tg = tags === undefined ? undefined : checkTags('options.tags', tags, v);
  checkAllocation('topkPeaks output', v.B * v.K * n * Math.max(2, tg ? tg.L : 0), 8);
  const peaks = nmsKernel === undefined ? heatmaps : await nms(heatmaps, nmsKernel);
  return topkPeaks(peaks, n, tags === undefined ? undefined : { tags });
}
