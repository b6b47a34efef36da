#!/usr/bin/env node
/**
 * The packed package works for a new user (run by `npm test`, after the build):
 *   1. `npm pack` the built package; install the tarball and nothing else but
 *      `ndarray` into a fresh project in a temporary folder;
 *   2. type-check the README's usage snippet there with strict TypeScript under
 *      `moduleResolution` nodenext, node16 and bundler (and node10, through
 *      `typesVersions`), with no `@types` but what the package brings;
 *   3. run it (ESM) and check it prints what the README says, on this Node and
 *      on the lowest supported Node (package.json `engines`, fetched with
 *      `npx node@<version>` when the registry answers);
 *   4. `require()` every entry from CommonJS (but posecodec/testing, whose peer
 *      fast-check a plain install does not bring).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

function usageSnippet() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /## Usage\s+```ts\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no ```ts block under "## Usage"');
  return m[1];
}

function expected(code) {
  return code.split('\n').filter((l) => /^\s*console\.log\(/.test(l) && /\/\/\s?/.test(l)).map((l) => l.replace(/^.*\);\s*\/\/\s?/, '').trim());
}

const dir = mkdtempSync(join(tmpdir(), 'posecodec-pack-'));
try {
  const tgz = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT }).trim().split('\n').pop();
  const files = run('tar', ['-tzf', join(dir, tgz)]).split('\n');
  for (const need of ['package/dist/index.js', 'package/dist/index.cjs', 'package/dist/index.d.ts', 'package/dist/cli/main.js', 'package/LICENSE']) {
    if (!files.includes(need)) throw new Error(`the packed package lacks ${need}`);
  }
  if (files.some((f) => f.startsWith('package/src/') || f.includes('/test/'))) throw new Error('the packed package ships src/ or tests');
  const app = join(dir, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', join(dir, tgz), `ndarray@${pkg.dependencies.ndarray}`], { cwd: app });
  const atTypes = readdirSync(join(app, 'node_modules', '@types'));
  const code = usageSnippet();
  writeFileSync(join(app, 'usage.ts'), code);
  for (const [module, resolution] of [['nodenext', 'nodenext'], ['node16', 'node16'], ['esnext', 'bundler'], ['commonjs', 'node10']]) {
    const src = resolution === 'node10' ? code.replace(/await /g, '') : code;
    writeFileSync(join(app, `usage-${resolution}.ts`), resolution === 'node10' ? `${src}\nexport {};\n` : src);
    try {
      run(process.execPath, [tsc, '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', 'false', '--target', 'es2022', '--module', module, '--moduleResolution', resolution, '--types', atTypes.join(','), `usage-${resolution}.ts`], { cwd: app });
    } catch (e) {
      throw new Error(`strict type-check of the README usage under moduleResolution ${resolution} failed:\n${e.stdout}${e.stderr}`);
    }
  }
  run(process.execPath, [tsc, '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', atTypes.join(','), 'usage.ts'], { cwd: app });
  const want = expected(code).join('\n');
  const got = run(process.execPath, ['usage.js'], { cwd: app }).trim();
  if (got !== want) throw new Error(`README usage printed\n${got}\ninstead of\n${want}`);
  // posecodec/testing needs its peer fast-check, which a plain install does not bring.
  const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json' && k !== './testing').map((k) => k.replace(/^\./, 'posecodec'));
  run(process.execPath, ['-e', entries.map((e) => `require(${JSON.stringify(e)});`).join('')], { cwd: app });
  const lowest = /^>=\s*(\d+\.\d+(\.\d+)?)$/.exec(pkg.engines.node)?.[1];
  let lowestNote = `(engines ${pkg.engines.node} not checked: not of the form >=x.y)`;
  if (lowest) {
    try {
      const out = run('npx', ['--yes', `node@${lowest}`, 'usage.js'], { cwd: app, timeout: 180_000 }).trim();
      if (out !== want) throw new Error(`README usage on Node ${lowest} printed\n${out}\ninstead of\n${want}`);
      run('npx', ['--yes', `node@${lowest}`, join(app, 'node_modules', 'posecodec', 'dist', 'cli', 'main.js'), '--help'], { cwd: app, timeout: 60_000 });
      lowestNote = `and on Node ${lowest} (the lowest in engines)`;
    } catch (e) {
      if (e.message?.startsWith('README usage')) throw e;
      if (e.stderr && /node@|E404|ENOTFOUND|EAI_AGAIN|network/i.test(e.stderr)) lowestNote = `(Node ${lowest} could not be fetched: ${e.stderr.split('\n')[0]})`;
      else throw new Error(`Node ${lowest}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }
  console.log(`package check: ${tgz} (${files.length} files) installs with only ndarray; README usage type-checks strict under nodenext, node16, bundler, node10; runs and prints what it states on ${process.version} ${lowestNote}; every entry but testing loads with require()`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
