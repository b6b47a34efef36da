/**
 * SPR / DEKR codec: a root (instance centre) heatmap plus per-pixel
 * displacements to every keypoint — Nie et al., "Single-Stage Multi-Person
 * Pose Machines", ICCV 2019; Geng et al., "Bottom-Up Human Pose Estimation
 * via Disentangled Keypoint Regression", CVPR 2021 — as mmpose 1.x `SPR`
 * (`codecs/spr.py`, `codecs/utils/offset_heatmap.py`
 * `generate_displacement_heatmap`, `instance_property.py`).
 * Decode: root NMS peaks → keypoints = root + displacement, with optional
 * keypoint scores bilinearly sampled from keypoint heatmaps (`grid_sample`).
 *
 * Long file: one codec — encode (σ, diagonals, displacement targets) and
 * decode (peaks, displacements, `grid_sample` scores) share its option snapshot.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkPositiveInt, heatmapView, keypointView, zerosF32, type HeatmapView } from '../core/ndarray.js';
import { checkBoolean, checkSigmaValue, optionRecord } from '../core/options.js';
import { msraHeatmaps } from '../encode/index.js';
import { instanceRoots, checkRootType, type RootType } from '../encode/instance-roots.js';
import { diagonalLengths } from '../encode/instance-boxes.js';
import { checkNmsKernel } from '../decode/heatmap-nms.js';
import { TopkBuffer, peaksAbove } from '../decode/topk-peaks.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat, defaultVisible } from './heatmap-geometry.js';

const f = Math.fround;

/** Options of `createCodec({ type: 'spr', ... })` (mmpose names in camelCase). */
export interface SprCodecOptions {
  type: 'spr';
  /** Network input size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /**
   * σ (heatmap px): `[σ_root, σ_keypoint]`, or one number (root only; not
   * allowed with `keypointHeatmaps`). Default `s = sqrt(W·H)/32` and, with
   * keypoint heatmaps, `[s, floor(s/2)]` (mmpose's `s // 2`). σ_root is also
   * the displacement radius.
   */
  sigma?: number | readonly number[];
  /** Also encode K keypoint heatmaps (stacked before the root channel) and score keypoints from them. Default false. */
  keypointHeatmaps?: boolean;
  /** Root of an instance. Default `'kpt_center'`. */
  rootType?: RootType;
  /** Instances whose box diagonal (float32, heatmap px) is below this get no root. Default 5 (DEKR's config: √32). */
  minimalDiagonalLength?: number;
  /** Heatmap weight of background pixels (heatmap ≤ 0). Default 0.1. */
  backgroundWeight?: number;
  /** Odd NMS window on the root heatmap. Default 5. */
  nmsKernel?: number;
  /** Roots kept before the threshold (≤ H·W). Default 30. */
  maxInstances?: number;
  /** Roots need a score `>` this. Default 0.01. */
  threshold?: number;
  /** Accepted for symmetry; SPR has no reference bug to fix. */
  compat?: CodecCompat;
}

/** Result of {@link SprCodec.encode}. */
export interface SprEncodeResult {
  /** `[1, H, W]` root heatmap, or `[K+1, H, W]` (keypoints, then root). Float32Array. */
  heatmaps: NdArray<Float32Array>;
  /** Same shape: 1 where the heatmap is > 0, else `backgroundWeight`. */
  heatmapWeights: NdArray<Float32Array>;
  /** `[2K, H, W]` displacement `kp − (x, y)` (heatmap px) around each root. */
  displacements: NdArray<Float32Array>;
  /** `[2K, H, W]` `1/diagonal` where a displacement was written, else 0. */
  displacementWeights: NdArray<Float32Array>;
}

/** Result of {@link SprCodec.decode}. */
export interface SprDecodeResult {
  /** `[N, K, 2]` (x, y) input px. */
  keypoints: NdArray<Float64Array>;
  /** `[N]` root heatmap values, descending. */
  rootScores: NdArray<Float64Array>;
  /** `[N, K]` keypoint heatmap values at the keypoints, or null without keypoint heatmaps. */
  keypointScores: NdArray<Float64Array> | null;
  /** `[N, 2]` integer root pixels (x, y), heatmap px. */
  rootLocations: NdArray<Int32Array>;
}

