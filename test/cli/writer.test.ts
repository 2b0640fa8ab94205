import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertCompleteProject, cli, parseJson, QUICK, requireBuild, SHOP, stagingLeftovers, tempRoot, treeHashes, type JsonFailure } from './helpers.js';

/** Writing the project: empty or not, --force, conflicts, symlinks, files in the way, reproducibility. */
requireBuild();
const next = tempRoot('writer');
const ARGS = ['--config', SHOP, ...QUICK];

async function generateInto(cwd: string, dir: string, extra: string[] = []) {
  return cli([dir, ...ARGS, '--json', ...extra], { cwd });
}

describe('the target directory', () => {
  it('a non-empty directory is refused with exit 2 unless --force; nothing is written', async () => {
    const cwd = next();
    mkdirSync(join(cwd, 'api'), { recursive: true });
    writeFileSync(join(cwd, 'api', 'notes.txt'), 'mine\n');
    const r = await generateInto(cwd, 'api');
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0]).toMatchObject({ rule: 'target-not-empty', path: 'directory' });
    expect(json.errors[0].hint).toContain('--force');
    expect(readdirSync(join(cwd, 'api'))).toEqual(['notes.txt']);
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it('a directory holding only .git counts as empty', async () => {
    const cwd = next();
    mkdirSync(join(cwd, 'api', '.git'), { recursive: true });
    const r = await generateInto(cwd, 'api');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    assertCompleteProject(join(cwd, 'api'));
  });

  it('--force adds the project and leaves an unrelated file untouched', async () => {
    const cwd = next();
    mkdirSync(join(cwd, 'api'), { recursive: true });
    writeFileSync(join(cwd, 'api', 'notes.txt'), 'mine\n');
    const r = await generateInto(cwd, 'api', ['--force']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(readFileSync(join(cwd, 'api', 'notes.txt'), 'utf8')).toBe('mine\n');
    assertCompleteProject(join(cwd, 'api'));
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it('--force refuses (exit 2, nothing written) when a generated file was changed by the user', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'api')).exitCode).toBe(0);
    writeFileSync(join(cwd, 'api', 'backend.yaml'), '# my edits\n', { flag: 'a' });
    writeFileSync(join(cwd, 'api', 'extra.txt'), 'mine\n');
    const before = treeHashes(join(cwd, 'api'));
    const r = await generateInto(cwd, 'api', ['--force']);
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors).toEqual([expect.objectContaining({ rule: 'file-conflict', path: 'backend.yaml' })]);
    expect(treeHashes(join(cwd, 'api'))).toEqual(before);
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it('--dry-run --force names the conflicting files and exits 2, as the real run does', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'api')).exitCode).toBe(0);
    writeFileSync(join(cwd, 'api', 'backend.yaml'), '# my edits\n', { flag: 'a' });
    const before = treeHashes(join(cwd, 'api'));
    const r = await generateInto(cwd, 'api', ['--force', '--dry-run']);
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors).toEqual([expect.objectContaining({ rule: 'file-conflict', path: 'backend.yaml' })]);
    expect(treeHashes(join(cwd, 'api'))).toEqual(before);
  });

  it('--dry-run into a non-empty folder without --force is refused (exit 2), as the real run is', async () => {
    const cwd = next();
    mkdirSync(join(cwd, 'api'), { recursive: true });
    writeFileSync(join(cwd, 'api', 'notes.txt'), 'mine\n');
    const r = await generateInto(cwd, 'api', ['--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors).toEqual([expect.objectContaining({ rule: 'target-not-empty' })]);
    expect(readdirSync(join(cwd, 'api'))).toEqual(['notes.txt']);
  });

  it('a staging sibling left by a killed run is removed and reported; a live run\'s is left alone', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const deadPid = spawnSync('true').pid!; // exited: its process id names no running process
    const dead = `.api.create-backend-${deadPid}`;
    const live = `.api.create-backend-${process.pid}`; // this test runner: still running
    for (const name of [dead, live]) {
      mkdirSync(join(cwd, name, 'src'), { recursive: true });
      writeFileSync(join(cwd, name, 'src', 'half.ts'), 'export const half');
    }
    const r = await cli(['api', ...ARGS], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(stagingLeftovers(cwd)).toEqual([live]);
    expect(String(r.stderr) + String(r.stdout)).toContain(`removed ${dead}`);
    assertCompleteProject(join(cwd, 'api'));
  });

  it('--force over an unmodified generated project succeeds and changes nothing', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'api')).exitCode).toBe(0);
    const before = treeHashes(join(cwd, 'api'));
    const r = await generateInto(cwd, 'api', ['--force']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(treeHashes(join(cwd, 'api'))).toEqual(before);
  });

  it('--force over a generated project updates its files when the model changed', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'api')).exitCode).toBe(0);
    const r = await cli(['api', '--config', SHOP, ...QUICK, '--json', '--force', '--auth', 'jwt', '--entity', 'Review: text:string!'], { cwd });
    expect(r.exitCode, String(r.stdout)).toBe(0);
    assertCompleteProject(join(cwd, 'api'));
    expect(readFileSync(join(cwd, 'api', 'backend.yaml'), 'utf8')).toContain('Review:');
  });

  it('a symlink inside the target that points outside is refused; the outside stays empty', async () => {
    const cwd = next();
    const outside = join(cwd, 'outside');
    mkdirSync(outside, { recursive: true });
    mkdirSync(join(cwd, 'api'), { recursive: true });
    // The link takes the place of a folder the project writes into (backend.yaml's sibling folder).
    symlinkSync(outside, join(cwd, 'api', '.create-backend'));
    const r = await generateInto(cwd, 'api', ['--force']);
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0].message).toMatch(/symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(cwd, 'api'))).toEqual(['.create-backend']);
  });

  it('a target that is a symlink to a directory elsewhere is refused', async () => {
    const cwd = next();
    const outside = join(cwd, 'outside');
    mkdirSync(outside, { recursive: true });
    symlinkSync(outside, join(cwd, 'api'));
    const r = await generateInto(cwd, 'api', ['--force']);
    expect(r.exitCode).toBe(2);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a target that is a file: exit 2, the file untouched', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'api'), 'a file\n');
    const r = await generateInto(cwd, 'api');
    expect(r.exitCode).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0]).toMatchObject({ rule: 'target-directory' });
    expect(readFileSync(join(cwd, 'api'), 'utf8')).toBe('a file\n');
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it('a target below a file: exit 2 naming the file (was an internal error, exit 1)', async () => {
    const cwd = next();
    writeFileSync(join(cwd, 'blocker'), 'a file\n');
    const r = await generateInto(cwd, 'blocker/api');
    expect(r.exitCode).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0]).toMatchObject({ rule: 'target-directory', message: expect.stringContaining('blocker is a file') });
    expect(readFileSync(join(cwd, 'blocker'), 'utf8')).toBe('a file\n');
  });
});

