/**
 * coco-analyze `scoringErrors` (`analysisAPI/scoringErrors.py:19-182`): at
 * 'all' and OKS .75 with optimal scores only — images whose result order
 * changes under the optimal scores, scoring errors (a GT's best-OKS result is
 * not its highest-scored one among the unused results with OKS ≥ .5) under the
 * original and the optimal scores, and the redundancy histograms (results with
 * OKS > .1 per GT: the best one and the others).
 */
import { oksKernel } from '../oks.js';
import { analyze } from './analysis.js';
import { summarizeAnalysis } from './summarize.js';
import { ALL_ONLY, reportParams } from './report-params.js';
import { annotationsOfImage, type Prepared } from './prepared.js';
import type { Settings } from './settings.js';
import type { ScoringError, ScoringReport } from './types.js';

/** np.argsort(−v, kind='mergesort'). */
function orderBy(v: number[]): number[] {
  return v.map((_, i) => i).sort((a, b) => v[b] - v[a] || a - b);
}

/** np.argmax: first maximum. */
function argmax(v: number[]): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
  return b;
}

interface ImageData {
  img: number;
  dts: number[];
  /** Non-ignored GTs sorted by −max OKS (stable). */
  gts: number[];
  /** oks[i][j]: result dts[i] with gts[j]. */
  oks: number[][];
}

/** `utilities.compute_oks` rows = results (list order), columns = GTs. */
function oksMatrix(P: Prepared, dts: number[], gts: number[]): number[][] {
  const K = P.K;
  const scratch = new Float64Array(K);
  return dts.map((d) => gts.map((g) => oksKernel(P.gt.kp, 3 * K * g, P.dt.kp, 3 * K * d, 3, K, P.vars, P.gt.area[g], P.gt.bbox, 4 * g, scratch)));
}

function imageData(P: Prepared, img: number, dts: number[], range: readonly [number, number]): ImageData {
  const gts = annotationsOfImage(P, img).filter((g) => !P.gt.ignore[g] && P.gt.area[g] >= range[0] && P.gt.area[g] <= range[1]);
  if (dts.length === 0 || gts.length === 0) return { img, dts, gts, oks: [] };
  const m = oksMatrix(P, dts, gts);
  const order = orderBy(gts.map((_, j) => Math.max(...m.map((r) => r[j]))));
  return { img, dts, gts: order.map((j) => gts[j]), oks: m.map((r) => order.map((j) => r[j])) };
}

function scoringErrorsOf(P: Prepared, im: ImageData, key: Float64Array): ScoringError[] {
  const out: ScoringError[] = [];
  if (im.dts.length * im.gts.length === 0) return out;
  const dind = orderBy(im.dts.map((d) => key[d]));
  const used = new Set<number>();
  for (let j = 0; j < im.gts.length; j++) {
    const avail = dind.map((i, pos) => ({ pos, d: im.dts[i], oks: im.oks[i][j], s: key[im.dts[i]] })).filter((x) => x.oks >= 0.5 && !used.has(x.d));
    if (avail.length === 0) break;
    const bo = argmax(avail.map((x) => x.oks));
    used.add(avail[bo].d);
    if (avail.length > 1) {
      const bs = argmax(avail.map((x) => x.s));
      if (bs !== bo) {
        out.push({ imageId: P.gt.imgIds[im.img], gtId: P.gt.id[im.gts[j]], highScoreDtId: P.dtId[avail[bs].d], highOksDtId: P.dtId[avail[bo].d], highOks: avail[bo].oks, lowOks: avail[bs].oks });
      }
    }
  }
  return out;
}

/** Scoring report at `oks` (.75 in the toolbox). */
export function scoringReport(P: Prepared, s: Settings, oks = 0.75): ScoringReport {
  const p = reportParams(s, { areaRanges: ALL_ONLY, labels: ['all'], oksThrs: [oks] });
  const A = analyze(P, p, { kpts: false, scores: true, bckgd: false });
  const stats = summarizeAnalysis(P, A).stats;
  const opt = A.scores![0].optScore;
  const score = P.dt.score;
  // Images with results, in order of their first result; each one's results in list order.
  const byImage = new Map<number, number[]>();
  for (let d = 0; d < P.dt.nDt; d++) {
    const l = byImage.get(P.dt.img[d]);
    if (l) l.push(d);
    else byImage.set(P.dt.img[d], [d]);
  }
  const imgOrder = P.imageFileOrder;
  const suboptimal: number[] = [];
  for (const img of imgOrder) {
    const dts = byImage.get(img);
    if (!dts) continue;
    const a = orderBy(dts.map((d) => score[d]));
    const b = orderBy(dts.map((d) => opt[d]));
    if (a.some((v, i) => v !== b[i])) suboptimal.push(P.gt.imgIds[img]);
  }
  const images = [...byImage].map(([img, dts]) => imageData(P, img, dts, ALL_ONLY[0]));
  const errScore = images.flatMap((im) => scoringErrorsOf(P, im, score));
  const errOpt = images.flatMap((im) => scoringErrorsOf(P, im, opt));
  const byId = new Map<number, number>(Array.from(P.dtId, (id, d) => [id, d]));
  const relevance = (e: ScoringError) => -Math.sqrt((score[byId.get(e.highScoreDtId)!] - score[byId.get(e.highOksDtId)!]) * (e.highOks - e.lowOks));
  errScore.sort((x, y) => relevance(x) - relevance(y));
  const hist = { n: [] as number[], ho: [] as number[], oo: [] as number[], hs: [] as number[], os: [] as number[], hq: [] as number[], oq: [] as number[] };
  for (const im of images) {
    if (im.dts.length * im.gts.length === 0) continue;
    for (let j = 0; j < im.gts.length; j++) {
      const high = im.dts.map((_, i) => i).filter((i) => im.oks[i][j] > 0.1);
      hist.n.push(high.length);
      if (high.length < 2) continue;
      const vals = high.map((i) => ({ o: im.oks[i][j], d: im.dts[i] })).sort((x, y) => y.o - x.o);
      hist.ho.push(vals[0].o);
      hist.hs.push(score[vals[0].d]);
      hist.hq.push(opt[vals[0].d]);
      for (const v of vals.slice(1)) {
        hist.oo.push(v.o);
        hist.os.push(score[v.d]);
        hist.oq.push(opt[v.d]);
      }
    }
  }
  return {
    numImagesWithDts: byImage.size,
    suboptimalOrderImages: suboptimal,
    scoringErrorsScore: errScore,
    scoringErrorsOptScore: errOpt,
    numDtsHighOks: Int32Array.from(hist.n),
    highOksDtOks: Float64Array.from(hist.ho),
    otherDtOks: Float64Array.from(hist.oo),
    highOksDtScore: Float64Array.from(hist.hs),
    otherDtScore: Float64Array.from(hist.os),
    highOksDtOptScore: Float64Array.from(hist.hq),
    otherDtOptScore: Float64Array.from(hist.oq),
    stats,
  };
}
