/**
 * Every TypeScript/JavaScript code block in README.md and docs/*.md runs, and
 * prints what it says it prints.
 *
 * A block's `import ... from 'posecodec'` / `'posecodec/<area>'` is pointed at
 * src/; the block is written to a temporary module beside this file and
 * imported (top-level await works). For every `console.log(...)` line that
 * ends in a `// text` comment, the logged line must equal `text`, in order.
 * Every block that runs must state at least one such line, and nothing else
 * may be logged (the whole output is compared, each call formatted as Node's
 * console.log formats it, so `console.log([1, 2])` prints `[ 1, 2 ]`). Paths
 * in a block are relative to the project root (the test's working directory),
 * e.g. `'../shared/data/coco/test_coco.json'`.
 *
 * Marks (./blocks.ts), on the last non-blank line before the fence:
 * - `<!-- not-run: reason -->` (browser-only code, a model session): skipped,
 *   with its reason in the test name; at most MAX_NOT_RUN of them, and a page
 *   with one must also have a block that runs;
 * - `<!-- expect-throws: RangeError -->` (or TypeError, …): the block must
 *   throw that error class; lines logged before the throw are still checked.
 * Every block is also type-checked (./types.test.ts).
 */
import { describe, it, expect, vi, afterAll } from 'vitest';
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT, codeBlocks, documentationFiles, expectedLogs, where as blockWhere } from './blocks.js';

// Inside the project (so that `ndarray` resolves), one folder per run (parallel runs never share one).
const BLOCKS = join(dirname(fileURLToPath(import.meta.url)), '.blocks');
mkdirSync(BLOCKS, { recursive: true });
const TMP = mkdtempSync(join(BLOCKS, 'run-'));

function pointAtSrc(code: string): string {
  return code.replace(/from\s+'posecodec(\/[a-z-]+)?'/g, (_, sub: string | undefined) => {
    const target = join(ROOT, 'src', sub ? `${sub.slice(1)}/index.ts` : 'index.ts');
    return `from '${target}'`;
  });
}

/** A not-run block is the exception (browser-only code, a model session): at most this many. */
const MAX_NOT_RUN = 8;

const blocks = documentationFiles().flatMap(codeBlocks);

afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

describe('documentation code blocks run and print what they state', () => {
  it('finds code blocks to run', () => {
    expect(blocks.filter((b) => !b.skip).length).toBeGreaterThan(5);
  });
  it('not-run blocks are few, and a page with one also has a block that runs', () => {
    const skipped = blocks.filter((b) => b.skip);
    expect(skipped.length, skipped.map((b) => `${b.file}:${b.line}`).join('\n')).toBeLessThanOrEqual(MAX_NOT_RUN);
    for (const file of new Set(skipped.map((b) => b.file))) {
      expect(blocks.some((b) => b.file === file && !b.skip), `${file} has only not-run blocks`).toBe(true);
    }
  });
  for (const [n, b] of blocks.entries()) {
    const where = blockWhere(b);
    if (b.skip) {
      it.skip(`${where} (not run: ${b.skip})`, () => {});
      continue;
    }
    it(where, async () => {
      const path = join(TMP, `block-${n}.${b.lang.startsWith('t') ? 'ts' : 'mjs'}`);
      writeFileSync(path, `${pointAtSrc(b.code)}\nexport {};\n`);
      const want = expectedLogs(b.code);
      if (!b.throws) expect(want.length, `${where} states no output: end a console.log line with // expected`).toBeGreaterThan(0);
      const logged: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        logged.push(format(...args).trim()); // a // comment cannot show leading or trailing blanks
      });
      let thrown: unknown;
      try {
        await import(pathToFileURL(path).href);
      } catch (e) {
        if (!b.throws) throw e;
        thrown = e;
      } finally {
        spy.mockRestore();
      }
      if (b.throws) {
        expect(thrown, `${where} should throw a ${b.throws}`).toBeInstanceOf(Error);
        expect((thrown as Error).constructor.name, String(thrown)).toBe(b.throws);
      }
      expect(logged, `console output of ${where}`).toEqual(want);
    });
  }
});
