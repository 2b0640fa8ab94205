import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO, WORK } from './harness.js';

/**
 * `npx create-backend` from the packed tarball, as users get it: the published file list must carry
 * everything the CLI needs at run time (dist, templates, versions manifests), and nothing from test/.
 */
it('the packed tarball installs and generates a project', async () => {
  const dir = join(WORK, 'tarball');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pack = await execa('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO });
  const [{ filename, files }] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  expect(files.some((f) => f.path.startsWith('test/'))).toBe(false);
  expect(files.some((f) => f.path === 'templates/node/pack.json')).toBe(true);

  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tarball-check', private: true }));
  await execa('npm', ['install', '--no-audit', '--no-fund', join(dir, filename)], { cwd: dir });
  const run = await execa('npx', ['create-backend', 'demo', '--yes', '--no-install', '--no-git', '--json'], { cwd: dir, reject: false });
  expect(run.exitCode, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { ok: boolean; files: string[] };
  expect(result.ok).toBe(true);
  for (const file of ['package.json', 'backend.yaml', 'src/server.ts', 'migrations/0001_init.sql']) {
    expect(existsSync(join(dir, 'demo', file)), file).toBe(true);
  }
  expect(readFileSync(join(dir, 'demo', 'backend.yaml'), 'utf8')).toContain('name: demo');
}, 300_000);
