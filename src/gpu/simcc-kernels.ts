/**
 * GPU.js kernel sources of the batched SimCC decoder (RTMPose / RTMW heads),
 * as source text (see kernel-sources.ts: text survives any bundler).
 *
 * Layout: input `rows` is one flat Float32Array of R rows `[R, W]`, C order
 * (one axis of one decode call, packed by `simcc-pack.ts`); the output is a
 * flat `[C·R]` array, component-major (`[c·R, (c+1)·R)` holds component c of
 * every row). Every loop is bounded by `this.constants` (gpu.js caps loops
 * bounded by arguments at 1000 iterations, silently); all I/O is scalar.
 * The argmax scans with a strict `>` in bin order: the first maximum wins
 * (numpy's `np.argmax`, mmpose `get_simcc_maximum`).
 *
 * Constants: R (rows), W (bins per row); DARK adds KS (kernel size) and
 * KR = (KS − 1)/2, and the argument `weights` (KS float32 OpenCV weights).
 */

/** Thread → (row r, component c) for C components; defines r, c, base, best, bi (the row's first arg-maximum). */
function prologue(components: number): string {
  const steps = Array.from({ length: components - 1 }, (_, i) => `  if (r >= this.constants.R) { r = r - this.constants.R; c = ${i + 1}; }`).join('\n');
  return `
  let r = this.thread.x;
  let c = 0;
${steps}
  const base = r * this.constants.W;
  let best = rows[base];
  let bi = 0;
  for (let i = 0; i < this.constants.W; i++) {
    const v = rows[base + i];
    if (v > best) {
      best = v;
      bi = i;
    }
  }
`;
}

/**
 * SimCC arg-maximum: one output per row, the index of its first maximum
 * (bins). The maximum itself is read back from the caller's tensor on the
 * CPU, in its own precision. Constants: R, W.
 */
export const SIMCC_ARGMAX_SOURCE = `function simccArgmax(rows) {
  ${prologue(1)}
  return bi;
}`;

/** Components of {@link SIMCC_DARK_SOURCE}: 0 the arg-maximum index, 1 the index of the blurred row's maximum, 2 max |row|. */
export const SIMCC_DARK_COMPONENTS = 3;

/**
 * Arg-maximum plus the O(W·KS) part of the 1-D DARK step of mmpose
 * `refine_simcc_dark` (`refinement.py:170-215`):
 * - c = 0: the first arg-maximum ix (bins);
 * - c = 1: the (first) bin of the maximum over all W bins of the
 *   zero-padded Gaussian blur `Σ_t w_t·row[i + t − KR]` — the rescale of
 *   `gaussian_blur1d` (`post_processing.py:260`, `out = blur · max(row)/max(blur)`);
 *   the CPU blurs that bin again exactly;
 * - c = 2: `max |row|`, which bounds the float32 error of the sums behind
 *   c = 1 (a sum of KS terms errs by at most KS·2⁻²⁴·Σw·max|row|).
 * The CPU finishes the Newton step in O(KS) per row (`simcc-finish.ts`):
 * the five stencil bins and the bin of c = 1 are blurred there exactly (so
 * the rescale ratio is the CPU's wherever the float32 sums here find the
 * same blurred maximum). Sums are float32 on the GPU
 * (float64 on gpu.js `cpu`).
 */
export const SIMCC_DARK_SOURCE = `function simccDark(rows, weights) {
  ${prologue(SIMCC_DARK_COMPONENTS)}
  if (c == 0) {
    return bi;
  }
  const W = this.constants.W;
  if (c == 2) {
    let amax = 0.0;
    for (let i = 0; i < this.constants.W; i++) {
      const a = Math.abs(rows[base + i]);
      if (a > amax) {
        amax = a;
      }
    }
    return amax;
  }
  let bmax = 0.0;
  let bj = 0;
  let first = 1;
  for (let i = 0; i < this.constants.W; i++) {
    let acc = 0.0;
    for (let t = 0; t < this.constants.KS; t++) {
      const xx = i + t - this.constants.KR;
      if (xx >= 0 && xx < W) {
        acc += weights[t] * rows[base + xx];
      }
    }
    if (first == 1 || acc > bmax) {
      bmax = acc;
      bj = i;
      first = 0;
    }
  }
  return bj;
}`;
