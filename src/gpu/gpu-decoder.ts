/**
 * Batched heatmap decoding with GPU.js: `createGpuDecoder`.
 *
 * Whole batches `[B, K, H, W]` are decoded by one kernel call per chunk; each
 * of the B·K maps gets three threads (x, y, score), so only B·K·3 float32
 * numbers come back from the device. Results equal the CPU decoders of
 * `posecodec/decode` (argmax exactly; coordinates within float32 rounding,
 * < 1e-5 heatmap px on the test table) on every backend.
 *
 * Spec: `spec/gpu.md` (backends, traps, algorithm); api.md "gpu".
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkOptions, checkPositiveInt } from '../core/ndarray.js';
import { checkBoolean, checkChoice } from '../core/options.js';
import type { DecodeResult, QuarterOptions, DarkOptions, SoftArgmaxOptions } from '../decode/types.js';
import { cpuDecode, type DecodeKind, type DecodeOptions } from './cpu-decode.js';
import { KERNEL_CLASS, PLAIN_JS_BACKEND, loadGpuJs, isNode, type GpuMode, type GpuJsMode, type GpuJsInstance } from './gpujs-backend.js';
import { resolveAutoMode } from './auto-mode.js';
import { installNodeWebGPU } from './node-webgpu.js';
import { createQueue } from './run-queue.js';
import { chunkLimit } from './chunk-limit.js';
import { createKernelRunner } from './kernel-runner.js';
import { batchDecode, type BatchContext } from './batch-decode.js';
import type { DecodeSimccOptions, SimccDecodeResult } from '../decode/simcc-types.js';
import { cpuDecodeSimcc } from './cpu-decode.js';
import { createSimccRunner } from './simcc-runner.js';
import { simccBatchDecode } from './simcc-batch.js';
import { heatmapNms as cpuHeatmapNms } from '../decode/heatmap-nms.js';
import type { TopkPeaksResult } from '../decode/bottomup-types.js';
import { gpuHeatmapNms, nmsTopkPeaks, type GpuTopkPeaksOptions } from './nms-batch.js';

export type { GpuMode } from './gpujs-backend.js';
export type { GpuTopkPeaksOptions } from './nms-batch.js';

export interface GpuDecoderOptions {
  /** Backend (default `'auto'`): a real GPU via WebGPU/WebGL2, else the plain CPU decoders. */
  mode?: GpuMode;
  /** Throw when gpu.js silently falls back to another backend (default false: warn and go on). */
  strict?: boolean;
  /**
   * Most float32 heatmap values sent to the device per kernel call; larger
   * batches are split. Default 2²² (16 MiB, inside WebGL2's minimum texture
   * size) on GL, 2²⁴ on webasm/cpu, and on WebGPU the adapter's storage
   * buffer limit (at most 2²⁵).
   */
  maxChunkElements?: number;
}

