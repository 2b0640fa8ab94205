import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { VERSION } from '../version.js';
import { fencedPath } from '../writer/fence.js';
import { baseRefName, gitMode, writeBaseCommit } from './base-ref.js';
import { markUnmerged } from './merge-file.js';
import type { UpdatePlan } from './plan.js';

/**
 * Writes a planned update into the working tree and nothing else: no commit, so the user reviews one change
 * (SPEC 7). Conflicted files get diff3 markers and are marked unmerged in git's index; the new render becomes
 * the base of the next update under our ref.
 */
export function applyUpdate(plan: UpdatePlan): void {
  const { directory, git } = plan;
  for (const file of plan.files) {
    if (file.write === undefined) continue;
    const full = fencedPath(directory, file.path);
    if (file.write === null) {
      rmSync(full, { force: true });
      removeEmptyFolders(directory, dirname(full));
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, file.write, { mode: plan.mode(file.path) });
  }
  intendToAdd(git.top, plan.files.filter((f) => f.status === 'created').map((f) => `${git.prefix}${f.path}`));
  for (const file of plan.files) {
    if (file.status !== 'conflict' || !file.sides) continue;
    markUnmerged(git.top, `${git.prefix}${file.path}`, file.sides.base, file.sides.ours, file.sides.theirs, gitMode(plan.mode(file.path)));
  }
  writeBaseCommit(git.top, baseRefName(git.prefix), plan.generated, plan.mode, `create-backend ${VERSION}: generated files of ${plan.config.name}`, plan.baseCommit);
}

/**
 * New files are recorded with `git add --intent-to-add`: `git diff` then shows them next to the changed ones and
 * `git commit -a` takes them, so the new migration and a new entity's files are never left out of the reviewed
 * change as untracked files. Paths the user's .gitignore excludes stay untracked, as git would leave them.
 */
function intendToAdd(top: string, paths: readonly string[]): void {
  if (paths.length === 0) return;
  const git = (args: string[]) => {
    const r = spawnSync('git', args, { cwd: top, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  };
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z', '--', ...paths]).split('\0').filter(Boolean);
  if (untracked.length > 0) git(['add', '--intent-to-add', '--', ...untracked]);
}

/** A removed entity leaves no empty folders behind (git does not track them, so they would linger). */
function removeEmptyFolders(root: string, folder: string): void {
  for (let dir = folder; dir.startsWith(`${root}/`) && readdirSync(dir).length === 0; dir = dirname(dir)) rmdirSync(dir);
}
