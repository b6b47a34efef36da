#!/usr/bin/env node
/**
 * Build the webcam example into examples/browser-webcam/build/ (git-ignored):
 * - app.js bundled with esbuild (the library's ESM build from dist/, ndarray, tfjs-core,
 *   tfjs-converter, the WebGL and WASM backends) into one browser module;
 * - the WASM backend's .wasm files (build/wasm/), MoveNet Thunder (build/models/, copied
 *   from ../shared/models at build time, never committed);
 * - the CI video: the four COCO images decoded with jpeg-js to raw RGBA (build/frames/),
 *   each with its box (the largest labelled GT person), so the page and the Node run see the
 *   same pixels.
 * Run after `npm run build`: `node examples/browser-webcam/build.mjs`, then serve build/
 * on localhost (getUserMedia needs a secure context: http://localhost or https).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const out = path.join(here, 'build');
const shared = path.resolve(root, '..', 'shared');
const require = createRequire(import.meta.url);

for (const f of ['dist/crop/index.js', 'dist/decode/index.js', 'dist/temporal/index.js', 'dist/render/index.js']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`examples/browser-webcam/build.mjs: ${f} is missing; run \`npm run build\` first`);
    process.exit(2);
  }
}
fs.rmSync(out, { recursive: true, force: true });
for (const d of ['wasm', 'models/movenet-thunder', 'frames']) fs.mkdirSync(path.join(out, d), { recursive: true });

await build({
  entryPoints: [path.join(here, 'app.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: path.join(out, 'app.js'),
  logLevel: 'error',
  // tfjs-backend-wasm's emscripten glue names Node built-ins it never loads in a browser.
  external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto'],
});
fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));

const wasmDist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
for (const f of fs.readdirSync(wasmDist).filter((n) => n.endsWith('.wasm'))) fs.copyFileSync(path.join(wasmDist, f), path.join(out, 'wasm', f));
const model = path.join(shared, 'models', 'movenet-thunder');
for (const f of fs.readdirSync(model)) fs.copyFileSync(path.join(model, f), path.join(out, 'models', 'movenet-thunder', f));

const coco = JSON.parse(fs.readFileSync(path.join(shared, 'data', 'coco', 'test_coco.json'), 'utf8'));
const frames = [];
for (const im of coco.images) {
  const { width, height, data } = jpeg.decode(fs.readFileSync(path.join(shared, 'data', 'coco', im.file_name)), { useTArray: true, formatAsRGBA: true });
  const file = `frames/${im.id}.rgba`;
  fs.writeFileSync(path.join(out, file), data);
  const person = coco.annotations.filter((a) => a.image_id === im.id && a.num_keypoints > 0).sort((a, b) => b.bbox[2] * b.bbox[3] - a.bbox[2] * a.bbox[3])[0];
  frames.push({ file, width, height, imageId: im.id, annId: person.id, box: person.bbox });
}
fs.writeFileSync(path.join(out, 'frames', 'index.json'), JSON.stringify({ frames }));
console.log(`examples/browser-webcam/build: app.js (${(fs.statSync(path.join(out, 'app.js')).size / 1e6).toFixed(1)} MB), ${frames.length} frames`);
