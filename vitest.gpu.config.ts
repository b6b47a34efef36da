import { defineConfig } from 'vitest/config';

// One gpu.js backend per process: `POSECODEC_GPU_BACKEND=webasm vitest run --config vitest.gpu.config.ts`
// (test/gpu/run-backends.mjs runs every backend). The plain `vitest run` never picks these files up.
export default defineConfig({
  test: {
    include: ['test/gpu/**/*.gpu.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
