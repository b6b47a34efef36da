/**
 * `posecodec coco-eval --gt <person_keypoints.json> --dt <results.json> [--json]`:
 * prints the 10 pycocotools summary lines, or `{ "stats": [...] }` with --json.
 */
import { parseArgs, UsageError } from './usage.js';
import { cocoKeypointEval, loadCoco, loadResults } from '../metrics/index.js';

/** Run the subcommand; returns the exit code (bad input throws, and main exits 2). */
export async function runCocoEval(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['json'], ['gt', 'dt']);
  if (positional.length > 0) throw new UsageError(`coco-eval takes no positional arguments, got ${JSON.stringify(positional[0])}`);
  const gtPath = flags.get('gt');
  const dtPath = flags.get('dt');
  if (typeof gtPath !== 'string') throw new UsageError('coco-eval needs --gt <person_keypoints.json>');
  if (typeof dtPath !== 'string') throw new UsageError('coco-eval needs --dt <results.json>');
  const gt = loadCoco(gtPath);
  const results = loadResults(dtPath, gt);
  const r = cocoKeypointEval(gt, results);
  process.stdout.write(flags.has('json') ? JSON.stringify({ stats: r.stats }) + '\n' : r.summary + '\n');
  return 0;
}
