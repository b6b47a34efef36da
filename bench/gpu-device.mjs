#!/usr/bin/env node
/**
 * The real-GPU check of posecodec/gpu (issue: "On a real GPU"), one command on a
 * machine with a GPU after `npm run build`:
 *
 *   node bench/gpu-device.mjs [--allow-software] [--batches 64,256,1024] [--runs 15] [--out gpu-device.json]
 *
 * 1. Installs Dawn as navigator.gpu (`installNodeWebGPU`, Vulkan first) and prints the
 *    adapter; refuses a software adapter (llvmpipe, lavapipe, SwiftShader) unless
 *    `--allow-software` (for a smoke test on a machine without a GPU).
 * 2. Creates the decoder in `webgpu` mode with `strict: true` (a gpu.js fallback throws).
 * 3. Parity: on a seeded 64×17×64×48 Gaussian batch, argmax/quarter keypoints and all
 *    scores must equal the CPU decoders exactly, DARK and soft-argmax within 1e-5 heatmap px.
 * 4. Speed: batches B×17×64×48 float32 (default B = 64, 256, 1024), median of `--runs`
 *    warm runs, uploads and readbacks included, against the CPU decoders (`decodeHeatmaps`,
 *    `softArgmax`) on the same batch in the same run.
 * Prints a Markdown table and writes the JSON (adapter, parity, timings).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import ndarray from 'ndarray';
import { installNodeWebGPU, createGpuDecoder } from '../dist/gpu/index.js';
import { decodeHeatmaps, softArgmax } from '../dist/decode/index.js';
import { udpHeatmaps } from '../dist/encode/index.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const batches = value('batches', '64,256,1024').split(',').map(Number);
const runs = Number(value('runs', '15'));
const out = value('out', 'gpu-device.json');
if (!batches.every((b) => Number.isInteger(b) && b > 0) || !(runs >= 3)) {
  console.error('usage: node bench/gpu-device.mjs [--allow-software] [--batches 64,256,1024] [--runs 15] [--out file.json]');
  process.exit(2);
}

/** Seeded [B, 17, 64, 48] float32 batch: one sub-pixel UDP Gaussian (σ = 2) per map plus ±0.005 noise. */
function gaussianBatch(B, seed = 1) {
  const K = 17, H = 64, W = 48, N = B * K;
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const xy = new Float64Array(2 * N);
  for (let i = 0; i < N; i++) {
    xy[2 * i] = 2 + rnd() * (W - 5);
    xy[2 * i + 1] = 2 + rnd() * (H - 5);
  }
  const maps = udpHeatmaps([W, H], ndarray(xy, [1, N, 2]), ndarray(new Float64Array(N).fill(1), [1, N]), 2).heatmaps.data;
  for (let i = 0; i < maps.length; i++) maps[i] += 0.01 * (rnd() - 0.5);
  return ndarray(maps, [B, K, H, W]);
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};

async function time(fn) {
  await fn();
  await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

const info = await installNodeWebGPU();
console.log(`WebGPU adapter: ${info.adapter} (Dawn ${info.backend}${info.software ? ', SOFTWARE' : ''})`);
if (info.software && !flag('allow-software')) {
  console.error('refusing a software adapter: this check is for a real GPU (pass --allow-software for a smoke test)');
  process.exit(1);
}
const dec = await createGpuDecoder({ mode: 'webgpu', strict: true });
console.log(`gpu.js kernel class: ${dec.backend}`);

const decoders = [
  { id: 'argmax', gpu: (h) => dec.argmax(h), cpu: (h) => decodeHeatmaps(h, { refine: 'none' }), tol: 0 },
  { id: 'quarter', gpu: (h) => dec.quarter(h), cpu: (h) => decodeHeatmaps(h, { refine: 'quarter' }), tol: 0 },
  { id: 'dark', gpu: (h) => dec.dark(h), cpu: (h) => decodeHeatmaps(h, { refine: 'dark' }), tol: 1e-5 },
  { id: 'softArgmax', gpu: (h) => dec.softArgmax(h, { beta: 1 }), cpu: (h) => softArgmax(h, { beta: 1 }), tol: 1e-5 },
];

// Parity on one seeded batch.
const parity = [];
const probe = gaussianBatch(64, 7);
for (const d of decoders) {
  const g = await d.gpu(probe);
  const c = d.cpu(probe);
  let maxDev = 0;
  let scoreMismatch = 0;
  for (let i = 0; i < c.keypoints.data.length; i++) maxDev = Math.max(maxDev, Math.abs(g.keypoints.data[i] - c.keypoints.data[i]));
  for (let i = 0; i < c.scores.data.length; i++) if (g.scores.data[i] !== c.scores.data[i]) scoreMismatch++;
  const ok = maxDev <= d.tol && scoreMismatch === 0;
  parity.push({ decoder: d.id, maps: c.scores.data.length, maxDev, scoreMismatch, ok });
  console.log(`parity ${d.id.padEnd(10)} maps ${c.scores.data.length}  max |Δ| ${maxDev.toExponential(2)} px  score mismatches ${scoreMismatch}  ${ok ? 'ok' : 'FAIL'}`);
}

// Speed.
const timings = [];
for (const B of batches) {
  const h = gaussianBatch(B, 11 + B);
  for (const d of decoders) {
    const gpuMs = await time(() => d.gpu(h));
    const cpuMs = await time(async () => d.cpu(h));
    timings.push({ batch: `${B}×17×64×48`, decoder: d.id, gpuMs, cpuMs, speedup: cpuMs / gpuMs });
  }
}
dec.dispose();

console.log('\n| batch | decoder | GPU ms (transfers incl.) | CPU ms | CPU / GPU |\n|---|---|---:|---:|---:|');
for (const t of timings) console.log(`| ${t.batch} | ${t.decoder} | ${t.gpuMs.toFixed(2)} | ${t.cpuMs.toFixed(2)} | ${t.speedup.toFixed(2)} |`);

const report = { date: new Date().toISOString(), host: { cpus: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version }, adapter: info, kernel: dec.backend, runs, parity, timings };
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`\nwrote ${out}`);
process.exit(parity.every((p) => p.ok) ? 0 : 1);
