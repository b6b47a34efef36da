/**
 * The contract of a per-area benchmark module (`bench/<area>.ts`, e.g.
 * `bench/temporal.ts` exporting `runTemporalBench`), run by `posecodec bench`
 * through the registry in `bench/sections/extra.ts`.
 */

/** What a per-area benchmark returns: a Markdown section body and optional SVG figures. */
export interface ExtraBenchOutput {
  /** Section body (tables, notes), Markdown; printed as is on the terminal too. */
  markdown: string;
  /** SVG figures by file name (`'temporal-lag.svg'`), or a list (named `<area>-<i>.svg`); written with `--out`. */
  svgs?: Readonly<Record<string, string>> | readonly string[];
}

/** One registry entry. */
export interface ExtraBench {
  /** Short id, used in results.json and SVG file names: `temporal`, `crop`, `analyze`, `simcc`, `bottomup`. */
  area: string;
  /** Section title in the report. */
  title: string;
  /** Run it; `quick` is `posecodec bench --quick` (keep it to a few seconds). */
  run: (opts: { quick: boolean }) => ExtraBenchOutput | Promise<ExtraBenchOutput>;
}

/** One per-area section of a run (results.json holds the SVG file names, the files hold the SVGs). */
export interface ExtraResult {
  area: string;
  title: string;
  /** The section body, or the reason it failed. */
  markdown: string;
  /** SVG text by file name. */
  svgs: Record<string, string>;
  /** Wall time of `run`, s. */
  seconds: number;
  /** Set when `run` threw: its message (the CLI then exits 1 after writing the report: a bug, not bad input). */
  error?: string;
}
