/**
 * The shared end-to-end harness: generate a project with the real CLI (real dependency install), create a
 * real database, migrate it, run the project's own tests, start the server and run the stack-independent
 * HTTP contract check against it. Every stack runs through this same code; the commands come from the
 * CLI's own `--json` result, so the harness knows nothing about any stack.
 */
import { execa, type ResultPromise } from 'execa';
import { MongoClient } from 'mongodb';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import type { DatabaseId, StackId } from '../../src/config/options.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { finish, gather } from '../../src/config/resolve.js';
import { assertContract, runContract } from './contract/index.js';
import { names } from '../../src/config/naming.js';

export const REPO = resolve(import.meta.dirname, '../..');
export const WORK = join(REPO, '.e2e');
const BIN = join(REPO, 'dist/cli/bin.js');
const JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

export interface E2ECase {
  readonly stack: StackId;
  readonly database: DatabaseId;
  /** A spec file, or undefined for `--yes` (the embedded default example). */
  readonly spec?: string;
  readonly label: string;
  /**
   * Also fuzz the running server from its own OpenAPI document with schemathesis: `full` sends valid and
   * invalid data, `positive` only data the document allows (what gets past validation to the database).
   */
  readonly schemathesis?: 'full' | 'positive';
  /**
   * `static` stops after install, the static checks and a migration of an empty database: for models that are
   * about names and compilation (the keyword model) where the full run would cost CI many minutes per case.
   * `own-tests` adds the project's own tests to that, without the server, contract and fuzzing (random models).
   * `contract` adds the build, a served project and the HTTP contract to `static`, without the project's own
   * tests and the rate-limit probe: what a large model's names do to the wire, at a fraction of `full`'s cost.
   */
  readonly depth?: 'full' | 'static' | 'own-tests' | 'contract';
  /**
   * Multiplies each step's time limit: a model many times the examples' size (the keyword model, 16 entities
   * and ~300 fields, whose Java tests alone took over 10 minutes beside another case on two cores) needs more.
   */
  readonly stepTimeoutScale?: number;
}

/** The matrix comes from the CLI's own capability table: every stack × every database it supports. */
export function e2eMatrix(spec: string): E2ECase[] {
  const only = process.env.CB_E2E_STACKS?.split(',');
  return (Object.entries(STACK_DATABASES) as Array<[StackId, readonly DatabaseId[]]>)
    .filter(([stack]) => !only || only.includes(stack))
    .flatMap(([stack, databases]) =>
      databases.map((database) => ({
        stack,
        database,
        spec,
        label: `${stack}-${database}`,
        // Every database has its own failure modes (NUL in PostgreSQL text, MariaDB's ranges and collations),
        // but only for data that reaches it. Invalid data stops at validation, which is the same code on every
        // database, so it is fuzzed once per stack (on SQLite); server databases get valid boundary data only
        // (runSchemathesis), which keeps each of those runs to a fraction of the time.
        schemathesis: database === 'sqlite' ? 'full' : 'positive',
      })),
    );
}

interface CliResult {
  ok: boolean;
  directory: string;
  commands: { install: string; migrate: string; start: string; test: string; build?: string; lint?: string };
  steps: Array<{ name: string; ok: boolean; command: string }>;
}

/** The server of each database (.ci/services.sh exports them; MongoDB's is FerretDB, .ci/ferretdb.sh). */
const ADMIN_URL_VARIABLE: Partial<Record<DatabaseId, string>> = { postgres: 'CB_POSTGRES_ADMIN_URL', mysql: 'CB_MYSQL_ADMIN_URL', mongodb: 'CB_MONGODB_URL' };
const adminUrl = (db: DatabaseId) => (ADMIN_URL_VARIABLE[db] ? process.env[ADMIN_URL_VARIABLE[db]] : undefined);

export function databaseAvailable(db: DatabaseId): boolean {
  return db === 'sqlite' || Boolean(adminUrl(db));
}

