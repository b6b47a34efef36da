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
import { heatmapView, checkOptions, checkPositiveInt, checkAllocation, type HeatmapView } from '../core/ndarray.js';
import { parseArgmaxOptions, parseQuarterOptions, parseDarkOptions, parseSoftArgmaxOptions } from '../decode/options.js';
import type { DecodeResult, QuarterOptions, DarkOptions, SoftArgmaxOptions } from '../decode/index.js';
import { cpuDecode, type DecodeKind, type DecodeOptions } from './cpu-decode.js';
import { packHeatmaps, mapOffset } from './pack-heatmaps.js';
import { ARGMAX_SOURCE, QUARTER_SOURCE, DARK_SOURCE, SOFT_ARGMAX_SOURCE } from './kernel-sources.js';
import {
  KERNEL_CLASS,
  PLAIN_JS_BACKEND,
  loadGpuJs,
  kernelClassOf,
  kernelResult,
  isNode,
  type GpuMode,
  type GpuJsMode,
  type GpuJsInstance,
  type GpuJsKernel,
} from './gpujs-backend.js';
import { resolveAutoMode } from './auto-mode.js';
import { installNodeWebGPU } from './node-webgpu.js';

export type { GpuMode } from './gpujs-backend.js';

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
  /** Release every kernel and the gpu.js instance; later calls throw. */
  dispose(): void;
}

const MODES: readonly GpuMode[] = ['auto', 'webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'];
const CACHE_LIMIT = 32;
// A hair above mmpose's 1e-10 log floor: float32 rounding may only send more
// maps to the exact CPU path, never fewer.
const DARK_FLOOR = 1.0001e-10;

/** Kernel source, constants and extra arguments of one decode call. */
interface KernelPlan {
  key: string;
  source: string;
  constants: Record<string, number>;
  extraArgs: unknown[];
}

/** Validate the options of `kind` with the CPU decoder's own parser (src/decode/options.ts), and plan its kernel. */
function planKernel(kind: DecodeKind, options: DecodeOptions): KernelPlan {
  if (kind === 'argmax') {
    parseArgmaxOptions(options);
    return { key: 'argmax', source: ARGMAX_SOURCE, constants: {}, extraArgs: [] };
  }
  if (kind === 'quarter') {
    const { rule } = parseQuarterOptions(options as QuarterOptions);
    return { key: `quarter:${rule}`, source: QUARTER_SOURCE, constants: { HRNET: rule === 'hrnet' ? 1 : 0 }, extraArgs: [] };
  }
  if (kind === 'dark') {
    const { blurKernelSize: ks, kernel, guard, maxStep } = parseDarkOptions(options as DarkOptions);
    return {
      key: `dark:${ks}:${guard}:${maxStep}`,
      source: DARK_SOURCE,
      constants: { KS: ks, R: (ks - 1) / 2, GUARD: guard ? 1 : 0, MAXSTEP: maxStep, FLOOR: DARK_FLOOR },
      extraArgs: [Float32Array.from(kernel)],
    };
  }
  const { beta, debias, normalize } = parseSoftArgmaxOptions(options as SoftArgmaxOptions);
  if (normalize === 'sum') throw new RangeError("options.normalize 'sum' is not available on the GPU decoder (float32 sums of mixed-sign maps cancel); use softArgmax from posecodec/decode");
  return { key: `soft:${beta}:${debias}`, source: SOFT_ARGMAX_SOURCE, constants: { BETA: beta, DEBIAS: debias ? 1 : 0 }, extraArgs: [] };
}

/** A `[1, H, W]` view of map m (for the CPU finish). */
function singleMap(v: HeatmapView, m: number): NdArray {
  return ndarray(v.data, [1, v.H, v.W], [0, v.sH, v.sW], mapOffset(v, m));
}

/** Serialises async work (one decode at a time per decoder: shared kernels, one device queue). */
function createQueue(): <T>(f: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(f: () => Promise<T>) => {
    const run = tail.then(f, f);
    tail = run.catch(() => undefined);
    return run;
  };
}

