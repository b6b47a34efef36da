/**
 * The top-down experiment: both networks × every decoder × box sets (GT boxes; the real
 * detector boxes without and with OKS-NMS) → the COCO AP table (Markdown + JSON) and one
 * picture per image. Used by run.mjs, the CI test and `posecodec bench`.
 *
 * `quick` (CI): every model on the 14 GT boxes; MoveNet also on the detector boxes scoring
 * ≥ 0.5 (18 of 118). Full: every model on the GT boxes and all 118 detector boxes.
 */
import { loadCocoSet } from './coco-data.mjs';
import { MODELS, runBoxes, resultsOf, evaluate, decoderIds, instanceScore, DECODER_LABELS, SHARED_COCO_JOINTS } from './topdown.mjs';
import { backgroundDataUrl, panelsSvg, gtPoses } from './figure.mjs';

/** Box sets of a run: id, label, which boxes, whether OKS-NMS is applied. */
export function boxSets(quick) {
  const detThreshold = quick ? 0.5 : 0;
  return [
    { id: 'gt', label: 'GT boxes', boxes: 'gt', nms: false },
    { id: 'det', label: `detector boxes (score ≥ ${detThreshold})`, boxes: 'det', nms: false, detThreshold },
    { id: 'detNms', label: `detector boxes (score ≥ ${detThreshold}) + OKS-NMS 0.9`, boxes: 'det', nms: true, detThreshold },
  ];
}

/** Which (model, box kind) pairs run. */
const runsFor = (quick) => [
  ['movenet', 'gt'],
  ['movenet', 'det'],
  ['efficientpose', 'gt'],
  ...(quick ? [] : [['efficientpose', 'det']]),
];

const f3 = (v) => (v < 0 ? '—' : v.toFixed(3));

/**
 * Run it. Returns `{ config, ap, stats, seconds, markdown, svgs }`: `ap[model][decoder][set]`
 * = AP on the model's evaluated joints (MoveNet: COCO-17; EfficientPose: the 12 shared joints),
 * `ap12` the same for MoveNet on the 12 shared joints, `stats` the full 10 COCO numbers.
 */
export async function runTopdownExperiment({ quick = false, set = loadCocoSet() } = {}) {
  const sets = boxSets(quick);
  const detThreshold = sets[1].detThreshold;
  const ap = {};
  const ap12 = {};
  const stats = {};
  const seconds = {};
  const crops = {};
  const meanError = {};
  for (const [model, kind] of runsFor(quick)) {
    const boxes = kind === 'gt' ? set.gtBoxes : set.detBoxes.filter((b) => b.score >= detThreshold);
    const r = await runBoxes(model, set.images, boxes);
    crops[`${model}:${kind}`] = r.crops;
    seconds[`${model}:${kind}`] = { crops: boxes.length, seconds: r.seconds };
    for (const s of sets.filter((x) => x.boxes === kind)) {
      for (const d of decoderIds(model)) {
        const results = resultsOf(model, r.crops, d, { nms: s.nms });
        const st = evaluate(model, set.gt, results);
        ((ap[model] ??= {})[d] ??= {})[s.id] = st[0];
        ((stats[model] ??= {})[d] ??= {})[s.id] = st;
        if (model === 'movenet') ((ap12[d] ??= {})[s.id] = evaluate(model, set.gt, results, SHARED_COCO_JOINTS)[0]);
        if (kind === 'gt') ((meanError[model] ??= {})[d] = meanGtError(set.gt, r.crops, d, MODELS[model].cocoJoints));
      }
    }
  }
  const markdown = topdownMarkdown({ ap, ap12, meanError, sets, quick, seconds });
  const svgs = topdownFigures(set, crops);
  return { config: { quick, detThreshold }, ap, ap12, meanError, stats, seconds, markdown, svgs };
}

/** Mean distance (image px) between a decoder's keypoints and the COCO GT over the labelled joints of the GT-box crops. */
function meanGtError(gt, crops, decoderId, joints) {
  const ann = new Map(gt.annotations.map((a) => [a.id, a]));
  let sum = 0;
  let n = 0;
  for (const c of crops) {
    const a = ann.get(c.box.annId);
    const d = c.decoded[decoderId];
    joints.forEach((j, i) => {
      if (a.keypoints[3 * j + 2] > 0) (sum += Math.hypot(d.xy[i][0] - a.keypoints[3 * j], d.xy[i][1] - a.keypoints[3 * j + 1])), n++;
    });
  }
  return sum / n;
}

