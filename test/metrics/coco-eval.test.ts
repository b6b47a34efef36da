/** Laws of the COCO keypoint evaluation, and its handling of malformed input. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cocoKeypointEval, loadCoco, loadResults, type CocoDataset, type CocoKeypointResult } from '../../src/metrics/index.js';
import { createPrng } from '../../src/core/prng.js';

const K = 17;

/** A seeded synthetic GT set and noisy results with distinct scores. */
function synthetic(seed: number, nImages = 6): { gt: CocoDataset; dt: CocoKeypointResult[] } {
  const r = createPrng(seed);
  const images = Array.from({ length: nImages }, (_, i) => ({ id: 1000 + i * 7 }));
  const annotations: CocoDataset['annotations'] = [];
  const dt: CocoKeypointResult[] = [];
  let id = 1;
  for (const im of images) {
    const n = Math.floor(r.uniform(0, 4));
    for (let p = 0; p < n; p++) {
      const w = r.uniform(20, 300);
      const h = r.uniform(20, 300);
      const x = r.uniform(0, 300);
      const y = r.uniform(0, 300);
      const kp: number[] = [];
      let vis = 0;
      for (let k = 0; k < K; k++) {
        const v = r.next() < 0.2 ? 0 : 2;
        if (v) vis++;
        kp.push(v ? x + r.uniform(0, w) : 0, v ? y + r.uniform(0, h) : 0, v);
      }
      const crowd = r.next() < 0.1 ? 1 : 0;
      annotations.push({ id: id++, image_id: im.id, category_id: 1, keypoints: kp, num_keypoints: vis, area: w * h * 0.6, bbox: [x, y, w, h], iscrowd: crowd });
      const noise = r.uniform(0, 15);
      for (let rep = 0; rep < (r.next() < 0.3 ? 2 : 1); rep++) {
        dt.push({ image_id: im.id, category_id: 1, score: r.next(), keypoints: kp.map((v, i) => (i % 3 === 2 ? r.next() : v + r.normal() * noise)) });
      }
    }
    if (r.next() < 0.3) dt.push({ image_id: im.id, category_id: 1, score: r.next(), keypoints: Array.from({ length: 3 * K }, () => r.uniform(0, 600)) });
  }
  return { gt: { images, annotations, categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] }, dt };
}

/** Results equal to the GT (non-crowd, labelled persons). */
function perfect(gt: CocoDataset): CocoKeypointResult[] {
  return gt.annotations
    .filter((a) => !a.iscrowd && (a.num_keypoints ?? 1) > 0)
    .map((a, i) => ({ image_id: a.image_id, category_id: 1, keypoints: a.keypoints.slice(), score: 1 - i * 1e-3 }));
}

