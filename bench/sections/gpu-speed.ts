/**
 * GPU.js decoder speed, where a GPU.js backend can be created: the same
 * batches and ratios as the CPU table (the summing loop is still the CPU
 * loop over the same Float32Array, so the ratio includes upload/download).
 * Skipped with a reason when `posecodec/gpu` or gpu.js is unavailable.
 */
import type { NdArray } from 'ndarray';
import { createPrng } from '../../src/core/prng.js';
import { gaussianBatch } from '../workload/synthetic-batch.js';
import { sumLoop } from '../util/sum-baseline.js';
import { summarizeTimings } from '../util/timing.js';
import type { SpeedRow } from './speed.js';
import type { BenchSettings } from '../settings.js';
import type { Progress } from '../../src/cli/progress.js';

/** The part of the `posecodec/gpu` decoder (api.md) the benchmark uses. */
interface GpuDecoder {
  backend: string;
  argmax(h: NdArray): Promise<unknown>;
  quarter(h: NdArray, opts?: object): Promise<unknown>;
  dark(h: NdArray, opts?: object): Promise<unknown>;
  softArgmax(h: NdArray, opts?: object): Promise<unknown>;
  dispose(): void;
}
type CreateGpuDecoder = (opts: { mode: string; strict?: boolean }) => Promise<GpuDecoder>;

const GPU_DECODERS: { id: string; call: (d: GpuDecoder, h: NdArray) => Promise<unknown> }[] = [
  { id: 'argmax', call: (d, h) => d.argmax(h) },
  { id: 'quarter', call: (d, h) => d.quarter(h) },
  { id: 'dark-k11', call: (d, h) => d.dark(h) },
  { id: 'soft-argmax-b1', call: (d, h) => d.softArgmax(h, { beta: 1 }) },
];

async function timeAsync(fn: () => Promise<unknown>, baseline: () => unknown, runs: number) {
  await fn();
  await fn();
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    baseline();
    base.push(Number(process.hrtime.bigint() - t) / 1e6);
    t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { samples, base };
}

/**
 * Time the GPU.js decoders (mode `'auto'`: WebGPU via Dawn, headless-gl or
 * CPU fallback, whatever gpu.js picks) on the settings' batches, except the
 * whole-body one. The reported backend is the kernel class that actually ran.
 */
export async function runGpuSpeed(settings: BenchSettings, progress: Progress): Promise<{ rows: SpeedRow[] | null; skipped?: string }> {
  let create: CreateGpuDecoder | undefined;
  try {
    const mod = (await import('../../src/gpu/index.js')) as unknown as { createGpuDecoder?: CreateGpuDecoder };
    create = mod.createGpuDecoder;
  } catch (e) {
    return { rows: null, skipped: `GPU.js decoders unavailable: ${(e as Error).message.split('\n')[0]}` };
  }
  if (typeof create !== 'function') return { rows: null, skipped: 'GPU.js decoders unavailable: posecodec/gpu has no createGpuDecoder yet' };
  let dec: GpuDecoder;
  try {
    dec = await create({ mode: 'auto' });
  } catch (e) {
    return { rows: null, skipped: `no GPU.js backend could be created: ${(e as Error).message.split('\n')[0]}` };
  }
  const batches = settings.batches.filter((b) => b.shape[0] * b.shape[1] <= 64 * 17);
  const rows: SpeedRow[] = [];
  progress.phase(`GPU.js speed (${dec.backend})`, batches.length * GPU_DECODERS.length);
  try {
    for (const [bi, b] of batches.entries()) {
      const maps = gaussianBatch(createPrng(settings.seed + 99 + bi), b.shape);
      for (const g of GPU_DECODERS) {
        try {
          const { samples, base } = await timeAsync(() => g.call(dec, maps), () => sumLoop(maps.data), settings.speedRuns);
          const timing = summarizeTimings(samples);
          const baseline = summarizeTimings(base);
          rows.push({ batch: b.id, shape: maps.shape.slice(), decoder: g.id, backend: dec.backend, timing, baseline, ratio: timing.medianMs / baseline.medianMs, extraBytes: NaN, extraHeapBytes: NaN, batchBytes: maps.data.byteLength, mapsPerMs: (b.shape[0] * b.shape[1]) / timing.medianMs });
        } catch (e) {
          progress.step(`${b.label} ${g.id} failed: ${(e as Error).message.split('\n')[0]}`);
          continue;
        }
        progress.step(`${b.label} ${g.id} (${dec.backend})`);
      }
    }
  } finally {
    dec.dispose();
  }
  return rows.length ? { rows } : { rows: null, skipped: `GPU.js (${dec.backend}) ran no decoder successfully` };
}