/** The SPR codec object (frozen). */
export interface SprCodec extends CodecBase<'spr'> {
  readonly heatmapSize: FrozenSize;
  /** Input px per heatmap px (float32 values, mmpose `scale_factor`). */
  readonly scale: FrozenSize;
  /** `[σ_root]` or `[σ_root, σ_keypoint]`, heatmap px. */
  readonly sigma: readonly number[];
  /** Encode keypoints `[N, K, 2]` input px, optional visibility `[N, K]` (default 1). Cost: O(N·K·σ²). */
  encode(keypoints: NdArray, visible?: NdArray | null): SprEncodeResult;
  /**
   * Decode heatmaps `[C, H, W]` (root = the last channel; keypoint scores when
   * `keypointHeatmaps` and C = K + 1) and displacements `[2K, H, W]` (heatmap px).
   * Cost: O(H·W + N·K). @throws RangeError for wrong sizes or non-finite values
   */
  decode(heatmaps: NdArray, displacements: NdArray): SprDecodeResult;
}

function checkSprSigma(v: unknown, keypointHeatmaps: boolean, W: number, H: number): readonly number[] {
  let s: number[];
  if (v === undefined) {
    const base = Math.sqrt(W * H) / 32;
    s = keypointHeatmaps ? [base, Math.floor(base / 2)] : [base]; // spr.py: (sigma, sigma // 2)
  } else if (typeof v === 'number') {
    if (keypointHeatmaps) throw new RangeError('options.sigma must be [σ_root, σ_keypoint] with options.keypointHeatmaps (mmpose asserts len(sigma) == 2)');
    s = [checkSigmaValue('options.sigma', v)];
  } else if (Array.isArray(v)) {
    if (v.length !== 1 && v.length !== 2) throw new RangeError(`options.sigma must hold 1 or 2 values, got ${v.length}`);
    if (keypointHeatmaps && v.length !== 2) throw new RangeError('options.sigma must be [σ_root, σ_keypoint] with options.keypointHeatmaps');
    s = v.map((x, i) => checkSigmaValue(`options.sigma[${i}]`, x));
  } else {
    throw new TypeError(`options.sigma must be a number or [σ_root, σ_keypoint], got ${v === null ? 'null' : typeof v}`);
  }
  if (keypointHeatmaps && !(s[1] > 0)) {
    throw new RangeError(`options.sigma: the keypoint σ = floor(σ_root / 2) is ${s[1]} for a ${W}×${H} heatmap (mmpose would draw NaN targets); give sigma explicitly`);
  }
  return Object.freeze(s);
}

