import pc from 'picocolors';
import type { Problem } from '../config/problems.js';
import { startProgress, type Progress, type ProgressStream } from '../steps/progress.js';
import type { StepReporter, StepResult } from '../steps/steps.js';

/**
 * Human output and the single `--json` result. With --json, stdout carries only the JSON object and every
 * human line goes to stderr; without it, progress and summaries go to stdout and errors to stderr.
 */
export class Output {
  constructor(readonly json: boolean) {}

  /** A line for humans (never mixed into the JSON on stdout). */
  info(line: string): void {
    (this.json ? process.stderr : process.stdout).write(`${line}\n`);
  }

  error(line: string): void {
    process.stderr.write(`${line}\n`);
  }

  result(value: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** `nothingWritten` is false for commands that never write (validate), where saying so would mislead. */
  problems(problems: readonly Problem[], exitCode: number, nothingWritten = true): void {
    if (this.json) {
      this.result({
        ok: false,
        exitCode,
        errors: problems.map((p) => ({
          path: p.path,
          message: p.message,
          ...(p.hint ? { hint: p.hint } : {}),
          rule: p.rule,
          ...(p.file ? { file: p.file } : {}),
          ...(p.line !== undefined ? { line: p.line, column: p.column } : {}),
        })),
      });
    }
    this.error(pc.red(`✖ ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}${nothingWritten ? '; nothing was written' : ''}.`));
    for (const p of problems) this.error(formatProblem(p));
  }

  /** Post-step lines; the running tool's progress goes to stderr, never into the JSON on stdout. */
  steps(stream: ProgressStream = process.stderr): StepReporter {
    let progress: Progress | undefined;
    return {
      start: (name, command) => {
        this.info(pc.dim(`◇ ${name}: ${command} …`));
        progress = startProgress(name, stream);
      },
      output: (_name, line) => progress?.line(line),
      done: (r: StepResult, ms: number) => {
        progress?.stop();
        progress = undefined;
        if (r.ok) this.info(`${pc.green('✔')} ${r.name} done in ${(ms / 1000).toFixed(1)}s`);
        else this.error(`${pc.red('✖')} ${r.name} failed: ${r.error ?? ''}\n  run it by hand in the project: ${r.command}`);
      },
    };
  }
}

export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line !== undefined ? `:${p.line}:${p.column}` : ''}  ` : '';
  const path = p.path ? `${pc.bold(p.path)}: ` : '';
  return `  ${where}${path}${p.message}${p.hint ? `\n      ${pc.dim(`hint: ${p.hint}`)}` : ''}`;
}
