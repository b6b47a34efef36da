/**
 * How many float32 heatmap values one kernel call may take per backend:
 * 2²² on GL (inside WebGL2's minimum texture size), 2²⁴ on webasm/cpu, and on
 * WebGPU the adapter's storage-buffer limit (at most 2²⁵).
 */
import type { GpuJsMode } from './gpujs-backend.js';

async function webgpuChunkLimit(): Promise<number> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<{ limits: { maxStorageBufferBindingSize: number; maxBufferSize: number } } | null> } } }).navigator?.gpu;
  const a = gpu ? await gpu.requestAdapter() : null;
  if (!a) throw new Error("posecodec/gpu: mode 'webgpu' but no WebGPU adapter answers (navigator.gpu.requestAdapter() gave null)");
  const bytes = Math.min(a.limits.maxStorageBufferBindingSize, a.limits.maxBufferSize);
  return Math.min(2 ** 25, Math.floor(bytes / 4));
}

/** The chunk limit for `mode`, capped by the caller's `maxChunkElements`. */
export async function chunkLimit(mode: GpuJsMode, maxChunkElements: number | undefined): Promise<number> {
  const isGl = mode === 'webgl2' || mode === 'webgl' || mode === 'headlessgl';
  return Math.min(maxChunkElements ?? Infinity, mode === 'webgpu' ? await webgpuChunkLimit() : isGl ? 2 ** 22 : 2 ** 24);
}
