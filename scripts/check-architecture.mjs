#!/usr/bin/env node
/**
 * Architecture check (run by `npm test`): reads every import in src/ and
 * fails on
 *   1. an import circle between files (what `madge --circular` reports),
 *   2. an arrow against the layers of docs/architecture.md (a lower layer
 *      importing a higher one; `core` importing anything but `core`),
 *   3. an import of the benchmark (bench/) from anywhere in src/ (the CLI loads
 *      the built bench at run time, dist/bench/main.js),
 *   4. a source file over 250 lines whose header does not say why
 *      (a line containing "Long file:").
 * No dependencies: a regex over import/export-from statements is enough for
 * this code base (no dynamic imports of project files outside src/gpu).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 250;

/** Layer of each area of src/: an area may import its own layer's files only when it is the same area, and lower layers freely. */
export const LAYERS = {
  core: 0,
  io: 1,
  encode: 1,
  decode: 2,
  codecs: 3,
  metrics: 4,
  crop: 4,
  render: 4,
  temporal: 5,
  gpu: 5,
  testing: 6,
  cli: 7,
};

function walk(dir) {
  const out = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|mts)$/.test(f) && !f.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

function importsOf(file) {
  const src = readFileSync(file, 'utf8');
  const out = [];
  for (const m of src.matchAll(IMPORT_RE)) {
    const spec = m[1];
    if (!spec.startsWith('.')) continue;
    out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

function areaOf(file) {
  const rel = relative(SRC, file).split(sep);
  return rel.length === 1 ? '(root)' : rel[0];
}

const files = walk(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const problems = [];

// 2 + 3: layers and the benchmark boundary.
for (const [file, deps] of graph) {
  const from = areaOf(file);
  const isIndex = file.endsWith(`${sep}index.ts`);
  for (const dep of deps) {
    const relDep = relative(ROOT, dep);
    if (!dep.startsWith(SRC + sep)) {
      if (relDep.startsWith(`bench${sep}`)) problems.push(`${relative(ROOT, file)} imports the benchmark (${relDep}); src/ never does (the CLI loads dist/bench/main.js at run time)`);
      else problems.push(`${relative(ROOT, file)} imports ${relDep}, outside src/`);
      continue;
    }
    const to = areaOf(dep);
    if (from === '(root)' || to === from) continue;
    if (!(from in LAYERS)) { problems.push(`${relative(ROOT, file)}: area '${from}' has no layer in scripts/check-architecture.mjs`); continue; }
    if (!(to in LAYERS)) { problems.push(`${relative(ROOT, dep)}: area '${to}' has no layer in scripts/check-architecture.mjs`); continue; }
    // An area's index.ts is also its package entry and may re-export what the public contract puts there.
    if (isIndex) continue;
    if (LAYERS[to] >= LAYERS[from]) problems.push(`${relative(ROOT, file)} (${from}, layer ${LAYERS[from]}) imports ${relative(ROOT, dep)} (${to}, layer ${LAYERS[to]}): arrows go down the layers only`);
  }
}

// 1: circles (Tarjan's strongly connected components).
let index = 0;
const idx = new Map(), low = new Map(), onStack = new Set(), stack = [];
function strong(v) {
  idx.set(v, index); low.set(v, index); index++;
  stack.push(v); onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).includes(v);
    if (comp.length > 1 || selfLoop) problems.push(`import circle: ${comp.map((f) => relative(ROOT, f)).join(' → ')}`);
  }
}
for (const f of files) if (!idx.has(f)) strong(f);

// 4: long files must say why.
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const lines = text.split('\n').length;
  if (lines > MAX_LINES && !/Long file:/.test(text.slice(0, 3000))) problems.push(`${relative(ROOT, f)} has ${lines} lines (> ${MAX_LINES}) and no "Long file:" reason in its header`);
}

if (problems.length) {
  console.error(`architecture check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`architecture check: ${files.length} files in src/, no import circle, every arrow goes down the layers, no file over ${MAX_LINES} lines without a reason`);