describe('cocoKeypointEval laws', () => {
  it('AP = AR = 1 (where defined) when the results equal the GT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const { gt } = synthetic(seed);
        const r = cocoKeypointEval(gt, perfect(gt));
        for (const s of r.stats) expect(s === -1 || Math.abs(s - 1) < 1e-12).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
  it('stats are invariant to the order of results with distinct scores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (seed, shuffleSeed) => {
        const { gt, dt } = synthetic(seed);
        const r = createPrng(shuffleSeed);
        const shuffled = dt.slice();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(r.next() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(cocoKeypointEval(gt, shuffled).stats).toEqual(cocoKeypointEval(gt, dt).stats);
      }),
      { numRuns: 30 },
    );
  });
  it('stats are invariant to renumbering image ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const { gt, dt } = synthetic(seed);
        const map = new Map(gt.images.map((im, i) => [im.id, 90000 - i * 13]));
        const gt2: CocoDataset = {
          ...gt,
          images: gt.images.map((im) => ({ id: map.get(im.id)! })),
          annotations: gt.annotations.map((a) => ({ ...a, image_id: map.get(a.image_id)! })),
        };
        const dt2 = dt.map((d) => ({ ...d, image_id: map.get(d.image_id)! }));
        const a = cocoKeypointEval(gt, dt).stats;
        const b = cocoKeypointEval(gt2, dt2).stats;
        a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
      }),
      { numRuns: 30 },
    );
  });
  it('custom sigmas set K (xtcocotools per-dataset sigmas): 14 keypoints, perfect results give AP = 1', () => {
    const sigmas = [0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089, 0.079, 0.079];
    const kp = Array.from({ length: 14 }, (_, k) => [100 + 5 * k, 50 + 9 * k, 2]).flat();
    const gt: CocoDataset = { images: [{ id: 1 }], annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: kp, num_keypoints: 14, area: 20000, bbox: [90, 40, 100, 150], iscrowd: 0 }], categories: [{ id: 1, keypoints: [] }] };
    const r = cocoKeypointEval(gt, [{ image_id: 1, category_id: 1, keypoints: kp, score: 0.9 }], { sigmas });
    r.stats.slice(0, 3).forEach((s) => expect(s).toBeCloseTo(1, 12));
    expect(() => cocoKeypointEval(gt, [])).toThrow(/51 numbers/);
  });
  it('no results: AP = AR = 0 where GTs exist; no GT: −1', () => {
    const { gt } = synthetic(3, 10);
    expect(cocoKeypointEval(gt, []).stats.every((s) => s === 0 || s === -1)).toBe(true);
    expect(cocoKeypointEval({ ...gt, annotations: [] }, []).stats).toEqual(new Array(10).fill(-1));
  });
  it('prints the pycocotools summary format', () => {
    const { gt } = synthetic(5, 10);
    const lines = cocoKeypointEval(gt, perfect(gt)).summary.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^ Average Precision {2}\(AP\) @\[ IoU=0\.50:0\.95 \| area= {3}all \| maxDets= 20 \] = (1\.000|-1\.000)$/);
  });
});

