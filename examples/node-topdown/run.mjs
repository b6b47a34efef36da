#!/usr/bin/env node
/**
 * Top-down example: COCO images + boxes → topdownAffine → MoveNet Thunder / EfficientPose
 * (tfjs WASM) → every posecodec decoder → COCO AP. Prints the AP table and saves
 * `results.md`, `results.json` and one SVG per image into --out (default
 * examples/node-topdown/results/).
 *
 *   npm run build && node examples/node-topdown/run.mjs [--quick] [--out DIR]
 *
 * --quick: the CI configuration (EfficientPose on GT boxes only, detector boxes ≥ 0.5).
 * Full run: ~4 min on 2 cores (118 detector boxes × 2 networks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTopdownExperiment } from './experiment.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(here, 'results');

const r = await runTopdownExperiment({ quick });
const when = `${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}`;
const md = `# Top-down AP${quick ? ' (quick)' : ''}\n\nMeasured ${when}.\n\n${r.markdown}\n`;
console.log(md);
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'results.md'), md);
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ measured: when, config: r.config, ap: r.ap, ap12: r.ap12, meanError: r.meanError, stats: r.stats, seconds: r.seconds }, null, 1) + '\n');
for (const [name, svg] of Object.entries(r.svgs)) fs.writeFileSync(path.join(out, name), svg);
console.log(`wrote ${out}/results.{md,json} and ${Object.keys(r.svgs).length} SVGs`);
