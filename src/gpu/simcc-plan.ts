/**
 * Kernel plans of the batched SimCC decoder. Options are validated by the
 * CPU decoder's own parser (`parseSimccOptions`, src/decode/simcc-options.ts),
 * so `GpuDecoder.simcc` accepts and rejects exactly what `decodeSimcc` does.
 */
import { parseSimccOptions, type SimccDecodeSettings } from '../decode/simcc-options.js';
import type { DecodeSimccOptions } from '../decode/simcc-types.js';
import { SIMCC_ARGMAX_SOURCE, SIMCC_DARK_SOURCE, SIMCC_DARK_COMPONENTS } from './simcc-kernels.js';

/** One SimCC kernel: source, outputs per row, constants and extra arguments. */
export interface SimccKernelPlan {
  key: string;
  source: string;
  /** Outputs per row (component-major). */
  components: number;
  constants: Record<string, number>;
  extraArgs: unknown[];
}

/** The plan of one `simcc` call. */
export interface SimccPlan {
  settings: SimccDecodeSettings;
  /** True when the whole call runs on the CPU decoder (`visibility`: the softmax needs whole float32 rows in numpy's pairwise order). */
  cpuOnly: boolean;
  /** Kernels for the x and y rows (σx and σy give different DARK kernels). */
  axes: readonly [SimccKernelPlan, SimccKernelPlan];
}

const ARGMAX_PLAN: SimccKernelPlan = Object.freeze({ key: 'simcc:argmax', source: SIMCC_ARGMAX_SOURCE, components: 1, constants: Object.freeze({}), extraArgs: [] as unknown[] });

function darkPlan(kernel: Float64Array): SimccKernelPlan {
  const ks = kernel.length;
  return { key: `simcc:dark:${ks}`, source: SIMCC_DARK_SOURCE, components: SIMCC_DARK_COMPONENTS, constants: { KS: ks, KR: (ks - 1) / 2 }, extraArgs: [Float32Array.from(kernel)] };
}

/** Validate `options` with `parseSimccOptions` and plan the kernels of each axis. */
export function planSimcc(options: DecodeSimccOptions | undefined): SimccPlan {
  const settings = parseSimccOptions(options);
  const k = settings.kernels;
  const axes = k ? ([darkPlan(k[0]), darkPlan(k[1])] as const) : ([ARGMAX_PLAN, ARGMAX_PLAN] as const);
  return { settings, cpuOnly: settings.visibility, axes };
}
