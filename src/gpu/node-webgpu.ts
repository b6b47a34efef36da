/**
 * WebGPU for Node: Dawn (the `webgpu` package, 0.6.x) installed as
 * `navigator.gpu`, which is all gpu.js's WebGPU backend looks for.
 *
 * Order (spec gpu.md, "Node WebGPU shim"): Dawn's default backend first
 * (Vulkan, core feature level), so a machine with a GPU uses it without X;
 * then Dawn's OpenGL ES backend with `featureLevel: 'compatibility'` and
 * `EGL_PLATFORM=surfaceless` (on a GPU-less Debian 12 this is Mesa llvmpipe;
 * Debian 12's lavapipe is too old for Dawn's Vulkan backend).
 *
 * Never use this and gpu.js's `headlessgl` mode in one process: the two GL
 * stacks collide (X errors, or no adapter), measured on Debian 12.
 */
import { checkOptions } from '../core/ndarray.js';

/** Which Dawn backend answered, and whether it is a real GPU. */
export interface NodeWebGPUInfo {
  /** `'vulkan'` (Dawn's default backend, core) or `'opengles'` (compatibility). */
  backend: 'vulkan' | 'opengles';
  /** Adapter description (vendor, architecture, device, driver). */
  adapter: string;
  /** True for software rasterisers (llvmpipe, lavapipe, SwiftShader) and fallback adapters. */
  software: boolean;
}

export interface InstallNodeWebGPUOptions {
  /** Dawn backends to try, in order. Default `['vulkan', 'opengles']`. */
  backends?: ReadonlyArray<'vulkan' | 'opengles'>;
}

/** Minimal shapes of the WebGPU objects used here (no DOM lib in this project). */
interface AdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
}
interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
  getPreferredCanvasFormat?(): string;
  wgslLanguageFeatures?: unknown;
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software|basic render/i;

/** Describe an adapter in one line. */
export function describeAdapter(a: AdapterLike): string {
  const i = a.info ?? {};
  return [i.vendor, i.architecture, i.device, i.description].filter((s) => s).join(' / ') || 'unknown adapter';
}

/** TypeError naming `adapter` unless `a` is a GPUAdapter-like object (an `info` object or a boolean `isFallbackAdapter`). */
function checkAdapter(a: unknown): asserts a is AdapterLike {
  const what = a === null ? 'null' : Array.isArray(a) ? 'an array' : typeof a;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new TypeError(`adapter must be a GPUAdapter object, got ${what}`);
  const { info, isFallbackAdapter } = a as { info?: unknown; isFallbackAdapter?: unknown };
  const hasInfo = typeof info === 'object' && info !== null;
  if (!hasInfo && typeof isFallbackAdapter !== 'boolean') throw new TypeError('adapter must be a GPUAdapter (with an `info` object or a boolean `isFallbackAdapter`), got an object with neither');
}

/**
 * True where the adapter is a CPU rasteriser or flagged as a fallback adapter.
 * @param a a `GPUAdapter` (TypeError naming `adapter` for anything without `info` / `isFallbackAdapter`)
 */
export function isSoftwareAdapter(a: AdapterLike): boolean {
  checkAdapter(a);
  return Boolean(a.info?.isFallbackAdapter || a.isFallbackAdapter || SOFTWARE.test(describeAdapter(a)));
}

let installed: NodeWebGPUInfo | undefined;
// Keeps the Dawn instance alive for the life of the process.
let keepAlive: unknown;

/**
 * Install Dawn as `navigator.gpu` in Node (and its WebGPU classes, e.g.
 * `GPUBufferUsage`, on `globalThis` where missing). Idempotent: a second call
 * returns the first answer. Throws when neither backend yields an adapter, or
 * outside Node.
 * @returns which backend answered and whether it is a real GPU
 */
export async function installNodeWebGPU(options?: InstallNodeWebGPUOptions): Promise<NodeWebGPUInfo> {
  const o = checkOptions('options', options);
  if (o.backends !== undefined && !Array.isArray(o.backends)) throw new TypeError(`options.backends must be an array of 'vulkan' / 'opengles', got ${o.backends === null ? 'null' : typeof o.backends}`);
  const backends: ReadonlyArray<'vulkan' | 'opengles'> = o.backends === undefined ? ['vulkan', 'opengles'] : [...o.backends];
  if (backends.length === 0) throw new RangeError('options.backends must name at least one backend, got []');
  for (const b of backends) {
    if (b !== 'vulkan' && b !== 'opengles') throw new RangeError(`options.backends entries must be 'vulkan' or 'opengles', got ${JSON.stringify(b)}`);
  }
  if (installed) return installed;
  const proc = (globalThis as { process?: { versions?: { node?: string }; env: Record<string, string | undefined> } }).process;
  if (!proc?.versions?.node) throw new Error('installNodeWebGPU() is for Node; browsers provide navigator.gpu themselves');
  let mod: { create(flags: string[]): GpuLike; globals: Record<string, unknown> };
  try {
    mod = (await import('webgpu')) as unknown as typeof mod;
  } catch (e) {
    throw new Error(`installNodeWebGPU(): the 'webgpu' package (0.6.x) is not installed or does not load: ${(e as Error).message}`);
  }
  const tried: string[] = [];
  for (const backend of backends) {
    if (backend === 'opengles' && proc.env.EGL_PLATFORM === undefined) proc.env.EGL_PLATFORM = 'surfaceless';
    const gpu = mod.create(backend === 'vulkan' ? [] : ['backend=opengles']);
    const extra = backend === 'vulkan' ? {} : { featureLevel: 'compatibility' };
    const adapter = await gpu.requestAdapter(extra);
    if (!adapter) {
      tried.push(`${backend}: no adapter`);
      continue;
    }
    const shim: GpuLike = {
      requestAdapter: (o?: Record<string, unknown>) => gpu.requestAdapter({ ...(o ?? {}), ...extra }),
      getPreferredCanvasFormat: () => gpu.getPreferredCanvasFormat?.() ?? 'rgba8unorm',
      wgslLanguageFeatures: gpu.wgslLanguageFeatures,
    };
    for (const [k, v] of Object.entries(mod.globals)) {
      if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
    }
    const g = globalThis as { navigator?: object };
    if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: shim, configurable: true, enumerable: true });
    else g.navigator = { gpu: shim };
    keepAlive = gpu;
    installed = { backend, adapter: describeAdapter(adapter), software: isSoftwareAdapter(adapter) };
    return installed;
  }
  throw new Error(`installNodeWebGPU(): no WebGPU adapter (${tried.join('; ')}); on Debian install libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri (GLES) or a Vulkan driver`);
}

/** The answer of the last successful {@link installNodeWebGPU}, if any (for diagnostics). */
export function nodeWebGPUInfo(): NodeWebGPUInfo | undefined {
  void keepAlive;
  return installed;
}
