/**
 * Runs GPU.js kernels on one gpu.js instance: an LRU cache of compiled
 * kernels keyed by plan and size, and the check of which kernel class really
 * ran (gpu.js falls back silently; `strict` turns that into an error). Every
 * kernel family (heatmap decoders, SimCC, NMS) runs through {@link KernelRunner.runKernel}.
 */
import { kernelClassOf, kernelResult, type GpuJsInstance, type GpuJsKernel, type GpuJsMode } from './gpujs-backend.js';
import type { KernelPlan } from './kernel-plan.js';

/** Compiled kernels kept per decoder; the least recently used is destroyed beyond this. */
const CACHE_LIMIT = 32;

/** One compiled kernel: its cache key, source, flat output length and constants. */
export interface KernelSpec {
  key: string;
  source: string;
  output: number;
  constants: Record<string, number>;
}

/** A kernel runner bound to one gpu.js instance. */
export interface KernelRunner {
  /** The kernel class that ran last (the expected one until a kernel ran). */
  readonly backend: string;
  /** Compile (or reuse) `spec` and run it on `args`; returns its `spec.output` float32 values. */
  runKernel(spec: KernelSpec, args: unknown[]): Promise<Float32Array>;
  /** Run a heatmap-decoder `plan` on `N` maps of `H × W`; returns the `3N` outputs (x…, y…, score…). */
  run(plan: KernelPlan, N: number, H: number, W: number, args: unknown[]): Promise<Float32Array>;
  /** Destroy every cached kernel. */
  clear(): void;
}

/** Create a {@link KernelRunner} for `mode` expecting kernel class `expected`. */
export function createKernelRunner(gpu: GpuJsInstance, mode: GpuJsMode, expected: string, strict: boolean): KernelRunner {
  const cache = new Map<string, GpuJsKernel>();
  let backend = expected;

  const kernelFor = (spec: KernelSpec): GpuJsKernel => {
    let k = cache.get(spec.key);
    if (k) {
      cache.delete(spec.key); // re-insert: the Map's order is the LRU order
    } else {
      k = gpu.createKernel(spec.source, {
        output: [spec.output],
        constants: spec.constants,
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
    cache.set(spec.key, k);
    return k;
  };

  const runKernel = async (spec: KernelSpec, args: unknown[]): Promise<Float32Array> => {
    const k = kernelFor(spec);
    const out = await kernelResult(k(...args));
    const ran = kernelClassOf(k);
    if (ran !== expected && strict) {
      const why = k.kernel?.fallbackReason ? `: ${k.kernel.fallbackReason}` : '';
      throw new Error(`posecodec/gpu: mode '${mode}' asked for ${expected} but gpu.js ran ${ran}${why} (strict)`);
    }
    backend = ran;
    return out;
  };

  return {
    get backend() {
      return backend;
    },
    runKernel,
    run: (plan, N, H, W, args) =>
      runKernel({ key: `${plan.key}|${N}|${H}|${W}`, source: plan.source, output: 3 * N, constants: { N, H, W, HW: H * W, ...plan.constants } }, args),
    clear() {
      for (const k of cache.values()) k.destroy?.();
      cache.clear();
    },
  };
}
