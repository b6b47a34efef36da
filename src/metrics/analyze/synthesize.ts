/**
 * PoseFix-style erroneous poses (Moon et al., CVPR 2019, after Ronchi &
 * Perona's error taxonomy): one result per GT person (not crowd, with
 * labelled keypoints), each labelled keypoint drawn as jitter, inversion,
 * swap or miss with the given probabilities (good otherwise) and placed so
 * that coco-analyze classifies it exactly so:
 *
 * - good: similarity with its own keypoint in (hi, 1];
 * - jitter: in [lo, hi) of its own keypoint;
 * - inversion: near the person's own left/right counterpart (`flipPairs`);
 * - swap: near the same keypoint of another person of the image;
 * - miss: similarity < lo with every keypoint of every person (and inversion).
 *
 * Distances come from the similarity `ks = exp(−d² / (2σ)² / (A + eps) / 2)`
 * at a uniform random angle. A type that is impossible for a keypoint (the
 * nose has no counterpart; a lone person has nobody to swap with) or whose
 * placement fails verification leaves the keypoint good. Every result carries
 * `synthetic_classes` (K codes as FORMAT.md: 0 unlabelled, 1 good, 2 jitter,
 * 3 inversion, 4 swap, 5 miss) and scores its OKS with its own GT.
 * Cost: O(persons · K · n) with n persons per image.
 */
import { EPS, oksKernel } from '../oks.js';
import { checkOptions } from '../../core/ndarray.js';
import { createPrng } from '../../core/prng.js';
import { imageAnnotations, prepare, type Prepared } from './prepared.js';
import type { CocoDataset, CocoKeypointResult } from '../coco-types.js';
import type { SynthesizeOptions } from './types.js';

const TYPES = Object.freeze(['jitter', 'inversion', 'swap', 'miss'] as const);
const CODE = Object.freeze({ good: 1, jitter: 2, inversion: 3, swap: 4, miss: 5 });

function rateOf(name: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number') throw new TypeError(`options.${name} must be a number, got ${typeof v}`);
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new RangeError(`options.${name} must be in [0, 1], got ${v}`);
  return v;
}

interface Ctx {
  P: Prepared;
  lo: number;
  hi: number;
  rand: () => number;
}

/** coco-analyze's class of point (x, y) as keypoint k of a detection matched to `rows[0]`. */
function classify(c: Ctx, rows: number[], k: number, x: number, y: number): number {
  const { gt, inv, ksVars, K } = c.P;
  const n = rows.length;
  let best = -Infinity;
  let arg = 0;
  for (let r = 0; r < 2 * n; r++) {
    const g = rows[r < n ? r : r - n];
    const o = 3 * K * g + 3 * (r < n ? k : inv[k]);
    const v = gt.kp[o + 2];
    const dx = gt.kp[o] - x;
    const dy = gt.kp[o + 1] - y;
    const ks = v > 0 ? Math.exp(-(dx * dx + dy * dy) / ksVars[k] / (gt.area[g] + EPS) / 2) : v === 0 ? -1 : 0;
    if (ks > best) {
      best = ks;
      arg = r;
    }
  }
  const ks = Math.max(best, 0);
  if (ks > c.hi && arg === 0) return CODE.good;
  if (ks >= c.lo && ks < c.hi && arg === 0) return CODE.jitter;
  if (ks >= c.lo && arg === n) return CODE.inversion;
  if (ks >= c.lo) return CODE.swap;
  return CODE.miss;
}

/** A point at similarity `s` from keypoint `kk` of annotation g (scale: g's area, σ of keypoint k). */
function around(c: Ctx, g: number, kk: number, k: number, s: number): [number, number] {
  const { gt, ksVars, K } = c.P;
  const d = Math.sqrt(-2 * Math.log(s) * (gt.area[g] + EPS) * ksVars[k]);
  const a = 2 * Math.PI * c.rand();
  return [gt.kp[3 * K * g + 3 * kk] + d * Math.cos(a), gt.kp[3 * K * g + 3 * kk + 1] + d * Math.sin(a)];
}

const between = (c: Ctx, a: number, b: number) => a + (b - a) * c.rand();

