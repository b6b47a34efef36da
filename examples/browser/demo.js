/**
 * Browser demo: loads posecodec's ESM build, draws real heatmaps and overlays
 * each decoder's keypoints, one panel per decoder. Exposes what it drew on
 * `window.__demo` so the headless-Chromium test can compare a screenshot with
 * the decoded positions.
 */
import ndarray from 'ndarray';
import { heatmapArgmax, refineQuarter, refineDark, refineDarkUdp, softArgmax } from '../../dist/decode/index.js';
import * as encode from '../../dist/encode/index.js';

/** Canvas pixels per heatmap pixel. */
const SCALE = 5;
/** Marker colour (never a grey, so the test can find it). */
const MARKER = '#ff00ff';
/** Keypoints drawn: score above this (argmax score on the raw map). */
const MIN_SCORE = 0.1;

const refine = (fn) => (h) => {
  const start = heatmapArgmax(h);
  const kp = fn(ndarray(start.keypoints.data, [1, ...start.keypoints.shape]), h);
  return { keypoints: kp.data, scores: start.scores.data };
};
const DECODERS = [
  { id: 'argmax', label: 'argmax', run: (h) => { const r = heatmapArgmax(h); return { keypoints: r.keypoints.data, scores: r.scores.data }; } },
  { id: 'quarter', label: 'quarter offset', run: refine((kp, h) => refineQuarter(kp, h)) },
  { id: 'dark', label: 'DARK k=11', run: refine((kp, h) => refineDark(kp, h)) },
  { id: 'dark-udp', label: 'DARK-UDP k=11', run: refine((kp, h) => refineDarkUdp(kp, h)) },
  { id: 'soft-argmax', label: 'soft-argmax β=50', run: (h) => { const r = softArgmax(h, { beta: 50 }); return { keypoints: r.keypoints.data, scores: heatmapArgmax(h).scores.data }; } },
];

async function loadHeatmaps(person) {
  const [K, H, W] = person.shape;
  if (person.file) {
    const buf = await (await fetch(person.file)).arrayBuffer();
    return ndarray(new Float32Array(buf), [K, H, W]);
  }
  // Fallback data: real COCO keypoints, encoded here with the library's encoder.
  const kp = person.keypoints;
  const keypoints = ndarray(Float64Array.from(kp.flatMap((p) => [p[0], p[1]])), [1, K, 2]);
  const visible = ndarray(Float64Array.from(kp.map((p) => (p[2] > 0 ? 1 : 0))), [1, K]);
  return encode.unbiasedHeatmaps([W, H], keypoints, visible, 2).heatmaps;
}

function drawPanel(maps, decoded, label) {
  const [K, H, W] = maps.shape;
  const canvas = document.createElement('canvas');
  canvas.width = W * SCALE;
  canvas.height = H * SCALE;
  const ctx = canvas.getContext('2d');
  let hi = 1e-9;
  const maxMap = new Float32Array(H * W).fill(-Infinity);
  for (let k = 0; k < K; k++) for (let i = 0; i < H * W; i++) maxMap[i] = Math.max(maxMap[i], maps.data[maps.offset + k * H * W + i]);
  for (const v of maxMap) hi = Math.max(hi, v);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const g = Math.round(255 - 200 * Math.min(1, Math.max(0, maxMap[y * W + x] / hi)));
      ctx.fillStyle = `rgb(${g},${g},${g})`;
      ctx.fillRect(x * SCALE, y * SCALE, SCALE, SCALE);
    }
  }
  const drawn = [];
  ctx.fillStyle = MARKER;
  for (let k = 0; k < K; k++) {
    const [x, y] = [decoded.keypoints[2 * k], decoded.keypoints[2 * k + 1]];
    if (!(decoded.scores[k] > MIN_SCORE) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    // heatmap pixel i covers canvas [i·S, (i+1)·S): its centre, coordinate i, is at (i + 0.5)·S
    const cx = (x + 0.5) * SCALE;
    const cy = (y + 0.5) * SCALE;
    ctx.fillRect(Math.round(cx) - 3, Math.round(cy) - 3, 7, 7);
    drawn.push({ k, x, y, cx, cy });
  }
  const fig = document.createElement('figure');
  const cap = document.createElement('figcaption');
  cap.textContent = label;
  fig.append(canvas, cap);
  return { fig, canvas, drawn };
}

async function show(index, i) {
  const person = index.persons[i];
  const maps = await loadHeatmaps(person);
  const panels = document.getElementById('panels');
  panels.replaceChildren();
  const state = { ready: false, person: person.id, scale: SCALE, marker: MARKER, panels: [] };
  for (const d of DECODERS) {
    const decoded = d.run(maps);
    const { fig, canvas, drawn } = drawPanel(maps, decoded, d.label);
    canvas.id = `panel-${d.id}`;
    panels.append(fig);
    state.panels.push({ decoder: d.id, canvasId: canvas.id, keypoints: Array.from(decoded.keypoints), scores: Array.from(decoded.scores), drawn });
  }
  state.ready = true;
  window.__demo = state;
}

async function main() {
  const index = await (await fetch('data/index.json')).json();
  document.getElementById('source').textContent = `Data: ${index.source}.`;
  const sel = document.getElementById('person');
  index.persons.forEach((p, i) => sel.append(new Option(p.id, String(i))));
  sel.addEventListener('change', () => show(index, Number(sel.value)));
  const initial = Number(new URLSearchParams(location.search).get('person') ?? 0);
  sel.value = String(initial);
  await show(index, initial);
}

main().catch((e) => {
  document.body.append(`Error: ${e.message}`);
  window.__demo = { error: String(e) };
});
