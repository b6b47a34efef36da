/**
 * Registry of the per-area benchmarks (`bench/<area>.ts`) that `posecodec
 * bench` runs after the codec sections. To add one, import its function and
 * add one line to {@link EXTRA_BENCHES}:
 *
 *   import { runTemporalBench } from '../temporal.js';
 *   { area: 'temporal', title: 'Temporal filters', run: runTemporalBench },
 *
 * The function takes `{ quick }` and returns `{ markdown, svgs? }`
 * ({@link ExtraBenchOutput}); a smoke test of it belongs in `test/bench/<area>.test.ts`.
 */
import type { ExtraBench, ExtraBenchOutput, ExtraResult } from './extra-types.js';
import type { Progress } from '../../src/cli/progress.js';
import { runSimccBench } from '../simcc.js';
import { runBottomupBench } from '../bottomup.js';
import { runCropBench } from '../crop.js';
import { runTemporalBench } from '../temporal.js';
import { runAnalyzeBench } from '../analyze.js';
import { runRealNetworksBench } from './real-networks.js';

/** The per-area benchmarks, in report order (frozen). */
export const EXTRA_BENCHES: readonly ExtraBench[] = Object.freeze([
  { area: 'simcc', title: 'SimCC codec', run: runSimccBench },
  { area: 'bottomup', title: 'Bottom-up grouping (associative embedding)', run: runBottomupBench },
  { area: 'crop', title: 'Top-down crop (warpAffine)', run: runCropBench },
  { area: 'temporal', title: 'Temporal filters', run: runTemporalBench },
  { area: 'analyze', title: 'COCO error analysis', run: runAnalyzeBench },
  { area: 'real-networks', title: 'Real networks (COCO AP)', run: runRealNetworksBench },
]);

/**
 * SVG figures of an output keyed by a safe file name: `<area>-<i>.svg` for a
 * list; otherwise the given name with characters outside `[A-Za-z0-9._-]`
 * replaced by `-` and `.svg` appended where missing.
 */
export function extraSvgs(area: string, svgs: ExtraBenchOutput['svgs']): Record<string, string> {
  if (!svgs) return {};
  const entries: [string, string][] = Array.isArray(svgs) ? svgs.map((s, i) => [`${area}-${i + 1}.svg`, s]) : Object.entries(svgs);
  const safe = (name: string) => {
    const base = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
    return /\.svg$/.test(base) ? base : `${base || area}.svg`;
  };
  return Object.fromEntries(entries.map(([name, svg]) => [safe(name), svg]));
}

/**
 * Run every registered benchmark in turn. One that throws becomes a section
 * saying so (with `error` set) and the others still run.
 * @param benches the registry (default {@link EXTRA_BENCHES})
 */
export async function runExtraBenches(quick: boolean, progress: Progress, benches: readonly ExtraBench[] = EXTRA_BENCHES): Promise<ExtraResult[]> {
  if (!benches.length) return [];
  progress.phase('per-area benchmarks', benches.length);
  const out: ExtraResult[] = [];
  for (const b of benches) {
    const t0 = performance.now();
    try {
      const r = await b.run({ quick });
      if (typeof r?.markdown !== 'string') throw new TypeError(`${b.area}: run must return { markdown: string, svgs? }`);
      out.push({ area: b.area, title: b.title, markdown: r.markdown, svgs: extraSvgs(b.area, r.svgs), seconds: (performance.now() - t0) / 1000 });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      out.push({ area: b.area, title: b.title, markdown: `This benchmark failed: ${msg}`, svgs: {}, seconds: (performance.now() - t0) / 1000, error: msg });
    }
    progress.step(b.area);
  }
  return out;
}
