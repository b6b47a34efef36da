/**
 * Benchmark (not a test): top-down crops per millisecond — 192×256×3 network
 * inputs from a 640×480 uint8 image, crop + normalise fused into float32 NCHW
 * (`warpAffineToTensor` into a caller-provided output, allocation-free), with
 * the NHWC layout, the plain uint8 `warpAffine` and the whole `topdownAffine`
 * (allocating) beside it. Each is timed alternately with the baseline, a
 * plain per-pixel copy of the output size (uint8 HWC → float32 CHW, one read
 * and one write per value, what any crop must at least do), so the ratio is
 * measured in the same run. Target: ≥ 1 crop/ms.
 *
 * Registered in `bench/sections/extra.ts` as `{ area: 'crop', ... }`; run
 * alone: `npx tsup bench/crop.ts --format esm -d /tmp/bc && node -e "import('/tmp/bc/crop.js').then(m => m.runCropBench({ quick: false })).then(r => console.log(r.markdown))"`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { topdownAffine, warpAffine, warpAffineToTensor, type Affine } from '../src/crop/index.js';
import { createPrng } from '../src/core/prng.js';
import { describeMachine, machineInfo } from './util/machine.js';
import { summarizeTimings, timeInterleaved, type TimingSummary } from './util/timing.js';
import { quantile } from './util/stats.js';
import { renderMarkdown, fmt } from './report/table.js';

const IMAGE: [number, number] = [640, 480];
const INPUT: [number, number] = [192, 256];
const MEAN = [123.675, 116.28, 103.53];
const STD = [58.395, 57.12, 57.375];

/** A seeded 640×480×3 uint8 image with smooth structure plus noise (so no branch is predictable from constant data). */
function syntheticImage(seed: number): NdArray<Uint8Array> {
  const [W, H] = IMAGE;
  const r = createPrng(seed);
  const d = new Uint8Array(W * H * 3);
  for (let y = 0, i = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < 3; c++, i++) d[i] = Math.max(0, Math.min(255, Math.round(128 + 60 * Math.sin((x + 37 * c) / 23) * Math.cos(y / 31) + 30 * r.normal())));
  return ndarray(d, [H, W, 3]);
}

/** Person boxes (centre, size, rotation) as a detector gives them: varied sizes, some rotated, some partly outside the image. */
function boxes(seed: number, n: number): { center: [number, number]; scale: [number, number]; rotation: number }[] {
  const r = createPrng(seed);
  return Array.from({ length: n }, (_, i) => {
    const h = r.uniform(60, 460);
    return { center: [r.uniform(0, IMAGE[0]), r.uniform(0, IMAGE[1])], scale: [h * r.uniform(0.3, 0.9), h], rotation: i % 3 === 0 ? r.uniform(-40, 40) : 0 };
  });
}

/** The baseline: copy 192×256×3 values per pixel from the image (uint8 HWC) into float32 CHW. */
function plainCopy(img: NdArray<Uint8Array>, out: Float32Array): Float32Array {
  const [w, h] = INPUT;
  const src = img.data;
  const W = img.shape[1];
  const plane = w * h;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = (y * W + x) * 3;
      const q = y * w + x;
      out[q] = src[p];
      out[plane + q] = src[p + 1];
      out[2 * plane + q] = src[p + 2];
    }
  return out;
}

interface Row {
  name: string;
  t: TimingSummary;
  base: TimingSummary;
  /** Quartiles of ms/crop. */
  q1: number;
  q3: number;
}

/**
 * Run the crop benchmark. `quick` (the CLI's `--quick`, and the smoke test)
 * times 15 samples per variant instead of 60.
 * @returns Markdown: a table of crops/ms (median and IQR), ms per crop, and the ratio to the plain copy, plus the machine
 */
export async function runCropBench(opts: { quick: boolean }): Promise<{ markdown: string }> {
  const runs = opts.quick ? 15 : 60;
  const img = syntheticImage(1);
  const bx = boxes(2, 16);
  const mats: Affine[] = bx.map((b) => topdownAffine(ndarray(new Uint8Array(3), [1, 1, 3]), b, INPUT).matrix);
  const mean = { mean: MEAN, std: STD, bgrToRgb: true };
  const nchw = ndarray(new Float32Array(3 * INPUT[0] * INPUT[1]), [3, INPUT[1], INPUT[0]]);
  const nhwc = ndarray(new Float32Array(3 * INPUT[0] * INPUT[1]), [INPUT[1], INPUT[0], 3]);
  const u8 = ndarray(new Uint8Array(3 * INPUT[0] * INPUT[1]), [INPUT[1], INPUT[0], 3]);
  const copyOut = new Float32Array(3 * INPUT[0] * INPUT[1]);
  let k = 0;
  const next = () => mats[k++ % mats.length];
  const variants: [string, () => unknown][] = [
    ['crop + normalise → NCHW f32 (`warpAffineToTensor`, `out`)', () => warpAffineToTensor(img, next(), INPUT, { ...mean, out: nchw })],
    ['crop + normalise → NHWC f32 (`layout: HWC`, `out`)', () => warpAffineToTensor(img, next(), INPUT, { ...mean, layout: 'HWC', out: nhwc })],
    ['crop only → uint8 HWC (`warpAffine`, `out`)', () => warpAffine(img, next(), INPUT, { out: u8 })],
    ['`topdownAffine` (box → matrix → uint8 crop, allocating)', () => topdownAffine(img, bx[k++ % bx.length], INPUT)],
  ];
  const rows: Row[] = variants.map(([name, fn]) => {
    const { samples, baseline } = timeInterleaved(fn, () => plainCopy(img, copyOut), runs);
    return { name, t: summarizeTimings(samples), base: summarizeTimings(baseline), q1: quantile(samples, 0.25), q3: quantile(samples, 0.75) };
  });
  const table = renderMarkdown({
    header: ['variant', 'crops/ms (median)', 'crops/ms (IQR)', 'ms/crop', 'plain copy ms', '× plain copy'],
    rows: rows.map((r) => [r.name, fmt(1 / r.t.medianMs), `${fmt(1 / r.q3)}–${fmt(1 / r.q1)}`, fmt(r.t.medianMs), fmt(r.base.medianMs), fmt(r.t.medianMs / r.base.medianMs)]),
    notes: [
      `${INPUT[0]}×${INPUT[1]}×3 crops of a ${IMAGE[0]}×${IMAGE[1]}×3 uint8 image, ${bx.length} seeded boxes (a third rotated, some partly outside), ${runs} samples per variant, each alternated with the baseline; ` +
        'IQR: crops/ms at the quartiles of ms/crop. Baseline: a plain per-pixel copy of the output size (uint8 HWC → float32 CHW). Target ≥ 1 crop/ms.',
      `Machine: ${describeMachine(machineInfo())}.`,
    ],
  });
  return { markdown: table };
}
