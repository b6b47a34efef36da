/**
 * Golden parity with the real networks' own reference decoders on their real
 * heads: ../shared/oracle/realnet (manifests + .npy, walked, never copied),
 * inputs in ../shared/data/heatmaps. Tolerances from realnet/FORMAT.md:
 * PoseNet positions ≤ 1e-4 px, scores ≤ 1e-6, pose count and order exact;
 * MoveNet graph output ≤ 1e-5, poseScore ≤ 1e-6, keypointsImage ≤ 1e-2 px;
 * BlazePose refine ≤ 1e-6 (normalised), refined flags exact.
 */
// oracle-fns: realnet blazepose.refineFromHeatmap movenet.multiPose movenet.singlePose posenet.multiPose posenet.singlePose
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { loadOracleCases, maxAbsDiff, flat, GoldenTally, SHARED, ORACLE } from '../helpers/oracle.js';
import { decodePersonLab, decodePersonLabSingle, decodeCenterNet, refineFromHeatmap } from '../../src/decode/index.js';
import type { RealnetPose } from '../../src/decode/index.js';

const FNS = ['posenet.multiPose', 'posenet.singlePose', 'movenet.multiPose', 'movenet.singlePose', 'blazepose.refineFromHeatmap'];

/**
 * Cases left out of the green suite on purpose, with the measured error.
 * Empty: every public case matches.
 */
const KNOWN_MISMATCH: Record<string, string> = {};

const cases = loadOracleCases('realnet', () => true);

/** Manifests present per fn, counted from the directory itself. */
const manifestCounts = new Map<string, number>();
for (const f of readdirSync(join(ORACLE, 'realnet')).filter((n) => n.endsWith('.json'))) {
  const fn = JSON.parse(readFileSync(join(ORACLE, 'realnet', f), 'utf8')).fn as string;
  manifestCounts.set(fn, (manifestCounts.get(fn) ?? 0) + 1);
}

/** A raw float32 little-endian HWC file (path relative to shared/) as an ndarray of `shape`. */
function readF32(rel: string, shape: number[]): NdArray<Float32Array> {
  const buf = readFileSync(join(SHARED, rel));
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  expect(data.length).toBe(shape.reduce((a, b) => a * b, 1));
  return ndarray(data, shape);
}

function input(c: (typeof cases)[number], key: string): NdArray<Float32Array> {
  const shapes = c.params.inputShapes as Record<string, number[]>;
  return readF32(c.inputs[key] as string, shapes[key]);
}

/** `tf.sigmoid` stand-in: float64 sigmoid rounded to float32 (FORMAT.md: same poses, scores ≤ 6e-8). */
function sigmoid32(a: NdArray<Float32Array>): NdArray<Float32Array> {
  const out = new Float32Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-a.data[i]));
  return ndarray(out, a.shape.slice());
}

function exp(c: (typeof cases)[number], key: string): number[] {
  return flat(c.expected[key] as NdArray);
}

/** posenet `scaleAndFlipPoses`: input px → image px (and mirrored back for `_flip` items). */
function toImage(kp: number[], p: Record<string, unknown>, original: boolean): number[] {
  const [sx, sy] = p.scaleXY as [number, number];
  const pad = p.padding as { top: number; left: number };
  const width = (p.imageSizeHW as number[])[1];
  const out: number[] = [];
  for (let i = 0; i < kp.length; i += 2) {
    const x = kp[i] * sx - pad.left;
    out.push(original ? width - 1 - x : x, kp[i + 1] * sy - pad.top);
  }
  return out;
}

function posesFlat(poses: RealnetPose[]): { kp: number[]; ks: number[]; s: number[] } {
  const kp: number[] = [];
  const ks: number[] = [];
  const s: number[] = [];
  for (const p of poses) {
    expect(p.keypoints.shape).toEqual([17, 2]);
    expect(p.scores.shape).toEqual([17]);
    kp.push(...p.keypoints.data);
    ks.push(...p.scores.data);
    s.push(p.score);
  }
  return { kp, ks, s };
}

const tally = new GoldenTally();

