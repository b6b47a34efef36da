/**
 * `posecodec` command line: `decode`, `coco-eval`, `coco-analyze`, `bench`.
 * Exit status 0 on success, 2 on bad usage or bad input (one line on stderr),
 * 1 only for an internal error (a bug: please report it).
 */
import { readFileSync } from 'node:fs';
import { isUsageError, firstLine, UsageError } from './usage.js';

const HELP = `usage: posecodec <command> [options]

commands:
  decode <heatmaps.npy>    decode [K,H,W] or [B,K,H,W] heatmaps to keypoint JSON
  coco-eval --gt F --dt F  COCO keypoint AP/AR (pycocotools COCOeval)
  coco-analyze --gt F --dt F [--out DIR]
                           keypoint error diagnosis (coco-analyze): report and SVG plots
  bench                    codec accuracy and speed report

'posecodec <command> --help' shows a command's options; 'posecodec --version' the version.

Exit status: 0 ok, 2 bad usage or bad input (one line on stderr), 1 internal error.`;

const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  decode: async () => (await import('./decode.js')).runDecode,
  'coco-eval': async () => (await import('./coco-eval.js')).runCocoEval,
  'coco-analyze': async () => (await import('./coco-analyze.js')).runCocoAnalyze,
  bench: async () => (await import('./bench.js')).runBench,
};

function packageVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (dist/cli/main.js or a dist chunk)
    }
  }
  return 'unknown';
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    process.stderr.write("posecodec: no command given (decode, coco-eval, coco-analyze, bench); 'posecodec --help' lists them\n");
    return 2;
  }
  if (cmd === '-h' || cmd === '--help' || (cmd === 'help' && rest.length === 0)) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  if (cmd === 'help') return main([rest[0], '--help']);
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) throw new UsageError(`unknown command ${JSON.stringify(cmd)}; try 'posecodec --help'`);
  return (await load())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isUsageError(err)) {
      process.stderr.write(`posecodec: ${firstLine(err)}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`posecodec: internal error: ${firstLine(err)} (a bug: set POSECODEC_DEBUG=1 for the stack)\n`);
    if (process.env.POSECODEC_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
