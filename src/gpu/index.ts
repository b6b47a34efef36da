/**
 * posecodec/gpu: batched heatmap decoding with GPU.js (WebGPU, WebGL2, WebGL,
 * headless-gl, WebAssembly, cpu) and Dawn as WebGPU for Node. Only this entry
 * point loads gpu.js / webgpu / gl; the rest of posecodec never does.
 */
export { createGpuDecoder } from './gpu-decoder.js';
export type { GpuDecoder, GpuDecoderOptions, GpuMode, GpuTopkPeaksOptions } from './gpu-decoder.js';
export { installNodeWebGPU, isSoftwareAdapter } from './node-webgpu.js';
export type { NodeWebGPUInfo, InstallNodeWebGPUOptions } from './node-webgpu.js';
export { KERNEL_CLASS, PLAIN_JS_BACKEND } from './gpujs-backend.js';
