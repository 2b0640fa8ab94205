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
    const run = await (await loadExeca())(c.file, [...c.args], { cwd, reject: false, all: true, env: { ...process.env, CI: process.env.CI ?? '' } });
    if (run.exitCode !== 0) {
      const tail = (run.all ?? '').trim().split('\n').slice(-15).join('\n');
      const result = { name, ok: false, command, error: `${shellCommand(c.file, c.args)} exited with ${run.exitCode ?? run.signal}${tail ? `:\n${tail}` : ''}` };
      reporter.done(result, Date.now() - started);
      return result;
    }
  }
  const result = { name, ok: true, command };
  reporter.done(result, Date.now() - started);
  return result;
}

export function install(cwd: string, commands: readonly InstallCommand[], reporter: StepReporter): Promise<StepResult> {
  return runCommands('install', cwd, commands, reporter);
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
