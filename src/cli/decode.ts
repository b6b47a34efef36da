/**
 * `posecodec decode <heatmaps.npy>`: decode a `.npy` of `[K, H, W]` or
 * `[B, K, H, W]` float32/float64 heatmaps and print JSON
 * `{ "keypoints": [...], "scores": [...] }` in heatmap pixels, or input pixels
 * with `--input-size w,h` (MSRA geometry, `--udp` for UDP).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { NdArray } from 'ndarray';
import { readNpy } from '../io/npy.js';
import { decodeHeatmaps, softArgmax, heatmapToInputScale } from '../decode/index.js';
import { parseArgs, UsageError } from './usage.js';

const METHODS = ['argmax', 'quarter', 'dark', 'dark-udp', 'soft-argmax'] as const;
type Method = (typeof METHODS)[number];

function nested(data: Float64Array, shape: number[]): unknown {
  if (shape.length === 1) return Array.from(data.subarray(0, shape[0]), (v) => (Number.isFinite(v) ? v : null));
  const step = shape.slice(1).reduce((p, s) => p * s, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(data.subarray(i * step, (i + 1) * step), shape.slice(1)));
}

function parseIntArg(name: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new UsageError(`--${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** Decode heatmaps with one method (argmax + refinement fused per map); keypoints in heatmap px. */
export function decodeWith(method: Method, hm: NdArray, blurKernelSize: number, beta: number): { keypoints: NdArray<Float64Array>; scores: NdArray<Float64Array> } {
  if (method === 'soft-argmax') return softArgmax(hm, { beta });
  const refine = method === 'argmax' ? 'none' : method === 'dark-udp' ? 'darkUdp' : method;
  return decodeHeatmaps(hm, { refine, blurKernelSize });
}

export async function runDecode(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['udp'], ['method', 'blur-kernel', 'beta', 'input-size', 'out']);
  if (positional.length !== 1) throw new UsageError('usage: posecodec decode <heatmaps.npy> [--method argmax|quarter|dark|dark-udp|soft-argmax] [--blur-kernel 11] [--beta 1] [--input-size w,h] [--udp] [--out file.json]');
  const method = (flags.get('method') ?? 'dark') as Method;
  if (!METHODS.includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(method)}`);
  const blurKernelSize = flags.has('blur-kernel') ? parseIntArg('blur-kernel', String(flags.get('blur-kernel'))) : 11;
  if (blurKernelSize % 2 !== 1) throw new UsageError(`--blur-kernel must be odd, got ${blurKernelSize}`);
  const betaStr = flags.get('beta');
  const beta = betaStr === undefined ? 1 : Number(betaStr);
  if (!(beta > 0) || !Number.isFinite(beta)) throw new UsageError(`--beta must be a positive number, got ${JSON.stringify(betaStr)}`);
  let inputSize: [number, number] | undefined;
  const is = flags.get('input-size');
  if (is !== undefined) {
    const parts = String(is).split(',');
    if (parts.length !== 2) throw new UsageError(`--input-size must be w,h, got ${JSON.stringify(is)}`);
    inputSize = [parseIntArg('input-size', parts[0].trim()), parseIntArg('input-size', parts[1].trim())];
  }
  if (flags.has('udp') && !inputSize) throw new UsageError('--udp needs --input-size');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(positional[0]);
  } catch (e) {
    throw new UsageError(`cannot read ${positional[0]}: ${(e as Error).message}`);
  }
  let hm: NdArray;
  try {
    hm = readNpy(bytes);
  } catch (e) {
    throw new UsageError(`${positional[0]}: ${(e as Error).message}`);
  }
  if (hm.shape.length !== 3 && hm.shape.length !== 4) throw new UsageError(`${positional[0]}: heatmaps must have shape [K,H,W] or [B,K,H,W], got [${hm.shape.join(', ')}]`);
  const r = decodeWith(method, hm, blurKernelSize, beta);
  if (inputSize) {
    const H = hm.shape[hm.shape.length - 2];
    const W = hm.shape[hm.shape.length - 1];
    const udp = flags.has('udp');
    if (udp && (W < 2 || H < 2)) throw new UsageError('--udp needs heatmaps of at least 2×2');
    const [sx, sy] = heatmapToInputScale(udp ? 'udp' : 'msra', inputSize, [W, H]);
    const d = r.keypoints.data;
    for (let i = 0; i < d.length; i += 2) {
      d[i] *= sx;
      d[i + 1] *= sy;
    }
  }
  const json = JSON.stringify({ keypoints: nested(r.keypoints.data, r.keypoints.shape), scores: nested(r.scores.data, r.scores.shape) });
  const out = flags.get('out');
  if (out !== undefined) writeFileSync(String(out), json + '\n');
  else process.stdout.write(json + '\n');
  return 0;
}
