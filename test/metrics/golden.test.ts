/**
 * Golden parity with pycocotools and mmpose for every `coco.*`, `metrics.*`
 * and `nms.*` case in ../shared/oracle/metrics (walked, never copied).
 * Tolerances (oracle README): COCO stats ≤ 1e-9 absolute; metrics ≤ 1e-6
 * relative; NMS kept indices exact.
 */
// oracle-fns: metrics coco.eval metrics.pck metrics.auc metrics.epe metrics.nme metrics.pckh nms.oks nms.softOks
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, flat, GoldenTally, expectManifestCounts } from '../helpers/oracle.js';
import {
  cocoKeypointEval,
  computeOks,
  pckAccuracy,
  pckhAccuracy,
  auc,
  epe,
  nme,
  oksNms,
  softOksNms,
  type CocoDataset,
  type CocoKeypointResult,
} from '../../src/metrics/index.js';

const FNS = ['coco.eval', 'metrics.pck', 'metrics.auc', 'metrics.epe', 'metrics.nme', 'metrics.pckh', 'nms.oks', 'nms.softOks'];
const cases = loadOracleCases('metrics', () => true);

/** |a − b| / max(|b|, 1e-12); both −1 or equal → 0. */
function rel(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

function instancesOf(c: (typeof cases)[number]) {
  const kp = c.inputs.keypoints as NdArray;
  const scores = flat(c.inputs.scores as NdArray);
  const areas = flat(c.inputs.areas as NdArray);
  return scores.map((score, i) => ({ keypoints: kp.pick(i, null, null), score, area: areas[i] }));
}

/** Per function: cases passed / total and the largest error seen (absolute for COCO stats and OKS, relative otherwise). */
const tally = new GoldenTally();

describe('golden parity: coco.eval, metrics.*, nms.* (pycocotools 8c9bcc3, mmpose 1.x)', () => {
  afterAll(() => tally.print());
  it('finds the golden cases', () => {
    expect(cases.filter((c) => c.fn === 'coco.eval').length).toBeGreaterThanOrEqual(20);
    expect(cases.length).toBeGreaterThan(100);
  });
  for (const c of cases) {
    it(`${c.name} ${c.fn} ${JSON.stringify(c.params).slice(0, 80)}`, () => {
      const p = c.params;
      const e = c.expected;
      const note = tally.start(c.fn);
      /** Record an error, then assert it is within `tol`. */
      const within = (err: number, tol: number, label?: string) => {
        note(err);
        expect(err, label).toBeLessThanOrEqual(tol);
      };
      switch (c.fn) {
        case 'coco.eval': {
          const gt = c.inputs.gt as CocoDataset;
          const dt = c.inputs.dt as CocoKeypointResult[];
          const sigmas = p.sigmas as number[] | undefined;
          const r = cocoKeypointEval(gt, dt, sigmas ? { sigmas } : undefined);
          const want = e.stats as number[];
          expect(r.stats.length).toBe(10);
          expect(want.length).toBe(10);
          for (let i = 0; i < 10; i++) within(Math.abs(r.stats[i] - want[i]), 1e-9, `stats[${i}]`);
          const lines = (e.summary as string).split('\n').filter((l) => l.startsWith(' Average'));
          expect(r.summary.split('\n')).toEqual(lines);
          // Per-image OKS matrices.
          for (const [key, mat] of Object.entries(e.ious as Record<string, number[][]>)) {
            const [imgId, catId] = key.split(',').map(Number);
            const gts = gt.annotations.filter((a) => a.image_id === imgId && a.category_id === catId);
            const dts = dt.filter((d) => d.image_id === imgId && d.category_id === catId);
            const got = computeOks(gts, dts, sigmas ? { sigmas } : undefined);
            expect(got.length).toBe(mat.length);
            for (let i = 0; i < mat.length; i++) expect(got[i].length).toBe(mat[i].length);
            for (let i = 0; i < mat.length; i++) for (let j = 0; j < mat[i].length; j++) within(Math.abs(got[i][j] - mat[i][j]), 1e-12, `oks[${i}][${j}]`);
          }
          break;
        }
        case 'metrics.pck': {
          const r = pckAccuracy(c.inputs.pred as NdArray, c.inputs.gt as NdArray, c.inputs.mask as NdArray, p.thr as number, c.inputs.norm_factor as NdArray);
          const acc = flat(e.acc as NdArray);
          expect(acc.length).toBeGreaterThan(0);
          expect(flat(r.perKeypoint).length).toBe(acc.length);
          flat(r.perKeypoint).forEach((v, k) => within(rel(v, acc[k]), 1e-6, `acc[${k}]`));
          within(rel(r.average, e.avg_acc as number), 1e-6);
          expect(r.count).toBe(e.cnt);
          break;
        }
        case 'metrics.auc': {
          const v = auc(c.inputs.pred as NdArray, c.inputs.gt as NdArray, c.inputs.mask as NdArray, p.norm_factor as number, p.num_thrs as number);
          within(rel(v, e.auc as number), 1e-6);
          break;
        }
        case 'metrics.epe': {
          const v = epe(c.inputs.pred as NdArray, c.inputs.gt as NdArray, c.inputs.mask as NdArray);
          within(rel(v, e.epe as number), 1e-6);
          break;
        }
        case 'metrics.nme': {
          const v = nme(c.inputs.pred as NdArray, c.inputs.gt as NdArray, c.inputs.mask as NdArray, c.inputs.normalize_factor as NdArray);
          within(rel(v, e.nme as number), 1e-6);
          break;
        }
        case 'metrics.pckh': {
          const r = pckhAccuracy(c.inputs.pred as NdArray, c.inputs.gt as NdArray, c.inputs.mask as NdArray, c.inputs.head_size as NdArray, { thr: p.thr as number });
          const map: Record<string, number> = {
            'Head PCK': r.head,
            'Shoulder PCK': r.shoulder,
            'Elbow PCK': r.elbow,
            'Wrist PCK': r.wrist,
            'Hip PCK': r.hip,
            'Knee PCK': r.knee,
            'Ankle PCK': r.ankle,
            PCK: r.pck,
            'PCK@0.1': r.pckAt01,
          };
          expect(Object.keys(e).sort()).toEqual(Object.keys(map).sort());
          for (const [k, want] of Object.entries(e)) within(rel(map[k], want as number), 1e-6, k);
          break;
        }
        case 'nms.oks':
        case 'nms.softOks': {
          const opts = {
            sigmas: (p.sigmas as number[] | null) ?? undefined,
            visThreshold: (p.vis_thr as number | null) ?? undefined,
          };
          const keep =
            c.fn === 'nms.oks'
              ? oksNms(instancesOf(c), p.thr as number, opts)
              : softOksNms(instancesOf(c), p.thr as number, { ...opts, maxDets: p.max_dets as number });
          expect(Array.isArray(keep)).toBe(true);
          expect(keep).toEqual(e.keep);
          break;
        }
        default:
          throw new Error(`unhandled golden fn ${c.fn}`);
      }
      tally.pass(c.fn);
    });
  }
  it('ran one case per manifest of every metrics fn', () => {
    expectManifestCounts('metrics', FNS, tally.totals());
  });
});
