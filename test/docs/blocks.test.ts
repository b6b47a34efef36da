/** The block extraction the documentation tests rely on (./blocks.ts). */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlocks, expectedLogs } from './blocks.js';

function page(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'posecodec-blocks-')), 'page.md');
  writeFileSync(file, text);
  return file;
}

describe('codeBlocks', () => {
  it('finds ts/js fences with their line, language and marks; ignores other fences', () => {
    const file = page(['# t', '```sh', 'npm test', '```', '<!-- not-run: a browser page -->', '', '```ts', 'a();', '```', '<!-- expect-throws: RangeError -->', '```js', 'b();', '```', '```', 'plain', '```'].join('\n'));
    const blocks = codeBlocks(file);
    expect(blocks.map((b) => [b.line, b.lang, b.code, b.skip, b.throws])).toEqual([
      [7, 'ts', 'a();', 'a browser page', undefined],
      [11, 'js', 'b();', undefined, 'RangeError'],
    ]);
  });
  it('rejects a not-run mark without a reason', () => {
    const file = page(['<!-- not-run: -->', '```ts', 'a();', '```'].join('\n'));
    expect(() => codeBlocks(file)).toThrow(/malformed mark/);
  });
});

describe('expectedLogs', () => {
  it('takes the // text of console.log lines only, in order, trimmed', () => {
    const code = ["console.log(1); // 1", "const x = 2; // not a log", "  console.log(x, 'a'); //  2 a ", "console.log(3);", "f(); console.log(4); // 4"].join('\n');
    expect(expectedLogs(code)).toEqual(['1', '2 a']);
  });
});
