#!/usr/bin/env node
/**
 * Build the browser demo into examples/browser/build/:
 * - bundle demo.js with the library's ESM build (dist/decode, dist/encode) and
 *   its CommonJS dependency `ndarray` into one browser module (tsup);
 * - copy the real heatmaps from ../shared/data/heatmaps/movenet/ (or, where
 *   absent, the COCO annotations of ../shared/data/coco/ to be encoded in the
 *   page) into build/data/. The data is copied at build time, never committed.
 * Run after `npm run build`: `node examples/browser/build.mjs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const out = path.join(here, 'build');
const shared = path.resolve(root, '..', 'shared', 'data');

if (!fs.existsSync(path.join(root, 'dist', 'decode', 'index.js'))) {
  console.error('examples/browser/build.mjs: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'data'), { recursive: true });

await build({
  entry: { demo: path.join(here, 'demo.js') },
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  outDir: out,
  noExternal: [/.*/],
  config: false,
  dts: false,
  clean: false,
  silent: true,
  splitting: false,
});
fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));

const movenet = path.join(shared, 'heatmaps', 'movenet');
const index = { source: '', persons: [] };
if (fs.existsSync(movenet)) {
  index.source = 'MoveNet SinglePose Thunder v4 heatmaps (../shared/data/heatmaps/movenet), 17×64×64, stride 4';
  for (const f of fs.readdirSync(movenet).filter((n) => n.endsWith('.json')).sort()) {
    const meta = JSON.parse(fs.readFileSync(path.join(movenet, f), 'utf8'));
    const id = meta.id ?? f.replace(/\.json$/, '');
    fs.copyFileSync(path.join(movenet, `${id}.f32`), path.join(out, 'data', `${id}.f32`));
    index.persons.push({ id, file: `data/${id}.f32`, shape: meta.heatmaps?.shape ?? [17, 64, 64], names: meta.gt?.names });
  }
} else {
  // Fallback: real COCO annotations, encoded in the page (unbiased Gaussians, 64×48, σ=2).
  const coco = JSON.parse(fs.readFileSync(path.join(shared, 'coco', 'test_coco.json'), 'utf8'));
  index.source = 'heatmaps encoded in the page from the COCO annotations of ../shared/data/coco/test_coco.json (64×48, σ=2)';
  for (const a of coco.annotations.filter((x) => x.num_keypoints > 0)) {
    const [x, y, w, h] = a.bbox;
    const s = Math.max((w * 1.25) / 48, (h * 1.25) / 64);
    const kp = [];
    for (let k = 0; k < a.keypoints.length; k += 3) kp.push([(a.keypoints[k] - (x + w / 2)) / s + 23.5, (a.keypoints[k + 1] - (y + h / 2)) / s + 31.5, a.keypoints[k + 2]]);
    index.persons.push({ id: String(a.id), keypoints: kp, shape: [kp.length, 64, 48] });
  }
}
fs.writeFileSync(path.join(out, 'data', 'index.json'), JSON.stringify(index));
console.log(`examples/browser/build: demo.js + ${index.persons.length} persons (${index.source})`);
