/**
 * Draw poses as an SVG string: skeleton edges as lines, keypoints as dots
 * coloured by score (red 0 → green 1), optionally over a background image
 * given as a data URL. Pure (no DOM), deterministic (coordinates rounded to
 * 0.01 px), so the same poses give byte-identical pictures in Node, the
 * browser, the docs and `posecodec bench`.
 */
import type { NdArray } from 'ndarray';
import { checkFinite, checkNdArray, checkOptions, isNdArray } from '../core/ndarray.js';
import { scoreColor } from './score-color.js';
import { SKELETONS, type Skeleton } from './skeletons.js';

/** One pose: `[K, 2]` (x, y) or `[K, ≥3]` (x, y, score) as an ndarray or nested numbers, with optional separate `scores [K]`. */
export interface PoseInput {
  keypoints: NdArray | readonly (readonly number[])[];
  scores?: ArrayLike<number> | NdArray;
}

/** A background image: a `data:image/…` URL and the size it is drawn at (px, the keypoints' coordinate frame). */
export interface SvgBackground {
  href: string;
  width: number;
  height: number;
}

export interface SkeletonSvgOptions {
  /** Skeleton name or table; default from K (17 → coco17, 16 → mpii16, 33 or 39 → blazepose39; otherwise dots only). */
  skeleton?: keyof typeof SKELETONS | Skeleton;
  /** Canvas size, px (≤ 1e6); default the background's size, else the keypoints' extent plus a margin. */
  width?: number;
  height?: number;
  /** Drawn first, at (0, 0) with its given size. */
  background?: SvgBackground;
  /** Keypoints scoring below this (and their edges) are not drawn. Default 0 (all). */
  scoreThreshold?: number;
  /** Dot radius and line width, px. Defaults 3 and 2. */
  radius?: number;
  lineWidth?: number;
  /** A `<title>` for the picture (escaped). */
  title?: string;
}

/** Largest canvas side (px) and number of keypoints (N·K) one picture draws: beyond, the SVG string would be absurdly large. */
const MAX_CANVAS = 1e6;
const MAX_KEYPOINTS = 2 ** 20;

/** A positive finite size option ≤ {@link MAX_CANVAS}. */
function canvasSize(name: string, v: unknown): number {
  const x = checkFinite(name, v, { positive: true });
  if (x > MAX_CANVAS) throw new RangeError(`${name} must be <= ${MAX_CANVAS} px, got ${x}`);
  return x;
}

interface Pose {
  x: Float64Array;
  y: Float64Array;
  s: Float64Array;
}

const DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml)(;[a-z0-9=._+-]+)*,[A-Za-z0-9+/=%._~:;,!*'()-]*$/i;

/** Escape text for an XML text node or a double-quoted attribute. */
function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with at most 2 decimals and no `-0`. */
function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(r === 0 ? 0 : r);
}

function readPose(name: string, p: unknown): Pose {
  let K: number;
  let D: number;
  let at: (k: number, d: number) => number;
  const kp = isNdArray(p) ? p : (checkOptions(name, p as PoseInput) as PoseInput).keypoints;
  if (kp === undefined) throw new TypeError(`${name}.keypoints is required`);
  if (isNdArray(kp)) {
    const a = checkNdArray(name, kp, { ranks: [2] });
    [K, D] = a.shape;
    at = (k, d) => a.data[a.offset + k * a.stride[0] + d * a.stride[1]];
  } else if (Array.isArray(kp)) {
    K = kp.length;
    D = K ? (kp[0] as unknown[]).length : 2;
    kp.forEach((row, k) => {
      if (!Array.isArray(row) || row.length !== D) throw new TypeError(`${name} must be a rectangular [K, 2|3] array, row ${k} is not`);
    });
    at = (k, d) => (kp as number[][])[k][d];
  } else throw new TypeError(`${name} must be an ndarray [K, 2|3] or a number array, got ${kp === null ? 'null' : typeof kp}`);
  if (D < 2) throw new RangeError(`${name} must have (x, y) per keypoint, got ${D} values`);
  const scores = isNdArray(p) ? undefined : (p as PoseInput).scores;
  let score: ((k: number) => number) | undefined;
  if (isNdArray(scores)) {
    const a = checkNdArray(`${name}.scores`, scores, { ranks: [1] });
    if (a.shape[0] !== K) throw new RangeError(`${name}.scores must have ${K} values, got ${a.shape[0]}`);
    score = (k) => a.data[a.offset + k * a.stride[0]];
  } else if (scores !== undefined) {
    if (!Array.isArray(scores) && !ArrayBuffer.isView(scores)) throw new TypeError(`${name}.scores must be an array of K numbers`);
    if (scores.length !== K) throw new RangeError(`${name}.scores must have ${K} values, got ${scores.length}`);
    score = (k) => Number(scores[k]);
  }
  const pose: Pose = { x: new Float64Array(K), y: new Float64Array(K), s: new Float64Array(K) };
  for (let k = 0; k < K; k++) {
    pose.x[k] = Number(at(k, 0));
    pose.y[k] = Number(at(k, 1));
    pose.s[k] = score ? score(k) : D >= 3 ? Number(at(k, 2)) : 1;
  }
  return pose;
}

