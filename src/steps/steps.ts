import type { InstallCommand } from '../stacks/types.js';

/** execa is loaded only when a post-step runs: `--no-install --no-git` and `--dry-run` never pay for it. */
const loadExeca = async () => (await import('execa')).execa;

/**
 * Post-steps run after the project is written: dependency install, then git init with a first commit. Each
 * checks its tool first, shows progress, can be skipped, and on failure names the command to run by hand.
 */
export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly command: string;
  readonly skipped?: boolean;
  readonly error?: string;
}

export interface StepReporter {
  start(name: string, command: string): void;
  /** One line of the running tool's own output (installs take long; the user sees they are moving). */
  output(name: string, line: string): void;
  done(result: StepResult, ms: number): void;
}

const quoteArg = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
export const shellCommand = (file: string, args: readonly string[]) => [file, ...args].map(quoteArg).join(' ');

/** A bare name is looked up on PATH; a path (`.venv/bin/python`) is checked relative to the step's folder. */
export async function toolExists(file: string, cwd = process.cwd()): Promise<boolean> {
  if (file.includes('/')) {
    const { existsSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    return existsSync(resolve(cwd, file));
  }
  const result = await (await loadExeca())('sh', ['-c', `command -v ${quoteArg(file)}`], { reject: false });
  return result.exitCode === 0;
}

async function runCommands(name: string, cwd: string, commands: readonly InstallCommand[], reporter: StepReporter): Promise<StepResult> {
  const command = commands.map((c) => shellCommand(c.file, c.args)).join(' && ');
  reporter.start(name, command);
  const started = Date.now();
  for (const c of commands) {
    if (!(await toolExists(c.file, cwd))) {
      const result = { name, ok: false, command, error: `${c.file} was not found on PATH: ${c.missingHint}` };
      reporter.done(result, Date.now() - started);
      return result;
    }
    const child = (await loadExeca())(c.file, [...c.args], { cwd, reject: false, all: true, env: { ...process.env, CI: process.env.CI ?? '' } });
    // Lines as the tool prints them, for the progress display; the whole output is kept for a failure.
    let pending = '';
    child.all?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const line of lines) reporter.output(name, line);
    });
    const run = await child;
    if (run.exitCode !== 0) {
      const all = (run.all ?? '').trim();
      const tail = all.split('\n').slice(-15).join('\n');
      const log = all ? await saveLog(name, shellCommand(c.file, c.args), all) : undefined;
      const result = { name, ok: false, command, error: `${shellCommand(c.file, c.args)} exited with ${run.exitCode ?? run.signal}${tail ? `:\n${tail}` : ''}${log ? `\n(full output: ${log})` : ''}` };
      reporter.done(result, Date.now() - started);
      return result;
    }
  }
  const result = { name, ok: true, command };
  reporter.done(result, Date.now() - started);
  return result;
}

/** The whole output of a failed command, where the failure message can point to it; undefined if it cannot be written. */
async function saveLog(name: string, command: string, text: string): Promise<string | undefined> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  try {
    const file = join(mkdtempSync(join(tmpdir(), `create-backend-${name}-`)), `${name}.log`);
    writeFileSync(file, `$ ${command}\n${text}\n`);
    return file;
  } catch {
    return undefined;
  }
}

export function install(cwd: string, commands: readonly InstallCommand[], reporter: StepReporter): Promise<StepResult> {
  return runCommands('install', cwd, commands, reporter);
}

/**
 * The stack's formatter over the installed project, so what git's first commit and the base of `update` record
 * is already in the project's own style (the build checks it, and must not find generated code to complain of).
 */
export function format(cwd: string, commands: readonly InstallCommand[], reporter: StepReporter): Promise<StepResult> {
  return runCommands('format', cwd, commands, reporter);
}

/** `git init` and a first commit, unless the project already sits inside a git work tree. */
export async function gitInit(cwd: string, reporter: StepReporter): Promise<StepResult> {
  const inside = await (await loadExeca())('git', ['rev-parse', '--is-inside-work-tree'], { cwd, reject: false });
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') {
    return { name: 'git', ok: true, skipped: true, command: 'git init (skipped: already inside a git repository)' };
  }
  const identity = await (await loadExeca())('git', ['config', 'user.email'], { cwd, reject: false });
  const who = identity.exitCode === 0 ? [] : ['-c', 'user.name=create-backend', '-c', 'user.email=create-backend@localhost'];
  return runCommands('git', cwd, [
    { file: 'git', args: ['init', '-q'], missingHint: 'install git, or pass --no-git' },
    { file: 'git', args: ['add', '-A'], missingHint: 'install git, or pass --no-git' },
    { file: 'git', args: [...who, 'commit', '-q', '--no-verify', '-m', 'Initial commit from create-backend'], missingHint: 'install git, or pass --no-git' },
  ], reporter);
}
