import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { decodeCenterNet, MAX_CENTERNET_PERSONS, type CenterNetHeads } from '../../src/decode/centernet.js';
import { movenetCenterWeight, roundFloat16, CENTER_NMS_TOLERANCE, KEYPOINT_SIGMA_SCALE, KEYPOINT_SCORE_THRESHOLD, DISTANCE_BIAS } from '../../src/decode/centernet-constants.js';
import type { CenterNetPose } from '../../src/decode/realnet-types.js';
import { SHARED } from '../helpers/oracle.js';
import { snapshot } from '../helpers/maps.js';

function f32(rel: string, shape: number[]): NdArray<Float32Array> {
  const b = readFileSync(join(SHARED, rel));
  return ndarray(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)), shape);
}

/** MoveNet MultiPose heads of COCO 000000040083 (48×64). */
type SingleHeads = Record<'center' | 'heatmap' | 'regress' | 'offset', NdArray<Float32Array>>;
type MultiHeads = SingleHeads & Record<'boxScale' | 'boxOffset', NdArray<Float32Array>>;

function multiHeads(): MultiHeads {
  const p = (n: string, C: number) => f32(`data/heatmaps/movenet-multipose/000000040083.${n}.f32`, [48, 64, C]);
  return { center: p('center', 1), heatmap: p('kpt_heatmap', 17), regress: p('kpt_regress', 34), offset: p('kpt_offset', 34), boxScale: p('box_scale', 2), boxOffset: p('box_offset', 2) };
}

/** MoveNet Thunder heads of one GT crop (64×64). */
function thunderHeads(): SingleHeads {
  const p = (n: string, C: number) => f32(`data/heatmaps/movenet-heads/000000040083_230195.${n}.f32`, [64, 64, C]);
  return { center: p('center', 1), heatmap: p('kpt_heatmap', 17), regress: p('kpt_regress', 34), offset: p('kpt_offset', 34) };
}

function flatPoses(ps: CenterNetPose[]): number[][] {
  return ps.map((p) => [...p.keypoints.data, ...p.scores.data, ...p.box.data, p.score]);
}

function mapHeads<T extends Record<string, NdArray>>(h: T, f: (a: NdArray) => NdArray): T {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, f(v)])) as T;
}

describe('roundFloat16 and the graph constants', () => {
  it('gives the float16 values the MoveNet graphs store', () => {
    expect(roundFloat16(0.3)).toBe(KEYPOINT_SIGMA_SCALE);
    expect(roundFloat16(0.127)).toBe(KEYPOINT_SCORE_THRESHOLD);
    expect(roundFloat16(1.8)).toBe(DISTANCE_BIAS);
    expect(roundFloat16(1e-6)).toBe(CENTER_NMS_TOLERANCE);
  });

  it('rounds halfway cases away from zero, keeps subnormals, overflows to Infinity', () => {
    expect(roundFloat16(1 + 2 ** -11)).toBe(1 + 2 ** -10);
    expect(roundFloat16(-(1 + 2 ** -11))).toBe(-(1 + 2 ** -10));
    expect(roundFloat16(1 + 2 ** -12)).toBe(1);
    expect(roundFloat16(2 ** -24)).toBe(2 ** -24);
    expect(roundFloat16(2 ** -26)).toBe(0);
    expect(roundFloat16(65504)).toBe(65504);
    expect(roundFloat16(65520)).toBe(Infinity);
    expect(roundFloat16(0)).toBe(0);
  });

  it('law: the result is a float16 value within half an ulp (idempotent)', () => {
    fc.assert(
      fc.property(fc.double({ min: -6e4, max: 6e4, noNaN: true }), (x) => {
        const r = roundFloat16(x);
        expect(roundFloat16(r)).toBe(r);
        const a = Math.abs(Math.fround(x));
        const ulp = 2 ** (Math.max(Math.floor(Math.log2(a || 1)), -14) - 10);
        expect(Math.abs(r - Math.fround(x))).toBeLessThanOrEqual(ulp / 2 + 1e-300);
      }),
      { numRuns: 300 },
    );
  });

  it("movenetCenterWeight(64, 64) is bit-identical to Thunder's stored graph constant", () => {
    const stored = f32('data/heatmaps/movenet-heads/thunder_center_weight.f32', [64, 64]);
    expect(Array.from(movenetCenterWeight(64, 64).data)).toEqual(Array.from(stored.data));
  });
});

