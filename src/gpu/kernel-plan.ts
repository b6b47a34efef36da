/**
 * Kernel plans: which GPU.js kernel source, constants and extra arguments one
 * decode call needs. Options are validated by the CPU decoders' own parsers
 * (`src/decode/options.ts`), so the GPU decoder accepts and rejects exactly
 * what the CPU decoders do.
 */
import { parseArgmaxOptions, parseQuarterOptions, parseDarkOptions, parseSoftArgmaxOptions } from '../decode/options.js';
import type { QuarterOptions, DarkOptions, SoftArgmaxOptions } from '../decode/types.js';
import type { DecodeKind, DecodeOptions } from './cpu-decode.js';
import { ARGMAX_SOURCE, QUARTER_SOURCE, DARK_SOURCE, SOFT_ARGMAX_SOURCE } from './kernel-sources.js';

// A hair above mmpose's 1e-10 log floor: float32 rounding may only send more
// maps to the exact CPU path, never fewer.
const DARK_FLOOR = 1.0001e-10;

/** Kernel source, constants and extra arguments of one decode call. */
export interface KernelPlan {
  key: string;
  source: string;
  constants: Record<string, number>;
  extraArgs: unknown[];
}

/** Validate the options of `kind` with the CPU decoder's own parser (src/decode/options.ts), and plan its kernel. */
export function planKernel(kind: DecodeKind, options: DecodeOptions): KernelPlan {
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

