#!/usr/bin/env node
/**
 * posecodec/gpu in a real browser: bundles the built ESM entry (dist/gpu/index.js,
 * with gpu.js's browser build) for the browser, serves it on 127.0.0.1, loads it
 * in Debian's headless `chromium` (playwright-core), decodes one batch with
 * gpu.js WebGL2 and WebGPU (both SwiftShader, strict) and compares with the Node
 * CPU decoders (dist/decode). Prints a table; exits 1 on any mismatch.
 *
 * Laws as in test/gpu/decoder-table.ts: argmax/quarter and all scores exact,
 * dark/softArgmax within 1e-5 heatmap px (the batch is Gaussian maps: every
 * DARK step is well conditioned).
 */
import { createServer } from 'node:http';
import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import ndarray from 'ndarray';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOL = 1e-5;
const fail = (msg) => {
  console.error(`[browser] FAIL: ${msg}`);
  process.exitCode = 1;
};

for (const f of ['dist/gpu/index.js', 'dist/decode/index.js']) {
  if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
}
const { heatmapArgmax, refineQuarter, refineDark, softArgmax } = await import(join(ROOT, 'dist/decode/index.js'));

// The batch: [2, 17, 64, 48] Gaussian maps with a little noise (seeded).
const [B, K, H, W] = [2, 17, 64, 48];
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
const data = new Float32Array(B * K * H * W);
for (let m = 0; m < B * K; m++) {
  const mx = rand() * (W - 1), my = rand() * (H - 1), s = 1.5 + rand() * 1.5;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[(m * H + y) * W + x] = Math.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * s * s)) + 0.01 * rand();
}
const heat = ndarray(data, [B, K, H, W]);
const am = heatmapArgmax(heat);
const cpu = {
  argmax: am,
  quarter: { keypoints: refineQuarter(am.keypoints, heat), scores: am.scores },
  dark: { keypoints: refineDark(am.keypoints, heat), scores: am.scores },
  softArgmax: softArgmax(heat, { beta: 10 }),
};

// Browser bundle of the built ESM entry point.
const out = mkdtempSync(join(tmpdir(), 'posecodec-browser-'));
await build({
  stdin: {
    contents: `export { createGpuDecoder } from ${JSON.stringify(join(ROOT, 'dist/gpu/index.js'))};\nexport { default as ndarray } from 'ndarray';`,
    resolveDir: ROOT,
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  outfile: join(out, 'posecodec-gpu.js'),
  external: ['webgpu', 'gl'],
  logLevel: 'error',
});
const files = {
  '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>posecodec gpu</title><body></body>'],
  '/posecodec-gpu.js': ['text/javascript', readFileSync(join(out, 'posecodec-gpu.js'))],
  '/batch.bin': ['application/octet-stream', Buffer.from(data.buffer)],
  '/favicon.ico': ['image/x-icon', ''],
};
const server = createServer((req, res) => {
  const f = files[req.url];
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--use-angle=swiftshader', '--enable-features=Vulkan', '--ignore-gpu-blocklist'],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[browser console] ${m.text()}`); });
  await page.goto(url);
  for (const mode of ['webgl2', 'webgpu']) {
    const res = await page.evaluate(async ({ mode, shape }) => {
      const { createGpuDecoder, ndarray } = await import('/posecodec-gpu.js');
      const buf = await (await fetch('/batch.bin')).arrayBuffer();
      const h = ndarray(new Float32Array(buf), shape);
      try {
        const dec = await createGpuDecoder({ mode, strict: true });
        const r = {};
        const t = {};
        for (const kind of ['argmax', 'quarter', 'dark', 'softArgmax']) {
          const t0 = performance.now();
          const o = await (kind === 'softArgmax' ? dec.softArgmax(h, { beta: 10 }) : dec[kind](h));
          t[kind] = performance.now() - t0;
          r[kind] = { keypoints: Array.from(o.keypoints.data), scores: Array.from(o.scores.data), shape: o.keypoints.shape };
        }
        const backend = dec.backend;
        dec.dispose();
        return { backend, r, t, ua: navigator.userAgent };
      } catch (e) {
        return { error: String(e && e.stack || e) };
      }
    }, { mode, shape: [B, K, H, W] });
    if (res.error) {
      fail(`${mode}: ${res.error}`);
      continue;
    }
    const expected = mode === 'webgpu' ? 'WebGPUKernel' : 'WebGL2Kernel';
    if (res.backend !== expected) fail(`${mode}: ran ${res.backend}, expected ${expected}`);
    for (const kind of Object.keys(cpu)) {
      const g = res.r[kind];
      const c = cpu[kind];
      const exact = kind === 'argmax' || kind === 'quarter';
      let dev = 0;
      let bad = 0;
      if (JSON.stringify(g.shape) !== JSON.stringify([B, K, 2])) fail(`${mode} ${kind}: shape ${g.shape}`);
      for (let i = 0; i < c.keypoints.data.length; i++) {
        const d = Math.abs(g.keypoints[i] - c.keypoints.data[i]);
        dev = Math.max(dev, d);
        if (exact ? d !== 0 : !(d <= TOL)) bad++;
      }
      for (let i = 0; i < c.scores.data.length; i++) if (g.scores[i] !== c.scores.data[i]) bad++;
      console.log(`[browser] chromium ${mode.padEnd(6)} ${res.backend.padEnd(13)} ${kind.padEnd(10)} maps ${B * K}  max |Δ| ${dev.toExponential(2)} px  ${bad ? `${bad} MISMATCHES` : 'ok'}  (${res.t[kind].toFixed(1)} ms)`);
      if (bad) fail(`${mode} ${kind}: ${bad} values differ from the Node CPU decoders (max |Δ| ${dev})`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (!process.exitCode) console.log('[browser] 2 passed, 0 failed');
