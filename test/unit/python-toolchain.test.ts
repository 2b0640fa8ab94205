import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonInstallCommands } from '../../src/stacks/python/toolchain.js';

const uvOnPath = spawnSync('uv', ['--version']).status === 0;

/**
 * `update` runs the install post-step again in a project that has its .venv (src/cli/update.ts): with uv on PATH
 * (as in CI, .ci/uv.sh) that must reuse the venv, as `python3 -m venv .venv` does, not fail on it.
 */
describe('python install with uv', () => {
  it.skipIf(!uvOnPath)('creates the venv, and runs again over an existing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-uv-venv-'));
    try {
      const [venv] = pythonInstallCommands();
      expect(venv?.file).toBe('uv');
      for (const run of ['first', 'again']) {
        const r = spawnSync(venv!.file, venv!.args, { cwd: dir, encoding: 'utf8' });
        expect(r.status, `${run}: ${r.stderr}`).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
