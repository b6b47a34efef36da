/**
 * Benchmark (not a test): the bottom-up decoders against fixed reference
 * timings of mmpose 759b39c (torch 1.13, one thread, 128×128 heatmaps,
 * K = 17, top-30, measured on this machine kind): `AssociativeEmbedding.batch_decode`
 * 33.9 ms (5 persons) and 58.5 ms (20 persons), `SPR.decode` 1.96 ms (8 persons).
 * Targets: ≥ 20× faster for AE with Munkres parity, ≥ 5× for SPR.
 *
 * Reported: best medians of 3 rounds with the spread of the medians and the
 * CPU time, the time per AE step (tag check, NMS + top-k fused, grouping
 * with Munkres and greedy, refinement, fill), scaling with persons and with
 * map size (SVG), and the AP of greedy vs Munkres grouping on crowded
 * synthetic scenes with noisy tags. The parts live in `bench/bottomup/`.
 *
 * Run alone: `npx tsup bench/bottomup.ts --format esm -d /tmp/bb && node -e
 * "import('/tmp/bb/bottomup.js').then(m => m.runBottomupBench({ quick: false })).then(r => console.log(r.markdown))"`.
 */
import { describeMachine, machineInfo } from './util/machine.js';
import { referenceSections } from './bottomup/report.js';
import { accuracySection, scalingSection } from './bottomup/scaling.js';

export { REFERENCE_MS, TARGETS } from './bottomup/report.js';
export { bottomupScene, aeCodec, sprScene, sceneAp, type BottomupScene, type SceneOptions } from '../src/testing/bottomup-scene.js';

/**
 * Run the benchmark. `quick` uses few runs and small sweeps (a smoke test,
 * seconds); the full run takes a minute or two.
 * @returns the Markdown report and SVG plots keyed by file name
 */
export async function runBottomupBench(opts: { quick: boolean }): Promise<{ markdown: string; svgs: Record<string, string> }> {
  const runs = opts.quick ? 5 : 41;
  const rounds = opts.quick ? 1 : 3;
  const out: string[] = [];
  out.push('## Bottom-up decoders (associative embedding, SPR/DEKR)', '');
  out.push(`Machine: ${describeMachine(machineInfo())}. Medians ± half the interquartile range over ${runs} samples (ms); the headline rows are the best median of ${rounds} rounds.`, '');
  out.push(...referenceSections(runs, rounds));
  const scaling = scalingSection(opts.quick);
  out.push(...scaling.lines);
  out.push(...accuracySection(opts.quick));
  return { markdown: out.join('\n'), svgs: scaling.svgs };
}
