/**
 * Writes docs/geometry-grids.svg: where heatmap pixel centres fall on the
 * input pixels under the MSRA (`x_in = x_hm·w/W`) and UDP
 * (`x_in = x_hm·(w−1)/(W−1)`) geometries, and where the pixel-index flip
 * `x' = w−1−x` sends them. Run: `npx tsup bench/geometry-figure.ts --format esm -d /tmp/gf && node /tmp/gf/geometry-figure.js`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { el, svgDocument, esc } from '../src/render/svg.js';

const w = 16; // input px
const W = 4; // heatmap px
const cell = 40;
const left = 150;

function row(y: number, label: string, centres: number[], span: number, colour: string, flipped = false): string {
  let s = el('text', { x: 10, y: y + 24 }, esc(label));
  centres.forEach((c, j) => {
    const x0 = left + (c - span / 2 + 0.5) * cell;
    s += el('rect', { x: x0, y: y + 4, width: span * cell, height: 30, fill: colour, 'fill-opacity': 0.18, stroke: colour });
    s += el('circle', { cx: left + (c + 0.5) * cell, cy: y + 19, r: 5, fill: colour });
    s += el('text', { x: left + (c + 0.5) * cell, y: y + 50, 'text-anchor': 'middle', fill: colour }, esc(`${flipped ? 'flip ' : ''}${j}→${Number(c.toFixed(2))}`));
  });
  return s;
}

let body = el('text', { x: 10, y: 22, 'font-size': 15, 'font-weight': 'bold' }, esc(`Heatmap pixel centres on a ${w}-px input row (W = ${W}, stride s = ${w / W})`));
// input pixels
for (let i = 0; i < w; i++) {
  body += el('rect', { x: left + i * cell, y: 40, width: cell, height: 30, fill: 'white', stroke: '#333' });
  body += el('text', { x: left + (i + 0.5) * cell, y: 60, 'text-anchor': 'middle' }, String(i));
}
body += el('text', { x: 10, y: 60 }, 'input pixels');
const msra = Array.from({ length: W }, (_, j) => (j * w) / W);
const udp = Array.from({ length: W }, (_, j) => (j * (w - 1)) / (W - 1));
body += row(80, 'MSRA  x·w/W', msra, w / W, '#D55E00');
body += row(140, 'MSRA flipped back', msra.map((c) => w - 1 - c).reverse(), w / W, '#D55E00', true);
body += row(210, 'UDP  x·(w−1)/(W−1)', udp, (w - 1) / (W - 1), '#0072B2');
body += row(270, 'UDP flipped back', udp.map((c) => w - 1 - c).reverse(), (w - 1) / (W - 1), '#0072B2', true);
const axis = left + (w / 2) * cell;
body += el('line', { x1: axis, x2: axis, y1: 34, y2: 330, stroke: '#009E73', 'stroke-dasharray': '6,4', 'stroke-width': 2 });
body += el('text', { x: axis + 6, y: 345, fill: '#009E73' }, esc('flip axis x = (w−1)/2'));
body += el('text', { x: 10, y: 372 }, esc(`MSRA: the flipped centres (${msra.map((c) => w - 1 - c).reverse().join(', ')}) miss the grid (${msra.join(', ')}) by s−1 = ${w / W - 1} input px → flip-test bias −(s−1)/2.`));
body += el('text', { x: 10, y: 392 }, esc(`UDP: the flipped centres land on the grid (${udp.map((c) => Number(c.toFixed(2))).join(', ')}) exactly → no bias, no shift needed.`));
const svg = svgDocument(left + w * cell + 180, 410, body, 'MSRA vs UDP heatmap grids');
const out = path.resolve(process.argv[2] ?? 'docs/geometry-grids.svg');
fs.writeFileSync(out, svg);
console.log(`wrote ${out}`);
