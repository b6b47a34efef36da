#!/usr/bin/env node
/**
 * `npm run test:gpu`: the shared decoder table (test/gpu/backend.gpu.ts) on each
 * gpu.js backend, ONE PROCESS PER BACKEND (headless-gl and Dawn-on-GLES cannot
 * share a process; spec gpu.md), then the real-browser test. Backends: cpu,
 * webasm, webgpu (Dawn; GLES on llvmpipe without a GPU), headlessgl (under
 * `xvfb-run -a`), then a smoke run of bench/gpu-device.mjs. Every step must pass; prints one summary line per step and
 * exits 1 if any failed. POSECODEC_GPU_BACKENDS=cpu,webasm limits the list.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
const wanted = (process.env.POSECODEC_GPU_BACKENDS ?? 'cpu,webasm,webgpu,headlessgl,browser,device-script').split(',');
const steps = [
  ['cpu', process.execPath, [vitest, 'run', '--config', 'vitest.gpu.config.ts']],
  ['webasm', process.execPath, [vitest, 'run', '--config', 'vitest.gpu.config.ts']],
  ['webgpu', process.execPath, [vitest, 'run', '--config', 'vitest.gpu.config.ts']],
  ['headlessgl', 'xvfb-run', ['-a', process.execPath, vitest, 'run', '--config', 'vitest.gpu.config.ts']],
  ['browser', process.execPath, [join(ROOT, 'test/browser/gpu-browser.mjs')]],
  // Smoke test of the real-GPU check (bench/gpu-device.mjs) on Dawn's software adapter: parity must hold.
  ['device-script', process.execPath, [join(ROOT, 'bench/gpu-device.mjs'), '--allow-software', '--batches', '2', '--runs', '3', '--out', join(tmpdir(), 'posecodec-gpu-device-smoke.json')]],
].filter(([name]) => wanted.includes(name));

const results = [];
for (const [name, cmd, args] of steps) {
  const title = name === 'browser' ? 'chromium (WebGL2 + WebGPU)' : name === 'device-script' ? 'bench/gpu-device.mjs smoke test (software adapter)' : `gpu.js backend '${name}'`;
  console.log(`\n=== posecodec/gpu: ${title} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, POSECODEC_GPU_BACKEND: name === 'browser' ? '' : name },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  const why = r.error ? ` (${r.error.message})` : r.signal ? ` (signal ${r.signal})` : ok ? '' : ` (exit ${r.status})`;
  results.push({ name, ok, line: `${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(10)} ${secs.padStart(6)} s${why}` });
}
console.log('\n=== posecodec/gpu summary ===');
for (const r of results) console.log(r.line);
const failed = results.filter((r) => !r.ok).length;
console.log(`posecodec/gpu: ${results.length - failed} passed, ${failed} failed`);
if (failed) {
  console.error(`posecodec/gpu: ${failed} backend run(s) FAILED: ${results.filter((r) => !r.ok).map((r) => r.name).join(', ')}`);
  process.exit(1);
}
