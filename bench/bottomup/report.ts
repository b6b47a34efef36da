/**
 * Sections 1–2 of the bottom-up benchmark: the AE and SPR decodes side by
 * side with mmpose's fixed timings (best median of a few rounds, the spread
 * of the medians, CPU time), and the AE decode per step.
 */
import os from 'node:os';
import type { TimingSummary } from '../util/timing.js';
import { renderMarkdown, fmt } from '../report/table.js';
import { bottomupScene, sprScene } from '../../src/testing/bottomup-scene.js';
import { aeSteps, warmUp } from './steps.js';
import { ms, timeRounds } from './timing.js';

/** mmpose 759b39c reference timings (ms) on this machine kind: torch 1.13, one thread, 128×128, K = 17, top-30. */
export const REFERENCE_MS = Object.freeze({ ae5: 33.9, ae20: 58.5, spr8: 1.96 });
/** Speed-up targets. */
export const TARGETS = Object.freeze({ ae: 20, spr: 5 });

/** The comparison and per-step tables (Markdown lines). */
export function referenceSections(runs: number, rounds: number): string[] {
  const out: string[] = [];
  // 1. side by side with mmpose
  const ae5 = aeSteps(bottomupScene({ persons: 5, size: 128, seed: 5 }), runs, rounds);
  const ae20 = aeSteps(bottomupScene({ persons: 20, size: 128, seed: 20 }), runs, rounds);
  const spr = sprScene(128, 8, 8);
  warmUp(() => spr.codec.decode(spr.heatmaps, spr.displacements), 200);
  const spr8 = timeRounds(() => spr.codec.decode(spr.heatmaps, spr.displacements), runs, rounds);
  const sprN = spr.codec.decode(spr.heatmaps, spr.displacements).rootScores.shape[0];
  const row = (name: string, ref: number, t: ReturnType<typeof timeRounds>, target: number): string[] => {
    const x = ref / t.medianMs;
    const xc = ref / t.cpuMs;
    const spread = `${fmt(t.spreadMs[0])}–${fmt(t.spreadMs[1])}`;
    return [name, fmt(ref), `${ms(t)} (medians ${spread})`, fmt(t.cpuMs), `${fmt(x)}× (CPU ${fmt(xc)}×)`, `≥ ${target}×`, x >= target ? 'met' : xc >= target ? 'met in CPU time' : 'NOT met'];
  };
  out.push(
    renderMarkdown({
      title: 'posecodec vs mmpose 759b39c (128×128, K = 17, top-30; mmpose: torch 1.13, one thread)',
      header: ['decode', 'mmpose ms', `posecodec ms (wall, best median of ${rounds})`, 'posecodec CPU ms', 'speed-up', 'target', ''],
      rows: [
        row(`AE, Munkres (5 persons, ${ae5.N} found)`, REFERENCE_MS.ae5, ae5.total, TARGETS.ae),
        row(`AE, Munkres (20 persons, ${ae20.N} found)`, REFERENCE_MS.ae20, ae20.total, TARGETS.ae),
        row(`SPR, K+1 maps (8 persons, ${sprN} found)`, REFERENCE_MS.spr8, spr8, TARGETS.spr),
      ],
      notes: [
        'AE: mmpose AE config (σ 2, NMS 5, top-30, centre shift 0.5, max 30, no UDP), Munkres 1.1.4 parity; 10 % of the joints missing, so the fill step runs.',
        `Load average at the end of this run: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (the CPU-time column is the better estimate of idle wall time on a loaded machine).`,
      ],
    }),
    '',
  );

  // 2. per step
  const stepRow = (name: string, a: TimingSummary, b: TimingSummary): string[] => [name, ms(a), ms(b)];
  out.push(
    renderMarkdown({
      title: 'AE decode per step (ms)',
      header: ['step', '5 persons', '20 persons'],
      rows: [
        stepRow('tag check (finite, all tag maps)', ae5.tagCheck, ae20.tagCheck),
        stepRow('NMS + top-k + threshold (fused, 17 maps)', ae5.candidates, ae20.candidates),
        stepRow('grouping, Munkres 1.1.4', ae5.munkres, ae20.munkres),
        stepRow('grouping, greedy', ae5.greedy, ae20.greedy),
        stepRow('refine (quarter offset + shift)', ae5.refine, ae20.refine),
        stepRow(`fill missing joints (${ae5.missing} / ${ae20.missing} joints)`, ae5.fill, ae20.fill),
        stepRow('whole decode', ae5.total, ae20.total),
        stepRow('standalone heatmapNms (full maps)', ae5.nms, ae20.nms),
        stepRow('standalone topkPeaks (k = 30, with tags)', ae5.topk, ae20.topk),
      ],
    }),
    '',
  );

  return out;
}
