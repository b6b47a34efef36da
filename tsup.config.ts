import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'encode/index': 'src/encode/index.ts',
      'decode/index': 'src/decode/index.ts',
      'metrics/index': 'src/metrics/index.ts',
      'gpu/index': 'src/gpu/index.ts',
      'crop/index': 'src/crop/index.ts',
      'temporal/index': 'src/temporal/index.ts',
      'render/index': 'src/render/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    treeshake: true,
    external: ['fast-check', 'gpu.js', 'webgpu', 'gl'],
  },
  {
    // The CLI and the benchmark it loads at run time (src/cli/bench.ts → dist/bench/main.js); no library entry reaches bench/.
    entry: { 'cli/main': 'src/cli/main.ts', 'bench/main': 'bench/main.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