describe('cocoKeypointEval bad input', () => {
  const base = () => synthetic(11, 4);
  const expectNamed = (mutate: (gt: any, dt: any[]) => void, re: RegExp, Err: ErrorConstructor = Error) => {
    const { gt, dt } = base();
    const g = structuredClone(gt) as any;
    const d = structuredClone(dt) as any[];
    mutate(g, d);
    expect(() => cocoKeypointEval(g, d)).toThrow(Err);
    expect(() => cocoKeypointEval(g, d)).toThrow(re);
  };
  it('missing fields name the record', () => {
    expectNamed((g) => delete g.annotations[0].keypoints, /gt\.annotations\[0\] \(id 1\): missing field "keypoints"/, TypeError);
    expectNamed((g) => delete g.images, /missing field "images"/, TypeError);
    expectNamed((_, d) => delete d[0].score, /results\[0\]: missing field "score"/, TypeError);
  });
  it('wrong keypoint length, negative area, string numbers', () => {
    expectNamed((g) => g.annotations[1].keypoints.pop(), /gt\.annotations\[1\].*51 numbers/, RangeError);
    expectNamed((g) => (g.annotations[0].area = -5), /"area" must be >= 0/, RangeError);
    expectNamed((g) => (g.annotations[0].image_id = String(g.annotations[0].image_id)), /"image_id" must be a number, got the string/, TypeError);
    expectNamed((_, d) => (d[0].keypoints[4] = '3.5'), /results\[0\]: "keypoints"\[4\] must be a number/, TypeError);
  });
  it('duplicate ids', () => {
    expectNamed((g) => (g.annotations[1].id = g.annotations[0].id), /duplicate annotation id/, RangeError);
    expectNamed((g) => g.images.push({ id: g.images[0].id }), /duplicate image id/, RangeError);
  });
  it('results for unknown images', () => {
    expectNamed((_, d) => (d[0].image_id = 424242), /results\[0\]: image_id 424242 is not an image/, RangeError);
  });
  it('NaN / Infinity', () => {
    expectNamed((_, d) => (d[0].score = Number.NaN), /results\[0\]: "score" must be finite/, RangeError);
    expectNamed((g) => (g.annotations[0].keypoints[0] = Infinity), /"keypoints"\[0\] must be finite/, RangeError);
  });
  it('__proto__ / constructor keys neither crash nor pollute prototypes', () => {
    const { gt, dt } = base();
    const text = JSON.stringify({ ...gt, constructor: { polluted: 1 } }).replace('{"images"', '{"__proto__":{"polluted":1},"images"');
    const dtText = JSON.stringify(dt).replace('{"image_id"', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"image_id"');
    const g = JSON.parse(text);
    const d = JSON.parse(dtText);
    const r = cocoKeypointEval(g, d);
    expect(r.stats).toEqual(cocoKeypointEval(gt, dt).stats);
    expect(({} as any).polluted).toBeUndefined();
    expect((Object.prototype as any).polluted).toBeUndefined();
    // An inherited field does not count as present.
    const inherited = Object.create({ keypoints: new Array(51).fill(1) });
    Object.assign(inherited, { id: 99, image_id: gt.images[0].id, category_id: 1, area: 1, bbox: [0, 0, 1, 1] });
    expect(() => cocoKeypointEval({ ...gt, annotations: [inherited] }, [])).toThrow(/missing field "keypoints"/);
  });
  it('options are checked', () => {
    const { gt, dt } = base();
    expect(() => cocoKeypointEval(gt, dt, { sigmas: [0.1] })).toThrow(/must have 3 numbers .*got 51/);
    expect(() => cocoKeypointEval(gt, dt, { maxDets: 0 })).toThrow(/maxDets/);
    expect(() => cocoKeypointEval(gt, dt, { sigmas: new Array(17).fill(-1) })).toThrow(/sigmas\[0\]/);
  });
});

describe('loadCoco / loadResults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posecodec-coco-'));
  it('load, validate and evaluate from disk', () => {
    const { gt, dt } = synthetic(21, 5);
    writeFileSync(join(dir, 'gt.json'), JSON.stringify(gt));
    writeFileSync(join(dir, 'dt.json'), JSON.stringify(dt));
    const g = loadCoco(join(dir, 'gt.json'));
    const d = loadResults(join(dir, 'dt.json'), g);
    expect(cocoKeypointEval(g, d).stats).toEqual(cocoKeypointEval(gt, dt).stats);
  });
  it('reject bad files with a clear message', () => {
    writeFileSync(join(dir, 'nan.json'), '[{"image_id": 1, "category_id": 1, "keypoints": [NaN], "score": 1}]');
    expect(() => loadResults(join(dir, 'nan.json'))).toThrow(/not valid JSON/);
    writeFileSync(join(dir, 'obj.json'), '{"a": 1}');
    expect(() => loadResults(join(dir, 'obj.json'))).toThrow(/JSON array/);
    expect(() => loadCoco(join(dir, 'obj.json'))).toThrow(/missing field "images"/);
    expect(() => loadCoco(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
  it('reject bad paths and options with a TypeError/RangeError naming them', () => {
    const { gt } = synthetic(21, 5);
    writeFileSync(join(dir, 'gt.json'), JSON.stringify(gt));
    const g = join(dir, 'gt.json');
    const bad: [() => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
      [() => loadCoco(dir), RangeError, /^path .* must be a regular file, got a directory/],
      [() => loadResults(dir), RangeError, /^path .* must be a regular file/],
      [() => loadCoco(join(dir, 'missing.json')), RangeError, /^path .*ENOENT/],
      [() => loadCoco(42 as never), TypeError, /^path/],
      [() => loadCoco(g, 'typo' as never), TypeError, /^options/],
      [() => loadCoco(g, null as never), TypeError, /^options/],
      [() => loadCoco(g, [] as never), TypeError, /^options/],
      [() => loadCoco(g, { sigmas: 'typo' as never }), TypeError, /^options\.sigmas/],
      [() => loadCoco(g, { sigmas: new Array(17).fill(NaN) }), RangeError, /^options\.sigmas/],
      [() => loadResults(g, undefined, 42 as never), TypeError, /^options/],
      [() => loadResults(g, 'typo' as never), TypeError, /^gt/],
    ];
    for (const [call, cls, re] of bad) {
      expect(call).toThrow(cls);
      expect(call).toThrow(re);
    }
  });
});
