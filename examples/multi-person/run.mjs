#!/usr/bin/env node
/**
 * Multi-person example: COCO images → PoseNet / MoveNet MultiPose
 * (tfjs WASM, whole image) → decodePersonLab / decodeCenterNet (+ DARK, OKS-NMS, nearby-joints NMS) → COCO AP. Prints the AP table and saves
 * `results.md`, `results.json` and one SVG per image into --out (default
 * examples/multi-person/results/).
 *
 *   npm run build && node examples/multi-person/run.mjs [--quick] [--out DIR]
 *
 * --quick: the CI configuration (PoseNet at 513 only).
 * Full run: ~15 s on 2 cores.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMultiPersonExperiment } from './experiment.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : path.join(here, 'results');

const r = await runMultiPersonExperiment({ quick });
const when = `${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}`;
const md = `# Multi-person AP${quick ? ' (quick)' : ''}\n\nMeasured ${when}.\n\n${r.markdown}\n`;
console.log(md);
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'results.md'), md);
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ measured: when, config: r.config, stats: r.stats, counts: r.counts, seconds: r.seconds }, null, 1) + '\n');
for (const [name, svg] of Object.entries(r.svgs)) fs.writeFileSync(path.join(out, name), svg);
console.log(`wrote ${out}/results.{md,json} and ${Object.keys(r.svgs).length} SVGs`);
