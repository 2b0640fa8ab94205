import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import pc from 'picocolors';
import { PACKAGE_MANAGERS, type PackageManager } from '../config/options.js';
import { problem, UserError } from '../config/problems.js';
import { SPEC_PATH } from '../generator/generate.js';
import { PackError } from '../generator/packs.js';
import { specObject } from '../model/spec-yaml.js';
import { install, type StepResult } from '../steps/steps.js';
import { GitError } from '../update/base-ref.js';
import { applyUpdate } from '../update/apply.js';
import { planUpdate, type UpdatePlan, type UpdateOptions } from '../update/plan.js';
import { PathEscapeError } from '../writer/fence.js';
import { detectPackageManager } from './create.js';
import { Output } from './output.js';
import { inHouseTemplateProblem } from './template-problem.js';

export interface UpdateCliOptions {
  readonly directory?: string;
  readonly config?: string;
  readonly template?: string;
  readonly packageManager?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly install: boolean;
  readonly allowDataLoss?: boolean;
}

/** `create-backend update [dir]`: exit 0 done, 2 refused (nothing changed), 3 a post-step failed, 4 conflicts to resolve. */
export async function runUpdate(options: UpdateCliOptions): Promise<number> {
  const out = new Output(Boolean(options.json));
  return reportErrors(out, async () => {
    if (options.config === undefined || !existsSync(options.config)) return update(options, out);
    // --config FILE replaces backend.yaml (SPEC 7): otherwise the next plain `update` would read the old model
    // and undo this one. Written only once the update is accepted, like `add`.
    const specPath = join(resolve(options.directory ?? '.'), SPEC_PATH);
    const text = readFileSync(options.config, 'utf8');
    const same = existsSync(specPath) && readFileSync(specPath, 'utf8') === text;
    const code = await update(options, out, [{ path: SPEC_PATH, status: same ? 'kept' : 'updated' }]);
    if (!options.dryRun && !same) writeFileSync(specPath, text);
    return code;
  });
}

/** Bad input and refusals are exit 2 with every problem listed; anything else is our bug (exit 1). */
export async function reportErrors(out: Output, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserError) {
      out.problems(err.problems, err.exitCode, false);
      out.error('  nothing was changed.');
      return err.exitCode;
    }
    if (err instanceof PackError || err instanceof PathEscapeError) {
      out.problems([problem(err instanceof PackError ? 'template-pack' : 'path-fence', '--template', err.message, err instanceof PackError ? err.hint : 'generated paths must stay inside the project')], 2);
      return 2;
    }
    const template = inHouseTemplateProblem(err);
    if (template) {
      out.problems([template], 2, false);
      out.error('  nothing was changed.');
      return 2;
    }
    if (err instanceof GitError) {
      out.problems([problem('update-git', 'directory', err.message, 'check that git works in the project (git status), then run update again')], 2);
      return 2;
    }
    out.error(`create-backend: internal error (please report it with the command you ran):\n${(err as Error).stack ?? String(err)}`);
    out.result({ ok: false, exitCode: 1, errors: [{ path: '', message: (err as Error).message }] });
    return 1;
  }
}

