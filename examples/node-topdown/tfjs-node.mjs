/**
 * Run the TF.js graph models of ../shared/models in Node: tfjs-core +
 * tfjs-converter + the WASM backend (SIMD, one thread; the .wasm files ship in
 * the @tensorflow/tfjs-backend-wasm package), models loaded from disk with a
 * tiny IO handler. Shared by the Node examples, their tests and `posecodec bench`.
 *
 * tfjs is imported dynamically so that importing this file costs nothing until
 * `initTfjs()` is called (and the library never depends on it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root (examples/node-topdown/../..). */
export const PROJECT_ROOT = path.resolve(here, '..', '..');
/** ../shared/models and ../shared/data/coco of a checkout. */
export const MODELS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'models');
export const COCO_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'coco');

let tfPromise = null;

/**
 * Load tfjs-core, tfjs-converter and the WASM backend once; resolves to
 * `{ tf, loadGraphModel }` with the 'wasm' backend ready.
 */
export function initTfjs() {
  tfPromise ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';
    wasm.setWasmPaths(dist);
    wasm.setThreadsCount?.(1);
    await tf.setBackend('wasm');
    await tf.ready();
    return { tf, loadGraphModel };
  })();
  return tfPromise;
}

/**
 * An IO handler reading `model.json` and its weight files from a folder. With
 * `relaxInput`, the input placeholders' H and W become −1 (in memory), as PoseNet's own
 * checkpoints declare them: its converted graph says 385×385 but is fully convolutional.
 */
function diskHandler(dir, relaxInput) {
  return {
    async load() {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      if (relaxInput) {
        for (const n of json.modelTopology.node) {
          const dims = n.op === 'Placeholder' ? n.attr?.shape?.shape?.dim : undefined;
          if (dims?.length === 4) (dims[1].size = '-1'), (dims[2].size = '-1');
        }
      }
      const weightSpecs = [];
      const bufs = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) bufs.push(fs.readFileSync(path.join(dir, p)));
      }
      const all = Buffer.concat(bufs);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return { modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, weightSpecs, weightData };
    },
  };
}

/** True when `../shared/models/<name>/model.json` exists. */
export function hasModel(name) {
  return fs.existsSync(path.join(MODELS_DIR, name, 'model.json'));
}

/** Load `../shared/models/<name>` as a tfjs GraphModel (once per process; `relaxInput`: any H, W). */
const models = new Map();
export async function loadModel(name, { relaxInput = false } = {}) {
  const key = `${name}:${relaxInput}`;
  if (!models.has(key)) {
    models.set(key, (async () => {
      const { loadGraphModel } = await initTfjs();
      return loadGraphModel(diskHandler(path.join(MODELS_DIR, name), relaxInput));
    })());
  }
  return models.get(key);
}

/**
 * Execute `nodes` of `model` on `input` (a tfjs tensor) and return each as
 * `{ data: Float32Array, shape }` (NHWC as the graph gives it); tensors are disposed.
 */
export async function executeNodes(model, input, nodes) {
  const outs = model.execute(input, nodes);
  const list = Array.isArray(outs) ? outs : [outs];
  const res = [];
  for (const t of list) {
    const data = await t.data();
    res.push({ data: data instanceof Float32Array ? data : Float32Array.from(data), shape: t.shape });
    t.dispose();
  }
  return res;
}
