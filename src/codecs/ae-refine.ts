/**
 * Step 4 of the associative-embedding decode (mmpose `batch_decode`,
 * `codecs/associative_embedding.py`): refine the grouped integer positions on
 * the **original** heatmaps (not the NMS maps) — the quarter offset of
 * `refine_keypoints`, or with UDP the DARK-UDP Newton step of
 * `refine_keypoints_dark_udp` (`codecs/utils/refinement.py`) — then add
 * `decode_center_shift` to the detected joints.
 *
 * mmpose's UDP refinement blurs, clips and logs **the caller's heatmaps in
 * place** (`refinement.py:133-134`, `to_numpy` shares the tensor's memory), and
 * the fill step then reads those log maps. Here the log maps are a fresh
 * array ({@link udpLogMaps}) handed to both steps; the input is never touched.
 */
import ndarray from 'ndarray';
import type { HeatmapView } from '../core/ndarray.js';
import type { Plane } from '../core/types.js';
import { gaussianBlur } from '../decode/blur.js';
import { quarterAt } from '../decode/quarter.js';

const LO = Math.fround(1e-3); // np.clip bounds cast to the float32 map
const HI = 50;
const EPS_F32 = 1.1920928955078125e-7; // np.finfo(np.float32).eps

/**
 * `log(clip(gaussian_blur(h_b, k), 1e-3, 50))` of image b's K maps, float32
 * (`refinement.py:133-134`), as a fresh C-order `K·H·W` Float32Array.
 * Cost: O(K·H·W·k).
 */
export function udpLogMaps(hv: HeatmapView, b: number, kernelSize: number): Float32Array {
  const view = ndarray(hv.data, [hv.K, hv.H, hv.W], [hv.sK, hv.sH, hv.sW], hv.offset + b * hv.sB);
  const out = gaussianBlur(view, kernelSize).data;
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    out[i] = Math.log(v < LO ? LO : v > HI ? HI : v); // float32 store rounds the log
  }
  return out;
}

/**
 * DARK-UDP Newton step on a log map at integer (x, y) with edge padding
 * (`refinement.py:136-163`): `p −= (∇²L + ε·I)⁻¹ ∇L`. A singular Hessian
 * (where numpy's `inv` raises) leaves the point unchanged. Writes into o[i], o[i+1].
 */
export function udpStepAt(hl: Float32Array, base: number, H: number, W: number, o: Float64Array, i: number): void {
  const x = Math.trunc(o[i]); // astype(int) of the padded flat index
  const y = Math.trunc(o[i + 1]);
  if (!(x >= 0 && x < W && y >= 0 && y < H)) return;
  const xm = Math.max(x - 1, 0);
  const xp = Math.min(x + 1, W - 1);
  const ym = Math.max(y - 1, 0);
  const yp = Math.min(y + 1, H - 1);
  const at = (yy: number, xx: number): number => hl[base + yy * W + xx];
  const i_ = at(y, x);
  const ix1 = at(y, xp);
  const ix1_ = at(y, xm);
  const iy1 = at(yp, x);
  const iy1_ = at(ym, x);
  const ix1y1 = at(yp, xp);
  const ix1_y1_ = at(ym, xm);
  const dx = 0.5 * (ix1 - ix1_);
  const dy = 0.5 * (iy1 - iy1_);
  const dxx = ix1 - 2 * i_ + ix1_;
  const dyy = iy1 - 2 * i_ + iy1_;
  const dxy = 0.5 * (ix1y1 - ix1 - iy1 + i_ + i_ - ix1_ - iy1_ + ix1_y1_);
  const a = dxx + EPS_F32;
  const d = dyy + EPS_F32;
  const det = a * d - dxy * dxy;
  if (det === 0 || !Number.isFinite(det)) return;
  const sx = (d * dx - dxy * dy) / det;
  const sy = (a * dy - dxy * dx) / det;
  if (!Number.isFinite(sx) || !Number.isFinite(sy)) return;
  o[i] -= sx;
  o[i + 1] -= sy;
}

/**
 * Refine the `[N, K, 2]` positions `kp` (heatmap px, in place) of image b and
 * add `centerShift` where `scores > 0` (`associative_embedding.py` `keypoints +=
 * decode_center_shift * (scores > 0)`). Missing joints (at (0, 0), score 0) are
 * refined too, as in mmpose; the fill step overwrites them.
 * Cost: O(N·K).
 */
export function refineInstances(kp: Float64Array, scores: Float64Array, N: number, hv: HeatmapView, b: number, logMaps: Float32Array | undefined, centerShift: number): void {
  const { K, H, W } = hv;
  const plane: Plane = { data: hv.data, offset: 0, sH: hv.sH, sW: hv.sW, H, W };
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const i = 2 * (n * K + k);
      if (logMaps) udpStepAt(logMaps, k * H * W, H, W, kp, i);
      else {
        plane.offset = hv.offset + b * hv.sB + k * hv.sK;
        quarterAt(plane, 'mmpose', kp, i);
      }
      if (scores[n * K + k] > 0) {
        kp[i] += centerShift;
        kp[i + 1] += centerShift;
      }
    }
  }
}
