/**
 * The kit has no test-runner imports: it runs under node:test, from ESM and
 * from CommonJS (the module format Jest loads), against the built package.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/oracle.js';

function nodeTest(file: string) {
  return spawnSync(process.execPath, ['--test', path.join(PROJECT_ROOT, 'test/testing/fixtures', file)], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('posecodec/testing under other runners', () => {
  for (const file of ['node-test-kit.mjs', 'node-test-kit.cjs']) {
    it(`node --test ${file}: every test passes`, () => {
      const r = nodeTest(file);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/# pass [1-9]/);
      expect(r.stdout).toMatch(/# fail 0/);
    });
  }
});