async function webgpuChunkLimit(): Promise<number> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ limits: { maxStorageBufferBindingSize: number; maxBufferSize: number } } | null> } } }).navigator?.gpu;
  const a = gpu ? await gpu.requestAdapter() : null;
  if (!a) throw new Error("posecodec/gpu: mode 'webgpu' but no WebGPU adapter answers (navigator.gpu.requestAdapter() gave null)");
  const bytes = Math.min(a.limits.maxStorageBufferBindingSize, a.limits.maxBufferSize);
  return Math.min(2 ** 25, Math.floor(bytes / 4));
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
  const opts = checkOptions('options', options);
  const asked = opts.mode ?? 'auto';
  if (!MODES.includes(asked)) throw new RangeError(`options.mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(asked)}`);
  const strict = opts.strict ?? false;
  if (typeof strict !== 'boolean') throw new TypeError(`options.strict must be a boolean, got ${typeof strict}`);
  if (opts.maxChunkElements !== undefined) checkPositiveInt('options.maxChunkElements', opts.maxChunkElements);

  const mode: GpuJsMode | 'js' = asked === 'auto' ? await resolveAutoMode() : asked;
  const run = createQueue();
  let disposed = false;
  const alive = () => {
    if (disposed) throw new Error('posecodec/gpu: this decoder was disposed');
  };

  if (mode === 'js') {
    const decodeJs = (kind: DecodeKind) => async (h: NdArray, o?: DecodeOptions) => {
      alive();
      return cpuDecode(kind, h, o);
    };
    return {
      backend: PLAIN_JS_BACKEND,
      mode,
      argmax: decodeJs('argmax'),
      quarter: decodeJs('quarter'),
      dark: decodeJs('dark'),
      softArgmax: decodeJs('softArgmax'),
      dispose() {
        disposed = true;
      },
    };
  }

  if (mode === 'webgpu' && isNode() && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) await installNodeWebGPU();
  const GPU = await loadGpuJs();
  const gpu: GpuJsInstance = new GPU({ mode });
  const expected = KERNEL_CLASS[mode];
  const isGl = mode === 'webgl2' || mode === 'webgl' || mode === 'headlessgl';
  const maxChunk = Math.min(
    opts.maxChunkElements ?? Infinity,
    mode === 'webgpu' ? await webgpuChunkLimit() : isGl ? 2 ** 22 : 2 ** 24,
  );
  const cache = new Map<string, GpuJsKernel>();
  let backend = expected;

  const kernelFor = (plan: KernelPlan, N: number, H: number, W: number): GpuJsKernel => {
    const key = `${plan.key}|${N}|${H}|${W}`;
    let k = cache.get(key);
    if (k) {
      cache.delete(key); // re-insert: the Map's order is the LRU order
    } else {
      k = gpu.createKernel(plan.source, {
        output: [3 * N],
        constants: { N, H, W, HW: H * W, ...plan.constants },
        precision: 'single',
        tactic: 'precision',
        pipeline: false,
        dynamicOutput: false,
      });
      if (cache.size >= CACHE_LIMIT) {
        const [oldKey, old] = cache.entries().next().value as [string, GpuJsKernel];
        cache.delete(oldKey);
        old.destroy?.();
      }
    }
    cache.set(key, k);
    return k;
  };

  /** Run one kernel and check which class ran. */
  const runKernel = async (k: GpuJsKernel, args: unknown[]): Promise<Float32Array> => {
    const out = await kernelResult(k(...args));
    const ran = kernelClassOf(k);
    if (ran !== expected) {
      const why = k.kernel?.fallbackReason ? `: ${k.kernel.fallbackReason}` : '';
      if (strict) throw new Error(`posecodec/gpu: mode '${mode}' asked for ${expected} but gpu.js ran ${ran}${why} (strict)`);
    }
    backend = ran;
    return out;
  };

  const decode = async (kind: DecodeKind, heatmaps: NdArray, options: DecodeOptions): Promise<DecodeResult> => {
    alive();
    const v = heatmapView('heatmaps', heatmaps);
    const plan = planKernel(kind, options);
    const M = v.B * v.K;
    const HW = v.H * v.W;
    checkAllocation('keypoints', M * 2, 8);
    const kp = new Float64Array(M * 2);
    const sc = new Float64Array(M);
    if (HW > maxChunk) throw new RangeError(`heatmaps: one ${v.H}×${v.W} map (${HW} values) exceeds the ${maxChunk} values one kernel call may take on '${mode}'`);
    const perChunk = Math.max(1, Math.min(M, Math.floor(maxChunk / HW), 2 ** 20));
    const cpuMaps: number[] = [];
    for (let m0 = 0; m0 < M; m0 += perChunk) {
      const count = Math.min(perChunk, M - m0);
      const chunk = packHeatmaps(v, m0, count);
      const out = await run(() => {
        alive();
        return runKernel(kernelFor(plan, count, v.H, v.W), [chunk.data, ...plan.extraArgs]);
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
  };

  const dec: GpuDecoder = {
    get backend() {
      return backend;
    },
    mode,
    argmax: (h) => decode('argmax', h, undefined),
    quarter: (h, o) => decode('quarter', h, o),
    dark: (h, o) => decode('dark', h, o),
    softArgmax: (h, o) => decode('softArgmax', h, o),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const k of cache.values()) k.destroy?.();
      cache.clear();
      void Promise.resolve(gpu.destroy()).catch(() => undefined);
    },
  };
  // One tiny kernel now: `backend` is then what really runs, and strict fails at creation.
  await dec.argmax(ndarray(new Float32Array([1]), [1, 1, 1]));
  return dec;
}
