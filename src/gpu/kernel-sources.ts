/**
 * GPU.js kernel sources for the batched decoders, as source text.
 *
 * Why text and not functions: gpu.js compiles a kernel from its JavaScript
 * source, so a kernel written as a function breaks as soon as a user's
 * bundler minifies it (renamed `this`-free helpers, `a && b` for `if`, comma
 * sequences that gpu.js cannot translate). Text survives any bundler.
 *
 * Layout shared by every kernel (spec gpu.md, "Algorithm"):
 * - input `heatmaps`: one flat Float32Array of N maps `[N, H, W]`, C order
 *   (packed once by `pack-heatmaps.ts`);
 * - output: a flat `[3·N]` array, component-major: `[0, N)` x, `[N, 2N)` y,
 *   `[2N, 3N)` score (heatmap pixels). Thread `t` finds its component and
 *   map with two integer comparisons (a float `t / 3` is not exact on every
 *   backend), so only N·3 numbers are read back.
 * - every loop is bounded by `this.constants` (gpu.js caps a loop bounded by
 *   an argument at 1000 iterations, silently) and all I/O is scalar (webasm
 *   falls back to cpu, and webgpu throws, on vector arguments).
 * - argmax scans with a strict `>` in C order: the first maximum wins (numpy).
 *
 * `${...}` placeholders are filled from small TypeScript generators so that
 * the 13-point blur of DARK can be written out without helper functions or
 * local arrays (neither is portable across all gpu.js backends).
 *
 * Long file: GPU.js kernel sources are strings; they share the argmax scan
 * and the stencil text defined here, and are kept beside them so that one
 * edit changes every kernel alike.
 */

/** Thread → (map n, component c: 0 x, 1 y, 2 score) and the first-maximum scan of map n; defines n, c, base, best, bx, by. */
const ARGMAX_SCAN = `
  let n = this.thread.x;
  let c = 0;
  if (n >= this.constants.N) { n = n - this.constants.N; c = 1; }
  if (n >= this.constants.N) { n = n - this.constants.N; c = 2; }
  const base = n * this.constants.HW;
  let best = heatmaps[base];
  let bx = 0;
  let by = 0;
  for (let y = 0; y < this.constants.H; y++) {
    for (let x = 0; x < this.constants.W; x++) {
      const v = heatmaps[base + y * this.constants.W + x];
      if (v > best) {
        best = v;
        bx = x;
        by = y;
      }
    }
  }
`;

/**
 * Thread → (map n, component c) and the argmax scan; defines n, c, base,
 * best, bx, by. The score thread returns the maximum here unless the kernel
 * still needs it (`scoreEarly = false`: DARK marks floored maps through it);
 * x and y threads return −1 where the maximum is ≤ 0.
 */
function argmaxPrologue(scoreEarly: boolean): string {
  return `
${ARGMAX_SCAN}  if (c == 2) {
    ${scoreEarly ? 'return best;' : 'if (best <= 0) { return best; }'}
  }
  if (best <= 0) {
    return -1;
  }
`;
}

/**
 * Argmax: `mmpose get_heatmap_maximum`; −1 for both coordinates where the
 * maximum is ≤ 0, score = the maximum. Constants: N, H, W, HW.
 */
export const ARGMAX_SOURCE = `function argmaxDecode(heatmaps) {
  ${argmaxPrologue(true)}
  if (c == 0) {
    return bx;
  }
  return by;
}`;

/**
 * Quarter offset `m + 0.25·sign(Δ)`, both boundary rules of `refineQuarter`.
 * Constants: N, H, W, HW, HRNET (0 = mmpose rule, 1 = HRNet rule).
 * The sign of a float32 difference is exact, so this equals the CPU path.
 */
