import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBaseCommit } from '../../src/update/base-ref.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const git = (cwd: string, args: string[]) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
};

describe('the base commit of update', () => {
  it('records each file with the mode the render gave it, whatever its name', () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-base-ref-'));
    git(dir, ['init', '-q']);
    const files = new Map([
      ['mvnw', Buffer.from('#!/bin/sh\n')],
      ['scripts/launch', Buffer.from('#!/bin/sh\n')],
      ['docs/example.sh', Buffer.from('echo only an example\n')],
      ['bin/README.md', Buffer.from('# tools\n')],
    ]);
    const executables = new Set(['mvnw', 'scripts/launch']);
    const commit = writeBaseCommit(dir, 'refs/create-backend/base', files, (path) => (executables.has(path) ? 0o755 : 0o644), 'base');
    const modes = Object.fromEntries(git(dir, ['ls-tree', '-r', commit]).trim().split('\n').map((line) => {
      const [meta, path] = line.split('\t');
      return [path, meta!.split(' ')[0]];
    }));
    expect(modes).toEqual({ 'bin/README.md': '100644', 'docs/example.sh': '100644', mvnw: '100755', 'scripts/launch': '100755' });
  });
});
