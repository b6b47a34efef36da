/**
 * Every TypeScript code block of README.md and docs/*.md type-checks under the
 * project's strict settings, as a user would write it: `posecodec` and
 * `posecodec/<area>` resolve to src/ (tsconfig `paths`), `ndarray` to its
 * types. Not-run blocks are checked too, against RUNTIME_STUBS: the few names
 * of packages posecodec does not depend on (`@tensorflow/tfjs`,
 * `onnxruntime-web`) that those blocks use. (They are written next to the
 * blocks at run time, never into the project's own type-check.)
 *
 * Only diagnostics inside the blocks count (errors in src/ are the type-check
 * of `npm run typecheck`). JavaScript blocks are run, not type-checked.
 * Cost: one TypeScript program; only the blocks' diagnostics are asked for, so
 * the checker resolves just the src/ types they reach (a few seconds).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ROOT, codeBlocks, documentationFiles, where, type Block } from './blocks.js';

const HERE = dirname(fileURLToPath(import.meta.url));
// Inside the project (so that `ndarray` and @types resolve), one folder per run.
mkdirSync(join(HERE, '.blocks'), { recursive: true });
const TMP = mkdtempSync(join(HERE, '.blocks', 'types-'));

/**
 * What the not-run blocks use of runtimes posecodec does not depend on, reduced
 * from those packages' own declarations.
 */
const RUNTIME_STUBS = `declare module '@tensorflow/tfjs' {
  export interface Tensor {
    shape: number[];
    data(): Promise<Float32Array | Int32Array | Uint8Array>;
  }
  export type Tensor4D = Tensor;
  export interface GraphModel {
    execute(inputs: Tensor, outputs?: string | string[]): Tensor | Tensor[];
  }
}

declare module 'onnxruntime-web' {
  export class Tensor {
    constructor(type: 'float32', data: Float32Array, dims: readonly number[]);
    readonly data: Float32Array | Int32Array | Uint8Array;
    readonly dims: readonly number[];
  }
  export class InferenceSession {
    static create(path: string): Promise<InferenceSession>;
    readonly outputNames: readonly string[];
    run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  }
}
`;

afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

/** Type errors of each TypeScript block, keyed by `where(block)`. */
function typeErrors(blocks: Block[]): Map<string, string[]> {
  const byFile = new Map<string, Block>();
  blocks.forEach((b, n) => {
    const path = join(TMP, `block-${n}.ts`);
    writeFileSync(path, `${b.code}\nexport {};\n`);
    byFile.set(path, b);
  });
  const stubs = join(TMP, 'runtime-stubs.d.ts');
  writeFileSync(stubs, RUNTIME_STUBS);
  const program = ts.createProgram([...byFile.keys(), stubs], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: ROOT,
    paths: { posecodec: ['src/index.ts'], 'posecodec/*': ['src/*/index.ts'] },
  });
  const errors = new Map<string, string[]>(blocks.map((b) => [where(b), []]));
  // Diagnostics of the block files only: the checker then resolves just the src/ types they reach.
  const diagnostics = [...byFile.keys()].flatMap((path) => {
    const sf = program.getSourceFile(path)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  });
  for (const d of [...program.getOptionsDiagnostics(), ...diagnostics]) {
    if (!d.file) throw new Error(`type-check set-up: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    const b = byFile.get(d.file.fileName);
    if (!b || d.start === undefined) continue;
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
    errors.get(where(b))!.push(`line ${b.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return errors;
}

describe('documentation code blocks type-check', () => {
  const blocks = documentationFiles()
    .flatMap(codeBlocks)
    .filter((b) => b.lang === 'ts' || b.lang === 'typescript');
  let errors: Map<string, string[]> | undefined;
  it('finds TypeScript blocks', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });
  it('every TypeScript block has no type error', { timeout: 120_000 }, () => {
    errors ??= typeErrors(blocks);
    const bad = [...errors].filter(([, e]) => e.length > 0).map(([w, e]) => `${w}\n  ${e.join('\n  ')}`);
    expect(bad, bad.join('\n')).toEqual([]);
  });
});
