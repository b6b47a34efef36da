import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { decodePersonLab, MAX_PERSONLAB_DETECTIONS } from '../../src/decode/personlab.js';
import { POSENET_POSE_CHAIN, poseChain } from '../../src/decode/personlab-chain.js';
import { PartHeap } from '../../src/decode/personlab-queue.js';
import { SHARED } from '../helpers/oracle.js';
import { snapshot } from '../helpers/maps.js';

/** A real PoseNet head (../shared/data/heatmaps/posenet, HWC float32). */
function head(item: string, name: string, C: number): NdArray<Float32Array> {
  const b = readFileSync(join(SHARED, 'data/heatmaps/posenet', `${item}.${name}.f32`));
  const d = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const S = Math.round(Math.sqrt(d.length / C));
  return ndarray(d, [S, S, C]);
}

function sigmoid(a: NdArray<Float32Array>): NdArray<Float32Array> {
  return ndarray(Float32Array.from(a.data, (v) => 1 / (1 + Math.exp(-v))), a.shape.slice());
}

/** PoseNet 257 heads of COCO 000000040083 (three people): scores, offsets, fwd, bwd. */
const item = '000000040083_257';
const real = [sigmoid(head(item, 'heatmap', 17)), head(item, 'offsets', 34), head(item, 'displacement_fwd', 32), head(item, 'displacement_bwd', 32)] as const;

/** Copy of an HWC head into the centre of a zero `[H+2p, W+2p, C]` canvas at cell offset (p+dy, p+dx). */
function embed(a: NdArray<Float32Array>, pad: number, dy: number, dx: number): NdArray<Float32Array> {
  const [H, W, C] = a.shape;
  const HH = H + 2 * pad;
  const WW = W + 2 * pad;
  const d = new Float32Array(HH * WW * C);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) d[((y + pad + dy) * WW + x + pad + dx) * C + c] = a.get(y, x, c);
  return ndarray(d, [HH, WW, C]);
}

/** Same values, CHW storage viewed as HWC through strides. */
function chwView(a: NdArray<Float32Array>): NdArray<Float32Array> {
  const [H, W, C] = a.shape;
  const d = new Float32Array(H * W * C);
  for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[(c * H + y) * W + x] = a.get(y, x, c);
  return ndarray(d, [C, H, W]).transpose(1, 2, 0);
}

function summary(poses: ReturnType<typeof decodePersonLab>): number[][] {
  return poses.map((p) => [...p.keypoints.data, ...p.scores.data, p.score]);
}

describe('PartHeap (tfjs-models max_heap.ts order)', () => {
  it('pops equal scores in the reference order 0, 2, 1 (not stable), higher scores first', () => {
    const h = new PartHeap(8);
    for (const id of [0, 1, 2]) h.push(1, id);
    const out = new Float64Array(1);
    expect([h.pop(out), h.pop(out), h.pop(out)]).toEqual([0, 2, 1]);
    expect(h.size).toBe(0);
    h.push(0.2, 7);
    h.push(0.9, 8);
    h.push(0.5, 9);
    expect([h.pop(out), out[0]]).toEqual([8, 0.9]);
    expect([h.pop(out), h.pop(out)]).toEqual([9, 7]);
  });

  it('law: pops every pushed element exactly once in non-increasing score order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (vals) => {
        const h = new PartHeap(vals.length);
        vals.forEach((v, i) => h.push(v, i));
        const out = new Float64Array(1);
        const ids: number[] = [];
        let prev = Infinity;
        while (h.size > 0) {
          ids.push(h.pop(out));
          expect(out[0]).toBeLessThanOrEqual(prev);
          prev = out[0];
        }
        expect(ids.sort((a, b) => a - b)).toEqual(vals.map((_, i) => i));
      }),
      { numRuns: 100 },
    );
  });
});

describe('poseChain', () => {
  it("defaults to PoseNet's frozen 16-edge COCO chain", () => {
    const c = poseChain('edges', undefined, 17);
    expect(Array.from(c.parent)).toEqual(POSENET_POSE_CHAIN.map((e) => e[0]));
    expect(Object.isFrozen(POSENET_POSE_CHAIN) && Object.isFrozen(POSENET_POSE_CHAIN[0])).toBe(true);
  });

  it('matches the chain recorded beside the real PoseNet heads', () => {
    const meta = JSON.parse(readFileSync(join(SHARED, 'data/heatmaps/posenet', `${item}.json`), 'utf8'));
    const names = meta.keypoint_names as string[];
    expect(names.length).toBe(17);
    expect((meta.pose_chain as [string, string][]).map(([p, c]) => [names.indexOf(p), names.indexOf(c)])).toEqual(POSENET_POSE_CHAIN.map((e) => [...e]));
  });
});

