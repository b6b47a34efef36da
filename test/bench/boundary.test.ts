/**
 * The benchmark stays out of the library (issue 11): no source under src/
 * imports bench/, and no library entry of the built package (package.json
 * `exports`) reaches a bench module; only `posecodec bench` loads
 * dist/bench/main.js, at run time.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/oracle.js';

const SRC = path.join(PROJECT_ROOT, 'src');
const DIST = path.join(PROJECT_ROOT, 'dist');
const BENCH = path.join(PROJECT_ROOT, 'bench') + path.sep;

/** Sources allowed to import bench/: none (kept as a list so a future exception must be named). */
const KNOWN_VIOLATIONS: string[] = [];

function walk(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

/** Relative specifiers of static, dynamic, type-only and require imports. */
function specifiers(text: string): string[] {
  const re = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  return [...text.matchAll(re)].map((m) => m[2]);
}

describe('bench stays out of the library', () => {
  it('no file under src/ imports a module under bench/', () => {
    const offenders = walk(SRC, /\.(ts|mts|js|mjs)$/).filter((f) => {
      const rel = path.relative(PROJECT_ROOT, f).split(path.sep).join('/');
      if (KNOWN_VIOLATIONS.includes(rel)) return false;
      return specifiers(fs.readFileSync(f, 'utf8')).some((s) => path.resolve(path.dirname(f), s).startsWith(BENCH));
    });
    expect(offenders.map((f) => path.relative(PROJECT_ROOT, f))).toEqual([]);
  });

  it.skipIf(!fs.existsSync(path.join(DIST, 'index.js')))('no library entry of the built package reaches a bench module (esbuild marks each with a "// bench/…" line)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
    const entries = Object.values(pkg.exports)
      .flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))
      .filter((p) => /\.(c?js)$/.test(p))
      .map((p) => path.join(PROJECT_ROOT, p));
    expect(entries.length).toBeGreaterThan(8);
    const seen = new Set<string>();
    const queue = [...entries];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f) || !fs.existsSync(f)) continue;
      seen.add(f);
      for (const s of specifiers(fs.readFileSync(f, 'utf8'))) queue.push(path.resolve(path.dirname(f), s));
    }
    const withBench = [...seen].filter((f) => /^\/\/ bench\//m.test(fs.readFileSync(f, 'utf8')));
    expect(withBench.map((f) => path.relative(DIST, f))).toEqual([]);
    expect(seen.size).toBeGreaterThan(entries.length);
  });

  it.skipIf(!fs.existsSync(path.join(DIST, 'cli', 'main.js')))('the CLI does not bundle the bench statically; dist/bench/main.js holds it', () => {
    const cli = fs.readFileSync(path.join(DIST, 'cli', 'main.js'), 'utf8');
    expect(cli).not.toMatch(/^\/\/ bench\//m);
    expect(fs.readFileSync(path.join(DIST, 'bench', 'main.js'), 'utf8')).toMatch(/^\/\/ bench\/main\.ts$/m);
  });
});
