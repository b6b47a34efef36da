/**
 * The contract between `posecodec bench` (src/cli/bench.ts: arguments, input
 * files) and the benchmark itself (bench/main.ts, built to dist/bench/main.js
 * and loaded at run time, so that no library entry bundles it).
 */

/** A parsed, checked `posecodec bench` invocation. */
export interface BenchRequest {
  /** `--quick`: smaller samples and batches. */
  quick: boolean;
  /** `--seed`: sampling seed (safe integer), or the default. */
  seed?: number;
  /** False with `--no-gpu`. */
  gpu: boolean;
  /** `--out DIR` (absolute), or undefined for stdout only. */
  out?: string;
  /** Parsed COCO ground truth for the oracle-AP section (an object with `images` and `annotations` arrays) and its path; null for synthetic persons. */
  coco: { data: { images: unknown[]; annotations: unknown[]; categories?: unknown }; file: string } | null;
  /** Folder holding `efficientpose/` and `movenet/` real network heatmaps, or null to skip that section. */
  heatmapsDir: string | null;
  /** Why `heatmapsDir` is null (printed in place of the section). */
  heatmapsMissing?: string;
  /** posecodec's package version. */
  version: string;
}

/** What dist/bench/main.js exports. */
export interface BenchEntry {
  /** Run the benchmark, print it (tables on stdout, progress on stderr), write `out`; returns the exit code. */
  runBenchRequest(request: BenchRequest): Promise<number>;
}
