/**
 * `posecodec bench` section: COCO AP of real networks decoded by posecodec, whenever the
 * models are present (a checkout with `../shared/models`). It runs the two Node examples'
 * experiments (examples/node-topdown/experiment.mjs: MoveNet Thunder and EfficientPose,
 * top-down; examples/multi-person/experiment.mjs: PoseNet and MoveNet MultiPose) and returns
 * their AP tables and pictures.
 *
 * tfjs (devDependencies `@tensorflow/tfjs-core`, `-converter`, `-backend-wasm`) and the
 * examples are loaded at run time from computed paths, so the bundled CLI neither contains nor
 * needs them: without them (an installed package) the section says why it was skipped.
 * `quick`: the CI configuration (detector boxes ≥ 0.5, EfficientPose on GT boxes, PoseNet at
 * 513 only; ~1 min on 2 cores); otherwise every box and resolution (~5 min).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExtraBenchOutput } from './extra-types.js';

const MODELS = ['movenet-thunder', 'efficientpose', 'posenet', 'movenet-multipose'];
const TFJS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-wasm', 'jpeg-js'];

/** The posecodec checkout root: the first folder above `from` holding examples/node-topdown. */
function findRoot(from: string): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'examples', 'node-topdown', 'experiment.mjs')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Why the section cannot run here, or null. */
function missing(root: string | null): string | null {
  if (!root) return 'not a posecodec checkout (examples/ not found)';
  if (root.split(path.sep).includes('node_modules')) return 'an installed package, not a checkout';
  const models = path.resolve(root, '..', 'shared', 'models');
  const absent = MODELS.filter((m) => !fs.existsSync(path.join(models, m, 'model.json')));
  if (absent.length) return `models absent from ${models}: ${absent.join(', ')}`;
  const req = createRequire(path.join(root, 'package.json'));
  const noPkg = TFJS.filter((p) => {
    try {
      req.resolve(`${p}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
  if (noPkg.length) return `devDependencies not installed: ${noPkg.join(', ')}`;
  if (!fs.existsSync(path.join(root, 'dist', 'decode', 'index.js'))) return 'dist/ is missing (run `npm run build`)';
  return null;
}

/** Import an example module by absolute path at run time (never bundled). */
async function load(root: string, rel: string): Promise<Record<string, (o: { quick: boolean }) => Promise<{ markdown: string; svgs: Record<string, string> }>>> {
  const url = pathToFileURL(path.join(root, rel)).href;
  return (await import(/* @vite-ignore */ url)) as never;
}

/**
 * Run the real-network AP benchmark. Returns the two AP tables (Markdown) and one SVG per
 * image and example (`topdown-<id>.svg`, `multi-person-<id>.svg`), or a one-line Markdown
 * note when the models, tfjs or the examples are not available.
 */
export async function runRealNetworksBench({ quick }: { quick: boolean }): Promise<ExtraBenchOutput> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = findRoot(here) ?? findRoot(process.cwd());
  const why = missing(root);
  if (why || !root) return { markdown: `Skipped: ${why}.` };
  const td = await (await load(root, 'examples/node-topdown/experiment.mjs')).runTopdownExperiment({ quick });
  const mp = await (await load(root, 'examples/multi-person/experiment.mjs')).runMultiPersonExperiment({ quick });
  const markdown = [
    `Real networks (../shared/models, tfjs 4.22 WASM in Node) on the four COCO images of ../shared/data/coco, decoded by posecodec from their raw heads${quick ? ' (quick configuration)' : ''}. Details: docs/real-networks.md.`,
    '',
    '**Top-down** (examples/node-topdown): crop with topdownAffine, decode the heatmaps.',
    '',
    td.markdown,
    '',
    '**Multi-person** (examples/multi-person): whole-image heads.',
    '',
    mp.markdown,
  ].join('\n');
  return { markdown, svgs: { ...td.svgs, ...mp.svgs } };
}
