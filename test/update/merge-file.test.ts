import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markUnmerged, mergeOne } from '../../src/update/merge-file.js';

/** Per-file rules of SPEC 7 and git merge-file semantics, including the unmerged index entry git status shows. */
const base = 'a\nb\nc\nd\ne\n';

describe('mergeOne', () => {
  it('takes the new render where the user changed nothing, keeps the user version where we changed nothing', () => {
    expect(mergeOne(base, base, 'a\nB\nc\nd\ne\n')).toEqual({ status: 'updated', write: 'a\nB\nc\nd\ne\n' });
    expect(mergeOne(base, 'mine\n', base)).toEqual({ status: 'kept' });
  });

  it('merges edits of different lines and marks edits of the same lines with diff3 markers', () => {
    expect(mergeOne(base, 'A\nb\nc\nd\ne\n', 'a\nb\nc\nd\nE\n')).toEqual({ status: 'merged', write: 'A\nb\nc\nd\nE\n' });
    const c = mergeOne(base, 'a\nb\nmine\nd\ne\n', 'a\nb\ntheirs\nd\ne\n');
    expect(c).toEqual({ status: 'conflict', write: 'a\nb\n<<<<<<< yours\nmine\n||||||| base\nc\n=======\ntheirs\n>>>>>>> generated\nd\ne\n' });
  });

  it('creates new files, never recreates one the user deleted, removes a dropped file only if untouched', () => {
    expect(mergeOne(undefined, undefined, 'new\n')).toEqual({ status: 'created', write: 'new\n' });
    expect(mergeOne(base, undefined, 'a\nB\nc\nd\ne\n')).toEqual({ status: 'kept' });
    expect(mergeOne(base, base, undefined)).toEqual({ status: 'removed', write: null });
    expect(mergeOne(base, 'edited\n', undefined)).toEqual({ status: 'kept' });
    expect(mergeOne(undefined, 'user file\n', undefined)).toEqual({ status: 'kept' });
  });
});

describe('markUnmerged', () => {
  const repo = mkdtempSync(join(tmpdir(), 'cb-unmerged-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('leaves the file under "Unmerged paths" with the three stages', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    writeFileSync(join(repo, 'f.txt'), 'a\nb\nmine\nd\ne\n');
    git('add', 'f.txt');
    git('commit', '-qm', 'v1');
    const outcome = mergeOne(base, 'a\nb\nmine\nd\ne\n', 'a\nb\ntheirs\nd\ne\n');
    writeFileSync(join(repo, 'f.txt'), outcome.write!);
    markUnmerged(repo, 'f.txt', base, 'a\nb\nmine\nd\ne\n', 'a\nb\ntheirs\nd\ne\n');
    expect(git('status', '--porcelain')).toBe('UU f.txt\n');
    expect(git('ls-files', '-u').split('\n').filter(Boolean).map((l) => l.split(/\s+/)[2])).toEqual(['1', '2', '3']);
    expect(git('show', ':3:f.txt')).toBe('a\nb\ntheirs\nd\ne\n');
  });
});
