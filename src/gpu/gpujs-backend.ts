/**
 * gpu.js loading, mode resolution and the check of which backend really ran.
 *
 * gpu.js is loaded with a dynamic `import()`, so `posecodec/gpu` itself loads
 * without gpu.js (and `mode: 'auto'` on a machine without a GPU never needs
 * it); nothing outside `src/gpu` imports this file.
 */

/** Decoder modes: a gpu.js backend, or `'auto'`. */
export type GpuMode = 'auto' | 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';
/** A gpu.js backend mode (every mode but `'auto'`). */
export type GpuJsMode = Exclude<GpuMode, 'auto'>;

/** The gpu.js kernel class each mode must run (what `strict` enforces). */
export const KERNEL_CLASS: Readonly<Record<GpuJsMode, string>> = Object.freeze({
  webgpu: 'WebGPUKernel',
  webgl2: 'WebGL2Kernel',
  webgl: 'WebGLKernel',
  headlessgl: 'HeadlessGLKernel',
  webasm: 'WebAssemblyKernel',
  cpu: 'CPUKernel',
});

/** `dec.backend` when `'auto'` chose posecodec's plain CPU decoders (no gpu.js). */
export const PLAIN_JS_BACKEND = 'js';

/** The part of a gpu.js kernel run shortcut used here. */
export interface GpuJsKernel {
  (...args: unknown[]): unknown;
  kernel?: { constructor: { name: string; mode?: string }; fallbackReason?: string };
  destroy?(removeCanvasReferences?: boolean): unknown;
}

/** The part of a gpu.js `GPU` instance used here. */
export interface GpuJsInstance {
  createKernel(source: string, settings: Record<string, unknown>): GpuJsKernel;
  destroy(): unknown;
}

type GpuJsCtor = new (settings: { mode: string }) => GpuJsInstance;

let ctor: Promise<GpuJsCtor> | undefined;

/** Load gpu.js once (`gpu.js` 2.24.x: CJS in Node, UMD in browsers). */
export function loadGpuJs(): Promise<GpuJsCtor> {
  ctor ??= import('gpu.js').then(
    (m: Record<string, unknown>) => {
      const GPU = (m.GPU ?? (m.default as Record<string, unknown> | undefined)?.GPU) as GpuJsCtor | undefined;
      if (typeof GPU !== 'function') throw new Error('posecodec/gpu: the gpu.js module has no GPU export');
      return GPU;
    },
    (e: Error) => {
      ctor = undefined;
      throw new Error(`posecodec/gpu: gpu.js (2.24.x) is not installed or does not load: ${e.message}`);
    },
  );
  return ctor;
}

/** Class name of the kernel that really ran (after a possible silent fallback). */
export function kernelClassOf(k: GpuJsKernel): string {
  return k.kernel?.constructor?.name ?? 'unknown';
}

/** Unwrap a kernel result (Promise on webgpu; Float32Array, or a texture-like with `toArray()`). */
export async function kernelResult(r: unknown): Promise<Float32Array> {
  const v = (await r) as unknown;
  if (v instanceof Float32Array) return v;
  if (v && typeof (v as { toArray?: unknown }).toArray === 'function') return kernelResult((v as { toArray(): unknown }).toArray());
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Float32Array.from(v as ArrayLike<number>);
  throw new Error(`posecodec/gpu: unexpected gpu.js kernel result ${Object.prototype.toString.call(v)}`);
}

/** Whether this runtime is Node. */
export function isNode(): boolean {
  return Boolean((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node);
}
