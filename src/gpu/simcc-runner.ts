/**
 * Runs SimCC kernels on one gpu.js instance: like `kernel-runner.ts` (LRU
 * cache of compiled kernels, check of the kernel class that really ran,
 * `strict`), but with `components · R` outputs for R rows of W bins.
 */
import { kernelClassOf, kernelResult, type GpuJsInstance, type GpuJsKernel, type GpuJsMode } from './gpujs-backend.js';
import type { SimccKernelPlan } from './simcc-plan.js';

/** Compiled SimCC kernels kept per decoder; the least recently used is destroyed beyond this. */
const CACHE_LIMIT = 16;

/** A SimCC kernel runner bound to one gpu.js instance. */
export interface SimccKernelRunner {
  /** Run `plan` on R rows of W bins; returns the `components·R` outputs, component-major. */
  run(plan: SimccKernelPlan, R: number, W: number, args: unknown[]): Promise<Float32Array>;
  /** Destroy every cached kernel. */
  clear(): void;
}

/** Create a {@link SimccKernelRunner} for `mode` expecting kernel class `expected` (`strict`: throw on a gpu.js fallback). */
export function createSimccRunner(gpu: GpuJsInstance, mode: GpuJsMode, expected: string, strict: boolean): SimccKernelRunner {
  const cache = new Map<string, GpuJsKernel>();
  const kernelFor = (plan: SimccKernelPlan, R: number, W: number): GpuJsKernel => {
    const key = `${plan.key}|${R}|${W}`;
    let k = cache.get(key);
    if (k) {
      cache.delete(key); // re-insert: the Map's order is the LRU order
    } else {
      k = gpu.createKernel(plan.source, {
        output: [plan.components * R],
        constants: { R, W, ...plan.constants },
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
    async run(plan, R, W, args) {
      const k = kernelFor(plan, R, W);
      const out = await kernelResult(k(...args));
      const ran = kernelClassOf(k);
      if (ran !== expected && strict) {
        const why = k.kernel?.fallbackReason ? `: ${k.kernel.fallbackReason}` : '';
        throw new Error(`posecodec/gpu: mode '${mode}' asked for ${expected} but gpu.js ran ${ran}${why} (strict)`);
      }
      return out;
    },
    clear() {
      for (const k of cache.values()) k.destroy?.();
      cache.clear();
    },
  };
}