describe('decodePersonLab', () => {
  it('decodes the real PoseNet heads into poses with [17,2] input-px keypoints, [17] scores, root order', () => {
    const poses = decodePersonLab(...real);
    expect(poses.length).toBeGreaterThan(0);
    expect(poses.length).toBeLessThanOrEqual(20);
    for (const p of poses) {
      expect(p.keypoints.shape).toEqual([17, 2]);
      expect(p.keypoints.data).toBeInstanceOf(Float64Array);
      expect(p.scores.shape).toEqual([17]);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('law: an empty scene (every score below scoreThreshold) gives no person', () => {
    const low = ndarray(Float32Array.from(real[0].data, (v) => v * 0.49), real[0].shape.slice());
    expect(decodePersonLab(low, real[1], real[2], real[3])).toEqual([]);
    expect(decodePersonLab(real[0], real[1], real[2], real[3], { scoreThreshold: 1.01 })).toEqual([]);
  });

  it('law: translating the scene by whole output-stride cells translates every pose by stride·cells', () => {
    const pad = 20;
    const base = decodePersonLab(...(real.map((a) => embed(a, pad, 0, 0)) as [NdArray, NdArray, NdArray, NdArray]), { scoreThreshold: 0.3 });
    expect(base.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), (dy, dx) => {
        const moved = decodePersonLab(...(real.map((a) => embed(a, pad, dy, dx)) as [NdArray, NdArray, NdArray, NdArray]), { scoreThreshold: 0.3 });
        expect(moved.length).toBe(base.length);
        moved.forEach((p, i) => {
          expect(Array.from(p.scores.data)).toEqual(Array.from(base[i].scores.data));
          expect(p.score).toBe(base[i].score);
          for (let k = 0; k < 17; k++) {
            expect(p.keypoints.get(k, 0)).toBeCloseTo(base[i].keypoints.get(k, 0) + 16 * dx, 9);
            expect(p.keypoints.get(k, 1)).toBeCloseTo(base[i].keypoints.get(k, 1) + 16 * dy, 9);
          }
        });
      }),
      { numRuns: 12 },
    );
  });

  it('law: maxDetections = m returns the first m poses of a larger maxDetections', () => {
    const all = summary(decodePersonLab(...real, { scoreThreshold: 0.1 }));
    for (const m of [1, 2, 5]) expect(summary(decodePersonLab(...real, { scoreThreshold: 0.1, maxDetections: m }))).toEqual(all.slice(0, m));
  });

  it('law: strided (CHW storage), float64 and [1,H,W,C] inputs decode identically; inputs are never mutated', () => {
    const before = real.map(snapshot);
    const ref = summary(decodePersonLab(...real));
    expect(summary(decodePersonLab(...(real.map(chwView) as [NdArray, NdArray, NdArray, NdArray])))).toEqual(ref);
    const f64 = real.map((a) => ndarray(Float64Array.from(a.data), a.shape.slice()));
    expect(summary(decodePersonLab(...(f64 as [NdArray, NdArray, NdArray, NdArray])))).toEqual(ref);
    const batched = real.map((a) => ndarray(a.data, [1, ...a.shape]));
    expect(summary(decodePersonLab(...(batched as [NdArray, NdArray, NdArray, NdArray])))).toEqual(ref);
    expect(real.map(snapshot)).toEqual(before);
  });

  it('law: no root within nmsRadius of the same keypoint of an earlier pose; a larger radius never adds poses', () => {
    const r = 20;
    const poses = decodePersonLab(...real, { scoreThreshold: 0.1, nmsRadius: r });
    const fewer = decodePersonLab(...real, { scoreThreshold: 0.1, nmsRadius: 4 * r });
    expect(fewer.length).toBeLessThanOrEqual(poses.length);
    const none = decodePersonLab(...real, { scoreThreshold: 0.1, nmsRadius: 0 });
    expect(none.length).toBeGreaterThanOrEqual(poses.length);
  });

  it('follows a custom two-keypoint chain: root from the offsets, child via the forward displacement', () => {
    // 4×4 map, stride 10: keypoint 0 peaks at cell (1, 1), keypoint 1 at (2, 3).
    const H = 4;
    const W = 4;
    const s = new Float32Array(H * W * 2);
    s[(1 * W + 1) * 2 + 0] = 0.9;
    s[(2 * W + 3) * 2 + 1] = 0.4;
    const off = new Float32Array(H * W * 4);
    off[(1 * W + 1) * 4 + 0] = 1; // dy of keypoint 0 at (1,1)
    off[(1 * W + 1) * 4 + 2] = 2; // dx of keypoint 0 at (1,1)
    off[(2 * W + 3) * 4 + 1] = -1; // dy of keypoint 1 at (2,3)
    off[(2 * W + 3) * 4 + 3] = 0.5; // dx of keypoint 1 at (2,3)
    const fwd = new Float32Array(H * W * 2);
    fwd[(1 * W + 1) * 2 + 0] = 9; // (11, 12) + (9, 18) = (20, 30) → cell (2, 3)
    fwd[(1 * W + 1) * 2 + 1] = 18;
    const bwd = new Float32Array(H * W * 2);
    const poses = decodePersonLab(ndarray(s, [H, W, 2]), ndarray(off, [H, W, 4]), ndarray(fwd, [H, W, 2]), ndarray(bwd, [H, W, 2]), {
      outputStride: 10,
      edges: [[0, 1]],
      scoreThreshold: 0.5,
    });
    expect(poses.length).toBe(1);
    expect(Array.from(poses[0].keypoints.data)).toEqual([12, 11, 30.5, 19]);
    expect(Array.from(poses[0].scores.data)).toEqual([Math.fround(0.9), Math.fround(0.4)]);
    expect(poses[0].score).toBeCloseTo((Math.fround(0.9) + Math.fround(0.4)) / 2, 12);
  });

  describe('bad input: typed errors naming the argument', () => {
    const [s, o, f, b] = real;
    const small = (C: number) => ndarray(new Float32Array(4 * 4 * C), [4, 4, C]);
    const nan = ndarray(Float32Array.from(s.data), s.shape.slice());
    nan.data[5] = NaN;
    const infOff = ndarray(Float32Array.from(o.data), o.shape.slice());
    infOff.data[7] = Infinity;
    const table: [string, () => unknown, ErrorConstructor, RegExp][] = [
      ['heatmaps not an ndarray', () => decodePersonLab([1, 2] as unknown as NdArray, o, f, b), TypeError, /^heatmaps/],
      ['heatmaps rank 2', () => decodePersonLab(ndarray(new Float32Array(4), [2, 2]), o, f, b), TypeError, /^heatmaps/],
      ['heatmaps batch of 2', () => decodePersonLab(ndarray(new Float32Array(2 * 17 * 17 * 17), [2, 17, 17, 17]), o, f, b), TypeError, /^heatmaps/],
      ['heatmaps with NaN', () => decodePersonLab(nan, o, f, b), RangeError, /^heatmaps must not contain NaN/],
      ['offsets H×W differ', () => decodePersonLab(s, small(34), f, b), RangeError, /^offsets/],
      ['offsets channels ≠ 2K', () => decodePersonLab(s, ndarray(new Float32Array(17 * 17 * 33), [17, 17, 33]), f, b), RangeError, /^offsets/],
      ['offsets with Infinity', () => decodePersonLab(s, infOff, f, b), RangeError, /^offsets/],
      ['displacementFwd H×W differ', () => decodePersonLab(s, o, small(32), b), RangeError, /^displacementFwd/],
      ['displacementBwd channels ≠ 2E', () => decodePersonLab(s, o, f, ndarray(new Float32Array(17 * 17 * 30), [17, 17, 30])), RangeError, /^displacementBwd/],
      ['outputStride 0', () => decodePersonLab(s, o, f, b, { outputStride: 0 }), RangeError, /^options\.outputStride/],
      ['outputStride negative', () => decodePersonLab(s, o, f, b, { outputStride: -16 }), RangeError, /^options\.outputStride/],
      ['outputStride 1e308', () => decodePersonLab(s, o, f, b, { outputStride: 1e308 }), RangeError, /^options\.outputStride/],
      ['outputStride 1.5', () => decodePersonLab(s, o, f, b, { outputStride: 1.5 }), TypeError, /^options\.outputStride/],
      ['maxDetections 0', () => decodePersonLab(s, o, f, b, { maxDetections: 0 }), RangeError, /^options\.maxDetections/],
      ['maxDetections 2.5', () => decodePersonLab(s, o, f, b, { maxDetections: 2.5 }), TypeError, /^options\.maxDetections/],
      ['maxDetections huge', () => decodePersonLab(s, o, f, b, { maxDetections: MAX_PERSONLAB_DETECTIONS + 1 }), RangeError, /^options\.maxDetections/],
      ['scoreThreshold NaN', () => decodePersonLab(s, o, f, b, { scoreThreshold: NaN }), RangeError, /^options\.scoreThreshold/],
      ['nmsRadius negative', () => decodePersonLab(s, o, f, b, { nmsRadius: -1 }), RangeError, /^options\.nmsRadius/],
      ['options not an object', () => decodePersonLab(s, o, f, b, 3 as unknown as object), TypeError, /^options/],
      ['edges missing for K ≠ 17', () => decodePersonLab(small(2), small(4), small(2), small(2)), RangeError, /^options\.edges/],
      ['edges not a tree', () => decodePersonLab(small(3), small(6), small(4), small(4), { edges: [[0, 1], [0, 1]] }), RangeError, /^options\.edges/],
      ['edges not root-first', () => decodePersonLab(small(3), small(6), small(4), small(4), { edges: [[1, 2], [0, 1]] }), RangeError, /^options\.edges/],
      ['edges index out of range', () => decodePersonLab(small(2), small(4), small(2), small(2), { edges: [[0, 5]] }), RangeError, /^options\.edges/],
    ];
    for (const [what, call, Err, msg] of table) {
      it(what, () => {
        expect(call).toThrow(Err);
        expect(call).toThrow(msg);
      });
    }
  });
});