export const QUARTER_SOURCE = `function quarterDecode(heatmaps) {
  ${argmaxPrologue(true)}
  const W = this.constants.W;
  const H = this.constants.H;
  let ok = 0;
  if (this.constants.HRNET == 1) {
    if (bx > 1 && bx < W - 1 && by > 1 && by < H - 1) {
      ok = 1;
    }
  } else {
    if (c == 0 && bx > 1 && bx < W - 1 && by > 0 && by < H) {
      ok = 1;
    }
    if (c == 1 && by > 1 && by < H - 1 && bx > 0 && bx < W) {
      ok = 1;
    }
  }
  let d = 0.0;
  if (ok == 1) {
    if (c == 0) {
      d = heatmaps[base + by * W + bx + 1] - heatmaps[base + by * W + bx - 1];
    } else {
      d = heatmaps[base + (by + 1) * W + bx] - heatmaps[base + (by - 1) * W + bx];
    }
  }
  let s = 0.0;
  if (d > 0) {
    s = 0.25;
  }
  if (d < 0) {
    s = -0.25;
  }
  if (c == 0) {
    return bx + s;
  }
  return by + s;
}`;

/** Name of the blurred value at grid offset (dy, dx). */
function blurName(dy: number, dx: number): string {
  const p = (v: number) => (v < 0 ? `m${-v}` : `${v}`);
  return `b_${p(dy)}_${p(dx)}`;
}

/**
 * Zero-border separable blur at (by + dy, bx + dx): rows first (in-bounds
 * taps only), then the column filter, in the order of the CPU's grid blur
 * (`src/decode/local-blur.ts`) so the two differ only by float32 rounding.
 */
function blurAt(dy: number, dx: number): string {
  const v = blurName(dy, dx);
  return `
  let ${v} = 0.0;
  for (let j = 0; j < this.constants.KS; j++) {
    const yy = by + (${dy}) + j - this.constants.R;
    if (yy >= 0 && yy < this.constants.H) {
      let row = 0.0;
      for (let i = 0; i < this.constants.KS; i++) {
        const xx = bx + (${dx}) + i - this.constants.R;
        if (xx >= 0 && xx < this.constants.W) {
          row += weights[i] * heatmaps[base + yy * this.constants.W + xx];
        }
      }
      ${v} += weights[j] * row;
    }
  }`;
}

/**
 * `out = log(a / b)` for a, b > 0, accurate to a few float32 ulps of the
 * result even when a ≈ b: for a/b in [1/2, 2] it sums
 * `2·atanh(u) = 2(u + u³/3 + … + u¹⁵/15)` with `u = (a − b)/(a + b)`, where
 * `a − b` is exact (Sterbenz) and the series truncation is < 1e-9 for
 * |u| ≤ 1/3; `log(1) = 0` exactly, so plateaus give det = 0 as on the CPU.
 * Elsewhere `log(a/b)` has |result| > 0.69 and the GPU `log` is accurate
 * relative to it. (Differences of two float32 logs near −23 would lose ~1e-6.)
 */
function logRatio(out: string, a: string, b: string): string {
  return `
  let ${out} = 0.0;
  const u_${out} = (${a} - ${b}) / (${a} + ${b});
  if (Math.abs(u_${out}) <= 0.3333333) {
    const u2_${out} = u_${out} * u_${out};
    ${out} = 2.0 * u_${out} * (1.0 + u2_${out} * (0.33333333333 + u2_${out} * (0.2 + u2_${out} * (0.142857142857 + u2_${out} * (0.111111111111 + u2_${out} * (0.0909090909091 + u2_${out} * (0.0769230769231 + u2_${out} * 0.0666666666667)))))));
  } else {
    ${out} = Math.log(${a} / ${b});
  }`;
}

/**
 * Marks (`unreliable = 1`) a DARK step that mmpose's float32 arithmetic
 * could move by more than DARK_GPU_TOLERANCE: the bound of `refineDark`'s
 * fast path (src/decode/dark.ts, `fastStepReliable`), evaluated with a
 * larger ulp estimate (|L|·2⁻²³) and half the CPU's tolerance, so every map
 * the CPU decides on its exact float32 path is handed back to it (a det of 0
 * is left to the CPU too). Needs `best` (the map maximum), the 13 blurred
 * values, dx, dy, dxx, dyy, dxy, det, ox, oy.
 */
