/**
 * Progress reporting for long benchmark runs: a redrawn bar on a TTY, plain
 * one-line messages otherwise (CI logs, pipes), nothing when silent.
 */

/** Receives progress: `total` steps announced up front, then one `step` per unit of work. */
export interface Progress {
  /** Start a phase of `total` steps. */
  phase(name: string, total: number): void;
  /** One step of the current phase done; `detail` names it. */
  step(detail: string): void;
  /** All done: clear the bar. */
  done(): void;
}

/** A progress reporter that prints nothing (library use, tests). */
export const silentProgress: Progress = { phase() {}, step() {}, done() {} };

/** Render a bar of `width` cells, e.g. `[#####-----]  50%`. */
export function renderBar(done: number, total: number, width = 24): string {
  const f = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)}%`;
}

/** Minimal writable stream surface (process.stderr, or a test double). */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * A reporter writing to `stream`: on a TTY one line redrawn with `\r`
 * (`phase [####----] 40% detail`); otherwise one plain line per step,
 * `[phase 3/8] detail`, so logs stay readable.
 */
export function createProgress(stream: ProgressStream): Progress {
  let name = '';
  let total = 0;
  let done = 0;
  let drawn = false;
  const tty = stream.isTTY === true;
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    phase(n, t) {
      clear();
      name = n;
      total = t;
      done = 0;
      if (!tty) stream.write(`[${name}] ${t} steps\n`);
    },
    step(detail) {
      done++;
      if (tty) {
        const line = `${name} ${renderBar(done, total)} ${detail}`;
        const cols = stream.columns ?? 100;
        stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, cols - 1))}`);
        drawn = true;
      } else {
        stream.write(`[${name} ${done}/${total}] ${detail}\n`);
      }
    },
    done() {
      clear();
    },
  };
}