export async function update(options: UpdateCliOptions & Pick<UpdateOptions, 'specText'>, out: Output, extraFiles: ReadonlyArray<{ path: string; status: string }> = []): Promise<number> {
  const directory = resolve(options.directory ?? '.');
  const plan = await planUpdate({ ...options, directory });
  const shown = relative(process.cwd(), directory) || '.';
  report(plan, out, Boolean(options.dryRun), extraFiles);
  const packageManager: PackageManager = (PACKAGE_MANAGERS as readonly string[]).includes(options.packageManager ?? '') ? (options.packageManager as PackageManager) : detectPackageManager();
  const commands = plan.stack.commands({ config: plan.config, packageManager });
  const conflicts = plan.files.filter((f) => f.status === 'conflict').map((f) => f.path);
  const result = (steps: readonly StepResult[]) => ({
    ok: true,
    directory,
    dryRun: Boolean(options.dryRun),
    files: [...extraFiles, ...plan.files.map((f) => ({ path: f.path, status: f.status }))],
    migrations: plan.migration ? [plan.migration.path] : [],
    statements: plan.migration?.statements ?? [],
    conflicts,
    notes: plan.notes,
    config: specObject(plan.config),
    commands,
    steps: steps.map((s) => ({ name: s.name, ok: s.ok, command: s.command })),
  });
  if (options.dryRun) {
    out.info(pc.dim('(dry run: nothing written, nothing run)'));
    out.result(result([]));
    return 0;
  }

  applyUpdate(plan);
  const changed = plan.files.some((f) => f.write !== undefined) || extraFiles.some((f) => f.status !== 'kept');
  const steps: StepResult[] = [];
  if (options.install && changed) steps.push(await install(directory, plan.stack.installCommands({ config: plan.config, packageManager }), out.steps()));
  const failed = steps.filter((s) => !s.ok);
  if (conflicts.length) {
    out.error(`\n${pc.yellow('!')} ${conflicts.length} file(s) have conflicts (marked <<<<<<< yours / ||||||| base / ======= / >>>>>>> generated):`);
    for (const c of conflicts) out.error(`  ${c}`);
    out.error(`  resolve them and git add them, then review the whole change with git diff HEAD (what you git add leaves plain git diff)${plan.migration ? `; then apply the migration: ${commands.migrate}` : ''}`);
    out.result({ ...result(steps), ok: false, exitCode: 4, errors: conflicts.map((c) => ({ path: c, message: 'merge conflict', hint: 'resolve the conflict markers, then git add the file' })) });
    return 4;
  }
  if (failed.length) {
    out.error(`\nThe update is written, but ${failed.map((s) => s.name).join(' and ')} failed. Run by hand: cd ${shown} && ${failed.map((s) => s.command).join(' && ')}`);
    out.result({ ...result(steps), ok: false, exitCode: 3, errors: failed.map((s) => ({ path: s.name, message: s.error ?? 'failed', hint: `run: ${s.command}` })) });
    return 3;
  }
  out.info(changed ? `\n✔ updated ${shown}; review with git diff, then${plan.migration ? ` ${commands.migrate} and` : ''} ${commands.test}` : `✔ ${shown} is up to date`);
  out.result(result(steps));
  return 0;
}

const MARK: Record<string, (s: string) => string> = {
  created: pc.green,
  updated: pc.cyan,
  merged: pc.cyan,
  conflict: pc.red,
  removed: pc.yellow,
  kept: pc.dim,
};

function report(plan: UpdatePlan, out: Output, dryRun: boolean, extraFiles: ReadonlyArray<{ path: string; status: string }>): void {
  for (const note of plan.notes) out.info(pc.dim(note));
  const shown = [...extraFiles, ...plan.files].filter((f) => f.status !== 'kept');
  for (const f of shown) out.info(`  ${(MARK[f.status] ?? String)(f.status.padEnd(8))} ${f.path}`);
  const kept = plan.files.length + extraFiles.length - shown.length;
  out.info(`${shown.length} file(s) ${dryRun ? 'would change' : 'changed'}, ${kept} kept`);
  if (plan.migration) {
    const { path, summary, statements, language } = plan.migration;
    // SQL as its file runs it, each statement ended; an Alembic revision's upgrade() operations as Python.
    out.info(`\nnew migration ${path} (${summary})${language === 'python' ? ', upgrade():' : ':'}`);
    for (const s of statements) out.info(`  ${s.replace(/\n/g, '\n  ')}${language === 'sql' ? ';' : ''}`);
  } else if (plan.config.database === 'mongodb') {
    // MongoDB has no schema to alter: the project's migrate command creates the collections and indexes the model now has.
    out.info('MongoDB: no migration file; the migrate command creates the new collections and indexes');
  } else {
    out.info('no model change: no new migration');
  }
}
