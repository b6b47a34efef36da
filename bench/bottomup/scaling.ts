/**
 * Sections 3–4 of the bottom-up benchmark: decode time against persons and
 * map size (tables and SVG line charts), and the COCO AP of greedy against
 * Munkres grouping on crowded synthetic scenes with noisy tags.
 */
import { renderMarkdown, fmt } from '../report/table.js';
import { lineChart } from '../../src/render/line-chart.js';
import { aeCodec, bottomupScene, sceneAp, sprScene } from '../../src/testing/bottomup-scene.js';
import { time } from './timing.js';

/** Scaling tables and plots. */
export function scalingSection(quick: boolean): { lines: string[]; svgs: Record<string, string> } {
  const out: string[] = [];
  const opts = { quick };
  // 3. scaling
  const persons = opts.quick ? [1, 10] : [1, 5, 10, 20, 30];
  const sizes = opts.quick ? [64, 128] : [64, 128, 192, 256];
  const scaleRuns = opts.quick ? 3 : 15;
  const byPersons = persons.map((p) => {
    const s = bottomupScene({ persons: p, size: 128, seed: 100 + p });
    const m = aeCodec(128);
    const g = aeCodec(128, 'greedy');
    const sp = sprScene(128, p, 100 + p);
    return {
      munkres: time(() => m.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      greedy: time(() => g.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      spr: time(() => sp.codec.decode(sp.heatmaps, sp.displacements), scaleRuns).medianMs,
    };
  });
  const bySize = sizes.map((z) => {
    const s = bottomupScene({ persons: 10, size: z, seed: 200 + z });
    const m = aeCodec(z);
    const g = aeCodec(z, 'greedy');
    const sp = sprScene(z, 10, 200 + z);
    return {
      munkres: time(() => m.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      greedy: time(() => g.decode(s.heatmaps, s.tags), scaleRuns).medianMs,
      spr: time(() => sp.codec.decode(sp.heatmaps, sp.displacements), scaleRuns).medianMs,
    };
  });
  out.push(
    renderMarkdown({
      title: 'Scaling (ms): persons at 128×128, and map size at 10 persons',
      header: ['scene', 'AE Munkres', 'AE greedy', 'SPR'],
      rows: [
        ...persons.map((p, i) => [`${p} persons, 128×128`, fmt(byPersons[i].munkres), fmt(byPersons[i].greedy), fmt(byPersons[i].spr)]),
        ...sizes.map((z, i) => [`10 persons, ${z}×${z}`, fmt(bySize[i].munkres), fmt(bySize[i].greedy), fmt(bySize[i].spr)]),
      ],
    }),
    '',
  );
  const svgs: Record<string, string> = {
    'bottomup-persons.svg': lineChart({
      title: 'Bottom-up decode time vs persons (128×128, K = 17)', xLabels: persons.map(String), xTitle: 'persons', yTitle: 'ms',
      series: [
        { name: 'AE, Munkres', values: byPersons.map((r) => r.munkres) },
        { name: 'AE, greedy', values: byPersons.map((r) => r.greedy) },
        { name: 'SPR (K+1 maps)', values: byPersons.map((r) => r.spr) },
      ],
    }),
    'bottomup-size.svg': lineChart({
      title: 'Bottom-up decode time vs map size (10 persons, K = 17)', xLabels: sizes.map((z) => `${z}²`), xTitle: 'heatmap size', yTitle: 'ms',
      series: [
        { name: 'AE, Munkres', values: bySize.map((r) => r.munkres) },
        { name: 'AE, greedy', values: bySize.map((r) => r.greedy) },
        { name: 'SPR (K+1 maps)', values: bySize.map((r) => r.spr) },
      ],
    }),
  };

  return { lines: out, svgs };
}

/** Greedy vs Munkres AP table. */
export function accuracySection(quick: boolean): string[] {
  const out: string[] = [];
  const opts = { quick };
  // 4. greedy vs Munkres accuracy
  const nScenes = opts.quick ? 2 : 24;
  const apRows: string[][] = [];
  for (const [noise, spacing] of [[0.05, 2], [0.3, 1.5], [0.5, 1.2]] as const) {
    const scenes = Array.from({ length: nScenes }, (_, i) => bottomupScene({ persons: 12, size: 128, seed: 1000 + i, tagNoise: noise, tagSpacing: spacing }));
    const m = aeCodec(128);
    const g = aeCodec(128, 'greedy');
    const apM = sceneAp(scenes, scenes.map((s) => m.decode(s.heatmaps, s.tags)));
    const apG = sceneAp(scenes, scenes.map((s) => g.decode(s.heatmaps, s.tags)));
    apRows.push([`tag noise σ ${noise}, spacing ${spacing}`, fmt(apM), fmt(apG), fmt(apG - apM, 2)]);
  }
  out.push(
    renderMarkdown({
      title: `Greedy vs Munkres grouping: COCO AP on ${nScenes} synthetic scenes of 12 persons (128×128)`,
      header: ['tags', 'AP Munkres', 'AP greedy', 'Δ'],
      rows: apRows,
    }),
    '',
  );
  return out;
}