/** A fresh, empty database on the test server; returns the DATABASE_URL the generated project uses. */
export async function freshDatabase(db: DatabaseId, name: string, projectDir: string): Promise<string> {
  if (db === 'sqlite') {
    mkdirSync(join(projectDir, 'data'), { recursive: true });
    return `file:${join(projectDir, 'data', `${name}.db`)}`;
  }
  const admin = new URL(adminUrl(db)!);
  if (db === 'mongodb') {
    // A database exists once written to: dropping it is all a fresh one needs.
    const url = new URL(admin.href);
    url.pathname = `/${name}`;
    const client = new MongoClient(url.href);
    try {
      await client.db().dropDatabase();
    } finally {
      await client.close();
    }
    return url.href;
  }
  if (db === 'postgres') {
    await execa('psql', [admin.href, '-v', 'ON_ERROR_STOP=1', '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    await execa('psql', [admin.href, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  } else {
    const args = ['-h', admin.hostname, '-P', admin.port, '-u', admin.username, `-p${admin.password}`];
    await execa('mariadb', [...args, '-e', `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`]);
  }
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return url.href;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/**
 * Runs a step in its own process group and stops the whole group at the time limit. execa's own `timeout`
 * stops `sh` alone: the npm, Maven or pytest under it would keep running and hold the output pipe open, so
 * the step would wait for them anyway (node-mysql's keyword tests ran on 10 minutes past their limit).
 */
export async function sh(command: string, cwd: string, env: Record<string, string>, timeout: number) {
  const step = execa('sh', ['-c', command], { cwd, env: { ...process.env, ...env }, all: true, reject: false, detached: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopGroup(step);
  }, timeout);
  try {
    const result = await step;
    return { ...result, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

export function assertOk(result: { exitCode?: number; all?: string; timedOut?: boolean; durationMs?: number }, what: string): void {
  // A step stopped at its time limit has no exit code: say so, or it reads as a crash ("exit undefined").
  if (result.timedOut) throw new Error(`${what} was stopped at its time limit after ${Math.round((result.durationMs ?? 0) / 1000)} s (E2ECase.stepTimeoutScale raises it):\n${(result.all ?? '').slice(-6000)}`);
  if (result.exitCode !== 0) throw new Error(`${what} failed with exit ${result.exitCode}:\n${(result.all ?? '').slice(-6000)}`);
}

/** A git identity for commits made in a generated project (CI machines have none configured). */
export const GIT_IDENTITY = { GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };

/** Runs one shell step of a scenario that must succeed (with the git identity) and returns its stdout. */
export async function shOk(command: string, cwd: string, env: Record<string, string> = {}, timeout = 900_000): Promise<string> {
  const result = await sh(command, cwd, { ...GIT_IDENTITY, ...env }, timeout);
  assertOk(result, command);
  return result.stdout;
}

/**
 * How long a server may take from its start command to a healthy /health, its build not included: the generated
 * Spring Boot server took 52–60 s to start on the loaded two-core machine, so two minutes left it little room. The
 * wait returns at the first healthy answer and gives up as soon as the server exits, so a passing or crashing
 * server never waits this out; only one that hangs does.
 */
export const SERVER_START_LIMIT = 300_000;
/** A start command that builds first (`npm run build && npm start`) also gets the build step's time limit. */
const BUILD_LIMIT = 600_000;

/** The time limit of a start command: the server's start, plus a build when the command begins with one. */
export function startLimit(commands: Pick<CliResult['commands'], 'start' | 'build'>, command = commands.start): number {
  return SERVER_START_LIMIT + (command !== runOnly(commands) ? BUILD_LIMIT : 0);
}

async function waitForHealth(baseUrl: string, server: ResultPromise, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let exit: string | undefined;
  void server.then((r) => (exit = r.signal ? `killed by ${r.signal}` : `exited with ${r.exitCode}`));
  while (Date.now() - started < timeoutMs && exit === undefined) {
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const waited = Math.round((Date.now() - started) / 1000);
  throw new Error(
    exit === undefined
      ? `server did not become healthy at ${baseUrl} within ${Math.round(timeoutMs / 1000)} s (still running, stopped now)`
      : `server ${exit} after ${waited} s, before it answered /health at ${baseUrl}`,
  );
}

/** The last lines of a server's output, for an error that says why it did not start. */
export function logTail(output: string, lines = 60): string {
  const all = output.trimEnd().split('\n');
  const tail = all.slice(-lines).join('\n');
  return all.length > lines ? `(last ${lines} of ${all.length} lines)\n${tail}` : tail || '(no output)';
}

/**
 * JVM options for the servers and migrate commands the e2e layer runs (JDK_JAVA_OPTIONS is read by the `java`
 * launcher alone, so every other stack ignores it): C1 only, as the generated project's Maven config and surefire
 * already run builds and tests. A test run serves a few thousand requests, too few for C2 to repay its compile
 * threads: the shop server's start took 39 s of CPU with C2 and 24 s with C1 only (a median 80 s against 55 s of
 * wall time on the busy shared cores). The project's own start command, what a user runs in production, is unchanged.
 */
export const TEST_JVM_ENV = { JDK_JAVA_OPTIONS: '-XX:TieredStopAtLevel=1' };

export async function startServer(cwd: string, command: string, env: Record<string, string>, healthTimeout = SERVER_START_LIMIT): Promise<{ server: ResultPromise; baseUrl: string; output: () => string }> {
  const port = await freePort();
  let output = '';
  const server = execa('sh', ['-c', command], { cwd, env: { ...process.env, ...TEST_JVM_ENV, ...env, PORT: String(port), HOST: '127.0.0.1' }, all: true, reject: false, detached: true });
  server.all?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server, healthTimeout);
  } catch (err) {
    stopGroup(server);
    throw new Error(`${(err as Error).message}; its output:\n${logTail(output)}`);
  }
  return { server, baseUrl, output: () => output };
}

export function stopGroup(server: ResultPromise, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (server.pid) process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

/** Reads the generated project's backend.yaml back through the CLI's own resolver: the model the server serves. */
export function projectConfig(dir: string): ResolvedConfig {
  const gathered = gather({ config: join(dir, 'backend.yaml') });
  const { config, problems } = finish(gathered.partial, gathered, {});
  if (!config) throw new Error(`generated backend.yaml does not validate: ${JSON.stringify(problems)}`);
  return config;
}

/**
 * Measures each step of a case and logs one compact line at its end, passed or not ("e2e time java-sqlite:
 * install 212s, lint 15s, tests 180s, … = 480s"): where CI's time goes, per case, without reading the timestamps.
 */
function stepClock(label: string, log: (s: string) => void) {
  const started = Date.now();
  const spent: string[] = [];
  return {
    async step<T>(name: string, run: () => Promise<T>): Promise<T> {
      const t = Date.now();
      try {
        return await run();
      } finally {
        spent.push(`${name} ${Math.round((Date.now() - t) / 1000)}s`);
      }
    },
    report: () => log(`e2e time ${label}: ${spent.join(', ')} = ${Math.round((Date.now() - started) / 1000)}s`),
  };
}

export async function runE2E(c: E2ECase, log: (s: string) => void = () => {}): Promise<void> {
  const clock = stepClock(c.label, log);
  try {
    await runSteps(c, log, clock.step);
  } finally {
    clock.report();
  }
}

type Step = <T>(name: string, run: () => Promise<T>) => Promise<T>;

async function runSteps(c: E2ECase, log: (s: string) => void, step: Step): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  // CB_E2E_PREFIX keeps the databases of two checkouts running e2e side by side apart.
  const name = `${process.env.CB_E2E_PREFIX ?? 'e2e'}_${c.label.replace(/-/g, '_')}`;
  const dir = join(WORK, c.label);
  rmSync(dir, { recursive: true, force: true });

  const args = [BIN, dir, '--stack', c.stack, '--database', c.database, '--json', '--no-git', ...(c.spec ? ['--config', c.spec] : ['--yes'])];
  log(`generate + install: node ${args.join(' ')}`);
  const stepLimit = (ms: number) => ms * (c.stepTimeoutScale ?? 1);
  const gen = await step('install', () => execa('node', args, { reject: false, timeout: stepLimit(600_000) }));
  assertOk({ ...gen, all: `${gen.stdout}\n${gen.stderr}` }, 'create-backend (generate + install)');
  const result = JSON.parse(gen.stdout) as CliResult;
  const { commands } = result;
  // Which installer ran (python: uv when CI put it on PATH, else pip), so the log shows what the install time bought.
  log(`installed with: ${result.steps.find((s) => s.name === 'install')?.command ?? '(no install step)'}`);

  const testUrl = await freshDatabase(c.database, `${name}_test`, dir);
  const appUrl = await freshDatabase(c.database, `${name}_app`, dir);
  const env = { ...TEST_JVM_ENV, DATABASE_URL: appUrl, JWT_SECRET, NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' };

  if (commands.lint) {
    log(`static checks: ${commands.lint}`);
    assertOk(await step('lint', () => sh(commands.lint!, dir, {}, stepLimit(600_000))), `static checks (${commands.lint})`);
  }
  if (c.depth === 'static') {
    log(`migrate: ${commands.migrate}`);
    assertOk(await step('migrate', () => sh(commands.migrate, dir, env, stepLimit(300_000))), `migrate (${commands.migrate})`);
    return;
  }
  if (c.depth !== 'contract') {
    log(`project tests: ${commands.test}`);
    // The tests get their own database and the app's DATABASE_URL beside it, as on a developer's machine: they must use the first and leave the second alone.
    const testEnv = { TEST_DATABASE_URL: testUrl, DATABASE_URL: appUrl, JWT_SECRET, NODE_ENV: 'test' };
    assertOk(await step('tests', () => sh(commands.test, dir, testEnv, stepLimit(600_000))), `project tests (${commands.test})`);
  }

  log(`migrate: ${commands.migrate}`);
  assertOk(await step('migrate', () => sh(commands.migrate, dir, env, stepLimit(300_000))), `migrate (${commands.migrate})`);
  if (c.depth === 'own-tests') return;
  // The build runs once: Java's is its install command, which has just run on the same sources (the jar is
  // there already), and node's start command begins with it (`npm run build && npm start`).
  const run = runOnly(commands);
  if (commands.build && commands.build !== commands.install && run === commands.start) {
    log(`build: ${commands.build}`);
    assertOk(await step('build', () => sh(commands.build!, dir, env, stepLimit(600_000))), `build (${commands.build})`);
  }

  const config = projectConfig(dir);
  // A start that builds first gets the build step's time limit too (the keyword model's build takes most of a minute).
  const { server, baseUrl, output } = await step('start', () => startServer(dir, commands.start, env, stepLimit(startLimit(commands))));
  try {
    // The contract's last probe locks this address out of /auth/login (login throttle): log in before it.
    const fuzzToken = c.schemathesis && config.auth === 'jwt' ? await fuzzUserToken(baseUrl) : undefined;
    log(`contract: ${baseUrl}`);
    const report = await step('contract', () => runContract({ baseUrl, config, jwtSecret: JWT_SECRET }));
    if (!report.ok) log(output());
    assertContract(report);
    if (c.schemathesis) {
      log(`schemathesis (${c.schemathesis}): fuzzing from /openapi.json`);
      const started = Date.now();
      const phases = await step('schemathesis', () => runSchemathesis(baseUrl, fuzzToken, dir, c.schemathesis!));
      log(`schemathesis: clean in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases})`);
    }
  } finally {
    stopGroup(server, 'SIGTERM');
    const stopped = await step('stop', () => Promise.race([server.then(() => true), new Promise((r) => setTimeout(() => r(false), 15_000))]));
    if (!stopped) stopGroup(server);
    if (!stopped) throw new Error('server did not stop within 15 s of SIGTERM (graceful shutdown)');
  }
  log('contract passed, server stopped');
  if (c.depth === 'contract') return;

  // Rate limiting is probed against a second start with a small limit, so it cannot disturb the contract run.
  // The same build serves again: only the start command's run part.
  const limited = await step('restart', () => startServer(dir, run, { ...env, RATE_LIMIT_PER_MINUTE: '20' }, stepLimit(SERVER_START_LIMIT)));
  try {
    await expectRateLimited(`${limited.baseUrl}/api/${config.entities[0] ? names(config.entities[0].name).pluralKebab : 'none'}`);
  } finally {
    stopGroup(limited.server);
  }
}

/** The start command without a leading build (`npm run build && npm start` → `npm start`), for a project already built. */
export function runOnly(commands: Pick<CliResult['commands'], 'start' | 'build'>): string {
  const buildFirst = commands.build ? `${commands.build} && ` : undefined;
  return buildFirst && commands.start.startsWith(buildFirst) ? commands.start.slice(buildFirst.length) : commands.start;
}

/** Requests to an API route (authenticated or not) end in 429 problem+json with Retry-After within 100 calls. */
async function expectRateLimited(url: string): Promise<void> {
  for (let i = 1; i <= 100; i++) {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    if (res.status >= 500) throw new Error(`rate limit: ${url} answered ${res.status}`);
    if (res.status !== 429) continue;
    const retryAfter = res.headers.get('retry-after');
    if (!retryAfter || !/^\d+$/.test(retryAfter)) throw new Error(`rate limit: 429 without a Retry-After in seconds (${retryAfter})`);
    if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error('rate limit: the 429 is not problem+json');
    return;
  }
  throw new Error(`rate limit: no 429 after 100 requests to ${url} with RATE_LIMIT_PER_MINUTE=20`);
}

/**
 * Installs the pinned schemathesis (test/e2e/requirements.txt) into a venv under .e2e once. The e2e layer's
 * global setup (setup.ts) calls it before any test file runs, so two workers never build the venv at once.
 */
export async function schemathesisBin(): Promise<string> {
  const venv = join(WORK, 'tools-venv');
  const bin = join(venv, 'bin', 'schemathesis');
  if (!existsSync(bin)) await venvWith(venv, ['-r', join(REPO, 'test/e2e/requirements.txt')]);
  return bin;
}

/** A venv holding what these pip arguments install: by uv when CI put it on PATH (.ci/uv.sh; 2 s instead of 37 s for schemathesis), else by venv and pip. */
async function venvWith(venv: string, requirements: readonly string[]): Promise<void> {
  const uv = (await execa('sh', ['-c', 'command -v uv'], { reject: false })).stdout.trim();
  if (uv) {
    // --seed puts pip in the venv too, for a later run without uv.
    await execa(uv, ['venv', '-q', '--seed', '--allow-existing', venv]);
    await execa(uv, ['pip', 'install', '-q', '--python', join(venv, 'bin', 'python'), ...requirements], { timeout: 600_000 });
    return;
  }
  await execa('python3', ['-m', 'venv', venv]);
  await execa(join(venv, 'bin', 'pip'), ['install', '-q', '--disable-pip-version-check', ...requirements], { timeout: 600_000 });
}

/** Signs up and logs in a user for schemathesis before the contract run; the token (15 minutes by default) outlives it. */
async function fuzzUserToken(baseUrl: string): Promise<string> {
  const user = { email: `fuzz-${Date.now()}@example.com`, password: 'fuzzing-password-1' };
  const post = (path: string) => fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  await post('/auth/signup');
  const res = await post('/auth/login');
  if (res.status !== 200) throw new Error(`schemathesis user: login answered ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Property-based fuzzing of every operation in the server's own OpenAPI document: no 5xx, and every response
 * (status code, content type, body) must match the document. A fixed seed keeps CI reproducible.
 */
async function runSchemathesis(baseUrl: string, token: string | undefined, cwd: string, mode: 'full' | 'positive'): Promise<string> {
  const headers = token ? ['-H', `Authorization: Bearer ${token}`] : [];
  // cwd is the fresh project directory: schemathesis keeps a cache of earlier failures in ./.schemathesis and
  // replays them, which would make a run depend on the runs before it.
  const run = await execa(await schemathesisBin(), [
    'run', `${baseUrl}/openapi.json`, ...headers,
    '--checks', 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
    '--max-examples', '25', '--seed', '1', '--no-color', '--mode', mode === 'full' ? 'all' : 'positive',
    // On a server database the coverage phase's boundary values (longest strings, extreme numbers, every enum
    // value) are what reach its own limits; random valid data (fuzzing) and request chains (stateful) exercise the
    // same server code SQLite's full run already fuzzes, and cost about half of a positive run.
    ...(mode === 'positive' ? ['--phases', 'examples,coverage'] : []),
  ], { cwd, reject: false, all: true, timeout: 600_000, env: { SCHEMATHESIS_TELEMETRY: 'false' } });
  if (run.exitCode !== 0) throw new Error(`schemathesis found failures (exit ${run.exitCode}):\n${(run.all ?? '').slice(-8000)}`);
  // "Coverage 50.9s, Fuzzing 49.9s, …, 2515 cases": where the time goes, for the CI log.
  const out = run.all ?? '';
  const phases = [...out.matchAll(/(Examples|Coverage|Fuzzing|Stateful) \(in ([\d.]+)s\)/g)].map((m) => `${m[1]} ${m[2]} s`);
  const cases = /(\d+) generated/.exec(out)?.[1];
  return [...phases, `${cases ?? '?'} cases`].join(', ');
}