describe('golden parity: realnet (PoseNet, MoveNet, BlazePose reference decoders on real heads)', () => {
  afterAll(() => tally.print());

  it('handles every fn present and runs one test per manifest', () => {
    for (const fn of manifestCounts.keys()) expect(FNS, `unknown fn ${fn}`).toContain(fn);
    for (const fn of FNS) expect(cases.filter((c) => c.fn === fn).length).toBe(manifestCounts.get(fn) ?? 0);
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    const run = KNOWN_MISMATCH[c.name] ? it.skip : it;
    run(`${c.name} ${c.fn} ${String(c.params.item)}`, () => {
      const note = tally.start(c.fn);
      const p = c.params;
      if (c.fn === 'posenet.multiPose') {
        const poses = decodePersonLab(sigmoid32(input(c, 'heatmap')), input(c, 'offsets'), input(c, 'displacementFwd'), input(c, 'displacementBwd'), {
          outputStride: p.outputStride as number,
          maxDetections: p.maxDetections as number,
          scoreThreshold: p.scoreThreshold as number,
          nmsRadius: p.nmsRadius as number,
        });
        const P = (c.expected.scores as NdArray).shape[0];
        expect(P).toBeGreaterThan(0);
        expect(poses.length).toBe(P);
        const { kp, ks, s } = posesFlat(poses);
        const ePos = maxAbsDiff(kp, exp(c, 'keypoints'));
        const eImg = maxAbsDiff(toImage(kp, p, false), exp(c, 'keypointsImage'));
        const eScore = Math.max(maxAbsDiff(ks, exp(c, 'keypointScores')), maxAbsDiff(s, exp(c, 'scores')));
        note(Math.max(ePos, eImg));
        expect(ePos).toBeLessThanOrEqual(1e-4);
        expect(eImg).toBeLessThanOrEqual(1e-4);
        expect(eScore).toBeLessThanOrEqual(1e-6);
        if (p.flipped) expect(maxAbsDiff(toImage(kp, p, true), exp(c, 'keypointsOriginalImage'))).toBeLessThanOrEqual(1e-4);
        // raw logits with scoreActivation 'sigmoid' (the manifest's own option) decode identically
        const fromLogits = decodePersonLab(input(c, 'heatmap'), input(c, 'offsets'), input(c, 'displacementFwd'), input(c, 'displacementBwd'), { ...p, scoreActivation: 'sigmoid' } as object);
        expect(posesFlat(fromLogits)).toEqual(posesFlat(poses));
      } else if (c.fn === 'posenet.singlePose') {
        const pose = decodePersonLabSingle(sigmoid32(input(c, 'heatmap')), input(c, 'offsets'), { outputStride: p.outputStride as number });
        const { kp, ks, s } = posesFlat([pose]);
        expect(kp.length).toBe(exp(c, 'keypoints').length);
        const ePos = maxAbsDiff(kp, exp(c, 'keypoints'));
        const eImg = maxAbsDiff(toImage(kp, p, false), exp(c, 'keypointsImage'));
        note(Math.max(ePos, eImg));
        expect(ePos).toBeLessThanOrEqual(1e-4);
        expect(eImg).toBeLessThanOrEqual(1e-4);
        expect(maxAbsDiff(ks, exp(c, 'keypointScores'))).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(s[0] - (c.expected.score as number))).toBeLessThanOrEqual(1e-6);
        if (p.flipped) expect(maxAbsDiff(toImage(kp, p, true), exp(c, 'keypointsOriginalImage'))).toBeLessThanOrEqual(1e-4);
        expect(posesFlat([decodePersonLabSingle(input(c, 'heatmap'), input(c, 'offsets'), { ...p, scoreActivation: 'sigmoid' } as object)])).toEqual(posesFlat([pose]));
      } else if (c.fn === 'movenet.multiPose') {
        const [Hin, Win] = p.inputSizeHW as [number, number];
        const [rh, rw] = p.resizedSizeHW as [number, number];
        const [ih, iw] = p.imageSizeHW as [number, number];
        const poses = decodeCenterNet(
          {
            center: input(c, 'center'),
            heatmap: input(c, 'keypointHeatmap'),
            regress: input(c, 'keypointRegress'),
            offset: input(c, 'keypointOffset'),
            boxScale: input(c, 'boxScale'),
            boxOffset: input(c, 'boxOffset'),
          },
          { outputStride: p.outputStride as number },
        );
        const expOut = c.expected.output as NdArray;
        expect(expOut.shape).toEqual([6, 56]);
        expect(poses.length).toBe(6);
        const out: number[] = [];
        const img: number[] = [];
        for (const q of poses) {
          expect(q.keypoints.shape).toEqual([17, 2]);
          expect(q.box.shape).toEqual([4]);
          for (let k = 0; k < 17; k++) {
            const x = q.keypoints.get(k, 0);
            const y = q.keypoints.get(k, 1);
            out.push(y / Hin, x / Win, q.scores.get(k));
            img.push((x / rw) * iw, (y / rh) * ih);
          }
          out.push(q.box.get(1) / Hin, q.box.get(0) / Win, q.box.get(3) / Hin, q.box.get(2) / Win, q.score);
        }
        const eOut = maxAbsDiff(out, flat(expOut));
        const eImg = maxAbsDiff(img, exp(c, 'keypointsImage'));
        note(eOut);
        expect(eOut).toBeLessThanOrEqual(1e-5);
        expect(eImg).toBeLessThanOrEqual(1e-2);
        expect(poses.map((q) => (q.score >= (p.minPoseScore as number) ? 1 : 0))).toEqual(exp(c, 'keptByTfjs'));
      } else if (c.fn === 'movenet.singlePose') {
        const cw = p.centerWeightShape as number[];
        const poses = decodeCenterNet(
          { center: input(c, 'center'), heatmap: input(c, 'keypointHeatmap'), regress: input(c, 'keypointRegress'), offset: input(c, 'keypointOffset') },
          { outputStride: p.outputStride as number, centerWeight: readF32(p.centerWeight as string, cw), minCropKeypointScore: p.minCropKeypointScore as number },
        );
        expect(poses.length).toBe(1);
        const q = poses[0];
        expect(q.keypoints.shape).toEqual([17, 2]);
        const [Hin, Win] = p.inputSizeHW as [number, number];
        const [ih, iw] = p.imageSizeHW as [number, number];
        const r = p.cropRegion as { yMin: number; xMin: number; yMax: number; xMax: number };
        const out: number[] = [];
        const img: number[] = [];
        for (let k = 0; k < 17; k++) {
          const y = q.keypoints.get(k, 1) / Hin;
          const x = q.keypoints.get(k, 0) / Win;
          out.push(y, x, q.scores.get(k));
          img.push((r.xMin + x * (r.xMax - r.xMin)) * iw, (r.yMin + y * (r.yMax - r.yMin)) * ih);
        }
        expect(exp(c, 'output').length).toBe(51);
        const eOut = maxAbsDiff(out, exp(c, 'output'));
        note(eOut);
        expect(eOut).toBeLessThanOrEqual(1e-5);
        expect(Math.abs(q.score - (c.expected.poseScore as number))).toBeLessThanOrEqual(1e-6);
        expect(maxAbsDiff(img, exp(c, 'keypointsImage'))).toBeLessThanOrEqual(1e-2);
      } else if (c.fn === 'blazepose.refineFromHeatmap') {
        const L = p.numLandmarks as number;
        const [Hin, Win] = p.inputSizeHW as [number, number];
        const ld = input(c, 'landmarks');
        const raw = new Float64Array(2 * L);
        for (let i = 0; i < L; i++) {
          raw[2 * i] = ld.data[5 * i] / Win;
          raw[2 * i + 1] = ld.data[5 * i + 1] / Hin;
        }
        const rawNd = ndarray(raw, [L, 2]);
        expect(maxAbsDiff(raw, exp(c, 'rawLandmarks'))).toBeLessThanOrEqual(1e-6);
        const hm = input(c, 'heatmap');
        const opts = { kernelSize: p.kernelSize as number, minConfidence: p.minConfidenceToRefine as number };
        const tfjs = refineFromHeatmap(rawNd, hm, opts);
        const fixed = refineFromHeatmap(rawNd, hm, { ...opts, fixBoundsCheck: true });
        expect(tfjs.shape).toEqual([L, 2]);
        expect(fixed.shape).toEqual([L, 2]);
        const e1 = maxAbsDiff(flat(tfjs), exp(c, 'landmarks'));
        const e2 = maxAbsDiff(flat(fixed), exp(c, 'landmarksCorrected'));
        note(Math.max(e1, e2));
        expect(e1).toBeLessThanOrEqual(1e-6);
        expect(e2).toBeLessThanOrEqual(1e-6);
        const refined: number[] = [];
        const differing: number[] = [];
        for (let i = 0; i < L; i++) {
          refined.push(tfjs.get(i, 0) !== raw[2 * i] || tfjs.get(i, 1) !== raw[2 * i + 1] ? 1 : 0);
          if (tfjs.get(i, 0) !== fixed.get(i, 0) || tfjs.get(i, 1) !== fixed.get(i, 1)) differing.push(i);
        }
        expect(refined).toEqual(exp(c, 'refined'));
        expect(differing).toEqual(c.expected.differingLandmarks);
        expect(differing.length > 0).toBe(c.expected.differs);
      } else {
        throw new Error(`unhandled fn ${c.fn}`);
      }
      tally.pass(c.fn);
    });
  }
});