describe('decodeCenterNet: MultiPose (box heads)', () => {
  const h = multiHeads();
  it('returns the 6 graph rows: [17,2] input-px keypoints, [17] scores, [4] box inside the input, descending centre order', () => {
    const ps = decodeCenterNet(h);
    expect(ps.length).toBe(6);
    for (const p of ps) {
      expect(p.keypoints.shape).toEqual([17, 2]);
      expect(p.scores.shape).toEqual([17]);
      expect(p.box.shape).toEqual([4]);
      const [x0, y0, x1, y1] = p.box.data;
      expect(0 <= x0 && x0 <= x1 && x1 <= 256 && 0 <= y0 && y0 <= y1 && y1 <= 192).toBe(true);
      for (const s of p.scores.data) expect(s >= 0 && s <= 1).toBe(true);
    }
    expect(ps[0].score).toBeGreaterThan(0.25);
  });

  it('law: an empty scene (no centre above 0) gives no person with a positive score', () => {
    const empty = { ...h, center: ndarray(new Float32Array(48 * 64).fill(-1e4), [48, 64, 1]) };
    const ps = decodeCenterNet(empty);
    expect(ps.length).toBe(6);
    for (const p of ps) expect(p.score).toBe(0);
  });

  it('law: keypoints and boxes of the first m rows do not depend on maxPersons ≥ m', () => {
    const six = decodeCenterNet(h);
    for (const m of [1, 3]) {
      const few = decodeCenterNet(h, { maxPersons: m });
      expect(few.length).toBe(m);
      few.forEach((p, i) => {
        expect(Array.from(p.keypoints.data)).toEqual(Array.from(six[i].keypoints.data));
        expect(Array.from(p.box.data)).toEqual(Array.from(six[i].box.data));
      });
    }
    expect(decodeCenterNet(h, { maxPersons: 20 }).length).toBe(20);
  });

  it('law: strided (CHW storage), float64 and [1,H,W,C] heads decode identically; heads are never mutated', () => {
    const before = Object.values(h).map(snapshot);
    const ref = flatPoses(decodeCenterNet(h));
    const chw = (a: NdArray) => {
      const [H, W, C] = a.shape;
      const d = new Float32Array(H * W * C);
      for (let c = 0; c < C; c++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[(c * H + y) * W + x] = a.get(y, x, c);
      return ndarray(d, [C, H, W]).transpose(1, 2, 0);
    };
    expect(flatPoses(decodeCenterNet(mapHeads(h, chw)))).toEqual(ref);
    expect(flatPoses(decodeCenterNet(mapHeads(h, (a) => ndarray(Float64Array.from(a.data as Float32Array), a.shape.slice()))))).toEqual(ref);
    expect(flatPoses(decodeCenterNet(mapHeads(h, (a) => ndarray(a.data, [1, ...a.shape]))))).toEqual(ref);
    expect(Object.values(h).map(snapshot)).toEqual(before);
  });

  it('takes the keypoint inside its box nearest the regression, scores it by the max over all candidates', () => {
    // 8×8 map, two centres: A at (2, 2) with a box covering rows/cols [0, 5), B at (5, 5) box [3, 8).
    const H = 8;
    const W = 8;
    const z = (C: number, v = 0) => new Float32Array(H * W * C).fill(v);
    const center = z(1, -20);
    center[2 * W + 2] = 3;
    center[5 * W + 5] = 1;
    const boxScale = z(2);
    const boxOffset = z(2);
    for (const [y, x] of [[2, 2], [5, 5]]) {
      boxScale[(y * W + x) * 2] = 5;
      boxScale[(y * W + x) * 2 + 1] = 5;
    }
    boxOffset[(2 * W + 2) * 2] = 0.5; // A's box centre (2.5, 2) → rows [0, 5), cols [0, 4.5)
    const heatmap = z(1, -20);
    heatmap[3 * W + 4] = 2; // the keypoint, inside both boxes (row 3, col 4)
    heatmap[1 * W + 1] = 0; // a weaker one, inside A's box only
    const regress = z(2);
    regress[(2 * W + 2) * 2] = 1; // A regresses to (3, 4)
    regress[(2 * W + 2) * 2 + 1] = 2;
    regress[(5 * W + 5) * 2] = 1; // B regresses to (6, 6), yet (3, 4) is still its best cell
    regress[(5 * W + 5) * 2 + 1] = 1;
    const offset = z(2);
    offset[(3 * W + 4) * 2] = 0.25;
    offset[(3 * W + 4) * 2 + 1] = -0.5;
    const nd = (d: Float32Array, C: number) => ndarray(d, [H, W, C]);
    const ps = decodeCenterNet(
      { center: nd(center, 1), heatmap: nd(heatmap, 1), regress: nd(regress, 2), offset: nd(offset, 2), boxScale: nd(boxScale, 2), boxOffset: nd(boxOffset, 2) },
      { maxPersons: 2 },
    );
    expect(ps.length).toBe(2);
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    expect(Array.from(ps[0].keypoints.data)).toEqual([(4 - 0.5) * 4, (3 + 0.25) * 4]);
    expect(Array.from(ps[0].box.data)).toEqual([0, 0, 4.5 * 4, 5 * 4]);
    expect(ps[0].scores.get(0)).toBeCloseTo(sig(Math.fround(2)), 12); // regression hits the cell: exp(0) = 1
    expect(ps[0].score).toBeCloseTo(sig(3) * sig(2), 12);
    expect(Array.from(ps[1].keypoints.data)).toEqual(Array.from(ps[0].keypoints.data));
    // B's own m at (3, 4) is σ(2)·exp(−13 / (8·0.3)) ≈ 0.004, but its score is the max over both candidates: A's σ(2)
    const own = sig(2) * Math.exp(-13 / (8 * KEYPOINT_SIGMA_SCALE));
    expect(own).toBeLessThan(0.01);
    expect(ps[1].scores.get(0)).toBeCloseTo(sig(2), 12);
    expect(ps[1].score).toBeCloseTo(sig(1) * sig(2), 12);
  });
});

describe('decodeCenterNet: SinglePose (no box heads)', () => {
  const h = thunderHeads();
  it('returns one pose; the default centre weight is the graph constant', () => {
    const stored = f32('data/heatmaps/movenet-heads/thunder_center_weight.f32', [64, 64]);
    const a = decodeCenterNet(h);
    const b = decodeCenterNet(h, { centerWeight: stored });
    expect(a.length).toBe(1);
    expect(flatPoses(a)).toEqual(flatPoses(b));
    const nested = Array.from({ length: 64 }, (_, i) => Array.from(stored.data.subarray(64 * i, 64 * i + 64)));
    expect(flatPoses(decodeCenterNet(h, { centerWeight: stored.data }))).toEqual(flatPoses(a));
    expect(flatPoses(decodeCenterNet(h, { centerWeight: nested }))).toEqual(flatPoses(a));
    expect(a[0].keypoints.shape).toEqual([17, 2]);
    const [x0, y0, x1, y1] = a[0].box.data;
    expect(x0 <= x1 && y0 <= y1).toBe(true);
  });

  it('law: an empty scene (all keypoint logits very negative) gives pose score 0', () => {
    const p = decodeCenterNet({ ...h, heatmap: ndarray(new Float32Array(64 * 64 * 17).fill(-30), [64, 64, 17]) })[0];
    expect(p.score).toBe(0);
  });

  it('law: strided and [1,H,W,C] heads decode identically; heads are never mutated', () => {
    const before = Object.values(h).map(snapshot);
    const ref = flatPoses(decodeCenterNet(h));
    const rev = (a: NdArray) => {
      const [H, W, C] = a.shape;
      const d = new Float32Array(H * W * C);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) d[((H - 1 - y) * W + x) * C + c] = a.get(y, x, c);
      return ndarray(d, [H, W, C]).step(-1, 1, 1);
    };
    expect(flatPoses(decodeCenterNet(mapHeads(h, rev)))).toEqual(ref);
    expect(flatPoses(decodeCenterNet(mapHeads(h, (a) => ndarray(a.data, [1, ...a.shape]))))).toEqual(ref);
    expect(Object.values(h).map(snapshot)).toEqual(before);
  });
});

