/**
 * The node-topdown example (examples/node-topdown/) end to end in CI: four COCO images,
 * GT boxes and detector boxes → topdownAffine → MoveNet Thunder and EfficientPose (tfjs
 * WASM, real models from ../shared/models) → every posecodec decoder → cocoKeypointEval.
 * Fails when an AP drops below the value measured here minus 0.01.
 *
 * EXPECTED holds the only cached numbers: APs measured on 2026-12-01 (AMD EPYC, 2 cores, Node
 * 20.20.2, tfjs 4.22 WASM) with `node examples/node-topdown/run.mjs --quick`; nothing else is
 * cached (models and images are read from ../shared, inference runs here). Quick config:
 * MoveNet on the 14 GT boxes and the 18 detector boxes scoring ≥ 0.5, EfficientPose on the GT
 * boxes. Skipped only when the models are absent (not a checkout). Needs `npm run build`.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/oracle.js';

const MODELS = path.resolve(PROJECT_ROOT, '..', 'shared', 'models');
const present = ['movenet-thunder', 'efficientpose'].every((m) => fs.existsSync(path.join(MODELS, m, 'model.json')));

/** AP measured (quick config): model → decoder → box set (gt, det, detNms). */
const EXPECTED: Record<string, Record<string, Record<string, number>>> = {
  movenet: {
    argmax: { gt: 0.644, det: 0.677, detNms: 0.677 },
    quarter: { gt: 0.652, det: 0.676, detNms: 0.676 },
    dark: { gt: 0.641, det: 0.683, detNms: 0.683 },
    darkUdp: { gt: 0.641, det: 0.683, detNms: 0.683 },
    softArgmax: { gt: 0.621, det: 0.662, detNms: 0.662 },
    movenetOwn: { gt: 0.777, det: 0.721, detNms: 0.721 },
    centerNet: { gt: 0.777, det: 0.721, detNms: 0.721 },
    centerNetDark: { gt: 0.753, det: 0.74, detNms: 0.74 },
  },
  efficientpose: {
    argmax: { gt: 0.623 },
    quarter: { gt: 0.623 },
    dark: { gt: 0.623 },
    darkUdp: { gt: 0.623 },
    softArgmax: { gt: 0.565 },
  },
};

describe.skipIf(!present)('node-topdown example (real networks, COCO AP)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let r: any;
  beforeAll(async () => {
    const mod = await import(pathToFileURL(path.join(PROJECT_ROOT, 'examples', 'node-topdown', 'experiment.mjs')).href);
    r = await mod.runTopdownExperiment({ quick: true });
    console.log(r.markdown);
  }, 180_000);

  it('every model × decoder × box set reaches its measured AP − 0.01', () => {
    let n = 0;
    for (const [model, decoders] of Object.entries(EXPECTED)) {
      for (const [dec, sets] of Object.entries(decoders)) {
        for (const [set, want] of Object.entries(sets)) {
          const got = r.ap[model]?.[dec]?.[set];
          expect(typeof got, `${model} ${dec} ${set}`).toBe('number');
          expect(got, `${model} ${dec} ${set}`).toBeGreaterThanOrEqual(want - 0.01);
          n++;
        }
      }
    }
    expect(n).toBe(29);
    // MoveNet Thunder's own decode on GT crops: the README's 0.784 (crop_and_resize geometry) within 0.01.
    expect(Math.abs(r.ap.movenet.movenetOwn.gt - 0.784)).toBeLessThanOrEqual(0.01);
  });

  it("decodeCenterNet reproduces MoveNet's own in-graph decode on every crop (same AP everywhere)", () => {
    for (const set of ['gt', 'det', 'detNms']) expect(r.ap.movenet.centerNet[set]).toBe(r.ap.movenet.movenetOwn[set]);
    expect(r.stats.movenet.centerNet.gt).toEqual(r.stats.movenet.movenetOwn.gt);
  });

  it('draws one picture per image, each a small standalone SVG', () => {
    const names = Object.keys(r.svgs).sort();
    expect(names).toEqual(['topdown-196141.svg', 'topdown-197388.svg', 'topdown-40083.svg', 'topdown-785.svg']);
    for (const n of names) {
      expect(r.svgs[n].startsWith('<svg')).toBe(true);
      expect(r.svgs[n].length, n).toBeLessThan(60_000);
      expect(r.svgs[n]).toContain('data:image/jpeg;base64,');
      expect((r.svgs[n].match(/<circle/g) ?? []).length, n).toBeGreaterThan(10);
    }
  });
});
