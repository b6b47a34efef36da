/** The CLI's safe file reading: regular files only, size caps, JSON nesting and container caps. */
import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonShape, readInputFile, readJsonFile, MAX_JSON_DEPTH } from '../../src/cli/read-input.js';
import { UsageError } from '../../src/cli/usage.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('jsonShape', () => {
  it('counts depth and containers, skipping brackets inside strings and escaped quotes', () => {
    expect(jsonShape(enc('{"a": [1, {"b": "[[[{"}], "c\\"[": []}'))).toEqual({ depth: 3, containers: 4 });
    expect(jsonShape(enc('3'))).toEqual({ depth: 0, containers: 0 });
  });

  it('law: the depth of JSON.stringify(v) is the nesting depth of v', () => {
    const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);
    fc.assert(fc.property(fc.jsonValue(), (v) => jsonShape(enc(JSON.stringify(v))).depth === depthOf(v)), { numRuns: 200 });
  });
});

describe('readInputFile / readJsonFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'posecodec-read-'));
    writeFileSync(join(dir, 'a.json'), '{"x": [1, 2]}');
    writeFileSync(join(dir, 'deep.json'), '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
    writeFileSync(join(dir, 'ten.bin'), Buffer.alloc(10));
  });

  it('reads a regular file whole and parses JSON', () => {
    expect(readInputFile(join(dir, 'ten.bin'), 'x', 10).length).toBe(10);
    expect(readJsonFile(join(dir, 'a.json'), '--gt')).toEqual({ x: [1, 2] });
  });

  it.each([
    ['a directory', () => readInputFile(dir, '--gt', 100), /--gt .*a directory/],
    ['a device', () => readInputFile('/dev/zero', '--gt', 100), /--gt \/dev\/zero: a device/],
    ['a missing file', () => readInputFile(join(dir, 'nope'), '--dt', 100), /--dt .*no such file/],
    ['a file over the cap', () => readInputFile(join(dir, 'ten.bin'), 'heatmaps', 9), /heatmaps .*10 bytes, over the 9-byte limit/],
    ['JSON nested too deep', () => readJsonFile(join(dir, 'deep.json'), '--gt'), /nested 65 deep/],
    ['invalid JSON', () => readJsonFile(join(dir, 'ten.bin'), '--gt'), /not valid JSON/],
  ])('%s: UsageError naming the flag and the file', (_n, fn, msg) => {
    expect(fn).toThrow(UsageError);
    expect(fn).toThrow(msg);
  });
});
