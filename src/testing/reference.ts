/**
 * posecodec's reference decoders as whole pipelines `heatmaps → { keypoints, scores }`
 * (heatmap px), for {@link matchesReference}: argmax (mmpose
 * `get_heatmap_maximum`), + quarter offset (mmpose / HRNet rule), + DARK,
 * + DARK-UDP, and soft-argmax.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineQuarter, refineDark, refineDarkUdp, softArgmax } from '../decode/index.js';
import type { Decoder } from './compare.js';
import { checkOddKernel, checkPositive, checkOptionsBag } from './check-args.js';

const REFERENCES: readonly ReferenceName[] = ['argmax', 'quarter', 'quarter-hrnet', 'dark', 'dark-udp', 'soft-argmax'];

/** Names of the reference pipelines. */
export type ReferenceName = 'argmax' | 'quarter' | 'quarter-hrnet' | 'dark' | 'dark-udp' | 'soft-argmax';

export interface ReferenceOptions {
  /** DARK / DARK-UDP blur kernel size (default 11, mmpose). */
  blurKernelSize?: number;
  /** soft-argmax β (default 1). */
  beta?: number;
}

/** Argmax keypoints as `[N=1 or B, K, 2]`, the shape the refiners pair with `[K, H, W]` / `[B, K, H, W]`. */
function argmaxForRefine(heatmaps: NdArray): { kp: NdArray; scores: NdArray } {
  const r = heatmapArgmax(heatmaps);
  const kp = heatmaps.shape.length === 3 ? ndarray(r.keypoints.data, [1, heatmaps.shape[0], 2]) : r.keypoints;
  return { kp, scores: r.scores };
}

/**
 * The posecodec pipeline named `name`: integer argmax (first maximum in row
 * order; −1 where the maximum ≤ 0), then the named refinement of each
 * keypoint; scores are the raw map maxima. Single maps give keypoints `[1, K, 2]`.
 * Checked at creation: `name` a {@link ReferenceName}; options.blurKernelSize
 * odd in [1, 4097]; options.beta finite > 0 (≤ 1e6).
 */
export function referenceDecoder(name: ReferenceName, options: ReferenceOptions = {}): Decoder {
  if (typeof name !== 'string' || !REFERENCES.includes(name)) {
    const E = typeof name === 'string' ? RangeError : TypeError;
    throw new E(`reference (name) must be ${REFERENCES.map((r) => `'${r}'`).join(', ')}, got ${typeof name === 'string' ? JSON.stringify(name) : name === null ? 'null' : typeof name}`);
  }
  const o = checkOptionsBag('options', options);
  const blurKernelSize = checkOddKernel('options.blurKernelSize', o.blurKernelSize, 11);
  const beta = checkPositive('options.beta', o.beta, 1);
  switch (name) {
    case 'argmax':
      return (h) => heatmapArgmax(h);
    case 'soft-argmax':
      return (h) => softArgmax(h, { beta });
    case 'quarter':
    case 'quarter-hrnet':
      return (h) => {
        const a = argmaxForRefine(h);
        return { keypoints: refineQuarter(a.kp, h, { rule: name === 'quarter' ? 'mmpose' : 'hrnet' }), scores: a.scores };
      };
    case 'dark':
      return (h) => {
        const a = argmaxForRefine(h);
        return { keypoints: refineDark(a.kp, h, { blurKernelSize }), scores: a.scores };
      };
    case 'dark-udp':
      return (h) => {
        const a = argmaxForRefine(h);
        return { keypoints: refineDarkUdp(a.kp, h, { blurKernelSize }), scores: a.scores };
      };
  }
}