/** `[N, K, D]` ndarray → N poses; `[K, D]` ndarray → one; an array of poses → each. */
function readPoses(poses: unknown): Pose[] {
  if (isNdArray(poses)) {
    const a = checkNdArray('poses', poses, { ranks: [2, 3] }); // bounds the view (a [2^50, 0, 2] or stride-0 view) before any loop
    const NK = a.shape.length === 3 ? a.shape[0] * a.shape[1] : a.shape[0];
    if (NK > MAX_KEYPOINTS) throw new RangeError(`poses hold ${NK} keypoints (shape [${a.shape.join(', ')}]), over the ${MAX_KEYPOINTS} one picture draws`);
    if (a.shape.length === 3) return Array.from({ length: a.shape[0] }, (_, i) => readPose(`poses[${i}]`, a.pick(i, null, null)));
    return [readPose('poses', a)];
  }
  if (Array.isArray(poses)) {
    if (poses.length > MAX_KEYPOINTS) throw new RangeError(`poses must hold <= ${MAX_KEYPOINTS} poses, got ${poses.length}`);
    const list = poses.map((p, i) => readPose(`poses[${i}]`, p));
    const NK = list.reduce((n, p) => n + p.x.length, 0);
    if (NK > MAX_KEYPOINTS) throw new RangeError(`poses hold ${NK} keypoints, over the ${MAX_KEYPOINTS} one picture draws`);
    return list;
  }
  throw new TypeError(`poses must be an ndarray [N, K, 2|3] / [K, 2|3] or an array of poses, got ${poses === null ? 'null' : typeof poses}`);
}

function pickSkeleton(v: unknown, K: number): Skeleton | undefined {
  if (v === undefined) return K === 17 ? SKELETONS.coco17 : K === 16 ? SKELETONS.mpii16 : K === 39 || K === 33 ? SKELETONS.blazepose39 : undefined;
  if (typeof v === 'string') {
    if (!(v in SKELETONS)) throw new RangeError(`options.skeleton must be ${Object.keys(SKELETONS).join(', ')} or a skeleton table, got ${JSON.stringify(v)}`);
    return SKELETONS[v as keyof typeof SKELETONS];
  }
  const s = checkOptions('options.skeleton', v as Skeleton) as Skeleton;
  if (!Array.isArray(s.edges)) throw new TypeError('options.skeleton.edges must be an array of [i, j] pairs');
  return s;
}

/**
 * Render poses as a standalone SVG document string.
 * Each keypoint is a dot coloured by its score (`scoreColor`: red 0 → yellow
 * 0.5 → green 1); each skeleton edge a line in the colour of its lower-scoring
 * end. Keypoints with a non-finite coordinate, or scoring below
 * `scoreThreshold`, are skipped with their edges. At most 2^20 keypoints (N·K)
 * per picture (RangeError naming `poses`). Cost: O(N·(K + E)).
 * @param poses `[N, K, 2|3]` or `[K, 2|3]` ndarray (x, y[, score], px) or an array of `{ keypoints, scores? }`
 * @returns `<svg xmlns=… width height viewBox>…</svg>`
 */
