import { spawnSync } from 'node:child_process';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a tool without a shell; network-free by construction of the tools used (see README of test/cloud). */
export function run(file: string, args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Run {
  const t0 = Date.now();
  const r = spawnSync(file, args, {
    cwd: opts.cwd,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}
