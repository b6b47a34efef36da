import { UsageError } from './usage.js';
/** `posecodec coco-eval` (not built yet). */
export async function runCocoEval(_argv: string[]): Promise<number> {
  throw new UsageError('coco-eval is not available yet');
}