export function renderSkeletonSvg(poses: NdArray | readonly (PoseInput | NdArray)[], options?: SkeletonSvgOptions): string {
  const list = readPoses(poses);
  const o = checkOptions('options', options);
  const K = list.length ? list[0].x.length : 0;
  list.forEach((p, i) => {
    if (p.x.length !== K) throw new RangeError(`poses[${i}] has ${p.x.length} keypoints, poses[0] has ${K}`);
  });
  const sk = pickSkeleton(o.skeleton, K);
  if (sk) {
    for (const e of sk.edges) {
      if (!Array.isArray(e) || e.length !== 2 || !e.every((i) => Number.isInteger(i) && i >= 0)) throw new TypeError(`options.skeleton.edges must hold [i, j] index pairs, got ${JSON.stringify(e)}`);
      if (e[0] >= K || e[1] >= K) throw new RangeError(`options.skeleton edge [${e[0]}, ${e[1]}] is out of range for ${K} keypoints`);
    }
  }
  if (o.title !== undefined && typeof o.title !== 'string') throw new TypeError(`options.title must be a string, got ${o.title === null ? 'null' : typeof o.title}`);
  const thr = o.scoreThreshold === undefined ? 0 : checkFinite('options.scoreThreshold', o.scoreThreshold);
  const radius = o.radius === undefined ? 3 : canvasSize('options.radius', o.radius);
  const lineWidth = o.lineWidth === undefined ? 2 : canvasSize('options.lineWidth', o.lineWidth);
  let bg: SvgBackground | undefined;
  if (o.background !== undefined) {
    const b = checkOptions('options.background', o.background);
    if (typeof b.href !== 'string' || !DATA_URL.test(b.href)) throw new RangeError('options.background.href must be a data:image/… URL (base64 or percent-encoded), nothing external');
    bg = { href: b.href, width: canvasSize('options.background.width', b.width), height: canvasSize('options.background.height', b.height) };
  }
  const drawn = sk ? sk.points : K;
  const shown = (p: Pose, k: number) => k < drawn && Number.isFinite(p.x[k]) && Number.isFinite(p.y[k]) && !(p.s[k] < thr);
  let maxX = 0;
  let maxY = 0;
  for (const p of list) for (let k = 0; k < K; k++) if (shown(p, k)) ((maxX = Math.max(maxX, p.x[k])), (maxY = Math.max(maxY, p.y[k])));
  const width = o.width !== undefined ? canvasSize('options.width', o.width) : bg ? bg.width : Math.ceil(maxX + 4 * radius) || 1;
  const height = o.height !== undefined ? canvasSize('options.height', o.height) : bg ? bg.height : Math.ceil(maxY + 4 * radius) || 1;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">`];
  if (o.title !== undefined) out.push(`<title>${xml(o.title)}</title>`);
  if (bg) out.push(`<image href="${xml(bg.href)}" x="0" y="0" width="${num(bg.width)}" height="${num(bg.height)}" preserveAspectRatio="none"/>`);
  list.forEach((p, i) => {
    out.push(`<g class="pose" data-pose="${i}">`);
    if (sk) {
      out.push(`<g stroke-width="${num(lineWidth)}" stroke-linecap="round" stroke-opacity="0.85">`);
      for (const [a, b] of sk.edges) {
        if (!shown(p, a) || !shown(p, b)) continue;
        out.push(`<line x1="${num(p.x[a])}" y1="${num(p.y[a])}" x2="${num(p.x[b])}" y2="${num(p.y[b])}" stroke="${scoreColor(Math.min(p.s[a], p.s[b]))}"/>`);
      }
      out.push('</g>');
    }
    out.push(`<g stroke="#000" stroke-width="0.75">`);
    for (let k = 0; k < K; k++) if (shown(p, k)) out.push(`<circle cx="${num(p.x[k])}" cy="${num(p.y[k])}" r="${num(radius)}" fill="${scoreColor(p.s[k])}" data-k="${k}"/>`);
    out.push('</g></g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
