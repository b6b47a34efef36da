/** Small builders shared by the encoder tests. */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';

/** `[N, K, 2]` float32 keypoints from nested [[x, y], …] per instance. */
export function kps(rows: [number, number][][], Ctor: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array): NdArray {
  const N = rows.length;
  const K = N ? rows[0].length : 0;
  return ndarray(Ctor.from(rows.flat(2)), [N, K, 2]);
}

/** `[N, K]` float32 visibility. */
export function vis(rows: number[][]): NdArray {
  return ndarray(Float32Array.from(rows.flat()), [rows.length, rows.length ? rows[0].length : 0]);
}

/** Index (x, y) of the first maximum of channel k of a C-order `[K, H, W]` map. */
export function argmax2d(h: NdArray<Float32Array>, k = 0): [number, number] {
  const [, H, W] = h.shape;
  let best = -Infinity;
  let at = 0;
  for (let i = 0; i < H * W; i++) {
    const v = h.data[k * H * W + i];
    if (v > best) {
      best = v;
      at = i;
    }
  }
  return [at % W, Math.floor(at / W)];
}

/** Same keypoints stored transposed ([2, K, N] buffer) and viewed back as `[N, K, 2]`: non-C-order strides. */
export function stridedCopy(k: NdArray): NdArray {
  const [N, K, D] = k.shape;
  const d = new Float32Array(N * K * D);
  const t = ndarray(d, [D, K, N]);
  for (let n = 0; n < N; n++) for (let j = 0; j < K; j++) for (let c = 0; c < D; c++) t.set(c, j, n, k.get(n, j, c));
  return t.transpose(2, 1, 0);
}

/** Channel k of `[C, H, W]` maps as a flat number array. */
export function channel(h: NdArray<Float32Array>, k: number): number[] {
  const [, H, W] = h.shape;
  return Array.from(h.data.subarray(k * H * W, (k + 1) * H * W));
}
