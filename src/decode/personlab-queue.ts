/**
 * PoseNet's root-candidate queue: every local maximum of the part scores at
 * or above a threshold, popped in decreasing score order by the exact binary
 * max-heap tfjs-models uses, so that equal scores pop in the same order.
 */
import { checkAllocation } from '../core/ndarray.js';
import type { HwcView } from './realnet-types.js';

/**
 * tfjs-models `posenet/src/multi_pose/max_heap.ts` `MaxHeap` on parallel
 * typed arrays (score, candidate id). Reproduced as is, including its
 * 1-based index arithmetic on a 0-based array (parent `⌊k/2⌋`, children `2k`,
 * `2k+1`, so slot 0's "children" are 0 and 1) and its strict `<` comparisons:
 * it is not stable, and the order in which equal scores pop is the
 * reference's. O(log n) per push / pop.
 */
export class PartHeap {
  private readonly score: Float64Array;
  private readonly id: Int32Array;
  /** Index of the last element (−1 when empty), as `numberOfElements` in max_heap.ts. */
  private last = -1;

  constructor(capacity: number) {
    checkAllocation('part queue', capacity, 12);
    this.score = new Float64Array(capacity);
    this.id = new Int32Array(capacity);
  }

  get size(): number {
    return this.last + 1;
  }

  push(score: number, id: number): void {
    const k = ++this.last;
    this.score[k] = score;
    this.id[k] = id;
    this.swim(k);
  }

  /** Pop the top; returns its id and writes its score to `out[0]`. */
  pop(out: Float64Array): number {
    const id = this.id[0];
    out[0] = this.score[0];
    this.exchange(0, this.last--);
    this.sink(0);
    return id;
  }

  private less(i: number, j: number): boolean {
    return this.score[i] < this.score[j];
  }

  private swim(k: number): void {
    while (k > 0 && this.less(k >> 1, k)) {
      this.exchange(k, k >> 1);
      k >>= 1;
    }
  }

  private sink(k: number): void {
    const n = this.last;
    while (2 * k <= n) {
      let j = 2 * k;
      if (j < n && this.less(j, j + 1)) j++;
      if (!this.less(k, j)) break;
      this.exchange(k, j);
      k = j;
    }
  }

  private exchange(i: number, j: number): void {
    const s = this.score[i];
    this.score[i] = this.score[j];
    this.score[j] = s;
    const t = this.id[i];
    this.id[i] = this.id[j];
    this.id[j] = t;
  }
}

/**
 * True when no cell of the (2r+1)² window around (y, x), clipped at the
 * border, strictly exceeds `score` in channel k
 * (`build_part_with_score_queue.ts` `scoreIsMaximumInLocalWindow`).
 */
function isLocalMaximum(v: HwcView, k: number, score: number, y: number, x: number, r: number): boolean {
  const { data, offset, H, W, sH, sW, sC } = v;
  const y1 = Math.min(y + r + 1, H);
  const x1 = Math.min(x + r + 1, W);
  const base = offset + k * sC;
  for (let yy = Math.max(y - r, 0); yy < y1; yy++) {
    for (let xx = Math.max(x - r, 0); xx < x1; xx++) {
      if (data[base + yy * sH + xx * sW] > score) return false;
    }
  }
  return true;
}

/**
 * `buildPartWithScoreQueue` (`build_part_with_score_queue.ts:45-67`): every
 * (y, x, k) with `score ≥ threshold` that is a local maximum in radius
 * `radius`, pushed in (y, x, k) row-major order. Candidate id = `(y·W + x)·K + k`.
 * O(H·W·K·(2r+1)²) worst case.
 */
export function buildPartQueue(scores: HwcView, threshold: number, radius: number): PartHeap {
  // Two passes (count, then push) so the heap's size is checked before it is allocated.
  let n = 0;
  forEachCandidate(scores, threshold, radius, () => n++);
  const heap = new PartHeap(n);
  forEachCandidate(scores, threshold, radius, (s, id) => heap.push(s, id));
  return heap;
}

/** Call `visit(score, id)` for each root candidate, in (y, x, k) row-major order. */
function forEachCandidate(scores: HwcView, threshold: number, radius: number, visit: (score: number, id: number) => void): void {
  const { data, offset, H, W, C: K, sH, sW, sC } = scores;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = offset + y * sH + x * sW;
      for (let k = 0; k < K; k++) {
        const s = data[p + k * sC];
        if (s < threshold) continue; // the reference's test: `score < scoreThreshold → skip`
        if (isLocalMaximum(scores, k, s, y, x, radius)) visit(s, (y * W + x) * K + k);
      }
    }
  }
}
