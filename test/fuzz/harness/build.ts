/**
 * Bundles the campaign worker (harness + entries + the library's three entry
 * points, from src/) with esbuild into node_modules/.cache/posecodec-fuzz/, so
 * node:worker_threads can load it without a TypeScript loader. Packages stay
 * external (resolved from the project's node_modules).
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');

/** Build the worker bundle; returns its path. */
export async function buildWorker(): Promise<string> {
  const outdir = join(ROOT, 'node_modules/.cache/posecodec-fuzz');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `worker-${process.pid}.mjs`);
  await build({
    entryPoints: [join(here, 'worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
    // gpu.js and friends are loaded lazily by src/gpu; keep them out of the bundle.
    external: ['gpu.js', 'webgpu', 'gl'],
  });
  return outfile;
}
