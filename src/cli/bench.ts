import { UsageError } from './usage.js';
/** `posecodec bench` (not built yet). */
export async function runBench(_argv: string[]): Promise<number> {
  throw new UsageError('bench is not available yet');
}
