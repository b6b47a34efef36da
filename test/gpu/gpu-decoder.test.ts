/**
 * `createGpuDecoder` in the plain `vitest run` (no gpu.js backend here: each
 * backend runs the same table in its own process, see run-backends.mjs).
 * Runs the shared decoder table against `mode: 'auto'`, which on a machine
 * without a hardware GPU is posecodec's plain CPU decoders, plus the
 * argument checks and the entry-point isolation.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ndarray from 'ndarray';
import { createGpuDecoder, PLAIN_JS_BACKEND, KERNEL_CLASS } from '../../src/gpu/index.js';
import { decoderTable, makeMaps } from './decoder-table.js';
import { PROJECT_ROOT } from '../helpers/oracle.js';

decoderTable("mode 'auto' (the CPU decoders without a hardware GPU)", () => createGpuDecoder({ mode: 'auto' }), {
  backend: new RegExp(`^(${PLAIN_JS_BACKEND}|WebGPUKernel|WebGL2Kernel)$`),
});

describe('createGpuDecoder: bad input throws errors naming the argument', () => {
  it('rejects unknown modes, non-boolean strict and bad chunk sizes', async () => {
    await expect(createGpuDecoder({ mode: 'opengl' as never })).rejects.toThrow(RangeError);
    await expect(createGpuDecoder({ mode: 'opengl' as never })).rejects.toThrow(/options\.mode/);
    await expect(createGpuDecoder({ strict: 'yes' as never })).rejects.toThrow(/options\.strict/);
    await expect(createGpuDecoder({ mode: 'auto', maxChunkElements: 0 })).rejects.toThrow(/options\.maxChunkElements/);
    await expect(createGpuDecoder([] as never)).rejects.toThrow(TypeError);
  });

  it('rejects non-ndarray heatmaps, wrong ranks and bad decoder options', async () => {
    const dec = await createGpuDecoder({ mode: 'auto' });
    await expect(dec.argmax(new Float32Array(4) as never)).rejects.toThrow(/heatmaps/);
    await expect(dec.argmax(ndarray(new Float32Array(4), [2, 2]))).rejects.toThrow(TypeError);
    const h = makeMaps('gauss', 1, 2, 8, 8, 1);
    await expect(dec.quarter(h, { rule: 'nope' as never })).rejects.toThrow(/options\.rule/);
    await expect(dec.dark(h, { blurKernelSize: 4 })).rejects.toThrow(/options\.blurKernelSize/);
    await expect(dec.softArgmax(h, { beta: -1 })).rejects.toThrow(/options\.beta/);
    dec.dispose();
    await expect(dec.argmax(h)).rejects.toThrow(/disposed/);
  });

  it('maps every mode to the gpu.js kernel class that strict mode demands', () => {
    expect(KERNEL_CLASS).toEqual({
      webgpu: 'WebGPUKernel',
      webgl2: 'WebGL2Kernel',
      webgl: 'WebGLKernel',
      headlessgl: 'HeadlessGLKernel',
      webasm: 'WebAssemblyKernel',
      cpu: 'CPUKernel',
    });
  });
});

describe('entry points: gpu.js, webgpu and gl stay out of everything but posecodec/gpu', () => {
  const dist = join(PROJECT_ROOT, 'dist');
  const importsOf = (file: string, seen = new Set<string>()): string[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    const specs = [...src.matchAll(/(?:import|export)\s*(?:[^'"]*?from\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    const out: string[] = [];
    for (const s of specs) {
      if (s.startsWith('.')) out.push(...importsOf(join(file, '..', s), seen));
      else out.push(s);
    }
    return out;
  };
  for (const entry of ['index.js', 'index.cjs', 'decode/index.js', 'decode/index.cjs']) {
    it(`dist/${entry} imports nothing from gpu.js, webgpu or gl (transitively)`, () => {
      const file = join(dist, entry);
      if (!existsSync(file)) throw new Error(`${file} is missing: npm test builds dist before vitest`);
      const bare = importsOf(file);
      expect(bare.filter((s) => /^(gpu\.js|webgpu|gl)(\/|$)/.test(s))).toEqual([]);
    });
  }
  it('dist/gpu/index.js is the one that loads gpu.js', () => {
    const file = join(dist, 'gpu', 'index.js');
    if (!existsSync(file)) throw new Error(`${file} is missing: npm test builds dist before vitest`);
    expect(importsOf(file)).toContain('gpu.js');
  });
});
