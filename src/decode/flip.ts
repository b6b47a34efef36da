/**
 * Flip-test helpers: mmpose `flip_heatmaps` (`models/utils/tta.py`) and the
 * geometry-aware merge of the original and flipped network outputs.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkOptions, checkAllocation } from '../core/ndarray.js';
import type { FlipOptions, FlipTestOptions } from './types.js';

function checkFlipIndices(flipIndices: unknown, groups: number): Int32Array {
  if (!Array.isArray(flipIndices) && !ArrayBuffer.isView(flipIndices)) throw new TypeError('flipIndices must be an array of channel indices');
  const a = flipIndices as ArrayLike<unknown>;
  if (a.length !== groups) throw new RangeError(`flipIndices must have ${groups} entries (one per keypoint), got ${a.length}`);
  const out = new Int32Array(groups);
  for (let i = 0; i < groups; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= groups) throw new RangeError(`flipIndices[${i}] must be an integer in [0, ${groups}), got ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/**
 * Map the network output for a horizontally flipped input back to the
 * original frame: `out[c, y, x] = in[flipIndices[c], y, W−1−x]` (per group in
 * the combined/offset modes, with the x-offset channel negated), then the
 * optional one-column shift. Output channel c takes input channel
 * `flipIndices[c]`, as mmpose's `heatmaps[:, flip_indices]`.
 *
 * @param heatmaps `[C, H, W]` or `[B, C, H, W]` (any strides)
 * @param flipIndices one entry per keypoint (C, C/3 or C/2 entries by mode)
 * @returns fresh Float32Array heatmaps of the same shape
 */
export function flipHeatmaps(heatmaps: NdArray, flipIndices: ArrayLike<number>, options?: FlipOptions): NdArray<Float32Array> {
  const v = heatmapView('heatmaps', heatmaps);
  const opts = checkOptions('options', options);
  const mode = opts.mode ?? 'heatmap';
  const group = mode === 'heatmap' ? 1 : mode === 'udpCombined' ? 3 : mode === 'offset' ? 2 : 0;
  if (group === 0) throw new RangeError(`options.mode must be 'heatmap', 'udpCombined' or 'offset', got ${JSON.stringify(mode)}`);
  if (v.K % group !== 0) throw new RangeError(`heatmaps channels (${v.K}) must be a multiple of ${group} for mode '${mode}'`);
  const shift = opts.shift ?? false;
  if (typeof shift !== 'boolean') throw new TypeError('options.shift must be a boolean');
  const idx = checkFlipIndices(flipIndices, v.K / group);
  const { B, K, H, W, data } = v;
  checkAllocation('heatmaps', B * K * H * W, 4);
  const out = new Float32Array(B * K * H * W);
  const negated = mode === 'udpCombined' ? 1 : mode === 'offset' ? 0 : -1;
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < K; c++) {
      const g = Math.floor(c / group);
      const j = c % group;
      const src = v.offset + b * v.sB + (idx[g] * group + j) * v.sK;
      const sign = j === negated ? -1 : 1;
      const dst = (b * K + c) * H * W;
      for (let y = 0; y < H; y++) {
        const row = src + y * v.sH;
        const o = dst + y * W;
        // Flipped column x reads W−1−x; with the shift, x reads column x−1 of the flipped map (x ≥ 1).
        for (let x = 0; x < W; x++) {
          const fx = shift && x > 0 ? x - 1 : x;
          out[o + x] = sign * data[row + (W - 1 - fx) * v.sW];
        }
      }
    }
  }
  return ndarray(out, v.batched ? [B, K, H, W] : [K, H, W]);
}

/**
 * Flip-test merge: `(heatmaps + flipHeatmaps(flippedOutput, flipIndices, { shift: geometry === 'msra' })) / 2`.
 * The shift turns MSRA's −(s−1)/2 input-px flip bias into +1/2 px (HRNet); UDP
 * geometry is flip-exact and gets none.
 *
 * @param heatmaps network output for the image, `[C, H, W]` or `[B, C, H, W]`
 * @param flippedOutput network output for the horizontally flipped image, same shape
 * @returns fresh averaged Float32Array heatmaps
 */
export function mergeFlipTest(heatmaps: NdArray, flippedOutput: NdArray, flipIndices: ArrayLike<number>, options?: FlipTestOptions): NdArray<Float32Array> {
  const v = heatmapView('heatmaps', heatmaps);
  heatmapView('flippedOutput', flippedOutput);
  const opts = checkOptions('options', options);
  const geometry = opts.geometry ?? 'msra';
  if (geometry !== 'msra' && geometry !== 'udp') throw new RangeError(`options.geometry must be 'msra' or 'udp', got ${JSON.stringify(geometry)}`);
  const f = flipHeatmaps(flippedOutput, flipIndices, { mode: opts.mode, shift: geometry === 'msra' });
  if (f.shape.join() !== (v.batched ? [v.B, v.K, v.H, v.W] : [v.K, v.H, v.W]).join()) {
    throw new RangeError(`flippedOutput shape [${f.shape.join(', ')}] must equal heatmaps shape`);
  }
  const o = f.data;
  let i = 0;
  for (let b = 0; b < v.B; b++)
    for (let k = 0; k < v.K; k++)
      for (let y = 0; y < v.H; y++) {
        const row = v.offset + b * v.sB + k * v.sK + y * v.sH;
        for (let x = 0; x < v.W; x++, i++) o[i] = (v.data[row + x * v.sW] + o[i]) * 0.5;
      }
  return f;
}
