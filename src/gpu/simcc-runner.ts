/**
 * SimCC kernels on the shared {@link KernelRunner}: `components · R` outputs
 * for R rows of W bins (component-major).
 */
import type { KernelRunner } from './kernel-runner.js';
import type { SimccKernelPlan } from './simcc-plan.js';

/** A SimCC view of a {@link KernelRunner}. */
export interface SimccKernelRunner {
  /** Run `plan` on R rows of W bins; returns the `components·R` outputs, component-major. */
  run(plan: SimccKernelPlan, R: number, W: number, args: unknown[]): Promise<Float32Array>;
}

/** Run SimCC plans through `runner` (its cache, class check and `strict`). */
export function createSimccRunner(runner: KernelRunner): SimccKernelRunner {
  return {
    run: (plan, R, W, args) =>
      runner.runKernel({ key: `simcc|${plan.key}|${R}|${W}`, source: plan.source, output: plan.components * R, constants: { R, W, ...plan.constants } }, args),
  };
}
