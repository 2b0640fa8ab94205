import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProjectFormatter, ProjectToolFormatter } from '../stacks/types.js';

/**
 * Writes the files a formatter formats and those it needs to a private scratch folder, lets `run` format them
 * there, and returns the formatted files read back (only those it formats); the folder is removed either way.
 */
export function withScratch(files: ReadonlyMap<string, Buffer>, formatter: Pick<ProjectFormatter, 'formats' | 'needs'>, run: (dir: string) => void): Map<string, Buffer> {
  const formatted = [...files.keys()].filter((p) => formatter.formats(p));
  if (formatted.length === 0) return new Map();
  const scratch = mkdtempSync(join(tmpdir(), 'create-backend-format-'));
  try {
    for (const [path, content] of files) {
      if (!formatter.formats(path) && !formatter.needs(path)) continue;
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), content);
    }
    run(scratch);
    return new Map(formatted.map((path) => [path, readFileSync(join(scratch, path))]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs a stack's own formatter over files held in memory (`update`'s new render), in a scratch folder holding
 * only what the formatter needs, so the merge compares formatted code with formatted code. Returns the files
 * with the formatted contents, or the reason it could not run (the caller then merges them as rendered).
 */
export function formatInScratch(formatter: ProjectToolFormatter, files: ReadonlyMap<string, Buffer>): { files: Map<string, Buffer>; error?: string } {
  const out = new Map(files);
  let error: string | undefined;
  const formatted = withScratch(files, formatter, (scratch) => {
    // Offline first: the project's install already fetched the formatter, and this way update needs no network.
    const run = (args: readonly string[]) => spawnSync(formatter.command.file, args, { cwd: scratch, encoding: 'utf8', timeout: 600_000 });
    let r = run(formatter.offlineArgs);
    if (r.status !== 0 && !r.error) r = run(formatter.command.args);
    if (r.error || r.status !== 0) {
      const said = (r.error?.message ?? `${r.stdout}\n${r.stderr}`).trim().split('\n').slice(-5).join('\n');
      error = `${[formatter.command.file, ...formatter.command.args].join(' ')} failed (${formatter.command.missingHint}): ${said}`;
    }
  });
  if (error) return { files: out, error };
  for (const [path, content] of formatted) out.set(path, content);
  return { files: out };
}