function reliability(): string {
  const lo = DARK_POINTS.slice(1).reduce((acc, [dy, dx]) => `Math.min(${acc}, ${blurName(dy, dx)})`, blurName(0, 0));
  return `
    const lmax = Math.max(Math.abs(Math.log(${lo})), Math.abs(Math.log(best)));
    const ulpL = lmax * 1.1920929e-7;
    const uL = 0.5 * ulpL + ${DARK_BLUR_NOISE};
    const eG = uL + 0.5 * ulpL;
    const eH = uL + 1.5 * ulpL;
    const norm = Math.max(Math.abs(dxx) + Math.abs(dxy), Math.abs(dyy) + Math.abs(dxy)) / Math.abs(det);
    let unreliable = 0;
    if (det == 0 || finite == 0) {
      unreliable = 1;
    }
    if (norm * eH >= 0.05) {
      unreliable = 1;
    }
    if (1.25 * norm * (eG + eH * (Math.abs(ox) + Math.abs(oy))) > ${DARK_GPU_TOLERANCE}) {
      unreliable = 1;
    }`;
}

/** Relative float32 noise of one blurred value assumed by the reliability bound (as the CPU's). */
const DARK_BLUR_NOISE = '1.1920929e-7';
/** Half the CPU fast path's 5e-5 px. */
const DARK_GPU_TOLERANCE = '2.5e-5';

/** The 13 grid points DARK reads: centre, ±1 and ±2 on each axis, the 4 diagonals. */
export const DARK_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0], [0, 1], [0, -1], [1, 0], [-1, 0], [0, 2], [0, -2], [2, 0], [-2, 0],
  [1, 1], [1, -1], [-1, 1], [-1, -1],
];

/**
 * DARK (`refineDark`, blur-kernel-size semantics of mmpose): argmax, then the
 * zero-padded Gaussian blur at the 13 points only (spec gpu.md: equal to
 * blurring the whole map while no value reaches the 1e-10 floor), log-ratio
 * derivatives (step 2 for dxx/dyy, mmpose), one Newton step when det ≠ 0 and
 * the step is finite.
 *
 * A map whose blurred values near the peak fall below the floor (FLOOR, a hair
 * above 1e-10 so float32 rounding can only send more maps there) is marked by
 * a score of −1 (a refined map always has a positive maximum, so −1 is
 * unambiguous): the CPU finishes it with the whole-map blur and rescale, as
 * mmpose and `refineDark` do. So is a map whose step float32 noise could
 * move (see `reliability`): elongated, ridge-like, tiny or huge maps, where
 * `refineDark` follows mmpose's float32 arithmetic on the whole map.
 * Constants: N, H, W, HW, KS (kernel size),
 * R = (KS − 1)/2, GUARD (0/1), MAXSTEP, FLOOR. Argument `weights`: the KS
 * float32 OpenCV Gaussian weights.
 */
export const DARK_SOURCE = `function darkDecode(heatmaps, weights) {
  ${argmaxPrologue(false)}
  const W = this.constants.W;
  const H = this.constants.H;
  let inside = 0;
  if (bx > 1 && bx < W - 2 && by > 1 && by < H - 2) {
    inside = 1;
  }
  if (inside == 0) {
    if (c == 2) {
      return best;
    }
    if (c == 0) {
      return bx;
    }
    return by;
  }
  ${DARK_POINTS.map(([dy, dx]) => blurAt(dy, dx)).join('\n')}
  let floored = 0;
  ${DARK_POINTS.map(([dy, dx]) => `if (${blurName(dy, dx)} < this.constants.FLOOR) { floored = 1; }`).join('\n  ')}
  if (floored == 1) {
    if (c == 2) {
      return -1;
    }
    if (c == 0) {
      return bx;
    }
    return by;
  }
  ${logRatio('lx', blurName(0, 1), blurName(0, -1))}
  ${logRatio('ly', blurName(1, 0), blurName(-1, 0))}
  ${logRatio('lxp', blurName(0, 2), blurName(0, 0))}
  ${logRatio('lxm', blurName(0, -2), blurName(0, 0))}
  ${logRatio('lyp', blurName(2, 0), blurName(0, 0))}
  ${logRatio('lym', blurName(-2, 0), blurName(0, 0))}
  ${logRatio('lup', blurName(1, 1), blurName(-1, 1))}
  ${logRatio('ldn', blurName(1, -1), blurName(-1, -1))}
  const dx = 0.5 * lx;
  const dy = 0.5 * ly;
  const dxx = 0.25 * (lxp + lxm);
  const dyy = 0.25 * (lyp + lym);
  const dxy = 0.25 * (lup - ldn);
  const det = dxx * dyy - dxy * dxy;
  let ox = 0.0;
  let oy = 0.0;
  if (this.constants.GUARD == 1) {
    let take = 0;
    if (det > 0 && dxx < 0) {
      ox = -(dyy * dx - dxy * dy) / det;
      oy = -(dxx * dy - dxy * dx) / det;
      if (Math.abs(ox) <= this.constants.MAXSTEP && Math.abs(oy) <= this.constants.MAXSTEP) {
        take = 1;
      }
    }
    if (take == 0) {
      ox = 0.0;
      oy = 0.0;
      if (dx > 0) { ox = 0.25; }
      if (dx < 0) { ox = -0.25; }
      if (dy > 0) { oy = 0.25; }
      if (dy < 0) { oy = -0.25; }
    }
  } else {
    if (det != 0) {
      ox = -(dyy * dx - dxy * dy) / det;
      oy = -(dxx * dy - dxy * dx) / det;
    }
    let finite = 0;
    if (Math.abs(ox) < 3.0e38 && Math.abs(oy) < 3.0e38) {
      finite = 1;
    }
    if (finite == 0) {
      ox = 0.0;
      oy = 0.0;
    }
    ${reliability()}
    if (unreliable == 1) {
      if (c == 2) {
        return -1;
      }
      if (c == 0) {
        return bx;
      }
      return by;
    }
  }
  if (c == 2) {
    return best;
  }
  if (c == 0) {
    return bx + ox;
  }
  return by + oy;
}`;

