import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { VirtualTree } from '../generator/tree.js';
import { checkRelativePath, fencedPath } from './fence.js';
import { problem, UserError } from '../config/problems.js';

/**
 * The only module that writes the project. Everything is rendered first; here it is written into a temporary
 * sibling directory and then moved into place, so a failure or Ctrl-C before the move leaves the disk as it
 * was, and after it the project is complete.
 */
export type FileStatus = 'created' | 'identical' | 'updated';

export interface WriteReport {
  readonly directory: string;
  readonly files: ReadonlyArray<{ path: string; status: FileStatus }>;
  /** Staging siblings left by an earlier run that was killed (SIGKILL skips our cleanup), removed by this run. */
  readonly staleRemoved: readonly string[];
}

/** Files that do not make a directory "non-empty" (create-vite and create-next-app ignore them too). */
const HARMLESS = new Set(['.git', '.DS_Store', 'Thumbs.db', '.idea', '.vscode']);
const MANIFEST = '.create-backend/manifest.json';

export interface WriteOptions {
  /** Called between steps; returns true when the user interrupted, so the writer can roll back. */
  readonly interrupted: () => boolean;
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Checks the target before anything is rendered to disk; throws UserError (exit 2) when it cannot be used. */
export function planWrite(directory: string, tree: VirtualTree, force: boolean): Map<string, FileStatus> {
  for (const path of tree.paths()) checkRelativePath(path);
  const plan = new Map<string, FileStatus>(tree.paths().map((p) => [p, 'created']));
  const blocker = ancestors(directory).find((p) => existsSync(p) && !statSync(p).isDirectory());
  if (blocker) throw new UserError([problem('target-directory', 'directory', `${directory} cannot be created: ${blocker} is a file`, 'choose another directory name')]);
  if (!existsSync(directory)) return plan;
  const stat = lstatSync(directory);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new UserError([problem('target-directory', 'directory', `${directory} exists and is not a directory`, 'choose another directory name')]);
  }
  const existing = readdirSync(directory).filter((n) => !HARMLESS.has(n));
  if (existing.length === 0) return plan;
  if (!force) {
    throw new UserError([problem('target-not-empty', 'directory', `${directory} is not empty (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`, 'choose a new directory, or pass --force to add the project to it; files that are not ours are left untouched')]);
  }
  const previous = readManifest(directory);
  const conflicts: string[] = [];
  for (const [path, content] of tree.entries()) {
    const full = fencedPath(directory, path);
    if (!existsSync(full)) continue;
    if (!lstatSync(full).isFile()) {
      conflicts.push(path);
      continue;
    }
    const current = readFileSync(full);
    if (current.equals(content)) plan.set(path, 'identical');
    else if (path === MANIFEST || previous[path] === sha256(current)) plan.set(path, 'updated'); // ours, and unchanged since we wrote it
    else conflicts.push(path);
  }
  if (conflicts.length) {
    throw new UserError(conflicts.map((c) => problem('file-conflict', c, `${c} already exists in ${directory} and differs from what create-backend would write`, 'move or commit it first; create-backend never overwrites your changes')));
  }
  return plan;
}

export function writeTree(directory: string, tree: VirtualTree, plan: Map<string, FileStatus>, options: WriteOptions): WriteReport {
  const parent = dirname(directory);
  mkdirSync(parent, { recursive: true });
  const staleRemoved = removeStaleStaging(parent, basename(directory));
  const staging = join(parent, stagingName(basename(directory), process.pid));
  rmSync(staging, { recursive: true, force: true });
  const made = new Set<string>(); // one mkdir per folder, not per file
  try {
    for (const [path, content] of tree.entries()) {
      if (plan.get(path) === 'identical') continue;
      const full = fencedPath(staging, path);
      const folder = dirname(full);
      if (!made.has(folder)) {
        mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      writeFileSync(full, content, { mode: tree.mode(path) });
      if (options.interrupted()) throw new Interrupted();
    }
    if (options.interrupted()) throw new Interrupted();
    moveIntoPlace(staging, directory, tree, plan);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { directory, files: tree.paths().map((path) => ({ path, status: plan.get(path)! })), staleRemoved };
}

const stagingName = (name: string, pid: number): string => `.${name}.create-backend-${pid}`;

/**
 * A run killed mid-write (SIGKILL, power loss) leaves its staging sibling behind. Ours are named by process id:
 * one whose process is gone is removed; one whose process still runs belongs to a concurrent run and is left.
 */
function removeStaleStaging(parent: string, name: string): string[] {
  const prefix = stagingName(name, 0).slice(0, -1);
  const removed: string[] = [];
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix) || !/^\d+$/.test(entry.slice(prefix.length))) continue;
    const pid = Number(entry.slice(prefix.length));
    if (pid === process.pid || isRunning(pid)) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/**
 * A new (or empty) directory is replaced by the staging directory in one rename. Otherwise (--force into a
 * non-empty directory) files move one by one; a failure moves the already placed files back out.
 */
function moveIntoPlace(staging: string, directory: string, tree: VirtualTree, plan: Map<string, FileStatus>): void {
  const empty = !existsSync(directory) || readdirSync(directory).length === 0;
  if (empty) {
    if (existsSync(directory)) rmSync(directory, { recursive: true });
    renameSync(staging, directory);
    return;
  }
  const placed: Array<{ path: string; backup?: Buffer }> = [];
  try {
    for (const path of tree.paths()) {
      const status = plan.get(path);
      if (status === 'identical') continue;
      const target = fencedPath(directory, path);
      const backup = status === 'updated' ? readFileSync(target) : undefined;
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(staging, path), target);
      placed.push({ path, backup });
    }
  } catch (err) {
    for (const { path, backup } of placed.reverse()) {
      const target = join(directory, path);
      if (backup) writeFileSync(target, backup);
      else rmSync(target, { force: true });
    }
    throw err;
  }
}

function readManifest(directory: string): Record<string, string> {
  try {
    const m = JSON.parse(readFileSync(join(directory, MANIFEST), 'utf8')) as { files?: Record<string, string> };
    return m.files ?? {};
  } catch {
    return {};
  }
}

const ancestors = (dir: string): string[] => (dirname(dir) === dir ? [] : [dirname(dir), ...ancestors(dirname(dir))]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
