import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isImportable, type ImportWarning } from '../import/formats.js';
import { PACKAGE_MANAGERS, type PackageManager } from '../config/options.js';
import { gather, missingAnswers, resolveConfig, withDefaults, type Answers, type CliInput } from '../config/resolve.js';
import { UserError, problem } from '../config/problems.js';
import type { ResolvedConfig } from '../config/types.js';
import { generatedFiles, manifestFile, MANIFEST_PATH } from '../generator/generate.js';
import { generateProject } from '../generator/project.js';
import { VirtualTree } from '../generator/tree.js';
import { BASE_REF, writeBaseCommit } from '../update/base-ref.js';
import { builtInPacks } from '../generator/layers.js';
import { loadPack, PackError, type Pack } from '../generator/packs.js';
import { resolveTemplatePack } from '../generator/resolve-pack.js';
import { loadCompiler } from '../generator/engine.js';
import { specObject } from '../model/spec-yaml.js';
import { format, gitInit, install, type StepResult } from '../steps/steps.js';
import { loadStack } from '../stacks/index.js';
import { localSetup } from '../stacks/local-setup.js';
import type { ProjectCommands } from '../stacks/types.js';
import { PathEscapeError } from '../writer/fence.js';
import { Interrupted, planWrite, writeTree } from '../writer/write.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { Output } from './output.js';
import { inHouseTemplateProblem } from './template-problem.js';
import { equivalentCommand } from './equivalent.js';

export interface CreateOptions extends CliInput {
  readonly template?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly install: boolean;
  readonly git: boolean;
  readonly force?: boolean;
}

/** The package manager that started us (`npm_config_user_agent` is set by npm, pnpm, yarn and bun). */
export function detectPackageManager(userAgent = process.env.npm_config_user_agent ?? ''): PackageManager {
  const name = userAgent.split('/')[0];
  return (PACKAGE_MANAGERS as readonly string[]).includes(name) ? (name as PackageManager) : 'npm';
}

export async function runCreate(options: CreateOptions): Promise<number> {
  const out = new Output(Boolean(options.json));
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await create(options, out, () => interrupted);
  } catch (err) {
    if (err instanceof UserError) {
      out.problems(err.problems, err.exitCode);
      return err.exitCode;
    }
    if (err instanceof Interrupted || (err as { name?: string }).name === 'ExitPromptError') {
      out.error('✖ interrupted; nothing was written.');
      out.result({ ok: false, exitCode: 130, errors: [{ path: '', message: 'interrupted' }] });
      return 130;
    }
    if (err instanceof PackError || err instanceof PathEscapeError) {
      const p = problem(err instanceof PackError ? 'template-pack' : 'path-fence', '--template', err.message, err instanceof PackError ? err.hint : 'entity names and template paths must stay inside the project');
      out.problems([p], 2);
      return 2;
    }
    const template = inHouseTemplateProblem(err);
    if (template) {
      out.problems([template], 2);
      return 2;
    }
    out.error(`create-backend: internal error (please report it with the command you ran):\n${(err as Error).stack ?? String(err)}`);
    out.result({ ok: false, exitCode: 1, errors: [{ path: '', message: (err as Error).message }] });
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function create(options: CreateOptions, out: Output, interrupted: () => boolean): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY) && !options.yes && !process.env.CI && !options.json;
  const imported = await importConfig(options, out);
  const gathered = gather(imported ? { ...options, configText: imported.yaml } : options);
  if (gathered.problems.length) throw new UserError(resolveConfig(gathered, options).problems);

  let answers: Answers = gathered.partial;
  const missing = missingAnswers(answers, interactive);
  let asked = false;
  if (missing.length) {
    if (interactive) {
      const { ask } = await import('./prompts.js');
      answers = await ask(answers);
      asked = true;
    } else if (options.yes || options.config !== undefined) {
      answers = withDefaults(answers);
    } else {
      throw new UserError(missing.map((m) => problem('missing-answer', m.flag, `no ${m.key} given and no terminal to ask`, `pass ${m.flag}, or --yes to accept the defaults`)));
    }
  }
  const { config, problems } = resolveConfig(gathered, options, answers);
  if (!config) throw new UserError(problems);
  if (interrupted()) throw new Interrupted();

  const packageManager: PackageManager = (options.packageManager as PackageManager | undefined) ?? detectPackageManager();
  const stack = await loadStack(config.stack);
  // Layer order: the built-in packs (src/generator/layers.ts), then the in-house pack.
  const builtIn = builtInPacks(stack, config);
  const packs: Pack[] = builtIn.map((p) => loadPack(join(PACKAGE_ROOT, 'templates', p)));
  if (options.template !== undefined) {
    packs.push(resolveTemplatePack(options.template));
    await loadCompiler(); // an in-house pack's templates are not precompiled
  }
  const { tree } = generateProject({ config, stack, packs, generatorVersion: VERSION });
  const directory = resolve(options.directory ?? config.name);
  const commands = stack.commands({ config, packageManager });
  const shown = relative(process.cwd(), directory) || '.';

  // Planned before the dry run returns: planWrite only reads, and a dry run must refuse a non-empty target
  // and name each conflicting file exactly as the real run would.
  const plan = planWrite(directory, tree, Boolean(options.force));
  if (options.dryRun) {
    for (const path of tree.paths()) out.info(`  ${path}`);
    out.info(`${tree.size} files would be written to ${shown} (dry run: nothing written, nothing run)`);
    out.result(success(directory, tree.paths(), config, commands, [], imported?.warnings));
    return 0;
  }

  await new Promise((resolve) => setImmediate(resolve)); // let a Ctrl-C that arrived while rendering (synchronous) reach its handler
  if (interrupted()) throw new Interrupted();
  const report = writeTree(directory, tree, plan, { interrupted });
  for (const stale of report.staleRemoved) out.info(`removed ${stale}, left next to ${shown} by an earlier run that was killed`);
  out.info(`✔ wrote ${report.files.filter((f) => f.status !== 'identical').length} files to ${shown}`);

  const steps: StepResult[] = [];
  const reporter = out.steps();
  if (options.install && !interrupted()) steps.push(await install(directory, stack.installCommands({ config, packageManager }), reporter));
  // A project tool formats after the install, which brings it; a bundled formatter already ran on the render.
  const tool = stack.formatter?.kind === 'project' ? stack.formatter : undefined;
  const formatted = tool !== undefined && steps.length > 0 && steps.every((s) => s.ok) && !interrupted();
  if (formatted) steps.push(await format(directory, [tool.command], reporter));
  // What the project holds now: after the formatter, the manifest hashes its output, so `--force` and `update`
  // tell our formatted files from the user's edits.
  const written = formatted && steps.at(-1)!.ok ? rehashFormatted(directory, tree, packs, config, tool.formats) : tree;
  const installFailed = steps.some((s) => !s.ok);
  if (options.git && !interrupted()) {
    steps.push(installFailed
      ? { name: 'git', ok: true, skipped: true, command: 'git init && git add -A && git commit -m "Initial commit"' }
      : await gitInit(directory, reporter));
    const git = steps.at(-1)!;
    // The base of the first `update`: exactly what we generated, under our own ref (SPEC 7).
    // With the formatter run, its files are recorded as it left them: the user's tree starts equal to the base.
    if (git.ok && !git.skipped) writeBaseCommit(directory, BASE_REF, generatedFiles(written), (path) => written.mode(path), `create-backend ${VERSION}: generated files of ${config.name}`);
  }
  if (interrupted()) {
    out.error(`✖ interrupted after the project was written to ${shown}; finish by hand: ${commands.install}`);
    out.result({ ok: false, exitCode: 130, directory, errors: [{ path: '', message: 'interrupted during post-steps' }] });
    return 130;
  }

  const failed = steps.filter((s) => !s.ok);
  if (asked) out.info(`\nTo do this again without questions:\n  ${equivalentCommand(config, options.directory ?? config.name)}`);
  if (failed.length) {
    out.error(`\nThe project is in ${shown}, but ${failed.map((s) => s.name).join(' and ')} failed. Run by hand: cd ${shown} && ${failed.map((s) => s.command).join(' && ')}`);
    out.result({ ...success(directory, tree.paths(), config, commands, steps, imported?.warnings), ok: false, exitCode: 3, errors: failed.map((s) => ({ path: s.name, message: s.error ?? 'failed', hint: `run: ${s.command}` })) });
    return 3;
  }
  const next = [`cd ${shown}`, ...(options.install ? [] : [commands.install]), ...localSetup(config, stack.readsDotEnv), commands.migrate, commands.start, commands.test];
  out.info(`\nNext:\n${next.map((line) => `  ${line}`).join('\n')}`);
  out.result(success(directory, tree.paths(), config, commands, steps, imported?.warnings));
  return 0;
}

