/**
 * `posecodec` command line: `decode`, `coco-eval`, `bench`.
 * Exit code 0 on success, 2 on bad usage or bad input (one line on stderr).
 */
import { UsageError } from './usage.js';

const HELP = `usage:
  posecodec decode <heatmaps.npy> [--method argmax|quarter|dark|dark-udp|soft-argmax]
                   [--blur-kernel 11] [--beta 1] [--input-size w,h] [--udp] [--out file.json]
  posecodec coco-eval --gt <person_keypoints.json> --dt <results.json> [--json]
  posecodec bench [--quick] [--out DIR]`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'decode':
      return (await import('./decode.js')).runDecode(rest);
    case 'coco-eval':
      return (await import('./coco-eval.js')).runCocoEval(rest);
    case 'bench':
      return (await import('./bench.js')).runBench(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP + '\n');
      return cmd === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(cmd)}; try 'posecodec --help'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const bad = err instanceof UsageError || err instanceof TypeError || err instanceof RangeError || (err as NodeJS.ErrnoException)?.code === 'ENOENT';
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`posecodec: ${msg.split('\n')[0]}\n`);
    process.exitCode = bad ? 2 : 1;
  },
);