function topdownMarkdown({ ap, ap12, meanError, sets, quick, seconds }) {
  const L = [];
  const cols = sets.map((s) => s.label);
  L.push(`| MoveNet Thunder: decoder | ${cols.join(' | ')} | GT boxes, 12 shared joints | mean error, GT boxes (px) |`);
  L.push(`|---|${cols.map(() => '---:').join('|')}|---:|---:|`);
  for (const d of decoderIds('movenet')) {
    L.push(`| ${DECODER_LABELS[d]} | ${sets.map((s) => f3(ap.movenet[d]?.[s.id] ?? -1)).join(' | ')} | ${f3(ap12[d]?.gt ?? -1)} | ${meanError.movenet[d].toFixed(2)} |`);
  }
  L.push('');
  L.push(`| EfficientPose (12 joints): decoder | ${cols.join(' | ')} | mean error, GT boxes (px) |`);
  L.push(`|---|${cols.map(() => '---:').join('|')}|---:|`);
  for (const d of decoderIds('efficientpose')) {
    L.push(`| ${DECODER_LABELS[d]} | ${sets.map((s) => f3(ap.efficientpose[d]?.[s.id] ?? -1)).join(' | ')} | ${meanError.efficientpose[d].toFixed(2)} |`);
  }
  L.push('');
  L.push(
    `COCO keypoint AP (cocoKeypointEval = pycocotools) on the 4 images (12 persons with keypoints). MoveNet: COCO-17; ` +
      `EfficientPose (MPII-16) on the 12 COCO joints both skeletons share (shoulders, elbows, wrists, hips, knees, ankles; ` +
      `MPII channels 6, 2, 7, 3, 8, 4, 13, 10, 14, 11, 15, 12) with their COCO σ — not comparable to a 17-joint AP; the ` +
      `"12 shared joints" column puts MoveNet on the same footing. Instance score = box score × mean keypoint score > 0.2 ` +
      `(mmpose's rescoring; GT boxes score 1). Mean error: distance to the COCO GT over the labelled evaluated joints of the GT-box crops (MPII and COCO place hips and ankles differently, so part of EfficientPose's error is definitional). ${quick ? 'Quick run: EfficientPose on GT boxes only.' : ''}`,
  );
  L.push('');
  L.push(`Inference (tfjs 4.22 WASM, 1 thread): ${Object.entries(seconds).map(([k, v]) => `${k} ${v.crops} crops ${v.seconds.toFixed(1)} s`).join('; ')}.`);
  return L.join('\n');
}

/** 17 COCO rows (x, y, score) of a decoded pose over `joints` (missing joints score 0). */
function cocoRows(d, joints) {
  const rows = Array.from({ length: 17 }, () => [0, 0, 0]);
  joints.forEach((j, i) => (rows[j] = [d.xy[i][0], d.xy[i][1], d.scores[i]]));
  return rows;
}

/**
 * One picture per image: GT | MoveNet's own decode (detector boxes ≥ 0.5, instance score ≥ 0.3)
 * | MoveNet + DARK (GT boxes of labelled persons) | EfficientPose + DARK (same boxes).
 */
function topdownFigures(set, crops) {
  const svgs = {};
  const detNms = crops['movenet:det'];
  const labelled = new Set(set.gt.annotations.filter((a) => a.num_keypoints > 0).map((a) => a.id));
  for (const im of set.images) {
    const href = backgroundDataUrl(im.pixels, 200, 45);
    const pick = (key, dec, minScore = 0) =>
      (crops[key] ?? [])
        .filter((c) => c.box.image_id === im.id && (c.box.annId === undefined || labelled.has(c.box.annId)) && c.box.score >= 0.5 && instanceScore(c.box.score, c.decoded[dec].scores) >= minScore)
        .map((c) => ({ keypoints: cocoRows(c.decoded[dec], MODELS[key.split(':')[0]].cocoJoints) }));
    svgs[`topdown-${im.id}.svg`] = panelsSvg({
      title: `COCO ${im.id}: GT and top-down decodes`,
      width: im.width,
      height: im.height,
      href,
      scale: 256 / im.width,
      panels: [
        { title: 'COCO GT', poses: gtPoses(set.gt, im.id) },
        { title: 'MoveNet own, det ≥ 0.5', poses: detNms ? pick('movenet:det', 'centerNet', 0.3) : [] },
        { title: 'MoveNet + DARK, GT boxes', poses: pick('movenet:gt', 'dark') },
        { title: 'EfficientPose + DARK, GT boxes', poses: pick('efficientpose:gt', 'dark') },
      ],
    });
  }
  return svgs;
}
