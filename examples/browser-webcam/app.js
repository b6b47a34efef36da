/**
 * MoveNet SinglePose Thunder in the browser, with posecodec around it:
 *
 *   video frame (webcam via getUserMedia, or a looped sequence of the COCO images in CI)
 *   → canvas ImageData → ndarray [H, W, 4] (no copy) → person box → topdownAffine (square
 *   256×256 crop, OpenCV-exact) → tfjs (WebGL backend; WASM where WebGL is unavailable)
 *   executes the four raw heads → decodeCenterNet (posecodec's port of MoveNet's own decode)
 *   → invertAffine → image px → createKeypointsFilter (One Euro, MoveNet's config)
 *   → skeleton drawn with posecodec/render's COCO-17 table and score colours.
 *
 * The webcam box follows the person: the previous frame's confident keypoints, padded 1.25
 * (the whole frame when fewer than 5 are confident). In `?source=frames` mode each frame
 * carries its box (the largest labelled GT person of that COCO image), so the CI test can
 * compare the page's keypoints with the Node run on the same pixels and box.
 *
 * State for tests: `window.__webcam` = { ready, backend, frames: [{ index, imageId, box,
 * keypoints [[x, y]] (raw, image px), scores, filtered [[x, y]] }], error }.
 */
import ndarray from 'ndarray';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { bboxXyxyToCs, topdownAffine, invertAffine } from '../../dist/crop/index.js';
import { decodeCenterNet } from '../../dist/decode/index.js';
import { createKeypointsFilter } from '../../dist/temporal/index.js';
import { COCO17_SKELETON, scoreColor } from '../../dist/render/index.js';

const NODES = [
  'StatefulPartitionedCall/kpt_heatmap_0/conv2d_5/BiasAdd',
  'StatefulPartitionedCall/kpt_offset_0/conv2d_7/BiasAdd',
  'StatefulPartitionedCall/kpt_regress_0/conv2d_6/BiasAdd',
  'StatefulPartitionedCall/center_0/conv2d_4/BiasAdd',
];
/** pose-detection's MoveNet keypoint filter (movenet/constants.js KEYPOINT_FILTER_CONFIG). */
const FILTER = { type: 'oneEuro', frequency: 30, minCutOff: 2.5, beta: 300, derivateCutOff: 2.5, thresholdCutOff: 0.5, thresholdBeta: 5, disableValueScaling: true };
const params = new URLSearchParams(location.search);
const state = (window.__webcam = { ready: false, backend: null, frames: [], error: undefined });
const status = document.getElementById('status');
const canvas = document.getElementById('view');
const ctx = canvas.getContext('2d', { willReadFrequently: true });

async function initBackend() {
  setWasmPaths(new URL('./wasm/', location.href).href);
  const wanted = params.get('backend') ?? 'webgl';
  for (const b of wanted === 'wasm' ? ['wasm'] : ['webgl', 'wasm']) {
    try {
      if (await tf.setBackend(b)) {
        await tf.ready();
        // Probe: a backend that initialises but cannot run a conv is unusable.
        tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]), 1, 'same').dataSync());
        return tf.getBackend();
      }
    } catch (e) {
      console.warn(`backend ${b} unavailable: ${e?.message ?? e}`);
    }
  }
  throw new Error('no tfjs backend available');
}

/** The person box `[x, y, w, h]` from the previous keypoints, or the whole frame. */
function trackBox(prev, width, height) {
  if (prev) {
    const pts = prev.keypoints.filter((_, k) => prev.scores[k] > 0.3);
    if (pts.length >= 5) {
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
      return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
    }
  }
  return [0, 0, width, height];
}

/** One frame (RGBA ImageData) + box → raw keypoints in image px. */
async function estimate(model, frame, box, padding) {
  const image = ndarray(frame.data, [frame.height, frame.width, 4]);
  const [x, y, w, h] = box;
  const { center, scale } = bboxXyxyToCs(ndarray(Float64Array.from([x, y, x + w, y + h]), [4]), { padding });
  const { image: crop, matrix } = topdownAffine(image, { center: Array.from(center.data), scale: Array.from(scale.data) }, [256, 256]);
  const rgb = new Int32Array(256 * 256 * 3);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) (rgb[i] = crop.data[j]), (rgb[i + 1] = crop.data[j + 1]), (rgb[i + 2] = crop.data[j + 2]);
  const input = tf.tensor(rgb, [1, 256, 256, 3], 'int32');
  const outs = model.execute(input, NODES);
  const [heatmap, offset, regress, center0] = await Promise.all(outs.map(async (t) => ndarray(await t.data(), t.shape)));
  outs.forEach((t) => t.dispose());
  input.dispose();
  const [pose] = decodeCenterNet({ heatmap, offset, regress, center: center0 });
  const inv = invertAffine(matrix);
  const keypoints = [];
  const scores = [];
  for (let k = 0; k < 17; k++) {
    const u = pose.keypoints.get(k, 0);
    const v = pose.keypoints.get(k, 1);
    keypoints.push([inv[0] * u + inv[1] * v + inv[2], inv[3] * u + inv[4] * v + inv[5]]);
    scores.push(pose.scores.get(k));
  }
  return { keypoints, scores, score: pose.score };
}