describe('reproducible output', () => {
  it('the same input twice gives byte-identical trees', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'one')).exitCode).toBe(0);
    expect((await generateInto(cwd, 'two')).exitCode).toBe(0);
    const one = treeHashes(join(cwd, 'one'));
    expect(Object.keys(one).length).toBeGreaterThan(10);
    expect(treeHashes(join(cwd, 'two'))).toEqual(one);
  });

  it('the written backend.yaml regenerates the same project', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'one')).exitCode).toBe(0);
    const r = await cli(['two', '--config', join(cwd, 'one', 'backend.yaml'), '--no-install', '--no-git', '--json'], { cwd });
    expect(r.exitCode, String(r.stdout)).toBe(0);
    expect(treeHashes(join(cwd, 'two'))).toEqual(treeHashes(join(cwd, 'one')));
  });

  it('files are not executable except the scripts the packs mark executable', async () => {
    const cwd = next();
    expect((await generateInto(cwd, 'one')).exitCode).toBe(0);
    const { statSync } = await import('node:fs');
    for (const f of Object.keys(treeHashes(join(cwd, 'one')))) {
      const mode = statSync(join(cwd, 'one', f)).mode & 0o777;
      expect(mode & 0o002, `${f} is world-writable`).toBe(0);
      if (!/\.sh$|mvnw$|^bin\//.test(f)) expect(mode & 0o111, `${f} is executable`).toBe(0);
    }
    expect(existsSync(join(cwd, 'one', '.create-backend', 'manifest.json'))).toBe(true);
  });
});