/** A batched decoder; every method takes `[K, H, W]` or `[B, K, H, W]` heatmaps (any strides, f32/f64). */
export interface GpuDecoder {
  /** The kernel class that really ran (`'WebGPUKernel'`, `'WebGL2Kernel'`, …), or `'js'` for the plain CPU decoders. */
  readonly backend: string;
  /** The mode asked for, `'auto'` resolved (`'js'` when auto chose the CPU decoders). */
  readonly mode: GpuJsMode | 'js';
  /** `heatmapArgmax`: keypoints `[K, 2]` / `[B, K, 2]` (−1 where max ≤ 0), scores = maxima. */
  argmax(heatmaps: NdArray): Promise<DecodeResult>;
  /** `heatmapArgmax` then `refineQuarter` (options as there). */
  quarter(heatmaps: NdArray, options?: QuarterOptions): Promise<DecodeResult>;
  /** `heatmapArgmax` then `refineDark` (options as there; blur evaluated at 13 points). */
  dark(heatmaps: NdArray, options?: DarkOptions): Promise<DecodeResult>;
  /** `softArgmax` (softmax normalisation; `normalize: 'sum'` is CPU-only). */
  softArgmax(heatmaps: NdArray, options?: SoftArgmaxOptions): Promise<DecodeResult>;
  /**
   * `decodeSimcc` on SimCC vectors `x [N, K, Wx]`, `y [N, K, Wy]` (or `[K, ·]`;
   * any strides, f32/f64; options as there, validated by its own parser):
   * keypoints `[N, K, 2]` input px, scores `[N, K]`. Arg-maxima (first
   * maximum), scores (`'min'`/`'mean'`) and `bins / splitRatio` exactly as
   * the CPU; with `dark`, the GPU finds each row's arg-maximum and blurred
   * maximum (O(W·k)) and the CPU finishes the Newton step from five exactly
   * blurred bins (within 1e-5 bins of `decodeSimcc`). **`visibility: true`
   * runs `decodeSimcc` on the CPU** (numpy's float32 pairwise softmax sums),
   * as do calls holding NaN/±∞ logits (same errors and values as the CPU).
   */
  simcc(x: NdArray, y: NdArray, options?: DecodeSimccOptions): Promise<SimccDecodeResult>;
  /**
   * `heatmapNms(heatmaps, kernelSize)` (mmpose `batch_heatmap_nms`) bit for
   * bit: fresh Float32Array heatmaps of the same shape, each pixel `h` where
   * it equals the maximum of its `k × k` window clipped to the map (ties
   * kept), else `h · 0` (**−0 for negatives**). The GPU computes a keep mask
   * per pixel (O(k²) per pixel, k clipped to the map) and the CPU writes the
   * values; maps holding NaN/±∞, float64 values float32 cannot represent, or
   * float32 subnormals run `heatmapNms` on the CPU. Same errors as
   * `heatmapNms` (`kernelSize` odd, 1…1025, default 5).
   */
  heatmapNms(heatmaps: NdArray, kernelSize?: number): Promise<NdArray<Float32Array>>;
  /**
   * `topkPeaks(heatmaps, k, { tags })`; with `options.nmsKernel`, of the NMS peaks:
   * `topkPeaks(heatmapNms(heatmaps, nmsKernel), k, { tags })`, NMS on the device
   * exactly — NMS as {@link GpuDecoder.heatmapNms}, then the CPU's exact
   * selection (descending, lower flat index `y·W + x` first among equal
   * values, NaN first): values `[B, K, k]`, integer locations `[B, K, k, 2]`
   * (x, y heatmap px), tags `[B, K, k, L]` with `options.tags`. Every
   * argument is checked first, with `topkPeaks`' errors (`1 ≤ k ≤ H·W`).
   */
  topkPeaks(heatmaps: NdArray, k: number, options?: GpuTopkPeaksOptions): Promise<TopkPeaksResult>;
  /** Release every kernel and the gpu.js instance; later calls throw. */
  dispose(): void;
}

