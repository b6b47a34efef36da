/**
 * The disk radius of UDP "combined" targets (Huang et al., CVPR 2020; mmpose
 * `UDPHeatmap` with `heatmap_type='combined'`, `udp_heatmap.py:172-174` and
 * `codecs/utils/offset_heatmap.py`): `R = radiusFactor·max(W, H)` heatmap px,
 * checked once for the encoder, the decoder and the codec.
 */
import { checkFinite } from './ndarray.js';

/** Smallest and largest disk radius R (heatmap px) accepted: offsets are (μ − i)/R (encode) and R·offset (decode). */
export const MIN_UDP_RADIUS = 1e-9;
export const MAX_UDP_RADIUS = 1e12;

/**
 * Validate a UDP `radiusFactor` (finite, > 0) for a `W×H` heatmap and return
 * `R = radiusFactor·max(W, H)` (float64, heatmap px). Below 1e-9 px the
 * encoder's offsets overflow; above 1e12 px every pixel is in the disk and the
 * decoder's `R·offset` leaves any sane range (1e308 gives ±∞ keypoints). O(1).
 * @throws TypeError / RangeError naming `name` (e.g. `options.radiusFactor`)
 */
export function udpRadius(name: string, radiusFactor: unknown, W: number, H: number): number {
  const f = checkFinite(name, radiusFactor, { positive: true });
  const R = f * Math.max(W, H);
  if (!(R >= MIN_UDP_RADIUS && R <= MAX_UDP_RADIUS)) {
    throw new RangeError(`${name} ${f} gives a disk radius of ${R} heatmap px, outside [1e-9, 1e12]`);
  }
  return R;
}
