/**
 * One batched SimCC decode on the GPU (`GpuDecoder.simcc`): validate as
 * `decodeSimcc` does, run the arg-maximum (and DARK's blurred-row maximum)
 * kernel over the rows of each axis in chunks, then finish on the CPU in
 * O(1) per keypoint (scores from the maxima read back from the caller's
 * tensors in their own precision, `bins / splitRatio` in float32) and
 * O(KS) with DARK (`simcc-finish.ts`).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation } from '../core/ndarray.js';
import type { DecodeSimccOptions, SimccDecodeResult } from '../decode/simcc-types.js';
import { simccPairView, rowArgmaxAt, rowBase, type SimccView } from '../decode/simcc-view.js';
import { combineScores } from '../decode/simcc-argmax.js';
import { checkSimccLengths } from '../decode/simcc-decode.js';
import { darkScratch } from '../decode/simcc-dark-fast.js';
import { cpuDecodeSimcc } from './cpu-decode.js';
import { planSimcc, type SimccKernelPlan } from './simcc-plan.js';
import { packRows } from './simcc-pack.js';
import type { SimccKernelRunner } from './simcc-runner.js';
import { darkFinishRow } from './simcc-finish.js';

const f32 = Math.fround;
/** Most rows per kernel call (keeps GL output textures small). */
const MAX_ROWS = 2 ** 18;

/** What a batched SimCC decode needs from its decoder. */
export interface SimccContext {
  runner: SimccKernelRunner;
  /** Most float32 values per kernel call. */
  maxChunk: number;
  /** The backend mode (for messages). */
  mode: string;
  /** Serialises device work. */
  queue: <T>(f: () => Promise<T>) => Promise<T>;
  /** Throws once the decoder is disposed. */
  alive: () => void;
}

/** Kernel outputs of one axis over all M rows: component c of row m at `c·M + m`; `cpu[m]` = 1 for rows decoded on the CPU. */
interface AxisOutputs {
  comps: Float32Array;
  cpu: Uint8Array;
  nonFinite: boolean;
}

async function runAxis(ctx: SimccContext, v: SimccView, plan: SimccKernelPlan, name: string): Promise<AxisOutputs> {
  const M = v.N * v.K;
  const C = plan.components;
  const comps = new Float32Array(C * M);
  const cpu = new Uint8Array(M);
  if (v.W > ctx.maxChunk) throw new RangeError(`${name}: one row of ${v.W} bins exceeds the ${ctx.maxChunk} values one kernel call may take on '${ctx.mode}'`);
  const perChunk = Math.max(1, Math.min(M, Math.floor(ctx.maxChunk / v.W), MAX_ROWS));
  for (let m0 = 0; m0 < M; m0 += perChunk) {
    const count = Math.min(perChunk, M - m0);
    const chunk = packRows(v, m0, count);
    if (chunk.nonFinite) return { comps, cpu, nonFinite: true };
    for (const m of chunk.cpuRows) cpu[m] = 1;
    const out = await ctx.queue(() => {
      ctx.alive();
      return ctx.runner.run(plan, count, v.W, [chunk.data, ...plan.extraArgs]);
    });
    for (let c = 0; c < C; c++) comps.set(out.subarray(c * count, (c + 1) * count), c * M + m0);
  }
  return { comps, cpu, nonFinite: false };
}

/**
 * Decode SimCC vectors `x [N, K, Wx]`, `y [N, K, Wy]` (or `[K, ·]`) with
 * the GPU kernels; same result as `decodeSimcc(x, y, options)` (keypoints
 * `[N, K, 2]` input px, scores `[N, K]`): arg-maxima and scores exactly,
 * DARK within 1e-5 bins. `visibility`, and any NaN/±∞ logit, run the CPU
 * decoder on the whole call (its NaN error, numpy's ±∞ rules).
 */
export async function simccBatchDecode(ctx: SimccContext, x: NdArray, y: NdArray, options: DecodeSimccOptions | undefined): Promise<SimccDecodeResult> {
  ctx.alive();
  const pv = simccPairView(x, y);
  const plan = planSimcc(options);
  const s = plan.settings;
  if (s.inputSize) checkSimccLengths(pv.x, pv.y, s.inputSize, s.splitRatio);
  const { N, K, x: vx, y: vy } = pv;
  const M = N * K;
  checkAllocation('keypoints', M * 2, 8);
  if (plan.cpuOnly || M === 0) return cpuDecodeSimcc(x, y, options);
  const ax = await runAxis(ctx, vx, plan.axes[0], 'x');
  const ay = ax.nonFinite ? ax : await runAxis(ctx, vy, plan.axes[1], 'y');
  if (ax.nonFinite || ay.nonFinite) return cpuDecodeSimcc(x, y, options);

  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const tmp = new Float64Array(1);
  const split = f32(s.splitRatio);
  const dsx = s.kernels ? darkScratch(s.kernels[0]) : undefined;
  const dsy = s.kernels ? darkScratch(s.kernels[1]) : undefined;
  const axisMax = (v: SimccView, a: AxisOutputs, m: number, base: number): [number, number] => {
    if (a.cpu[m]) {
      const i = rowArgmaxAt(v, base, tmp);
      return [i, tmp[0]];
    }
    const i = a.comps[m];
    return [i, v.data[base + i * v.sW]];
  };
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const m = n * K + k;
      const bx = rowBase(vx, n, k);
      const by = rowBase(vy, n, k);
      const [ix, mx] = axisMax(vx, ax, m, bx);
      const [iy, my] = axisMax(vy, ay, m, by);
      const score = combineScores(mx, my, s.score, vx.f);
      sc[m] = score;
      let cx = score <= 0 ? -1 : ix;
      let cy = score <= 0 ? -1 : iy;
      if (dsx && dsy) {
        // Rows packed for the CPU get a NaN blurred-maximum bin, so darkFinishRow re-decodes them exactly.
        cx = darkFinishRow(vx, bx, dsx, cx, ix, mx, ax.cpu[m] ? NaN : ax.comps[M + m], ax.comps[2 * M + m]);
        cy = darkFinishRow(vy, by, dsy, cy, iy, my, ay.cpu[m] ? NaN : ay.comps[M + m], ay.comps[2 * M + m]);
      }
      kp[2 * m] = f32(cx / split);
      kp[2 * m + 1] = f32(cy / split);
    }
  }
  return { keypoints: ndarray(kp, [N, K, 2]), scores: ndarray(sc, [N, K]) };
}
