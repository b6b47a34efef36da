/**
 * Packing of any-strided heatmaps into the flat float32 layout the kernels read.
 *
 * The kernels read maps `[N, H, W]` from one C-order Float32Array, N = B·K
 * (map m = b·K + k). Any view (NCHW, NHWC through `.transpose(0, 3, 1, 2)`,
 * slices, Float64Array data) is copied once per chunk into that layout; a
 * C-order Float32Array chunk is passed as a subarray without a copy.
 * Float64 values are rounded to float32 (the GPU computes in float32), so
 * results equal the CPU decoders on float32-representable data.
 *
 * Maps holding a non-finite value (NaN, ±∞, or a float64 beyond the float32
 * range) are listed so the caller decodes them on the CPU: NaN ordering in
 * shaders is not portable, and the CPU decoders define NaN as numpy does.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { HeatmapView } from '../core/ndarray.js';

/** One chunk of maps `[m0, m0 + count)` in kernel layout. */
export interface PackedChunk {
  /** First map index (m = b·K + k). */
  m0: number;
  /** Maps in the chunk. */
  count: number;
  /** `count·H·W` float32 values, C order. */
  data: Float32Array;
  /** Map indices (global) that hold a non-finite value after float32 rounding. */
  nonFinite: number[];
}

/** Flat data offset of map m in the view. */
export function mapOffset(v: HeatmapView, m: number): number {
  const b = Math.floor(m / v.K);
  return v.offset + b * v.sB + (m - b * v.K) * v.sK;
}

/** A `[1, H, W]` view of map m of `v` (no copy), for the CPU finish of a map. */
export function singleMap(v: HeatmapView, m: number): NdArray {
  return ndarray(v.data, [1, v.H, v.W], [0, v.sH, v.sW], mapOffset(v, m));
}

/** True when maps `[m0, m0+count)` are one contiguous C-order Float32Array run. */
function isFlatF32(v: HeatmapView): boolean {
  const HW = v.H * v.W;
  const cOrder = (v.W === 1 || v.sW === 1) && (v.H === 1 || v.sH === v.W) && (v.K === 1 || v.sK === HW) && (v.B === 1 || v.sB === v.K * HW);
  return v.data instanceof Float32Array && cOrder;
}

/** Pack maps `[m0, m0 + count)` of `v` (see module doc). Cost: one pass over the chunk. */
export function packHeatmaps(v: HeatmapView, m0: number, count: number): PackedChunk {
  const { H, W, sH, sW } = v;
  const HW = H * W;
  const nonFinite: number[] = [];
  let data: Float32Array;
  if (isFlatF32(v)) {
    const start = mapOffset(v, m0);
    data = (v.data as Float32Array).subarray(start, start + count * HW);
    for (let m = 0; m < count; m++) {
      const o = m * HW;
      for (let i = 0; i < HW; i++) {
        if (!Number.isFinite(data[o + i])) {
          nonFinite.push(m0 + m);
          break;
        }
      }
    }
    return { m0, count, data, nonFinite };
  }
  data = new Float32Array(count * HW);
  const src = v.data;
  let p = 0;
  for (let m = 0; m < count; m++) {
    const base = mapOffset(v, m0 + m);
    let finite = true;
    for (let y = 0; y < H; y++) {
      const row = base + y * sH;
      for (let x = 0; x < W; x++) {
        const f = (data[p++] = src[row + x * sW]);
        if (!Number.isFinite(f)) finite = false;
      }
    }
    if (!finite) nonFinite.push(m0 + m);
  }
  return { m0, count, data, nonFinite };
}
