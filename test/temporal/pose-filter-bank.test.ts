/** The per-track filter bank on multi-person results of two decoder families (heatmap top-down, PersonLab bottom-up). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { msraHeatmaps } from '../../src/encode/index.js';
import { decodeHeatmaps, decodePersonLab } from '../../src/decode/index.js';
import { createPoseFilterBank, createKeypointsFilter, MOVENET_KEYPOINT_FILTER_CONFIG } from '../../src/temporal/index.js';
import { SHARED } from '../helpers/oracle.js';

const FRAME_US = 33333;

/** Person p's 17 keypoints at frame t, heatmap px of a 48×64 map. */
function skeleton(p: number, t: number): Float64Array {
  const out = new Float64Array(34);
  for (let k = 0; k < 17; k++) {
    out[k * 2] = 10 + 26 * p + 4 * Math.cos(k) + 0.3 * t;
    out[k * 2 + 1] = 32 + 20 * Math.sin(k * 0.7) + 0.2 * t;
  }
  return out;
}

/** Encode persons → [N, 17, 64, 48] heatmaps → decodeHeatmaps → posecodec decoder poses. */
function heatmapFrame(persons: number[], t: number) {
  const maps = new Float32Array(persons.length * 17 * 64 * 48);
  persons.forEach((p, n) => {
    const { heatmaps } = msraHeatmaps([48, 64], ndarray(skeleton(p, t), [1, 17, 2]), ndarray(new Float32Array(17).fill(1), [1, 17]), 2);
    maps.set(heatmaps.data, n * 17 * 64 * 48);
  });
  const r = decodeHeatmaps(ndarray(maps, [persons.length, 17, 64, 48]));
  return persons.map((p, n) => ({ keypoints: r.keypoints.pick(n, null, null), scores: r.scores.pick(n, null), score: 1, person: p }));
}

describe('pose filter bank on heatmap-decoder results (decodeHeatmaps, [N,K,2] + [N,K])', () => {
  it('keeps one id and one filter per person across frames and detection orders; outputs [K,2] keypoints', () => {
    const bank = createPoseFilterBank({ tracker: { type: 'keypoint' }, trackerImageSize: [48, 64] });
    let ids: Map<number, number | string> | null = null;
    for (let t = 0; t < 12; t++) {
      const order = t % 2 ? [1, 0] : [0, 1];
      const poses = heatmapFrame(order, t);
      const out = bank.apply(poses, t * FRAME_US);
      expect(out.map((o) => o.person)).toEqual(order);
      for (const o of out) expect(o.keypoints.shape).toEqual([17, 2]);
      if (t === 0) for (let i = 0; i < 2; i++) for (let k = 0; k < 17; k++) expect(out[i].keypoints.get(k, 1)).toBe(poses[i].keypoints.get(k, 1)); // first sample passes through
      const now = new Map(out.map((o) => [o.person as number, o.id]));
      if (ids) expect(now).toEqual(ids);
      ids = now;
      expect(bank.trackIds().length).toBe(2);
    }
    expect(new Set(ids!.values()).size).toBe(2);
  });

  it('drops the filter of a person gone for longer than maxAge; the returning person gets a new id and a fresh filter', () => {
    const bank = createPoseFilterBank({ tracker: { type: 'keypoint', maxAge: 100 }, trackerImageSize: [48, 64] });
    const first = bank.apply(heatmapFrame([0, 1], 0), 0);
    bank.apply(heatmapFrame([0], 1), FRAME_US);
    for (let t = 2; t < 8; t++) bank.apply(heatmapFrame([0], t), t * FRAME_US);
    expect(bank.trackIds()).toEqual([first[0].id]);
    const back = bank.apply(heatmapFrame([0, 1], 8), 8 * FRAME_US);
    expect(back[0].id).toBe(first[0].id);
    expect(back[1].id).not.toBe(first[1].id);
    const raw = heatmapFrame([1], 8)[0].keypoints;
    for (let k = 0; k < 17; k++) expect(back[1].keypoints.get(k, 0)).toBe(raw.get(k, 0)); // fresh filter: passes through
  });

  it('equals a hand-made per-id keypoints filter (MoveNet branch semantics)', () => {
    const bank = createPoseFilterBank({ tracker: { type: 'keypoint' }, trackerImageSize: [48, 64] });
    const ref = [createKeypointsFilter(MOVENET_KEYPOINT_FILTER_CONFIG), createKeypointsFilter(MOVENET_KEYPOINT_FILTER_CONFIG)];
    for (let t = 0; t < 6; t++) {
      const poses = heatmapFrame([0, 1], t);
      const out = bank.apply(poses, t * FRAME_US);
      poses.forEach((p, i) => {
        const kp3 = ndarray(new Float64Array(51), [17, 3]);
        for (let k = 0; k < 17; k++) {
          kp3.set(k, 0, p.keypoints.get(k, 0));
          kp3.set(k, 1, p.keypoints.get(k, 1));
          kp3.set(k, 2, p.scores.get(k));
        }
        const r = ref[i].apply(kp3, t * FRAME_US, 1)!;
        for (let k = 0; k < 17; k++) for (let d = 0; d < 2; d++) expect(out[i].keypoints.get(k, d)).toBe(r.get(k, d));
      });
    }
  });
});

