/**
 * numpy `np.percentile(a, q)` with the default 'linear' method (numpy 1.24
 * `_quantile`): virtual index `(n − 1)·q/100`, and numpy's `_lerp`, which
 * computes `b − (b − a)·(1 − t)` for `t ≥ 0.5` so that results stay monotone.
 */
export function percentile(values: ArrayLike<number>, q: number): number {
  const a = Array.from(values).sort((x, y) => x - y);
  const n = a.length;
  if (n === 0) return NaN;
  const idx = (n - 1) * (q / 100);
  const lo = Math.floor(idx);
  const hi = Math.min(lo + 1, n - 1);
  const t = idx - lo;
  const x = a[lo];
  const y = a[hi];
  const diff = y - x;
  return t >= 0.5 ? y - diff * (1 - t) : x + diff * t;
}