const MODES: readonly GpuMode[] = Object.freeze(['auto', 'webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const);

/** Parsed {@link GpuDecoderOptions}. */
interface GpuSettings {
  mode: GpuMode;
  strict: boolean;
  maxChunkElements: number | undefined;
}

function parseGpuOptions(options: GpuDecoderOptions | undefined): GpuSettings {
  const o = checkOptions('options', options);
  const mode = checkChoice('options.mode', o.mode, MODES);
  const strict = checkBoolean('options.strict', o.strict, false);
  const maxChunkElements = o.maxChunkElements === undefined ? undefined : checkPositiveInt('options.maxChunkElements', o.maxChunkElements);
  if (maxChunkElements !== undefined && maxChunkElements > 2 ** 30) throw new RangeError(`options.maxChunkElements must be <= 2^30 (1 GiB of float32 per kernel call is beyond any device), got ${maxChunkElements}`);
  return { mode, strict, maxChunkElements };
}

/** A decoder over posecodec's plain CPU decoders (what `'auto'` picks without a real GPU). */
function createJsDecoder(): GpuDecoder {
  let disposed = false;
  const decodeJs = (kind: DecodeKind) => async (h: NdArray, o?: DecodeOptions) => {
    if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
    return cpuDecode(kind, h, o);
  };
  return {
    backend: PLAIN_JS_BACKEND,
    mode: 'js',
    argmax: decodeJs('argmax'),
    quarter: decodeJs('quarter'),
    dark: decodeJs('dark'),
    softArgmax: decodeJs('softArgmax'),
    simcc: async (x: NdArray, y: NdArray, o?: DecodeSimccOptions) => {
      if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
      return cpuDecodeSimcc(x, y, o);
    },
    heatmapNms: async (h: NdArray, kernelSize?: number) => {
      if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
      return cpuHeatmapNms(h, kernelSize);
    },
    topkPeaks: async (h: NdArray, k: number, o?: GpuTopkPeaksOptions) => {
      if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
      return nmsTopkPeaks(async (m, ks) => cpuHeatmapNms(m, ks), h, k, o);
    },
    dispose() {
      disposed = true;
    },
  };
}

/** A gpu.js instance for `mode` (Dawn installed as `navigator.gpu` in Node for `'webgpu'` when missing). */
async function openGpuJs(mode: GpuJsMode): Promise<GpuJsInstance> {
  if (mode === 'webgpu' && isNode() && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) await installNodeWebGPU();
  const GPU = await loadGpuJs();
  return new GPU({ mode });
}

/**
 * Create a batched decoder (see {@link GpuDecoder}). Resolves `'auto'`,
 * loads gpu.js, installs Dawn in Node for `'webgpu'` when `navigator.gpu` is
 * missing, and runs one tiny kernel so that `backend` reports the class that
 * really runs (and `strict` fails here, not at the first batch).
 *
 * gpu.js computes in float32 (`precision: 'single', tactic: 'precision'`;
 * the `cpu` backend in float64); Float64Array maps are rounded to float32.
 */
export async function createGpuDecoder(options?: GpuDecoderOptions): Promise<GpuDecoder> {
  const settings = parseGpuOptions(options);
  const mode: GpuJsMode | 'js' = settings.mode === 'auto' ? await resolveAutoMode() : settings.mode;
  if (mode === 'js') return createJsDecoder();

  const gpu = await openGpuJs(mode);
  const runner = createKernelRunner(gpu, mode, KERNEL_CLASS[mode], settings.strict);
  const simccRunner = createSimccRunner(runner);
  let disposed = false;
  const ctx: BatchContext = {
    runner,
    maxChunk: await chunkLimit(mode, settings.maxChunkElements),
    mode,
    queue: createQueue(),
    alive: () => {
      if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
    },
  };
  const dec: GpuDecoder = {
    get backend() {
      return runner.backend;
    },
    mode,
    argmax: (h) => batchDecode(ctx, 'argmax', h, undefined),
    quarter: (h, o?: QuarterOptions) => batchDecode(ctx, 'quarter', h, o),
    dark: (h, o?: DarkOptions) => batchDecode(ctx, 'dark', h, o),
    softArgmax: (h, o?: SoftArgmaxOptions) => batchDecode(ctx, 'softArgmax', h, o),
    simcc: (x: NdArray, y: NdArray, o?: DecodeSimccOptions) => simccBatchDecode({ ...ctx, runner: simccRunner }, x, y, o),
    heatmapNms: (h: NdArray, kernelSize?: number) => gpuHeatmapNms(ctx, h, kernelSize),
    topkPeaks: async (h: NdArray, k: number, o?: GpuTopkPeaksOptions) => {
      ctx.alive();
      return nmsTopkPeaks((m, ks) => gpuHeatmapNms(ctx, m, ks), h, k, o);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      runner.clear();
      void Promise.resolve(gpu.destroy()).catch(() => undefined);
    },
  };
  // One tiny kernel now: `backend` is then what really runs, and strict fails at creation.
  await dec.argmax(ndarray(new Float32Array([1]), [1, 1, 1]));
  return dec;
}
