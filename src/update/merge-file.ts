import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One file of an update (SPEC 7): base is what we generated last time, ours the working tree, theirs the new
 * render; `undefined` means the file does not exist on that side. The outcome says what to write, if anything.
 */
export type FileStatus = 'created' | 'updated' | 'merged' | 'conflict' | 'removed' | 'kept';

export interface FileOutcome {
  readonly status: FileStatus;
  /** The content to write; `null` deletes the file; `undefined` leaves it as it is. */
  readonly write?: string | null;
}

export function mergeOne(base: string | undefined, ours: string | undefined, theirs: string | undefined, labels = { ours: 'yours', base: 'base', theirs: 'generated' }): FileOutcome {
  if (theirs === undefined) {
    // We no longer generate it: removed only if the user never changed it.
    if (base !== undefined && ours === base) return { status: 'removed', write: null };
    return { status: 'kept' };
  }
  if (base === undefined) {
    if (ours === undefined) return { status: 'created', write: theirs };
    if (ours === theirs) return { status: 'kept' };
    return threeWay('', ours, theirs, labels); // both added the path: merge against an empty base
  }
  if (ours === undefined) return { status: 'kept' }; // the user deleted it: not recreated
  if (ours === theirs || base === theirs) return { status: 'kept' };
  if (ours === base) return { status: 'updated', write: theirs };
  return threeWay(base, ours, theirs, labels);
}

/** `git merge-file --diff3` semantics: exit 0 is a clean merge, a positive exit the number of conflicts. */
function threeWay(base: string, ours: string, theirs: string, labels: { ours: string; base: string; theirs: string }): FileOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'cb-merge-'));
  try {
    const [o, b, t] = ['ours', 'base', 'theirs'].map((n) => join(dir, n));
    writeFileSync(o!, ours);
    writeFileSync(b!, base);
    writeFileSync(t!, theirs);
    const r = spawnSync('git', ['merge-file', '-p', '--diff3', '-L', labels.ours, '-L', labels.base, '-L', labels.theirs, o!, b!, t!], { encoding: 'utf8' });
    if (r.status === null || r.status < 0 || r.error) throw new Error(`git merge-file failed: ${r.stderr || r.error?.message}`);
    return { status: r.status === 0 ? 'merged' : 'conflict', write: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Marks a conflicted file unmerged in git's index (stages 1 base, 2 ours, 3 theirs), as `git merge` does, so
 * `git status` lists it under "Unmerged paths" and `git add` resolves it.
 */
export function markUnmerged(repo: string, path: string, base: string | undefined, ours: string, theirs: string, mode = '100644'): void {
  const git = (args: string[], input?: string) => {
    const r = spawnSync('git', args, { cwd: repo, input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
    return r.stdout.trim();
  };
  const blob = (content: string) => git(['hash-object', '-w', '--stdin'], content);
  const lines = [`0 ${'0'.repeat(40)}\t${path}`];
  if (base !== undefined) lines.push(`${mode} ${blob(base)} 1\t${path}`);
  lines.push(`${mode} ${blob(ours)} 2\t${path}`, `${mode} ${blob(theirs)} 3\t${path}`);
  git(['update-index', '--index-info'], `${lines.join('\n')}\n`);
}
