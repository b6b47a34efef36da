/**
 * Packing of any-strided SimCC rows (`[N, K, W]` / `[K, W]`, f32/f64) into
 * the flat float32 `[R, W]` layout the SimCC kernels read (row m = n·K + k).
 * A C-order Float32Array run is passed as a subarray without a copy.
 *
 * Rows the GPU must not decode are listed: any non-finite value (the caller
 * then runs the CPU decoder on the whole call, which defines NaN/±∞ as
 * numpy and throws for NaN with the index), a float64 value that float32
 * cannot hold exactly (float32 rounding could create ties that move the
 * arg-maximum), or |value| > 1e30 (the float32 blur could overflow).
 */
import type { SimccView } from '../decode/simcc-view.js';

/** One chunk of rows `[m0, m0 + count)` in kernel layout. */
export interface PackedRows {
  /** `count·W` float32 values, C order. */
  data: Float32Array;
  /** True when a row holds NaN or ±∞. */
  nonFinite: boolean;
  /** Global row indices decoded on the CPU (see the module doc). */
  cpuRows: number[];
}

/** Flat data offset of row m (= n·K + k) of `v`. */
export function rowOffset(v: SimccView, m: number): number {
  const n = Math.floor(m / v.K);
  return v.offset + n * v.sN + (m - n * v.K) * v.sK;
}

const BIG = 1e30;

/** Pack rows `[m0, m0 + count)` of `v`. Cost: one pass over the chunk. */
export function packRows(v: SimccView, m0: number, count: number): PackedRows {
  const { W, sW } = v;
  const cOrder = (W === 1 || sW === 1) && (v.K === 1 || v.sK === W) && (v.N === 1 || v.sN === v.K * W);
  const cpuRows: number[] = [];
  let nonFinite = false;
  if (v.data instanceof Float32Array && cOrder) {
    const start = rowOffset(v, m0);
    const data = v.data.subarray(start, start + count * W);
    for (let m = 0; m < count; m++) {
      const o = m * W;
      let bad = false;
      for (let i = 0; i < W; i++) {
        const a = data[o + i];
        if (!(a <= BIG && a >= -BIG)) {
          bad = true;
          if (!Number.isFinite(a)) nonFinite = true;
        }
      }
      if (bad) cpuRows.push(m0 + m);
    }
    return { data, nonFinite, cpuRows };
  }
  const data = new Float32Array(count * W);
  const src = v.data;
  const f64 = !(src instanceof Float32Array);
  let p = 0;
  for (let m = 0; m < count; m++) {
    const base = rowOffset(v, m0 + m);
    let bad = false;
    for (let i = 0, q = base; i < W; i++, q += sW) {
      const a = src[q];
      const f = (data[p++] = a);
      if (!(a <= BIG && a >= -BIG) || (f64 && f !== a)) {
        bad = true;
        if (!Number.isFinite(a)) nonFinite = true;
      }
    }
    if (bad) cpuRows.push(m0 + m);
  }
  return { data, nonFinite, cpuRows };
}
