/**
 * `posecodec decode <heatmaps.npy>`: decode a `.npy` of `[K, H, W]` or
 * `[B, K, H, W]` float32/float64 heatmaps and print JSON
 * `{ "keypoints": [...], "scores": [...] }` in heatmap pixels, or input pixels
 * with `--input-size w,h` (MSRA geometry, `--udp` for UDP).
 */
import { writeFileSync } from 'node:fs';
import type { NdArray } from 'ndarray';
import { readNpy } from '../io/npy.js';
import { decodeHeatmaps, softArgmax, heatmapToInputScale } from '../decode/index.js';
import { parseArgs, parseIntArg, wantsHelp, firstLine, UsageError } from './usage.js';
import { readInputFile, MAX_NPY_BYTES } from './read-input.js';

const METHODS = ['argmax', 'quarter', 'dark', 'dark-udp', 'soft-argmax'] as const;
type Method = (typeof METHODS)[number];

/** Most maps (B·K) one run prints: the JSON output stays under about 200 MB. */
export const MAX_CLI_MAPS = 2 ** 22;
/** Largest `--blur-kernel` (the map side it could still smooth is far smaller). */
const MAX_BLUR_KERNEL = 1001;

/** `posecodec decode --help`. */
export const DECODE_HELP = `usage: posecodec decode <heatmaps.npy> [options]

Decode a .npy of [K, H, W] or [B, K, H, W] float32/float64 heatmaps and print
JSON { "keypoints": [...], "scores": [...] }: keypoints [B][K][2] (or [K][2]),
heatmap px, or input px with --input-size; NaN is written as null.

  --method M          argmax | quarter | dark | dark-udp | soft-argmax (default dark)
  --blur-kernel N     odd Gaussian blur size of dark / dark-udp (default 11)
  --beta B            soft-argmax inverse temperature, > 0 (default 1)
  --input-size w,h    map to input px: MSRA ×w/W, ×h/H
  --udp               with --input-size: UDP ×(w−1)/(W−1), ×(h−1)/(H−1)
  --out FILE          write the JSON to FILE instead of stdout
  -h, --help          this help

Exit status: 0 ok, 2 bad usage or bad input (one line on stderr), 1 internal error.`;

function nested(data: Float64Array, shape: number[]): unknown {
  if (shape.length === 1) return Array.from(data.subarray(0, shape[0]), (v) => (Number.isFinite(v) ? v : null));
  const step = shape.slice(1).reduce((p, s) => p * s, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(data.subarray(i * step, (i + 1) * step), shape.slice(1)));
}

/** Decode heatmaps with one method (argmax + refinement fused per map); keypoints in heatmap px. */
export function decodeWith(method: Method, hm: NdArray, blurKernelSize: number, beta: number): { keypoints: NdArray<Float64Array>; scores: NdArray<Float64Array> } {
  if (method === 'soft-argmax') return softArgmax(hm, { beta });
  const refine = method === 'argmax' ? 'none' : method === 'dark-udp' ? 'darkUdp' : method;
  return decodeHeatmaps(hm, { refine, blurKernelSize });
}

interface DecodeArgs {
  file: string;
  method: Method;
  blurKernelSize: number;
  beta: number;
  inputSize?: [number, number];
  udp: boolean;
  out?: string;
}

