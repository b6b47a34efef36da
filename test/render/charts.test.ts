import { describe, it, expect } from 'vitest';
import { lineChart } from '../../src/render/line-chart.js';
import { barChart } from '../../src/render/bar-chart.js';
import { heatmapSvg } from '../../src/render/heatmap-svg.js';
import { tagsBalance } from '../helpers/well-formed.js';

describe('lineChart', () => {
  it('draws one path per series with data and skips non-positive values on a log axis', () => {
    const svg = lineChart({ title: 'e<r>', xLabels: ['a', 'b', 'c'], xTitle: 'x', yTitle: 'y', logY: true, series: [{ name: 's1', values: [1, 0.01, 0.001] }, { name: 's2', values: [0, NaN, -1] }] });
    expect(tagsBalance(svg)).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('e&lt;r&gt;');
  });
});

describe('barChart', () => {
  it('draws one bar per finite value and marks a bar over its target', () => {
    const svg = barChart({ title: 't', xTitle: 'x', bars: [{ label: 'argmax', value: 1.1, target: 1.3 }, { label: 'dark', value: 2.5, target: 2 }, { label: 'nan', value: NaN }], reference: { value: 1, label: 'sum' } });
    expect(tagsBalance(svg)).toBe(true);
    const bars = [...svg.matchAll(/<rect x="170"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(bars).toHaveLength(2);
    expect(bars[1]).toBe('#D55E00');
    expect(bars[0]).not.toBe('#D55E00');
  });
});

describe('heatmapSvg', () => {
  it('draws W·H cells and puts a marker at the centre of its pixel (pixel i centred at i)', () => {
    const svg = heatmapSvg({ title: 'h', data: new Float32Array(12).map((_, i) => i), W: 4, H: 3, markers: [{ label: 'm', x: 2, y: 1 }], cell: 10 });
    expect(tagsBalance(svg)).toBe(true);
    // 1 background + 12 cells
    expect(svg.match(/<rect /g)).toHaveLength(13);
    // marker at x = 10 + (2 + 0.5)·10 = 35, y = 30 + (1 + 0.5)·10 = 45; the cross starts at (35 − 2.2, 45 − 2.2)
    expect(svg).toContain('d="M32.8,42.8L37.2,47.2');
  });
});
