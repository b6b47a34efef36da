import { UsageError } from './usage.js';
/** `posecodec decode` (not built yet). */
export async function runDecode(_argv: string[]): Promise<number> {
  throw new UsageError('decode is not available yet');
}