/** One candidate placement of keypoint k as `type`, or undefined when impossible. */
function candidate(c: Ctx, rows: number[], k: number, type: string): [number, number] | undefined {
  const { gt, inv, K } = c.P;
  const g = rows[0];
  const goodLo = c.hi + 0.1 * (1 - c.hi);
  if (type === 'good') return around(c, g, k, k, between(c, goodLo, 1));
  if (type === 'jitter') return around(c, g, k, k, between(c, c.lo + 0.1 * (c.hi - c.lo), c.hi - 0.1 * (c.hi - c.lo)));
  if (type === 'inversion') return inv[k] !== k && gt.kp[3 * K * g + 3 * inv[k] + 2] > 0 ? around(c, g, inv[k], k, between(c, goodLo, 1)) : undefined;
  if (type === 'swap') {
    const others = rows.slice(1).filter((h) => gt.kp[3 * K * h + 3 * k + 2] > 0 && !gt.crowd[h]);
    return others.length ? around(c, others[Math.floor(c.rand() * others.length)], k, k, between(c, goodLo, 1)) : undefined;
  }
  return around(c, g, k, k, between(c, 1e-6, 0.5 * c.lo));
}

/** Place keypoint k of the result of `rows[0]`: the drawn type if it can be realised, else good. */
function place(c: Ctx, rows: number[], k: number, type: string): { x: number; y: number; code: number } {
  for (const t of type === 'good' ? ['good'] : [type, 'good']) {
    for (let attempt = 0; attempt < 12; attempt++) {
      const p = candidate(c, rows, k, t);
      if (!p) break;
      const code = classify(c, rows, k, p[0], p[1]);
      if (code === CODE[t as keyof typeof CODE]) return { x: p[0], y: p[1], code };
    }
  }
  const o = 3 * c.P.K * rows[0] + 3 * k;
  return { x: c.P.gt.kp[o], y: c.P.gt.kp[o + 1], code: CODE.good };
}

/**
 * Synthesize keypoint results with a controlled mix of error types.
 * @param gt COCO keypoint dataset (K from its categories; `options.sigmas` for K ≠ 17)
 * @param options rates per labelled keypoint (`jitter + inversion + swap + miss ≤ 1`), `seed`, `sigmas`, `flipPairs`, `jitterThresholds`
 * @returns one result per non-crowd GT person with labelled keypoints, in annotation order, with `synthetic_classes`
 */
export function synthesizeErrors(gt: CocoDataset, options?: SynthesizeOptions): CocoKeypointResult[] {
  const o = checkOptions('options', options);
  const rates = TYPES.map((t) => rateOf(t, o[t]));
  const sum = rates.reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-12) throw new RangeError(`options: jitter + inversion + swap + miss must be <= 1, got ${sum}`);
  const seed = o.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError('options.seed must be an integer');
  const jt = o.jitterThresholds ?? [0.5, 0.85];
  if (!Array.isArray(jt) || jt.length !== 2 || !(jt[0] > 0 && jt[0] <= jt[1] && jt[1] < 1)) throw new RangeError('options.jitterThresholds must be [lo, hi] with 0 < lo <= hi < 1');
  const P = prepare(gt, [], o.sigmas, o.flipPairs);
  const c: Ctx = { P, lo: jt[0], hi: jt[1], rand: createPrng(seed).next };
  const { K } = P;
  const out: CocoKeypointResult[] = [];
  const scratch = new Float64Array(K);
  const order = Array.from({ length: P.gt.nGt }, (_, i) => i).sort((a, b) => P.gt.src[a] - P.gt.src[b]);
  for (const g of order) {
    if (P.gt.crowd[g] || P.gt.numKeypoints[g] === 0) continue;
    const rows = [g, ...Array.from(imageAnnotations(P, P.gt.cat[g], P.gt.img[g])).filter((h) => h !== g)];
    const kp = new Array<number>(3 * K).fill(0);
    const classes = new Array<number>(K).fill(0);
    const [bx, by, bw, bh] = Array.from(P.gt.bbox.subarray(4 * g, 4 * g + 4));
    for (let k = 0; k < K; k++) {
      kp[3 * k + 2] = 1;
      if (!(P.gt.kp[3 * K * g + 3 * k + 2] > 0)) {
        kp[3 * k] = bx + bw / 2;
        kp[3 * k + 1] = by + bh / 2;
        continue;
      }
      const u = c.rand();
      let acc = 0;
      let type = 'good';
      for (let i = 0; i < TYPES.length; i++) {
        acc += rates[i];
        if (u < acc) {
          type = TYPES[i];
          break;
        }
      }
      const p = place(c, rows, k, type);
      kp[3 * k] = p.x;
      kp[3 * k + 1] = p.y;
      classes[k] = p.code;
    }
    const score = oksKernel(P.gt.kp, 3 * K * g, kp, 0, 3, K, P.vars, P.gt.area[g], P.gt.bbox, 4 * g, scratch);
    out.push({ image_id: P.gt.imgIds[P.gt.img[g]], category_id: P.gt.catIds[P.gt.cat[g]], keypoints: kp, score, synthetic_classes: classes });
  }
  return out;
}