/** Create an SPR codec (see the file header). Options are validated and snapshotted here. */
export function createSprCodec(options: SprCodecOptions): SprCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const [W, H] = heatmapSize;
  const keypointHeatmaps = checkBoolean('options.keypointHeatmaps', o.keypointHeatmaps, false);
  const sigma = checkSprSigma(o.sigma, keypointHeatmaps, W, H);
  const rootType = checkRootType('options.rootType', o.rootType);
  const minimalDiagonalLength = o.minimalDiagonalLength === undefined ? 5 : checkFinite('options.minimalDiagonalLength', o.minimalDiagonalLength, { min: 0 });
  const backgroundWeight = o.backgroundWeight === undefined ? 0.1 : checkFinite('options.backgroundWeight', o.backgroundWeight, { min: 0 });
  const nmsKernel = checkNmsKernel('options.nmsKernel', o.nmsKernel, 5);
  const maxInstances = o.maxInstances === undefined ? Math.min(30, W * H) : checkPositiveInt('options.maxInstances', o.maxInstances);
  if (maxInstances > W * H) throw new RangeError(`options.maxInstances must be <= H·W = ${W * H} (torch.topk), got ${maxInstances}`);
  const threshold = o.threshold === undefined ? 0.01 : checkFinite('options.threshold', o.threshold);
  const compat = checkCompat(o.compat);
  const scale = Object.freeze([f(inputSize[0] / W), f(inputSize[1] / H)]) as unknown as FrozenSize;

  const encode = (keypoints: NdArray, visible?: NdArray | null): SprEncodeResult => {
    const kv = keypointView('keypoints', keypoints);
    const vis = defaultVisible(keypoints, visible ?? undefined);
    const { N, K } = kv;
    const f32 = kv.data instanceof Float32Array;
    const kp = ndarray(f32 ? new Float32Array(N * K * 2) : new Float64Array(N * K * 2), [N, K, 2]);
    for (let n = 0; n < N; n++)
      for (let k = 0; k < K; k++) {
        const p = kv.offset + n * kv.sN + k * kv.sK;
        kp.data[2 * (n * K + k)] = kv.data[p] / scale[0]; // keypoints / scale_factor
        kp.data[2 * (n * K + k) + 1] = kv.data[p + kv.sD] / scale[1];
      }
    const { roots, visible: rv } = instanceRoots(kp, vis, { rootType });
    const diag = diagonalLengths(kp, vis).data;
    const rootsF32 = ndarray(Float32Array.from(roots.data), [N, 1, 2]);
    const rootVis = ndarray(new Float32Array(N), [N, 1]);
    for (let n = 0; n < N; n++) rootVis.data[n] = diag[n] < minimalDiagonalLength ? 0 : rv.data[n]; // spr.py:184
    const size: [number, number] = [W, H];
    const rootMap = msraHeatmaps(size, rootsF32, rootVis, sigma[0]).heatmaps;
    const C = keypointHeatmaps ? K + 1 : 1;
    const heatmaps = zerosF32([C, H, W], 'heatmaps');
    if (keypointHeatmaps) heatmaps.data.set(msraHeatmaps(size, kp, vis, sigma[1]).heatmaps.data, 0);
    heatmaps.data.set(rootMap.data, (C - 1) * H * W);
    const heatmapWeights = zerosF32([C, H, W], 'heatmapWeights');
    const bg = f(backgroundWeight);
    for (let i = 0; i < heatmaps.data.length; i++) heatmapWeights.data[i] = heatmaps.data[i] > 0 ? 1 : bg;
    const disp = displacementTargets(kp, vis, rootsF32.data, rootVis.data, diag, sigma[0], W, H);
    return { heatmaps, heatmapWeights, ...disp };
  };

  const decode = (heatmaps: NdArray, displacements: NdArray): SprDecodeResult => {
    const hv = heatmapView('heatmaps', heatmaps, [3]);
    const dv = heatmapView('displacements', displacements, [3]);
    if (hv.W !== W || hv.H !== H) throw new RangeError(`heatmaps must be ${H}×${W} (H×W, the codec's heatmapSize), got ${hv.H}×${hv.W}`);
    if (dv.W !== W || dv.H !== H) throw new RangeError(`displacements must be ${H}×${W} like the heatmaps, got ${dv.H}×${dv.W}`);
    if (hv.K < 1) throw new RangeError('heatmaps must have at least the root channel');
    if (dv.K < 2 || dv.K % 2 !== 0) throw new RangeError(`displacements must have 2K channels (an even number ≥ 2), got ${dv.K}`);
    const K = dv.K / 2;
    const buf = new TopkBuffer(maxInstances);
    const N = peaksAbove('heatmaps', hv, hv.offset + (hv.K - 1) * hv.sK, (nmsKernel - 1) >> 1, threshold, buf);
    const kp = new Float64Array(N * K * 2);
    const rootScores = new Float64Array(N);
    const locs = new Int32Array(N * 2);
    for (let n = 0; n < N; n++) {
      const i = buf.indices[n];
      const x = i % W;
      const y = (i - x) / W;
      rootScores[n] = buf.values[n];
      locs[2 * n] = x;
      locs[2 * n + 1] = y;
      const p = dv.offset + y * dv.sH + x * dv.sW;
      for (let k = 0; k < K; k++) {
        const dx = dv.data[p + 2 * k * dv.sK];
        const dy = dv.data[p + (2 * k + 1) * dv.sK];
        if (dx - dx !== 0 || dy - dy !== 0) throw new RangeError(`displacements must be finite, got (${dx}, ${dy}) for keypoint ${k} at root (${x}, ${y})`);
        kp[2 * (n * K + k)] = f(x + dx); // regular grid + displacement, float32
        kp[2 * (n * K + k) + 1] = f(y + dy);
      }
    }
    let keypointScores: NdArray<Float64Array> | null = null;
    if (keypointHeatmaps && hv.K === K + 1) {
      const ks = new Float64Array(N * K);
      for (let n = 0; n < N; n++)
        for (let k = 0; k < K; k++) ks[n * K + k] = gridSampleBorder(hv, k, kp[2 * (n * K + k)], kp[2 * (n * K + k) + 1]);
      keypointScores = ndarray(ks, [N, K]);
    }
    for (let i = 0; i < kp.length; i += 2) {
      kp[i] = f(kp[i] * scale[0]);
      kp[i + 1] = f(kp[i + 1] * scale[1]);
    }
    return { keypoints: ndarray(kp, [N, K, 2]), rootScores: ndarray(rootScores, [N]), keypointScores, rootLocations: ndarray(locs, [N, 2]) };
  };

  return Object.freeze({ type: 'spr' as const, inputSize, heatmapSize, scale, sigma, compat, encode, decode });
}

