/**
 * The multi-person example (examples/multi-person/) in CI: PoseNet @513 and MoveNet
 * MultiPose run whole-image on the four COCO images (tfjs WASM, ../shared/models), decoded by
 * posecodec from their raw heads (plus DARK, OKS-NMS, nearby-joints NMS) → cocoKeypointEval.
 * Fails when an AP drops below the value measured here minus 0.01.
 *
 * EXPECTED: APs measured on 2026-12-01 (AMD EPYC, 2 cores, Node 20.20.2, tfjs 4.22 WASM) with
 * `node examples/multi-person/run.mjs --quick`; the only cached numbers. The reference APs of
 * ../shared/data/heatmaps/README.md (PoseNet @513 0.507, MultiPose own 0.504, ≥ 0.25: 0.446)
 * are checked to ±0.001. Skipped only when the models are absent. Needs `npm run build`.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/oracle.js';

const MODELS = path.resolve(PROJECT_ROOT, '..', 'shared', 'models');
const present = ['posenet', 'movenet-multipose'].every((m) => fs.existsSync(path.join(MODELS, m, 'model.json')));

const EXPECTED: Record<string, number> = {
  posenet513: 0.507,
  posenet513Oks: 0.504,
  posenet513Nearby: 0.493,
  posenet513Dark: 0.478,
  posenet513DarkOks: 0.465,
  multiposeOwn: 0.504,
  multiposeOwn025: 0.446,
  multipose: 0.504,
  multiposeOks: 0.504,
  multiposeNearby: 0.504,
  multiposeDark: 0.453,
};

describe.skipIf(!present)('multi-person example (real networks, COCO AP)', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let r: any;
  beforeAll(async () => {
    const mod = await import(pathToFileURL(path.join(PROJECT_ROOT, 'examples', 'multi-person', 'experiment.mjs')).href);
    r = await mod.runMultiPersonExperiment({ quick: true });
    console.log(r.markdown);
  }, 120_000);

  it('every row reaches its measured AP − 0.01', () => {
    expect(Object.keys(r.stats).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [id, want] of Object.entries(EXPECTED)) expect(r.stats[id][0], id).toBeGreaterThanOrEqual(want - 0.01);
  });

  it("reproduces the reference decoders' AP (PoseNet @513 0.507, MultiPose own 0.504 / 0.446 at ≥ 0.25)", () => {
    expect(Math.abs(r.stats.posenet513[0] - 0.507)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(r.stats.multiposeOwn[0] - 0.504)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(r.stats.multiposeOwn025[0] - 0.446)).toBeLessThanOrEqual(0.001);
    expect(r.stats.multipose).toEqual(r.stats.multiposeOwn);
    expect(r.counts.posenet513).toBe(55);
    expect(r.counts.multipose).toBe(24);
  });

  it('draws one small SVG per image', () => {
    expect(Object.keys(r.svgs).sort()).toEqual(['multi-person-196141.svg', 'multi-person-197388.svg', 'multi-person-40083.svg', 'multi-person-785.svg']);
    for (const [n, svg] of Object.entries(r.svgs) as [string, string][]) expect(svg.length, n).toBeLessThan(60_000);
  });
});
