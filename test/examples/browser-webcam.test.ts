/**
 * The browser-webcam example (examples/browser-webcam/) in headless Chromium: the page runs
 * MoveNet Thunder with tfjs on a looped "video" of the four COCO images (raw RGBA frames,
 * jpeg-js-decoded at build time so the page and Node see the same pixels), crops with
 * posecodec's topdownAffine, decodes with decodeCenterNet, smooths with createKeypointsFilter
 * and draws the skeleton. The test saves a screenshot (examples/browser-webcam/build/
 * screenshot.png, git-ignored), and checks that every raw keypoint of every frame lies within
 * 1 px of the Node run (tfjs WASM) on the same frame and box, and that the loop repeats itself.
 *
 * Backend: WASM by default (measured 2026-12-01: 0 px from Node, ~5 s for 4 frames). The WebGL
 * backend also runs headless (SwiftShader: max 1e-4 px from Node, but ~70 s for 4 frames on
 * this 2-core machine, mostly shader compilation), so it runs only with POSECODEC_WEBGL_TEST=1.
 * Nothing is cached: the expected keypoints are computed in this test. Skipped only when no
 * Chromium or no models are installed. Needs `npm run build`.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/oracle.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].find((p) => p && fs.existsSync(p));
const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'browser-webcam');
const BUILD = path.join(EXAMPLE, 'build');
const MODEL = path.resolve(PROJECT_ROOT, '..', 'shared', 'models', 'movenet-thunder', 'model.json');
const BACKEND = process.env.POSECODEC_WEBGL_TEST === '1' ? 'webgl' : 'wasm';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };

interface Frame {
  index: number;
  imageId: number;
  box: number[];
  keypoints: number[][];
  scores: number[];
  filtered: number[][];
}

describe.skipIf(!CHROMIUM || !fs.existsSync(MODEL))('browser-webcam example in headless Chromium', () => {
  let server: http.Server;
  let base = '';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;

  beforeAll(async () => {
    const b = spawnSync(process.execPath, [path.join(EXAMPLE, 'build.mjs')], { encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`example build failed: ${b.stderr}`);
    server = http.createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (p === '/') p = '/index.html';
      const f = path.join(BUILD, p);
      if (!f.startsWith(BUILD + path.sep) || !fs.existsSync(f) || fs.statSync(f).isDirectory()) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': MIME[path.extname(f)] ?? 'application/octet-stream' }).end(fs.readFileSync(f));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--use-angle=swiftshader', '--ignore-gpu-blocklist', '--enable-unsafe-swiftshader'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((r) => server.close(r));
  });

  it(`runs MoveNet Thunder (${BACKEND}) on the looped frames within 1 px of Node, and draws the skeleton`, async () => {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.goto(`${base}/?source=frames&frames=6&backend=${BACKEND}`);
    await page.waitForFunction(() => {
      const w = (window as unknown as { __webcam?: { done?: boolean; error?: string } }).__webcam;
      return w?.done || w?.error;
    }, null, { timeout: BACKEND === 'webgl' ? 300_000 : 90_000 });
    const state = (await page.evaluate(() => (window as unknown as { __webcam: unknown }).__webcam)) as { backend: string; error?: string; frames: Frame[] };
    expect(state.error).toBeUndefined();
    expect(state.backend).toBe(BACKEND);
    expect(state.frames.length).toBe(6);
    const shot = await page.locator('#view').screenshot({ path: path.join(BUILD, 'screenshot.png') });
    expect(shot.length).toBeGreaterThan(10_000);

    // Node: the same pixels (jpeg-js), the same box, tfjs WASM, the same posecodec calls.
    const url = (f: string) => pathToFileURL(path.join(PROJECT_ROOT, 'examples', 'node-topdown', f)).href;
    const data = await import(url('coco-data.mjs'));
    const td = await import(url('topdown.mjs'));
    const set = data.loadCocoSet();
    let worst = 0;
    for (const f of state.frames.slice(0, 4)) {
      const im = set.images.find((i: { id: number }) => i.id === f.imageId);
      const c = td.cropPerson(td.MODELS.movenet, im.pixels, f.box);
      const want = td.decodeCrop('movenet', await td.inferCrop('movenet', c.crop), c.inverse).centerNet;
      expect(f.keypoints.length).toBe(17);
      for (let k = 0; k < 17; k++) {
        const d = Math.hypot(f.keypoints[k][0] - want.xy[k][0], f.keypoints[k][1] - want.xy[k][1]);
        worst = Math.max(worst, d);
        expect(d, `frame ${f.index} (image ${f.imageId}) keypoint ${k}`).toBeLessThanOrEqual(1);
        expect(Math.abs(f.scores[k] - want.scores[k])).toBeLessThanOrEqual(1e-3);
      }
    }
    console.log(`browser-webcam: backend ${state.backend}, max |browser − Node| = ${worst.toExponential(2)} px over 4 frames × 17 keypoints`);
    // The loop: frames 4, 5 are frames 0, 1 again (same raw decode); the filter saw them at later times.
    expect(state.frames[4].keypoints).toEqual(state.frames[0].keypoints);
    expect(state.frames[5].keypoints).toEqual(state.frames[1].keypoints);
    // The first filtered frame is the raw one (One Euro starts at its input); later ones are finite.
    expect(state.frames[0].filtered).toEqual(state.frames[0].keypoints);
    for (const f of state.frames) for (const p of f.filtered) expect(p.every(Number.isFinite)).toBe(true);
    await page.close();
  }, 360_000);
});
