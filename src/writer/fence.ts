import { lstatSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The path fence of SPEC 2.1: every generated path stays inside the target directory. Checked for every
 * path, whatever its origin (built-in templates, entity names, in-house packs).
 */
export class PathEscapeError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`refusing to write "${path}": ${reason}`);
    this.name = 'PathEscapeError';
  }
}

export function checkRelativePath(path: string): void {
  if (path.length === 0) throw new PathEscapeError(path, 'empty path');
  if (/[\0\\]/.test(path) || /[\u0000-\u001f]/.test(path)) throw new PathEscapeError(path, 'control characters or backslashes in the path');
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path)) throw new PathEscapeError(path, 'absolute path');
  if (path.split('/').some((s) => s === '..' || s === '.' || s === '')) throw new PathEscapeError(path, 'the path must not contain "..", "." or empty segments');
}

/** Resolves `path` under `root`, refusing escapes and writes through symbolic links that already exist. */
export function fencedPath(root: string, path: string): string {
  checkRelativePath(path);
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new PathEscapeError(path, 'it resolves outside the target directory');
  let current = root;
  for (const segment of rel.split(sep)) {
    current = join(current, segment);
    let stat;
    try {
      // No exception for a missing entry: in a fresh staging folder most lookups miss, and errors are costly.
      stat = lstatSync(current, { throwIfNoEntry: false });
    } catch {
      break; // not a folder, or not readable: the write itself reports it
    }
    if (stat === undefined) break; // does not exist yet: nothing below it can be a link
    if (stat.isSymbolicLink()) throw new PathEscapeError(path, `${relative(root, current)} is a symbolic link`);
  }
  return full;
}
