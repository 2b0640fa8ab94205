import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonInstallCommands } from '../../src/stacks/python/toolchain.js';

const uvOnPath = spawnSync('uv', ['--version']).status === 0;

/**
 * The install post-step is `uv sync`: it writes uv.lock beside .venv, and `update` runs it again in a project that
 * has both (src/cli/update.ts), where it must keep them rather than fail. A project without dependencies needs no
 * registry, so this runs offline.
 */
describe('python install with uv', () => {
  it.skipIf(!uvOnPath)('writes .venv and uv.lock, and runs again over both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-uv-sync-'));
    try {
      writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "demo"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = []\n');
      const commands = pythonInstallCommands();
      expect(commands.map((c) => [c.file, ...c.args].join(' '))).toEqual(['uv sync']);
      let lock = '';
      for (const run of ['first', 'again']) {
        for (const c of commands) {
          const r = spawnSync(c.file, [...c.args, '--offline'], { cwd: dir, encoding: 'utf8' });
          expect(r.status, `${run}: ${r.stderr}`).toBe(0);
        }
        expect(existsSync(join(dir, '.venv/bin/python')), run).toBe(true);
        const now = readFileSync(join(dir, 'uv.lock'), 'utf8');
        if (lock) expect(now, 'the second sync keeps the lock').toBe(lock);
        lock = now;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
