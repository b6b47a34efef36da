/** The score colour ramp of the skeleton drawings. */

/**
 * A keypoint score in [0, 1] as a colour: red (0) → yellow (0.5) → green (1),
 * `hsl(120·s, 85%, 45%)` written as `#rrggbb`. NaN and scores outside [0, 1] are clamped (NaN → 0).
 */
export function scoreColor(score: number): string {
  if (typeof score !== 'number') throw new TypeError(`score must be a number, got ${score === null ? 'null' : typeof score}`);
  const s = Number.isNaN(score) ? 0 : Math.min(1, Math.max(0, score));
  const h = 120 * s;
  const l = 0.45;
  const a = 0.85 * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
