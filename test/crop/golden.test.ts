/**
 * Golden parity with mmpose 1.x + OpenCV 4.6 for every case in
 * ../shared/oracle/warp (walked, never copied). Tolerances from its FORMAT.md:
 * bbox.*, warp.matrix, warp.affine (uint8 and float32), topdownAffine image,
 * scales, centre and matrix, normalize.image: exact; transformed keypoints
 * ≤ 1e-4 crop px.
 */
// oracle-fns: warp bbox.xyxy2cs bbox.xywh2xyxy bbox.xyxy2xywh bbox.fixAspectRatio normalize.image transform.topdownAffine warp.matrix warp.affine
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { ORACLE, loadOracleCases, maxAbsDiff, flat, GoldenTally } from '../helpers/oracle.js';
import { bboxXyxyToCs, bboxXywhToXyxy, bboxXyxyToXywh, fixAspectRatio, getWarpMatrix, normalizeImage, topdownAffine, warpAffine } from '../../src/crop/index.js';

const FNS = ['bbox.xyxy2cs', 'bbox.xywh2xyxy', 'bbox.xyxy2xywh', 'bbox.fixAspectRatio', 'warp.matrix', 'warp.affine', 'transform.topdownAffine', 'normalize.image'] as const;
const cases = loadOracleCases('warp', () => true);
const dir = join(ORACLE, 'warp');
const manifestFns = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).fn as string);

const tally = new GoldenTally();
type Arr = NdArray<Float32Array | Float64Array | Uint8Array>;

/** Shapes equal, same element type family, and the largest absolute difference. */
function compare(got: NdArray, want: Arr, sameType = true): number {
  expect(got.shape).toEqual(want.shape);
  expect(got.data.length).toBeGreaterThan(0);
  const kind = (d: unknown) => (d instanceof Uint8Array || d instanceof Uint8ClampedArray ? 'u8' : d instanceof Float32Array ? 'f32' : 'f64');
  if (sameType) expect(kind(got.data)).toBe(kind(want.data));
  return maxAbsDiff(flat(got), flat(want));
}

function values(v: ArrayLike<number>, want: Arr): number {
  const w = flat(want);
  expect(v.length).toBe(w.length);
  expect(w.length).toBeGreaterThan(0);
  return maxAbsDiff(Array.from(v), w);
}

function run(fn: string, p: Record<string, any>, inp: Record<string, any>, exp: Record<string, any>): number {
  switch (fn) {
    case 'bbox.xyxy2cs': {
      const r = bboxXyxyToCs(inp.bbox, { padding: p.padding });
      return Math.max(compare(r.center, exp.center), compare(r.scale, exp.scale));
    }
    case 'bbox.xywh2xyxy':
      return compare(bboxXywhToXyxy(inp.bbox), exp.bbox);
    case 'bbox.xyxy2xywh':
      return compare(bboxXyxyToXywh(inp.bbox), exp.bbox);
    case 'bbox.fixAspectRatio':
      return compare(fixAspectRatio(inp.bbox_scale, p.aspect_ratio), exp.bbox_scale);
    case 'warp.matrix': {
      const m = getWarpMatrix(inp.center, inp.scale, p.rot, p.output_size, {
        udp: p.method === 'udp',
        inverse: p.inv,
        shift: p.shift,
        fixAspectRatio: p.fix_aspect_ratio,
        rotDtype: p.rot_dtype,
        compat: 'mmpose',
      });
      return values(m, exp.warp_mat);
    }
    case 'warp.affine':
      expect([p.flags, p.border_mode]).toEqual(['INTER_LINEAR', 'BORDER_CONSTANT']);
      return compare(warpAffine(inp.img, inp.M, p.dsize, { borderValue: p.border_value }), exp.img);
    case 'transform.topdownAffine': {
      const rotation = inp.bbox_rotation === undefined ? undefined : (inp.bbox_rotation as Arr).data[0];
      const r = topdownAffine(inp.img, { center: inp.bbox_center, scale: inp.bbox_scale, rotation }, p.input_size, { udp: p.use_udp, keypoints: inp.keypoints, compat: 'mmpose' });
      const exact = Math.max(compare(r.image, exp.img), values(r.scale, exp.bbox_scale), values(r.scale, exp.input_scale), values(r.center, exp.input_center), values(r.matrix, exp.warp_mat));
      expect(r.inputSize).toEqual(exp.input_size);
      expect(exact).toBe(0);
      if (inp.keypoints === undefined) {
        expect(exp.transformed_keypoints).toBe(0); // the reference's 0-d np.zeros([]) (W15): nothing to return
        expect(r.keypoints).toBeUndefined();
        return 0;
      }
      const kp = compare(r.keypoints!, exp.transformed_keypoints, false); // float32 values held in a Float64Array (keypoints convention)
      expect(kp).toBeLessThanOrEqual(1e-4);
      return kp;
    }
    case 'normalize.image':
      return compare(normalizeImage(inp.img, { mean: p.mean, std: p.std, bgrToRgb: p.bgr_to_rgb }), exp.inputs);
    default:
      throw new Error(`unhandled warp fn ${fn}`);
  }
}

describe('golden parity: warp family (mmpose TopdownAffine + OpenCV 4.6 warpAffine)', () => {
  afterAll(() => tally.print('max abs error'));

  it('handles every fn in the manifests, one test per manifest', () => {
    expect(cases.length).toBe(manifestFns.length);
    expect(cases.length).toBeGreaterThan(0);
    for (const fn of new Set(manifestFns)) expect(FNS as readonly string[]).toContain(fn);
    for (const fn of FNS) expect(cases.filter((c) => c.fn === fn).length).toBe(manifestFns.filter((f) => f === fn).length);
    for (const fn of FNS) expect(manifestFns.filter((f) => f === fn).length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.name} ${c.fn} ${JSON.stringify(c.params)}`, () => {
      const note = tally.start(c.fn);
      const err = run(c.fn, c.params as Record<string, any>, c.inputs as Record<string, any>, c.expected as Record<string, any>);
      note(err);
      if (c.fn === 'transform.topdownAffine') expect(err).toBeLessThanOrEqual(1e-4);
      else expect(err).toBe(0);
      tally.pass(c.fn);
    });
  }
});