/**
 * `--config model.prisma|.sql`: the model is imported first (its parser loaded only then) and generated like a
 * backend.yaml; what has no equivalent is printed as warnings and listed in the JSON result.
 */
async function importConfig(options: CreateOptions, out: Output): Promise<{ yaml: string; warnings: readonly ImportWarning[] } | undefined> {
  if (options.config === undefined || !isImportable(options.config) || !existsSync(options.config)) return undefined;
  const { importModel, ImportSyntaxError } = await import('../import/index.js');
  try {
    const imported = await importModel(options.config);
    for (const w of imported.warnings) out.error(`⚠ ${options.config}:${w.line}  ${w.message}`);
    return imported;
  } catch (err) {
    if (!(err instanceof ImportSyntaxError)) throw err;
    throw new UserError([{ rule: 'import-syntax', path: '--config', message: err.message, hint: 'fix the model at that line', file: options.config, line: err.line, column: err.column }]);
  }
}

/**
 * The generated files with those the formatter may have rewritten read back from the project, and the manifest
 * rewritten (in the project too) to hash them as they are now.
 */
function rehashFormatted(directory: string, tree: VirtualTree, packs: readonly Pack[], config: ResolvedConfig, formats: (path: string) => boolean): VirtualTree {
  const out = new VirtualTree();
  for (const [path, content] of tree.entries()) out.set(path, formats(path) ? readFileSync(join(directory, path)) : content, tree.mode(path));
  const manifest = manifestFile(out.entries(), packs, VERSION, config);
  writeFileSync(join(directory, MANIFEST_PATH), manifest);
  out.set(MANIFEST_PATH, manifest);
  return out;
}

function success(directory: string, files: string[], config: ResolvedConfig, commands: ProjectCommands, steps: readonly StepResult[], warnings?: readonly ImportWarning[]) {
  return {
    ok: true,
    ...(warnings ? { warnings } : {}),
    directory,
    files,
    config: specObject(config),
    commands,
    steps: steps.map((s) => ({ name: s.name, ok: s.ok, command: s.command, ...(s.skipped ? { skipped: true } : {}) })),
  };
}