function draw(frame, pose, box) {
  ctx.putImageData(frame, 0, 0);
  ctx.strokeStyle = 'rgba(255,255,255,0.6)';
  ctx.lineWidth = 1;
  ctx.strokeRect(box[0], box[1], box[2], box[3]);
  ctx.lineWidth = 3;
  for (const [a, b] of COCO17_SKELETON.edges) {
    if (pose.scores[a] < 0.2 || pose.scores[b] < 0.2) continue;
    ctx.strokeStyle = scoreColor(Math.min(pose.scores[a], pose.scores[b]));
    ctx.beginPath();
    ctx.moveTo(pose.keypoints[a][0], pose.keypoints[a][1]);
    ctx.lineTo(pose.keypoints[b][0], pose.keypoints[b][1]);
    ctx.stroke();
  }
  for (let k = 0; k < 17; k++) {
    if (pose.scores[k] < 0.2) continue;
    ctx.fillStyle = scoreColor(pose.scores[k]);
    ctx.beginPath();
    ctx.arc(pose.keypoints[k][0], pose.keypoints[k][1], 4, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** The CI source: raw RGBA frames (jpeg-js-decoded COCO images, see build.mjs) looped. */
async function framesSource() {
  const index = await (await fetch('frames/index.json')).json();
  const frames = [];
  for (const f of index.frames) {
    const buf = new Uint8ClampedArray(await (await fetch(f.file)).arrayBuffer());
    frames.push({ ...f, image: new ImageData(buf, f.width, f.height) });
  }
  let i = 0;
  return { next: () => frames[i++ % frames.length], maxFrames: Number(params.get('frames') ?? Infinity) };
}

async function webcamSource() {
  const video = document.getElementById('cam');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  await video.play();
  const off = new OffscreenCanvas(video.videoWidth, video.videoHeight);
  const octx = off.getContext('2d', { willReadFrequently: true });
  return {
    next: () => {
      octx.drawImage(video, 0, 0);
      return { image: octx.getImageData(0, 0, off.width, off.height), box: null, imageId: null };
    },
    maxFrames: Infinity,
  };
}

async function main() {
  state.backend = await initBackend();
  const model = await loadGraphModel('models/movenet-thunder/model.json');
  const wantFrames = params.get('source') === 'frames' || !navigator.mediaDevices?.getUserMedia;
  let source;
  try {
    source = wantFrames ? await framesSource() : await webcamSource();
  } catch (e) {
    console.warn(`webcam unavailable (${e?.message ?? e}); using the COCO frames`);
    source = await framesSource();
  }
  const filter = createKeypointsFilter(FILTER);
  let prev = null;
  state.ready = true;
  for (let index = 0; index < source.maxFrames; index++) {
    const f = source.next();
    if (canvas.width !== f.image.width || canvas.height !== f.image.height) [canvas.width, canvas.height] = [f.image.width, f.image.height];
    const box = f.box ?? trackBox(prev, f.image.width, f.image.height);
    const raw = await estimate(model, f.image, box, f.box ? 1.25 : prev ? 1.25 : 1);
    const us = f.box ? index * 33_333 : Math.round(performance.now() * 1000);
    const filtered = filter.apply(raw.keypoints.map((p, k) => [p[0], p[1], raw.scores[k]]), us);
    const smooth = { keypoints: Array.from({ length: 17 }, (_, k) => [filtered.get(k, 0), filtered.get(k, 1)]), scores: raw.scores };
    draw(f.image, smooth, box);
    state.frames.push({ index, imageId: f.imageId, box, keypoints: raw.keypoints, scores: raw.scores, filtered: smooth.keypoints });
    prev = raw;
    status.textContent = `backend ${state.backend}; frame ${index + 1}; pose score ${raw.score.toFixed(3)}`;
    await new Promise((r) => requestAnimationFrame(r));
  }
  state.done = true;
}

main().catch((e) => {
  state.error = String(e?.stack ?? e);
  status.textContent = `error: ${e?.message ?? e}`;
});
