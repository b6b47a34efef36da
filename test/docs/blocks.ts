/**
 * The code blocks of README.md and docs/*.md, for the documentation tests
 * (`examples.test.ts` runs them, `types.test.ts` type-checks them).
 *
 * A block is a fence opened by ```ts, ```typescript, ```js, ```javascript or
 * ```mjs. Marks go on the last non-blank line before the fence:
 * - `<!-- not-run: reason -->`: not run (browser-only code, a model session);
 *   still type-checked;
 * - `<!-- expect-throws: RangeError -->` (or TypeError, …): running it must
 *   throw that error class.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Block {
  /** Absolute path of the markdown file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The not-run reason. */
  skip?: string;
  /** The error class name the block must throw. */
  throws?: string;
}

/** Fenced ts/js blocks of a markdown file, with their marks. */
export function codeBlocks(file: string): Block[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^```(ts|typescript|js|javascript|mjs)\s*$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```')) j++;
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const prev = k >= 0 ? lines[k] : '';
    const skip = /<!--\s*not-run:\s*(\S.*?)\s*-->/.exec(prev)?.[1];
    const throws = /<!--\s*expect-throws:\s*([A-Za-z]+)\s*-->/.exec(prev)?.[1];
    if (/<!--\s*(not-run|expect-throws)\b/.test(prev) && !skip && !throws) {
      throw new Error(`${file}:${k + 1}: malformed mark ${prev.trim()} (a not-run mark needs a reason)`);
    }
    out.push({ file, line: i + 1, lang: m[1], code: lines.slice(i + 1, j).join('\n'), skip, throws });
    i = j;
  }
  return out;
}

/** `// text` comments of console.log lines, in source order. */
export function expectedLogs(code: string): string[] {
  return code
    .split('\n')
    .filter((l) => /^\s*console\.log\(/.test(l) && /\);\s*\/\/\s?/.test(l))
    .map((l) => l.replace(/^.*\);\s*\/\/\s?/, '').trim());
}

/** README.md and every docs/*.md. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return [join(ROOT, 'README.md'), ...docs.map((f) => join(ROOT, 'docs', f))];
}

/** `README.md:54` style location of a block. */
export function where(b: Block): string {
  return `${b.file.slice(ROOT.length + 1)}:${b.line}`;
}
