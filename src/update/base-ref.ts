import { spawnSync } from 'node:child_process';
import type { FileMode } from '../generator/tree.js';

/**
 * The base of an update (SPEC 7) kept in git: a commit under a ref of our own holding exactly the files the
 * generator wrote, built with plumbing from the rendered contents (never from the user's working tree, which
 * holds their edits). Each update's commit has the previous base as parent, so the chain can be walked back
 * when the user discarded an update with git.
 */
export const BASE_REF = 'refs/create-backend/base';

/** A project at the root of its repository uses BASE_REF; one in a sub-folder a ref named after the folder. */
export function baseRefName(prefix: string): string {
  return prefix === '' ? BASE_REF : `refs/create-backend/folders/${prefix.replace(/\/$/, '')}/base`;
}

export class GitError extends Error {}

function git(cwd: string, args: readonly string[], input?: string | Buffer): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (r.error) throw new GitError(`git ${args[0]} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

const text = (cwd: string, args: readonly string[], input?: string | Buffer) => git(cwd, args, input).toString('utf8').trim();

/** The repository's top folder and the project's path inside it (`''` at the root, else ending in `/`), or undefined outside git. */
export function gitLocation(dir: string): { top: string; prefix: string } | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const [top, prefix = ''] = r.stdout.split('\n');
  return { top: top!, prefix };
}

/**
 * Writes the files as a commit (trees built bottom-up with mktree) and points `ref` at it. Each file is recorded
 * with the mode the render gave it (`modeOf`, from the virtual tree), as the writer wrote it to disk.
 */
export function writeBaseCommit(cwd: string, ref: string, files: ReadonlyMap<string, Buffer>, modeOf: (path: string) => FileMode, message: string, parent?: string): string {
  interface Dir {
    files: Map<string, string>;
    dirs: Map<string, Dir>;
  }
  const root: Dir = { files: new Map(), dirs: new Map() };
  for (const [path, content] of files) {
    const parts = path.split('/');
    let dir = root;
    for (const segment of parts.slice(0, -1)) {
      if (!dir.dirs.has(segment)) dir.dirs.set(segment, { files: new Map(), dirs: new Map() });
      dir = dir.dirs.get(segment)!;
    }
    dir.files.set(parts.at(-1)!, `${gitMode(modeOf(path))} blob ${text(cwd, ['hash-object', '-w', '--stdin'], content)}`);
  }
  const mktree = (dir: Dir): string => {
    const entries = [...[...dir.files].map(([name, entry]) => `${entry}\t${name}`), ...[...dir.dirs].map(([name, sub]) => `040000 tree ${mktree(sub)}\t${name}`)];
    return text(cwd, ['mktree'], `${entries.join('\n')}\n`);
  };
  const tree = mktree(root);
  // A fixed identity: the base is the generator's, whoever runs it (and a machine without user.name still works).
  const env = { GIT_AUTHOR_NAME: 'create-backend', GIT_AUTHOR_EMAIL: 'create-backend@localhost', GIT_COMMITTER_NAME: 'create-backend', GIT_COMMITTER_EMAIL: 'create-backend@localhost' };
  const r = spawnSync('git', ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new GitError(`git commit-tree failed: ${r.stderr.trim()}`);
  const commit = r.stdout.trim();
  text(cwd, ['update-ref', ref, commit]);
  return commit;
}

/** The mode of a file in a git tree or index entry. */
export const gitMode = (mode: FileMode): string => (mode === 0o755 ? '100755' : '100644');

/** The commit a ref points at, or undefined. */
export function resolveRef(cwd: string, ref: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '-q', '--verify', `${ref}^{commit}`], { cwd, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function parentOf(cwd: string, commit: string): string | undefined {
  return resolveRef(cwd, `${commit}^`);
}

/** One file of a commit (path relative to the repository), or undefined when it has none there. */
export function fileAt(cwd: string, commit: string, path: string): Buffer | undefined {
  const r = spawnSync('git', ['cat-file', 'blob', `${commit}:${path}`], { cwd, maxBuffer: 1024 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : undefined;
}

/** Every file of a commit, read in one `cat-file --batch`. */
export function filesAt(cwd: string, commit: string): Map<string, Buffer> {
  const listing = git(cwd, ['ls-tree', '-r', '-z', commit]).toString('utf8').split('\0').filter(Boolean);
  const entries = listing
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [, type, id] = meta!.split(' ');
      return { type, id: id!, path: path! };
    })
    .filter((e) => e.type === 'blob');
  const out = git(cwd, ['cat-file', '--batch'], `${entries.map((e) => e.id).join('\n')}\n`);
  const files = new Map<string, Buffer>();
  let at = 0;
  for (const e of entries) {
    const headerEnd = out.indexOf(10, at);
    const size = Number(out.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
    files.set(e.path, out.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return files;
}