describe('decodeCenterNet: bad input (typed errors naming the argument)', () => {
  const m = multiHeads();
  const s = thunderHeads();
  const nan = ndarray(Float32Array.from(m.heatmap.data), m.heatmap.shape.slice());
  nan.data[11] = NaN;
  const z = (H: number, W: number, C: number) => ndarray(new Float32Array(H * W * C), [H, W, C]);
  const table: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['heads null', () => decodeCenterNet(null as unknown as CenterNetHeads), TypeError, /^heads/],
    ['heads.center missing', () => decodeCenterNet({ ...s, center: undefined }), TypeError, /^heads\.center/],
    ['heads.center 2 channels', () => decodeCenterNet({ ...s, center: z(64, 64, 2) }), RangeError, /^heads\.center/],
    ['heads.heatmap H×W differ', () => decodeCenterNet({ ...s, heatmap: z(32, 64, 17) }), RangeError, /^heads\.heatmap/],
    ['heads.regress channels ≠ 2K', () => decodeCenterNet({ ...s, regress: z(64, 64, 17) }), RangeError, /^heads\.regress/],
    ['heads.offset channels ≠ 2K', () => decodeCenterNet({ ...s, offset: z(64, 64, 35) }), RangeError, /^heads\.offset/],
    ['heads.heatmap NaN', () => decodeCenterNet({ ...m, heatmap: nan }), RangeError, /^heads\.heatmap/],
    ['heads.boxScale without boxOffset', () => decodeCenterNet({ ...m, boxOffset: undefined }), TypeError, /^heads\.boxOffset/],
    ['heads.boxOffset 3 channels', () => decodeCenterNet({ ...m, boxOffset: z(48, 64, 3) }), RangeError, /^heads\.boxOffset/],
    ['heads.boxScale H×W differ', () => decodeCenterNet({ ...m, boxScale: z(48, 63, 2) }), RangeError, /^heads\.boxScale/],
    ['heads.center rank 2', () => decodeCenterNet({ ...s, center: ndarray(new Float32Array(64 * 64), [64, 64]) }), TypeError, /^heads\.center/],
    ['options.maxPersons 0', () => decodeCenterNet(m, { maxPersons: 0 }), RangeError, /^options\.maxPersons/],
    ['options.maxPersons > H·W', () => decodeCenterNet(m, { maxPersons: 48 * 64 + 1 }), RangeError, /^options\.maxPersons/],
    ['options.maxPersons > cap', () => decodeCenterNet(m, { maxPersons: MAX_CENTERNET_PERSONS + 1 }), RangeError, /^options\.maxPersons/],
    ['options.outputStride 0', () => decodeCenterNet(m, { outputStride: 0 }), RangeError, /^options\.outputStride/],
    ['options.outputStride -4', () => decodeCenterNet(s, { outputStride: -4 }), RangeError, /^options\.outputStride/],
    ['options.outputStride 1e308', () => decodeCenterNet(m, { outputStride: 1e308 }), RangeError, /^options\.outputStride/],
    ['options.outputStride 2^40', () => decodeCenterNet(s, { outputStride: 2 ** 40 }), RangeError, /^options\.outputStride/],
    ['options.outputStride 1.5', () => decodeCenterNet(s, { outputStride: 1.5 }), TypeError, /^options\.outputStride/],
    ['options.centerNmsKernel even', () => decodeCenterNet(m, { centerNmsKernel: 4 }), RangeError, /^options\.centerNmsKernel/],
    ['options.centerWeight wrong size', () => decodeCenterNet(s, { centerWeight: ndarray(new Float32Array(32 * 32), [32, 32]) }), RangeError, /^options\.centerWeight/],
    ['options.centerWeight NaN', () => decodeCenterNet(s, { centerWeight: ndarray(new Float32Array(64 * 64).fill(NaN), [64, 64]) }), RangeError, /^options\.centerWeight/],
    ['options.centerWeight flat, wrong length', () => decodeCenterNet(s, { centerWeight: new Float32Array(100) }), RangeError, /^options\.centerWeight/],
    ['options.centerWeight nested, ragged', () => decodeCenterNet(s, { centerWeight: [[1, 2], [3]] }), RangeError, /^options\.centerWeight/],
    ['options.centerWeight a string path', () => decodeCenterNet(s, { centerWeight: 'w.f32' as unknown as number[] }), TypeError, /^options\.centerWeight/],
    ['options.keypointSigmaScale 0', () => decodeCenterNet(m, { keypointSigmaScale: 0 }), RangeError, /^options\.keypointSigmaScale/],
    ['options.minCropKeypointScore NaN', () => decodeCenterNet(s, { minCropKeypointScore: NaN }), RangeError, /^options\.minCropKeypointScore/],
    ['options a number', () => decodeCenterNet(s, 5 as unknown as object), TypeError, /^options/],
    [
      'options.maxPersons: work over the limit on huge (broadcast) heads, refused before any scan',
      () => {
        const big = (C: number) => ndarray(new Float32Array(C), [4096, 4096, C], [0, 0, 1]);
        return decodeCenterNet({ center: big(1), heatmap: big(17), regress: big(34), offset: big(34), boxScale: big(2), boxOffset: big(2) }, { maxPersons: 200 });
      },
      RangeError,
      /^options\.maxPersons/,
    ],
  ];
  for (const [what, call, Err, msg] of table) {
    it(what, () => {
      expect(call).toThrow(Err);
      expect(call).toThrow(msg);
    });
  }
});
