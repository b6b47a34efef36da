/**
 * `posecodec coco-eval --gt <person_keypoints.json> --dt <results.json> [--json]`:
 * prints the 10 pycocotools summary lines, or `{ "stats": [...] }` with --json.
 */
import { cocoKeypointEval, type CocoDataset, type CocoKeypointResult } from '../metrics/index.js';
import { parseArgs, wantsHelp, firstLine, UsageError } from './usage.js';
import { readJsonFile } from './read-input.js';

/** `posecodec coco-eval --help`. */
export const COCO_EVAL_HELP = `usage: posecodec coco-eval --gt <person_keypoints.json> --dt <results.json> [--json]

COCO keypoint evaluation (pycocotools COCOeval, iouType 'keypoints'): prints
the 10 summary lines (AP, AP@.5, AP@.75, AP M, AP L, AR, ...).

  --gt FILE      COCO ground truth: { images, annotations, categories }
  --dt FILE      results: [{ image_id, category_id, keypoints: [x, y, v] × K, score }]
  --json         print { "stats": [10 numbers] } instead
  -h, --help     this help

Exit status: 0 ok, 2 bad usage or bad input (one line on stderr), 1 internal error.`;

/** Run the subcommand; returns the exit code (bad input throws {@link UsageError}, and main exits 2). */
export async function runCocoEval(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(COCO_EVAL_HELP + '\n');
    return 0;
  }
  const { positional, flags } = parseArgs(argv, ['json'], ['gt', 'dt']);
  if (positional.length > 0) throw new UsageError(`coco-eval takes no positional arguments, got ${JSON.stringify(positional[0])}`);
  const gtPath = flags.get('gt');
  const dtPath = flags.get('dt');
  if (typeof gtPath !== 'string') throw new UsageError('coco-eval needs --gt <person_keypoints.json>');
  if (typeof dtPath !== 'string') throw new UsageError('coco-eval needs --dt <results.json>');
  const gt = readJsonFile(gtPath, '--gt') as CocoDataset;
  const dt = readJsonFile(dtPath, '--dt');
  if (!Array.isArray(dt)) throw new UsageError(`--dt ${dtPath}: must be a JSON array of keypoint results`);
  let r: ReturnType<typeof cocoKeypointEval>;
  try {
    r = cocoKeypointEval(gt, dt as CocoKeypointResult[]);
  } catch (e) {
    // cocoKeypointEval validates both inputs and names the offending record with a TypeError/RangeError.
    if (e instanceof TypeError || e instanceof RangeError) throw new UsageError(`coco-eval: ${firstLine(e)}`);
    throw e;
  }
  process.stdout.write(flags.has('json') ? JSON.stringify({ stats: r.stats }) + '\n' : r.summary + '\n');
  return 0;
}