function parseDecodeArgs(argv: string[]): DecodeArgs {
  const { positional, flags } = parseArgs(argv, ['udp'], ['method', 'blur-kernel', 'beta', 'input-size', 'out']);
  if (positional.length !== 1) throw new UsageError(`decode takes one <heatmaps.npy>, got ${positional.length}; try 'posecodec decode --help'`);
  const method = (flags.get('method') ?? 'dark') as Method;
  if (!METHODS.includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  const blurKernelSize = flags.has('blur-kernel') ? parseIntArg('blur-kernel', String(flags.get('blur-kernel')), 1, MAX_BLUR_KERNEL) : 11;
  if (blurKernelSize % 2 !== 1) throw new UsageError(`--blur-kernel must be odd, got ${blurKernelSize}`);
  const betaStr = flags.get('beta');
  const beta = betaStr === undefined ? 1 : Number(betaStr);
  if (typeof betaStr === 'string' && betaStr.trim() === '') throw new UsageError('--beta must be a positive number, got ""');
  if (!(beta > 0) || !Number.isFinite(beta)) throw new UsageError(`--beta must be a positive number, got ${JSON.stringify(betaStr)}`);
  let inputSize: [number, number] | undefined;
  const is = flags.get('input-size');
  if (is !== undefined) {
    const parts = String(is).split(',');
    if (parts.length !== 2) throw new UsageError(`--input-size must be w,h, got ${JSON.stringify(is)}`);
    inputSize = [parseIntArg('input-size', parts[0].trim()), parseIntArg('input-size', parts[1].trim())];
  }
  const udp = flags.has('udp');
  if (udp && !inputSize) throw new UsageError('--udp needs --input-size');
  const out = flags.get('out');
  return { file: positional[0], method, blurKernelSize, beta, inputSize, udp, out: out === undefined ? undefined : String(out) };
}

/** Read and check the heatmaps: rank 3 or 4, no empty dimension, at most {@link MAX_CLI_MAPS} maps. */
function readHeatmaps(file: string, udp: boolean): NdArray {
  let hm: NdArray;
  try {
    hm = readNpy(readInputFile(file, 'heatmaps', MAX_NPY_BYTES));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`heatmaps ${file}: ${firstLine(e)}`);
  }
  const shape = `[${hm.shape.join(', ')}]`;
  if (hm.shape.length !== 3 && hm.shape.length !== 4) throw new UsageError(`heatmaps ${file}: shape must be [K, H, W] or [B, K, H, W], got ${shape}`);
  if (hm.shape.some((s) => s === 0)) throw new UsageError(`heatmaps ${file}: shape ${shape} has an empty dimension`);
  const maps = hm.shape.slice(0, -2).reduce((p, s) => p * s, 1);
  if (maps > MAX_CLI_MAPS) throw new UsageError(`heatmaps ${file}: ${maps} maps, over the CLI's limit of ${MAX_CLI_MAPS} (use the library for larger batches)`);
  const [H, W] = hm.shape.slice(-2);
  if (udp && (W < 2 || H < 2)) throw new UsageError(`--udp needs heatmaps of at least 2×2, got ${W}×${H}`);
  return hm;
}

/** `posecodec decode`: returns the exit code; bad usage or input throws {@link UsageError}. */
export async function runDecode(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(DECODE_HELP + '\n');
    return 0;
  }
  const a = parseDecodeArgs(argv);
  const hm = readHeatmaps(a.file, a.udp);
  let r: ReturnType<typeof decodeWith>;
  try {
    r = decodeWith(a.method, hm, a.blurKernelSize, a.beta);
  } catch (e) {
    // The decoders throw TypeError/RangeError naming the argument for input they cannot decode.
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(`heatmaps ${a.file}: ${firstLine(e)}`);
    throw e;
  }
  if (a.inputSize) {
    const H = hm.shape[hm.shape.length - 2];
    const W = hm.shape[hm.shape.length - 1];
    const [sx, sy] = heatmapToInputScale(a.udp ? 'udp' : 'msra', a.inputSize, [W, H]);
    const d = r.keypoints.data;
    for (let i = 0; i < d.length; i += 2) {
      d[i] *= sx;
      d[i + 1] *= sy;
    }
  }
  const json = JSON.stringify({ keypoints: nested(r.keypoints.data, r.keypoints.shape), scores: nested(r.scores.data, r.scores.shape) });
  if (a.out === undefined) {
    process.stdout.write(json + '\n');
    return 0;
  }
  try {
    writeFileSync(a.out, json + '\n');
  } catch (e) {
    throw new UsageError(`--out ${a.out}: cannot write (${firstLine(e)})`);
  }
  return 0;
}
