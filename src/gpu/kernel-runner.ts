/**
 * Runs planned kernels on one gpu.js instance: an LRU cache of compiled
 * kernels keyed by plan and map size, and the check of which kernel class
 * really ran (gpu.js falls back silently; `strict` turns that into an error).
 */
import { kernelClassOf, kernelResult, type GpuJsInstance, type GpuJsKernel, type GpuJsMode } from './gpujs-backend.js';
import type { KernelPlan } from './kernel-plan.js';

/** Compiled kernels kept per decoder; the least recently used is destroyed beyond this. */
const CACHE_LIMIT = 32;

/** A kernel runner bound to one gpu.js instance. */
export interface KernelRunner {
  /** The kernel class that ran last (the expected one until a kernel ran). */
  readonly backend: string;
  /** Run `plan` on `N` maps of `H × W` with `args`; returns the `3N` outputs (x…, y…, score…). */
  run(plan: KernelPlan, N: number, H: number, W: number, args: unknown[]): Promise<Float32Array>;
  /** Destroy every cached kernel. */
  clear(): void;
}

/** Create a {@link KernelRunner} for `mode` expecting kernel class `expected`. */
export function createKernelRunner(gpu: GpuJsInstance, mode: GpuJsMode, expected: string, strict: boolean): KernelRunner {
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

  return {
    get backend() {
      return backend;
    },
    async run(plan, N, H, W, args) {
      const k = kernelFor(plan, N, H, W);
      const out = await kernelResult(k(...args));
      const ran = kernelClassOf(k);
      if (ran !== expected && strict) {
        const why = k.kernel?.fallbackReason ? `: ${k.kernel.fallbackReason}` : '';
        throw new Error(`posecodec/gpu: mode '${mode}' asked for ${expected} but gpu.js ran ${ran}${why} (strict)`);
      }
      backend = ran;
      return out;
    },
    clear() {
      for (const k of cache.values()) k.destroy?.();
      cache.clear();
    },
  };
}
