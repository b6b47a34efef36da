/**
 * GPU.js kernel source of the heatmap NMS keep mask (mmpose 1.x
 * `batch_heatmap_nms`, `codecs/utils/post_processing.py`), as source text
 * (see kernel-sources.ts: text survives any bundler).
 *
 * Layout: input `maps` is one flat Float32Array of N finite maps `[N, H, W]`,
 * C order (packed by `pack-heatmaps.ts`); the output is a flat `[N·H·W]`
 * array, one thread per pixel: 1 where the pixel equals the maximum of its
 * window clipped to the map (no pixel of the window is greater; ties are
 * maxima), else 0. The CPU then writes `h` or `h · 0` from the caller's own
 * value, so −0 (suppressed negatives) and the input precision are exact.
 *
 * Thread → (map m, y, x) without trusting a float division (not exact on
 * every backend): `⌊(t + ½) / HW⌋`, then one integer correction step each
 * way (t < 2²⁴, so every product and difference is an exact float32 integer).
 * Every loop is bounded by `this.constants`: RY, RX are the window radii
 * clipped to the map (`min(r, H − 1)`, `min(r, W − 1)`: a wider window sees
 * the same pixels), KY = 2·RY + 1, KX = 2·RX + 1. Cost: O(KY·KX) per pixel.
 *
 * Constants: N, H, W, HW, RY, RX, KY, KX.
 */
export const NMS_KEEP_SOURCE = `function nmsKeep(maps) {
  const t = this.thread.x;
  let m = Math.floor((t + 0.5) / this.constants.HW);
  let p = t - m * this.constants.HW;
  if (p < 0) { m = m - 1; p = p + this.constants.HW; }
  if (p >= this.constants.HW) { m = m + 1; p = p - this.constants.HW; }
  let y = Math.floor((p + 0.5) / this.constants.W);
  let x = p - y * this.constants.W;
  if (x < 0) { y = y - 1; x = x + this.constants.W; }
  if (x >= this.constants.W) { y = y + 1; x = x - this.constants.W; }
  const base = m * this.constants.HW;
  const h = maps[base + y * this.constants.W + x];
  let keep = 1;
  for (let dy = 0; dy < this.constants.KY; dy++) {
    const yy = y + dy - this.constants.RY;
    if (yy >= 0 && yy < this.constants.H) {
      for (let dx = 0; dx < this.constants.KX; dx++) {
        const xx = x + dx - this.constants.RX;
        if (xx >= 0 && xx < this.constants.W) {
          if (maps[base + yy * this.constants.W + xx] > h) {
            keep = 0;
          }
        }
      }
    }
  }
  return keep;
}`;
