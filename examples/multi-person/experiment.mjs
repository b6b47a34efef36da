/**
 * The multi-person experiment: PoseNet (at 257, 353 and 513; `quick`: 513 only) and MoveNet
 * MultiPose on the four COCO images, decoded by posecodec from their raw heads next to the
 * models' own decodes, then DARK / OKS-NMS / nearby-joints NMS → the AP table (Markdown +
 * JSON) and one picture per image. Used by run.mjs, the CI test and `posecodec bench`.
 */
import { loadCocoSet } from '../node-topdown/coco-data.mjs';
import { backgroundDataUrl, panelsSvg, gtPoses } from '../node-topdown/figure.mjs';
import { posenetImage, multiposeImage, suppress, evaluatePoses } from './multi-person.mjs';

/** Table rows: id, label, network, source variant, post-processing. */
export function multiRows(quick) {
  const res = quick ? [513] : [257, 353, 513];
  return [
    ...res.map((r) => ({ id: `posenet${r}`, label: `PoseNet @${r}: decodePersonLab (= tfjs-models decodeMultiplePoses)`, net: `posenet${r}`, variant: 'plain', post: 'none' })),
    { id: 'posenet513Oks', label: 'PoseNet @513 + OKS-NMS 0.9', net: 'posenet513', variant: 'plain', post: 'oksNms' },
    { id: 'posenet513Nearby', label: 'PoseNet @513 + nearby-joints NMS', net: 'posenet513', variant: 'plain', post: 'nearbyJoints' },
    { id: 'posenet513Dark', label: 'PoseNet @513, DARK on the part heatmaps instead of offsets', net: 'posenet513', variant: 'dark', post: 'none' },
    { id: 'posenet513DarkOks', label: 'PoseNet @513, DARK + OKS-NMS', net: 'posenet513', variant: 'dark', post: 'oksNms' },
    { id: 'multiposeOwn', label: "MoveNet MultiPose: own in-graph decode (all 6 rows)", net: 'multipose', variant: 'own', post: 'none' },
    { id: 'multiposeOwn025', label: "MoveNet MultiPose: own decode, score ≥ 0.25 (pose-detection's filter)", net: 'multipose', variant: 'own', post: 'min025' },
    { id: 'multipose', label: 'MoveNet MultiPose: decodeCenterNet on the heads (all 6)', net: 'multipose', variant: 'plain', post: 'none' },
    { id: 'multiposeOks', label: 'MoveNet MultiPose: decodeCenterNet + OKS-NMS 0.9', net: 'multipose', variant: 'plain', post: 'oksNms' },
    { id: 'multiposeNearby', label: 'MoveNet MultiPose: decodeCenterNet + nearby-joints NMS', net: 'multipose', variant: 'plain', post: 'nearbyJoints' },
    { id: 'multiposeDark', label: 'MoveNet MultiPose: DARK on the keypoint heatmaps instead of offsets', net: 'multipose', variant: 'dark', post: 'none' },
  ];
}

const f3 = (v) => (v < 0 ? '—' : v.toFixed(3));
const post = (poses, p) => (p === 'min025' ? poses.filter((q) => q.score >= 0.25) : suppress(poses, p));

/** Run it: `{ config, stats: { rowId: number[10] }, counts: { rowId: poses }, seconds, markdown, svgs }`. */
export async function runMultiPersonExperiment({ quick = false, set = loadCocoSet() } = {}) {
  const rows = multiRows(quick);
  const nets = [...new Set(rows.map((r) => r.net))];
  const decoded = {};
  const seconds = {};
  for (const net of nets) {
    const t0 = performance.now();
    for (const im of set.images) (decoded[net] ??= {})[im.id] = net === 'multipose' ? await multiposeImage(im) : await posenetImage(im, Number(net.slice(7)));
    seconds[net] = (performance.now() - t0) / 1000;
  }
  const stats = {};
  const counts = {};
  const kept = {};
  for (const r of rows) {
    const byImage = Object.fromEntries(Object.entries(decoded[r.net]).map(([id, v]) => [id, post(v[r.variant], r.post)]));
    kept[r.id] = byImage;
    stats[r.id] = evaluatePoses(set.gt, byImage);
    counts[r.id] = Object.values(byImage).reduce((n, p) => n + p.length, 0);
  }
  const L = ['| decoding | poses | AP | AP50 | AP75 | AR |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) L.push(`| ${r.label} | ${counts[r.id]} | ${[0, 1, 2, 5].map((i) => f3(stats[r.id][i])).join(' | ')} |`);
  L.push('');
  L.push(
    'COCO keypoint AP (cocoKeypointEval) of whole-image multi-person decoding on the 4 images (12 persons with keypoints), ' +
      'score = the pose score. PoseNet: maxDetections 20, nmsRadius 20, scoreThreshold 0.1. DARK rows: each keypoint moved to ' +
      "DARK's guarded Newton step on σ(heatmap) at its cell (PoseNet: the nearest cell, blur 3; MoveNet: the chosen argmax " +
      'cell, blur 11, cell centre 4j + 1.5) in place of the learned offset; border cells keep the offset.',
  );
  L.push('');
  L.push(`Inference + decoding (tfjs 4.22 WASM, 1 thread, 4 images): ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join('; ')}.`);
  const svgs = {};
  for (const im of set.images) {
    const href = backgroundDataUrl(im.pixels, 256, 50);
    const shown = (rowId) => kept[rowId][im.id].filter((p) => p.score >= 0.2).map((p) => ({ keypoints: p.xy.map(([x, y], k) => [x, y, p.scores[k]]) }));
    svgs[`multi-person-${im.id}.svg`] = panelsSvg({
      title: `COCO ${im.id}: GT and multi-person decodes`,
      width: im.width,
      height: im.height,
      href,
      scale: 256 / im.width,
      panels: [
        { title: 'COCO GT', poses: gtPoses(set.gt, im.id) },
        { title: 'PoseNet @513 + OKS-NMS', poses: shown('posenet513Oks') },
        { title: 'MultiPose decodeCenterNet', poses: shown('multipose') },
      ],
    });
  }
  return { config: { quick }, stats, counts, seconds, markdown: L.join('\n'), svgs };
}