/**
 * mmpose `generate_displacement_heatmap` (`offset_heatmap.py`), heatmap px:
 * for each instance in index order with a visible in-map root, each keypoint
 * with `visible ≥ 1` (not 0.5) inside the map, over the region
 * `[max(int(r_x − σ), 0), min(int(r_x + σ), W))` × (same for y) (`int()`
 * truncates; the end is exclusive), x outer and y inner: a pixel already
 * holding a non-zero displacement for keypoint k keeps it when this
 * instance's diagonal is larger than the pixel's recorded size; otherwise
 * `disp = kp − (x, y)`, `weight = 1/diag`, `size[y, x] = diag`. The size map
 * is shared by all keypoints, and a displacement of exactly (0, 0) counts as
 * unset (both reference quirks). Cost: O(N·K·(2σ)²).
 */
function displacementTargets(
  kp: NdArray, vis: NdArray, roots: Float32Array, rootVis: Float32Array, diag: Float64Array, radius: number, W: number, H: number,
): { displacements: NdArray<Float32Array>; displacementWeights: NdArray<Float32Array> } {
  const [N, K] = kp.shape;
  const disp = zerosF32([2 * K, H, W], 'displacements');
  const wts = zerosF32([2 * K, H, W], 'displacementWeights');
  const size = new Float32Array(H * W);
  const d = disp.data;
  const plane = H * W;
  for (let n = 0; n < N; n++) {
    const rx = roots[2 * n];
    const ry = roots[2 * n + 1];
    if (rootVis[n] < 1 || rx < 0 || ry < 0 || rx >= W || ry >= H) continue;
    const dn = diag[n];
    const inv = f(1 / dn);
    const x0 = Math.max(Math.trunc(rx - radius), 0);
    const y0 = Math.max(Math.trunc(ry - radius), 0);
    const x1 = Math.min(Math.trunc(rx + radius), W);
    const y1 = Math.min(Math.trunc(ry + radius), H);
    for (let k = 0; k < K; k++) {
      const v = (vis.data as unknown as ArrayLike<number>)[vis.offset + n * vis.stride[0] + k * vis.stride[1]];
      const kd = kp.data as unknown as ArrayLike<number>;
      const kx = kd[2 * (n * K + k)];
      const ky = kd[2 * (n * K + k) + 1];
      if (!(v >= 1) || kx < 0 || ky < 0 || kx >= W || ky >= H) continue;
      const ox = 2 * k * plane;
      const oy = ox + plane;
      for (let x = x0; x < x1; x++) {
        for (let y = y0; y < y1; y++) {
          const p = y * W + x;
          if ((d[ox + p] !== 0 || d[oy + p] !== 0) && dn > size[p]) continue; // keep the smaller instance's displacement
          d[ox + p] = kx - x;
          d[oy + p] = ky - y;
          wts.data[ox + p] = inv;
          wts.data[oy + p] = inv;
          size[p] = dn;
        }
      }
    }
  }
  return { displacements: disp, displacementWeights: wts };
}

/**
 * `F.grid_sample(h_k, grid, mode='bilinear', padding_mode='border',
 * align_corners=False)` at the point mmpose builds as
 * `grid = (x/(W−1)·2 − 1, y/(H−1)·2 − 1)` (`spr.py` `get_keypoint_scores`): the
 * sampled point is `ix = ((gx + 1)·W − 1)/2 = x·W/(W−1) − 0.5` (not x), clamped to
 * `[0, W−1]`, then bilinear over its four neighbours (out-of-map ones weigh 0).
 */
export function gridSampleBorder(hv: HeatmapView, k: number, x: number, y: number): number {
  const { W, H } = hv;
  const unnorm = (c: number, n: number): number => {
    const g = (c / (n - 1)) * 2 - 1;
    const i = ((g + 1) * n - 1) / 2;
    return i !== i ? 0 : Math.min(Math.max(i, 0), n - 1);
  };
  const ix = unnorm(x, W);
  const iy = unnorm(y, H);
  const x0 = Math.floor(ix);
  const y0 = Math.floor(iy);
  const fx = ix - x0;
  const fy = iy - y0;
  const base = hv.offset + k * hv.sK;
  const at = (yy: number, xx: number): number => {
    if (xx >= W || yy >= H) return 0;
    const v = hv.data[base + yy * hv.sH + xx * hv.sW];
    if (v - v !== 0) throw new RangeError(`heatmaps must be finite, got ${v} at [${k}, ${yy}, ${xx}]`);
    return v;
  };
  return (1 - fx) * (1 - fy) * at(y0, x0) + fx * (1 - fy) * at(y0, x0 + 1) + (1 - fx) * fy * at(y0 + 1, x0) + fx * fy * at(y0 + 1, x0 + 1);
}