/**
 * Softmax mass `s` and first moment `m` of the thread's axis about (cx, cy):
 * per-row sums first, then over rows (float32 error grows with W + H, not H·W).
 */
function softMoments(): string {
  return `
  s = 0.0;
  m = 0.0;
  for (let y = 0; y < this.constants.H; y++) {
    let rs = 0.0;
    let rm = 0.0;
    for (let x = 0; x < this.constants.W; x++) {
      const p = Math.exp(this.constants.BETA * (heatmaps[base + y * this.constants.W + x] - best));
      rs += p;
      if (c == 0) {
        rm += p * (x - cx);
      }
    }
    s += rs;
    if (c == 0) {
      m += rm;
    } else {
      m += rs * (y - cy);
    }
  }`;
}

/**
 * Soft-argmax over each whole map (`softArgmax`, softmax of β·h): the
 * expectation of the pixel index under `p ∝ exp(β(h − max))`. Sums run per
 * row, then over rows, centred on the argmax (x − bx, y − by) so that float32
 * partial sums stay small; debias (Gu et al. 2021) uses C = Σ exp(h).
 * Constants: N, H, W, HW, BETA, DEBIAS (0/1). The score is the raw maximum.
 */
export const SOFT_ARGMAX_SOURCE = `function softArgmaxDecode(heatmaps) {
${ARGMAX_SCAN}  if (c == 2) {
    return best;
  }
  let cx = bx;
  let cy = by;
  let s = 0.0;
  let m = 0.0;
  ${softMoments()}
  let e = 0.0;
  if (c == 0) {
    e = cx + m / s;
  } else {
    e = cy + m / s;
  }
  // Second pass centred on the first estimate when it is not at the argmax
  // (flat or multi-modal maps): float32 partial sums then stay small.
  if (Math.abs(e - (c == 0 ? cx : cy)) > 0.5) {
    if (c == 0) {
      cx = Math.floor(e + 0.5);
    } else {
      cy = Math.floor(e + 0.5);
    }
    ${softMoments()}
    if (c == 0) {
      e = cx + m / s;
    } else {
      e = cy + m / s;
    }
  }
  if (this.constants.DEBIAS == 1) {
    let se = s;
    if (this.constants.BETA != 1) {
      se = 0.0;
      for (let y = 0; y < this.constants.H; y++) {
        let rs = 0.0;
        for (let x = 0; x < this.constants.W; x++) {
          rs += Math.exp(heatmaps[base + y * this.constants.W + x] - best);
        }
        se += rs;
      }
    }
    const invC = Math.exp(-(best + Math.log(se)));
    const g = 1.0 / (1.0 - invC);
    let size = this.constants.H;
    if (c == 0) {
      size = this.constants.W;
    }
    e = g * (e - size * invC * 0.5);
  }
  return e;
}`;
