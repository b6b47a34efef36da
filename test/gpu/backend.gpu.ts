/**
 * The shared decoder table on ONE gpu.js backend, chosen by the environment
 * variable POSECODEC_GPU_BACKEND (cpu | webasm | webgpu | headlessgl | webgl2 |
 * webgl). Each backend runs in its own process (`test/gpu/run-backends.mjs`):
 * headless-gl and Dawn-on-GLES cannot share one (spec gpu.md). `strict: true`
 * and the kernel-class assertions make a silent gpu.js fallback fail.
 */
import { describe, expect, it } from 'vitest';
import { createGpuDecoder, KERNEL_CLASS, type GpuMode } from '../../src/gpu/index.js';
import { decoderTable, expectMatches, makeMaps, type Kind } from './decoder-table.js';
import { expectSimccMatches, makeSimcc } from './simcc-table.js';

const mode = process.env.POSECODEC_GPU_BACKEND as Exclude<GpuMode, 'auto'> | undefined;
if (!mode || !(mode in KERNEL_CLASS)) throw new Error(`POSECODEC_GPU_BACKEND must be one of ${Object.keys(KERNEL_CLASS).join(', ')}, got ${mode}`);
const expected = KERNEL_CLASS[mode];

decoderTable(`gpu.js ${mode}`, () => createGpuDecoder({ mode, strict: true }), { backend: expected, numRuns: mode === 'headlessgl' ? 10 : 20 });

describe(`gpu.js ${mode}: chunking and kernel class`, () => {
  it(`runs ${expected} (strict) and reports it`, async () => {
    const dec = await createGpuDecoder({ mode, strict: true });
    expect(dec.backend).toBe(expected);
    expect(dec.mode).toBe(mode);
    dec.dispose();
  });

  it('a batch split over many device calls (maxChunkElements) equals the CPU and the unsplit batch', async () => {
    const dec = await createGpuDecoder({ mode, strict: true, maxChunkElements: 12 * 16 * 50 });
    const whole = await createGpuDecoder({ mode, strict: true });
    const h = makeMaps('gauss', 9, 17, 12, 16, 77); // 153 maps → 4 chunks of ≤ 50
    for (const kind of ['argmax', 'quarter', 'dark', 'softArgmax'] as Kind[]) {
      await expectMatches(dec, kind, h);
      const a = await (dec as never as Record<string, (x: unknown) => Promise<{ keypoints: { data: Float64Array } }>>)[kind](h);
      const b = await (whole as never as Record<string, (x: unknown) => Promise<{ keypoints: { data: Float64Array } }>>)[kind](h);
      expect(a.keypoints.data).toEqual(b.keypoints.data);
    }
    expect(dec.backend).toBe(expected);
    dec.dispose();
    whole.dispose();
  });

  it('a SimCC batch split over many device calls (maxChunkElements) equals decodeSimcc and the unsplit batch', async () => {
    const dec = await createGpuDecoder({ mode, strict: true, maxChunkElements: 64 * 10 });
    const whole = await createGpuDecoder({ mode, strict: true });
    const x = makeSimcc('peaked', 3, 17, 48, 91); // 51 rows of 48 bins → 6 chunks of ≤ 10 rows
    const y = makeSimcc('peaked', 3, 17, 64, 92);
    for (const kind of ['simccArgmax', 'simccDark'] as const) {
      await expectSimccMatches(dec, kind, x, y);
      const o = kind === 'simccDark' ? { dark: true, sigma: [4.9, 5.66] as [number, number] } : {};
      expect((await dec.simcc(x, y, o)).keypoints.data).toEqual((await whole.simcc(x, y, o)).keypoints.data);
    }
    await expect(dec.simcc(makeSimcc('peaked', 1, 1, 700, 1), makeSimcc('peaked', 1, 1, 8, 2))).rejects.toThrow(/^x: one row of 700 bins/);
    expect(dec.backend).toBe(expected);
    dec.dispose();
    whole.dispose();
    await expect(dec.simcc(x, y)).rejects.toThrow(/disposed/);
  });

  it('a disposed decoder refuses to decode', async () => {
    const dec = await createGpuDecoder({ mode, strict: true });
    dec.dispose();
    await expect(dec.argmax(makeMaps('gauss', 1, 1, 4, 4, 1))).rejects.toThrow(/disposed/);
  });
});
