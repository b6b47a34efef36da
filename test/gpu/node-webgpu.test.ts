import { describe, expect, it } from 'vitest';
import { installNodeWebGPU, isSoftwareAdapter } from '../../src/gpu/node-webgpu.js';

describe('node-webgpu argument checks', () => {
  it('isSoftwareAdapter reads info and isFallbackAdapter', () => {
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', device: 'llvmpipe (LLVM 15)' } } as never)).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'nvidia', device: 'H200' } } as never)).toBe(false);
    expect(isSoftwareAdapter({ isFallbackAdapter: true } as never)).toBe(true);
  });

  it('isSoftwareAdapter rejects anything that is not an adapter, naming it', () => {
    for (const a of [42, 'typo', true, () => 1, undefined, null, {}, []]) {
      expect(() => isSoftwareAdapter(a as never)).toThrow(TypeError);
      expect(() => isSoftwareAdapter(a as never)).toThrow(/^adapter must be a GPUAdapter/);
    }
  });

  it('installNodeWebGPU rejects bad options before probing Dawn, naming them', async () => {
    const bad: [unknown, typeof TypeError, RegExp][] = [
      ['typo', TypeError, /^options must be an options object/],
      [42, TypeError, /^options/],
      [null, TypeError, /^options/],
      [[], TypeError, /^options/],
      [{ backends: 'vulkan' }, TypeError, /^options\.backends/],
      [{ backends: [] }, RangeError, /^options\.backends/],
      [{ backends: ['metal'] }, RangeError, /^options\.backends/],
    ];
    for (const [o, cls, re] of bad) {
      await expect(installNodeWebGPU(o as never)).rejects.toThrow(cls);
      await expect(installNodeWebGPU(o as never)).rejects.toThrow(re);
    }
  });
});
