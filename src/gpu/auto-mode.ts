/**
 * `mode: 'auto'`: a real (hardware) GPU if one answers, otherwise posecodec's
 * plain CPU decoders — on a machine without a GPU they beat every gpu.js
 * backend (spec gpu.md, "Speed on a GPU-less machine").
 *
 * Browser: a WebGPU adapter that is not a fallback/software adapter, else a
 * WebGL2 context whose renderer is not a software rasteriser (SwiftShader,
 * llvmpipe). Node: `navigator.gpu` (installing Dawn with
 * {@link installNodeWebGPU} when the `webgpu` package is there) with a
 * hardware adapter. headless-gl is never auto-selected (it needs an X server
 * and is llvmpipe in practice).
 */
import { installNodeWebGPU, isSoftwareAdapter } from './node-webgpu.js';
import { isNode } from './gpujs-backend.js';

/** What `'auto'` resolved to. */
export type AutoChoice = 'webgpu' | 'webgl2' | 'js';

interface NavigatorGpu {
  requestAdapter(o?: object): Promise<Parameters<typeof isSoftwareAdapter>[0] | null>;
}

const LIB_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib64', '/lib', '/usr/local/lib'];

/**
 * On Linux, whether a Vulkan loader (`libvulkan.so.1`) is installed. Without
 * one Dawn can only print "Couldn't load Vulkan" on stderr and give no
 * hardware adapter, so `'auto'` does not ask it (no warning on every run).
 * Other platforms: true (Dawn uses Metal / D3D12 there).
 */
function vulkanLoaderPresent(): boolean {
  const proc = (globalThis as { process?: { platform?: string; env?: Record<string, string | undefined>; getBuiltinModule?: (m: string) => unknown } }).process;
  if (proc?.platform !== 'linux') return true;
  const fs = proc.getBuiltinModule?.('node:fs') as { existsSync(p: string): boolean } | undefined;
  if (!fs) return true;
  const dirs = [...(proc.env?.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...LIB_DIRS];
  return dirs.some((d) => fs.existsSync(`${d}/libvulkan.so.1`));
}

async function hardwareWebGPU(): Promise<boolean> {
  let gpu = (globalThis as { navigator?: { gpu?: NavigatorGpu } }).navigator?.gpu;
  if (!gpu && isNode()) {
    if (!vulkanLoaderPresent()) return false;
    try {
      await installNodeWebGPU({ backends: ['vulkan'] }); // hardware only: GLES here is llvmpipe
    } catch {
      return false;
    }
    gpu = (globalThis as { navigator?: { gpu?: NavigatorGpu } }).navigator?.gpu;
  }
  if (!gpu) return false;
  try {
    const a = await gpu.requestAdapter();
    return Boolean(a && !isSoftwareAdapter(a));
  } catch {
    return false;
  }
}

function hardwareWebGL2(): boolean {
  const doc = (globalThis as { document?: { createElement(t: string): { getContext(k: string): unknown } } }).document;
  if (!doc) return false;
  try {
    const gl = doc.createElement('canvas').getContext('webgl2') as {
      getParameter(p: number): unknown;
      getExtension(n: string): { UNMASKED_RENDERER_WEBGL: number } | null;
      RENDERER: number;
    } | null;
    if (!gl) return false;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return !/swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}

/** Resolve `'auto'` (see module doc). */
export async function resolveAutoMode(): Promise<AutoChoice> {
  if (await hardwareWebGPU()) return 'webgpu';
  if (hardwareWebGL2()) return 'webgl2';
  return 'js';
}
