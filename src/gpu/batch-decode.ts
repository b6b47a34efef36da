/**
 * One batched decode on the GPU: validate, split the B·K maps into chunks
 * that fit one kernel call, run the planned kernel on each, and finish on the
 * CPU the few maps the kernel hands back (non-finite values; DARK maps that
 * reach mmpose's 1e-10 log floor).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation } from '../core/ndarray.js';
import type { DecodeResult } from '../decode/types.js';
import { cpuDecode, type DecodeKind, type DecodeOptions } from './cpu-decode.js';
import { packHeatmaps, singleMap } from './pack-heatmaps.js';
import { planKernel } from './kernel-plan.js';
import type { KernelRunner } from './kernel-runner.js';

/** What a batched decode needs from its decoder. */
export interface BatchContext {
  runner: KernelRunner;
  /** Most heatmap values per kernel call. */
  maxChunk: number;
  /** The backend mode (for messages). */
  mode: string;
  /** Serialises device work. */
  queue: <T>(f: () => Promise<T>) => Promise<T>;
  /** Throws once the decoder is disposed. */
  alive: () => void;
}

/** Decode `[K, H, W]` / `[B, K, H, W]` heatmaps with the kernel of `kind` (see the file header). */
export async function batchDecode(ctx: BatchContext, kind: DecodeKind, heatmaps: NdArray, options: DecodeOptions): Promise<DecodeResult> {
  ctx.alive();
  const v = heatmapView('heatmaps', heatmaps);
  const plan = planKernel(kind, options);
  const M = v.B * v.K;
  const HW = v.H * v.W;
  checkAllocation('keypoints', M * 2, 8);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  if (HW > ctx.maxChunk) throw new RangeError(`heatmaps: one ${v.H}×${v.W} map (${HW} values) exceeds the ${ctx.maxChunk} values one kernel call may take on '${ctx.mode}'`);
  const perChunk = Math.max(1, Math.min(M, Math.floor(ctx.maxChunk / HW), 2 ** 20));
  const cpuMaps: number[] = [];
  for (let m0 = 0; m0 < M; m0 += perChunk) {
    const count = Math.min(perChunk, M - m0);
    const chunk = packHeatmaps(v, m0, count);
    const out = await ctx.queue(() => {
      ctx.alive();
      return ctx.runner.run(plan, count, v.H, v.W, [chunk.data, ...plan.extraArgs]);
    });
    for (let i = 0; i < count; i++) {
      const m = m0 + i;
      kp[2 * m] = out[i];
      kp[2 * m + 1] = out[count + i];
      sc[m] = out[2 * count + i];
      // DARK marks maps that reach the log floor with score −1 and x ≥ 0 (see DARK_SOURCE).
      if (kind === 'dark' && out[2 * count + i] === -1 && out[i] >= 0) cpuMaps.push(m);
    }
    cpuMaps.push(...chunk.nonFinite);
  }
  for (const m of cpuMaps) {
    const r = cpuDecode(kind, singleMap(v, m), options);
    kp[2 * m] = r.keypoints.data[0];
    kp[2 * m + 1] = r.keypoints.data[1];
    sc[m] = r.scores.data[0];
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
