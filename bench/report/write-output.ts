/** Write a run's `results.json`, `results.md` and SVG plots into a folder. */
import fs from 'node:fs';
import path from 'node:path';
import { buildSections, sectionsMarkdown } from './sections.js';
import { allPlots } from './plots.js';
import { describeMachine } from '../util/machine.js';
import type { BenchResults } from '../results.js';

/**
 * Create `dir` (recursively) and write `results.json` (NaN → null),
 * `results.md` (every table, with the per-pair detail) and the plots (the
 * per-area benchmarks' SVGs included; results.json lists their names).
 * @returns the paths written
 */
export function writeBenchOutput(dir: string, results: BenchResults): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    written.push(p);
  };
  const json = { ...results, extras: results.extras.map((x) => ({ ...x, svgs: Object.keys(x.svgs) })) };
  put('results.json', JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1) + '\n');
  const plots: Record<string, string> = allPlots(results);
  for (const x of results.extras) Object.assign(plots, x.svgs);
  const images = Object.keys(plots)
    .map((f) => `![${f}](${f})`)
    .join('\n\n');
  const head = `# posecodec benchmark results\n\n${results.date} — ${describeMachine(results.machine)}${results.quick ? ' — `--quick`' : ''}; ${results.durationS.toFixed(1)} s.\n\n`;
  put('results.md', head + sectionsMarkdown(buildSections(results, true)) + '\n## Plots\n\n' + images + '\n');
  for (const [name, svg] of Object.entries(plots)) put(name, svg);
  return written;
}
