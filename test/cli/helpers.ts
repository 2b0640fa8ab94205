import { execa, type Options, type ResultPromise } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/** CLI tests spawn the built binary (`npm run build` first; `npm test` does). */
export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli/bin.js');
export const SHOP = join(ROOT, 'test/fixtures/shop.yaml');
export const EXAMPLE_PACK = join(ROOT, 'examples/in-house-pack');

export function requireBuild(): void {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npx tsc -p ." (npm test builds first)`);
  });
}

/** A fresh temp folder per test file, removed afterwards; `next()` makes an empty case folder in it. Real path, so `directory` in --json compares equal. */
export function tempRoot(prefix: string): () => string {
  let root = '';
  let n = 0;
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), `cb-${prefix}-`)));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return () => {
    const dir = join(root, `case-${n++}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
}

/** Environment without the variables that change behaviour (CI, a package manager's user agent, colours). */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, CI: undefined, npm_config_user_agent: undefined, FORCE_COLOR: undefined, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') env[k] = undefined;
  return { ...env, ...extra };
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  readonly timeout?: number;
  readonly node?: string;
  readonly input?: string;
}

export function cli(args: readonly string[], options: RunOptions): ResultPromise<Options & { reject: false }> {
  return execa(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    extendEnv: false,
    reject: false,
    timeout: options.timeout ?? 30_000,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    ...(options.input === undefined ? {} : { input: options.input }),
  } as Options & { reject: false }) as ResultPromise<Options & { reject: false }>;
}

export interface JsonFailure {
  ok: false;
  exitCode: number;
  errors: Array<{ path: string; message: string; hint?: string; rule?: string; line?: number; column?: number; file?: string }>;
}

export interface JsonSuccess {
  ok: true;
  directory: string;
  files: string[];
  config: Record<string, unknown>;
  commands: { install: string; migrate: string; start: string; test: string; build?: string };
  steps: Array<{ name: string; ok: boolean; command: string; skipped?: boolean }>;
}

/** stdout must be exactly one JSON document. */
export function parseJson<T>(stdout: unknown): T {
  const text = String(stdout);
  expect(text.trim().startsWith('{') && text.trim().endsWith('}'), `stdout is one JSON object:\n${text.slice(0, 500)}`).toBe(true);
  return JSON.parse(text) as T;
}

/** Every file under `dir` (relative POSIX path → sha256), for tree comparisons. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Leftover staging folders of the writer (`.<name>.create-backend-<pid>`) next to the target. */
export function stagingLeftovers(parent: string): string[] {
  return existsSync(parent) ? readdirSync(parent).filter((n) => /\.create-backend-/.test(n)) : [];
}

/** A generated project is complete when every file of its manifest is present with a matching hash. */
export function assertCompleteProject(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, '.create-backend/manifest.json'), 'utf8')) as { files: Record<string, string> };
  const actual = treeHashes(dir);
  expect(Object.keys(manifest.files).length).toBeGreaterThan(5);
  for (const [path, hash] of Object.entries(manifest.files)) expect(actual[path], path).toBe(hash);
}

/** The stack the CLI tests generate (node by default; CB_CLI_STACK=python exercises the other pack). */
export const STACK = process.env.CB_CLI_STACK ?? 'node';
export const QUICK = ['--stack', STACK, '--database', 'sqlite', '--no-install', '--no-git'];