/** A real PoseNet head (../shared/data/heatmaps/posenet, HWC float32). */
function head(name: string, C: number): NdArray<Float32Array> {
  const b = readFileSync(join(SHARED, 'data/heatmaps/posenet', `000000040083_257.${name}.f32`));
  const d = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const S = Math.round(Math.sqrt(d.length / C));
  return ndarray(d, [S, S, C]);
}
/** The head moved by (dy, dx) cells inside a zero canvas padded by `pad` cells. */
function embed(a: NdArray<Float32Array>, pad: number, dy: number, dx: number): NdArray<Float32Array> {
  const [H, W, C] = a.shape;
  const WW = W + 2 * pad;
  const d = new Float32Array((H + 2 * pad) * WW * C);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) d[((y + pad + dy) * WW + x + pad + dx) * C + c] = a.get(y, x, c);
  return ndarray(d, [H + 2 * pad, WW, C]);
}

describe('pose filter bank on bottom-up results (decodePersonLab on a real PoseNet head, three people)', () => {
  const raw = head('heatmap', 17);
  const scores = ndarray(Float32Array.from(raw.data, (v) => 1 / (1 + Math.exp(-v))), raw.shape.slice());
  const heads = [scores, head('offsets', 34), head('displacement_fwd', 32), head('displacement_bwd', 32)];

  it('tracks every decoded person frame to frame while the scene moves one cell (16 px) a frame', () => {
    const pad = 3;
    const size = (heads[0].shape[1] + 2 * pad) * 16;
    // one cell = 16 px per frame is fast for these ~60 px people: OKS falls to ~0, so track by IoU of keypoint boxes
    const bank = createPoseFilterBank({ tracker: { type: 'boundingBox' }, trackerImageSize: [size, size], filter: { type: 'oneEuro', frequency: 30, minCutOff: 1, beta: 0.01, derivateCutOff: 1, minAllowedObjectScale: 1e-6 }, objectScale: 1 });
    let prev: { id: number | string; x: number; y: number }[] = [];
    for (let t = 0; t < 6; t++) {
      const shift = [0, 1, 2, 2, 1, 0][t];
      const poses = decodePersonLab(...(heads.map((h) => embed(h, pad, shift, 0)) as [NdArray, NdArray, NdArray, NdArray]), { maxDetections: 5, scoreThreshold: 0.5 }).filter(
        (p) => p.score >= 0.25, // pose-detection drops persons below 0.25 (a 0.03 duplicate of the first person is decoded too)
      );
      expect(poses.length).toBe(2);
      const out = bank.apply(poses, t * FRAME_US);
      const now = out.map((o) => ({ id: o.id, x: o.keypoints.get(0, 0), y: o.keypoints.get(0, 1) }));
      for (const o of out) expect(o.keypoints.shape).toEqual([17, 2]);
      for (const p of prev) {
        // the same person (nearest nose, within 3 cells of motion) keeps its id
        const near = now.reduce((a, b) => (Math.hypot(b.x - p.x, b.y - p.y) < Math.hypot(a.x - p.x, a.y - p.y) ? b : a));
        if (Math.hypot(near.x - p.x, near.y - p.y) < 48) expect(near.id).toBe(p.id);
      }
      expect(new Set(now.map((n) => n.id)).size).toBe(now.length);
      prev = now;
    }
  });
});

describe('pose filter bank without a tracker (ids from the caller)', () => {
  it('keeps a filter per given id and drops it after maxAge ms unseen', () => {
    const bank = createPoseFilterBank({ maxAge: 50 });
    const pose = (id: string, t: number) => ({ id, keypoints: Array.from({ length: 17 }, (_, k) => [k + t, 2 * k, 0.9]), score: 1 });
    bank.apply([pose('a', 0), pose('b', 0)], 0);
    bank.apply([pose('a', 1)], 40_000);
    expect(bank.trackIds().sort()).toEqual(['a', 'b']);
    bank.apply([pose('a', 2)], 80_000);
    expect(bank.trackIds()).toEqual(['a']);
    expect(bank.getTracks()).toEqual([{ id: 'a', lastTimestamp: 80_000 }]);
  });
  it('accepts CenterNet-style poses ([K,2] keypoints, [K] scores, [4] box ndarray) with the box tracker', () => {
    const bank = createPoseFilterBank({ tracker: { type: 'boundingBox' }, objectScale: 'box', filter: { type: 'velocity', windowSize: 5, velocityScale: 10, minAllowedObjectScale: 1e-6 } });
    const p = (t: number) => ({
      keypoints: ndarray(Float64Array.from({ length: 34 }, (_, i) => 100 + i + t), [17, 2]),
      scores: ndarray(new Float64Array(17).fill(0.8), [17]),
      box: ndarray(Float64Array.from([100 + t, 100, 160 + t, 220]), [4]),
      score: 0.8,
    });
    const a = bank.apply([p(0)], 0);
    const b = bank.apply([p(1)], FRAME_US);
    expect(b[0].id).toBe(a[0].id);
    expect(b[0].keypoints.shape).toEqual([17, 2]);
  });
});
