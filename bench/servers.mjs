// Benchmark 3 (issue 7): each generated server against a minimal hand-written server in the same framework and
// driver, on the same PostgreSQL database with 10,000 seeded rows per entity, driven by autocannon on loopback.
// Usage: npm run bench:servers
//   BENCH_PG_URL      admin URL (default postgres://app:app@127.0.0.1:55432/postgres); must be on 127.0.0.1
//   BENCH_STACKS      node,python (default: every stack that generates for PostgreSQL; java when it lands)
//   BENCH_DURATION    seconds per measured run (10); BENCH_WARMUP seconds before it (3); BENCH_CONNECTIONS (32)
//   BENCH_REUSE=1     reuse an already generated and installed project in bench/.work/servers (for trials)
//   BENCH_NODE_FLAGS  extra node flags for both Node servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   BENCH_AGAINST     another build of the CLI (its dist/cli/bin.js): its generated server takes the baseline's place,
//                     to measure a template change before/after; BENCH_ROUNDS alternations (default 1); the figures
//                     go to bench/.work/servers-trial.json and stdout, RESULTS.md is left alone
//   BENCH_TRIAL=1     the same output (stdout and .work only) for a run against the baselines
// A stack whose entry says `frame: true` has a third server, "baseline + frame": its baseline with BENCH_FRAME=1,
// doing the frame SPEC 5 requires of every response (the generated server's headers, a request id, a JSON access
// line) and nothing else; adding the frame to another stack is its baseline's change plus that flag.
//   BENCH_GO_PPROF    a folder: both Go servers are built with net/http/pprof on a side port and a CPU profile of each
//                     measured by-id run is written there (go-<server>-byId-r<round>.pprof; read it with
//                     `go tool pprof -top <file>`); a trial, as the profiler's own cost disturbs the figures
//   BENCH_JAVA_JFR    a folder: a JFR recording (the JDK's profile settings, execution samples every
//                     BENCH_JAVA_JFR_PERIOD ms, default 10) of each Java server's measured runs is written there
//                     (java-<server>-<endpoint>-r<round>.jfr; sum it by layer with `python3 bench/jfr-layers.py`);
//                     a trial, like BENCH_GO_PPROF (at 1 ms, the sampling multiplied CPU per request by ~9)
// The load generator only ever targets 127.0.0.1, every run is bounded in time, and the servers are stopped
// (SIGTERM, then SIGKILL) when the run ends or fails.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BENCH, WORK, barChart, ensureBenchDeps, snapshotCli, fmt, fresh, machine, machineLine, readSection, writeSection } from './lib.mjs';
import { library } from './models.mjs';

ensureBenchDeps();
const require = createRequire(join(BENCH, 'package.json'));
const autocannon = require('autocannon');
const autocannonVersion = require('autocannon/package.json').version;

const HOST = '127.0.0.1';
const ADMIN = process.env.BENCH_PG_URL ?? 'postgres://app:app@127.0.0.1:55432/postgres';
if (new URL(ADMIN).hostname !== HOST) throw new Error(`BENCH_PG_URL must point at ${HOST}, not ${new URL(ADMIN).hostname}`);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROWS = 10_000;
const AUTHORS_WITH_BOOKS = 100; // books are spread over 100 authors: a filtered list has 100 rows, pages of 20
const REUSE = process.env.BENCH_REUSE === '1';
const AGAINST = process.env.BENCH_AGAINST;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
// LOG_LEVEL of the generated servers; another level than info is an ablation, so it never writes RESULTS.md.
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const PPROF = process.env.BENCH_GO_PPROF;
const JFR = process.env.BENCH_JAVA_JFR;
const JFR_PERIOD = Number(process.env.BENCH_JAVA_JFR_PERIOD ?? 10);
if (!(Number.isInteger(JFR_PERIOD) && JFR_PERIOD >= 1)) throw new Error(`BENCH_JAVA_JFR_PERIOD must be a whole number of ms, at least 1, not ${process.env.BENCH_JAVA_JFR_PERIOD}`);
const TRIAL = Boolean(AGAINST) || process.env.BENCH_TRIAL === '1' || LOG_LEVEL !== 'info' || Boolean(PPROF) || Boolean(JFR);
const OTHER = AGAINST ? 'against' : 'baseline';
const CLI = snapshotCli(); // a private copy of dist/, or BENCH_CLI: another build of the CLI
const NODE = process.execPath;
const m = machine();
const W = join(WORK, 'servers');
mkdirSync(W, { recursive: true });
if (PPROF) mkdirSync(PPROF, { recursive: true });
if (JFR) mkdirSync(JFR, { recursive: true });

const dbUrl = (name) => { const u = new URL(ADMIN); u.pathname = `/${name}`; return u.toString(); };
function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stderr || '').slice(-3000)}\n${(r.stdout || '').slice(-3000)}`);
  return r.stdout;
}

/** The uuid PostgreSQL makes of md5(text)::uuid, so the client knows every seeded id without asking. */
const md5uuid = (s) => createHash('md5').update(s).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const SEED = `
INSERT INTO authors (id, name, bio, created_at, updated_at)
  SELECT md5('author-' || i)::uuid, 'Author ' || i, 'Biography of author ' || i,
         timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second', timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second'
  FROM generate_series(1, ${ROWS}) AS i;
INSERT INTO books (id, title, isbn, published_at, author_id, created_at, updated_at)
  SELECT md5('book-' || i)::uuid, 'Book number ' || i, lpad(i::text, 13, '9'), date '2000-01-01' + (i % 9000),
         md5('author-' || (1 + i % ${AUTHORS_WITH_BOOKS}))::uuid,
         timestamptz '2025-02-01 00:00:00+00' + i * interval '1 second', timestamptz '2025-02-01 00:00:00+00' + i * interval '1 second'
  FROM generate_series(1, ${ROWS}) AS i;
INSERT INTO reviews (id, rating, body, book_id, created_at, updated_at)
  SELECT md5('review-' || i)::uuid, 1 + i % 5, 'Review number ' || i, md5('book-' || (1 + i % ${ROWS}))::uuid,
         timestamptz '2025-03-01 00:00:00+00' + i * interval '1 second', timestamptz '2025-03-01 00:00:00+00' + i * interval '1 second'
  FROM generate_series(1, ${ROWS}) AS i;
ANALYZE;`;

/** A deterministic stream of request paths: the same sequence for the generated server and the baseline. */
function paths(endpoint) {
  let s = 0x9e3779b9;
  const rand = () => { s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  if (endpoint === 'byId') return () => `/api/books/${md5uuid(`book-${1 + Math.floor(rand() * ROWS)}`)}`;
  return () => `/api/books?authorId=${md5uuid(`author-${1 + Math.floor(rand() * AUTHORS_WITH_BOOKS)}`)}&limit=20`;
}
const ENDPOINTS = [
  { id: 'byId', label: 'GET /api/books/{id}' },
  { id: 'page', label: 'GET /api/books?authorId=…&limit=20' },
];

// ------------------------------------------------------------------------------------------------ stacks

const STACKS = {
  node: {
    label: 'Node (Fastify 5 + Kysely + pg)',
    setup(dir, url) {
      if (!(REUSE && existsSync(join(dir, 'node_modules')))) {
        sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
      }
      sh('npm', ['run', 'build'], { cwd: dir });
      sh('npm', ['run', 'db:migrate'], { cwd: dir, env: { ...process.env, DATABASE_URL: url } });
      copyFileSync(join(BENCH, 'baselines/node/server.mjs'), join(dir, 'bench-baseline.mjs'));
      const v = (p) => JSON.parse(readFileSync(join(dir, 'node_modules', p, 'package.json'), 'utf8')).version;
      return `fastify ${v('fastify')}, kysely ${v('kysely')}, pg ${v('pg')}, Node ${process.version}`;
    },
    generated: (dir, url, port) => ({
      cmd: NODE, args: [...flags(), 'dist/server.js'], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), HOST, NODE_ENV: 'production', LOG_LEVEL, RATE_LIMIT_PER_MINUTE: '1000000' },
    }),
    baseline: (dir, url, port) => ({ cmd: NODE, args: [...flags(), 'bench-baseline.mjs'], cwd: dir, env: { DATABASE_URL: url, PORT: String(port), HOST } }),
    frame: true,
  },
  java: {
    label: 'Java (Spring Boot Web MVC + Spring Data JPA + PostgreSQL JDBC)',
    warmup: 10, // the JIT needs longer than the others to settle
    // ...and much longer the first time: without a settling phase, CPU per request still fell 3× between rounds
    // 1 and 3 (764 → 261 µs by id, 2026-12-07), so the medians measured the JIT, not the code.
    settle: 60,
    setup(dir, url) {
      const mvn = ['-q', '-B', '-DskipTests', '-Dspotless.check.skip=true', '-Dspotless.apply.skip=true', 'package'];
      if (!(REUSE && jar(join(dir, 'target')))) sh('mvn', mvn, { cwd: dir });
      const base = join(W, 'java', 'baseline');
      if (!AGAINST && !(REUSE && jar(join(base, 'target')))) {
        fresh(base);
        cpSync(join(BENCH, 'baselines/java'), base, { recursive: true, filter: (src) => !src.includes('/target') });
        sh('mvn', mvn, { cwd: base });
      }
      sh('java', ['-jar', jar(join(dir, 'target')), 'migrate'], { cwd: dir, env: { ...process.env, DATABASE_URL: url } });
      const parent = (f) => readFileSync(f, 'utf8').match(/<artifactId>spring-boot-starter-parent<\/artifactId>\s*<version>([^<]+)</)?.[1];
      const [g, b] = [parent(join(dir, 'pom.xml')), parent(join(BENCH, 'baselines/java/pom.xml'))];
      if (g !== b) throw new Error(`the Java baseline uses Spring Boot ${b}, the generated project ${g}: update bench/baselines/java/pom.xml`);
      return `Spring Boot ${g}, ${sh('java', ['-version'], {}).trim() || spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0]}`;
    },
    generated: (dir, url, port) => ({
      cmd: 'java', args: ['-jar', jar(join(dir, 'target'))], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), HOST, APP_ENV: 'production', RATE_LIMIT_PER_MINUTE: '1000000' },
    }),
    baseline: (dir, url, port) => ({ cmd: 'java', args: ['-jar', jar(join(W, 'java', 'baseline', 'target'))], cwd: dir, env: { DATABASE_URL: url, PORT: String(port), HOST } }),
  },
  python: {
    label: 'Python (FastAPI + SQLAlchemy 2 + psycopg 3, uvicorn)',
    setup(dir, url) {
      if (!(REUSE && existsSync(join(dir, '.venv/bin/python')))) {
        sh('python3', ['-m', 'venv', '.venv'], { cwd: dir });
        sh('.venv/bin/python', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-e', '.'], { cwd: dir });
      }
      sh('.venv/bin/alembic', ['upgrade', 'head'], { cwd: dir, env: { ...process.env, DATABASE_URL: url } });
      const v = sh('.venv/bin/python', ['-c', 'import sys, fastapi, sqlalchemy, psycopg, uvicorn, pydantic; print(f"fastapi {fastapi.__version__}, pydantic {pydantic.VERSION}, sqlalchemy {sqlalchemy.__version__}, psycopg {psycopg.__version__}, uvicorn {uvicorn.__version__}, Python {sys.version.split()[0]}")'], { cwd: dir });
      return v.trim();
    },
    generated: (dir, url, port) => ({
      cmd: join(dir, '.venv/bin/python'), args: ['-m', 'app'], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), HOST, APP_ENV: 'production', LOG_LEVEL, RATE_LIMIT_PER_MINUTE: '1000000' },
    }),
    baseline: (dir, url, port) => ({
      cmd: join(dir, '.venv/bin/python'), args: ['-m', 'uvicorn', 'baseline:app', '--app-dir', join(BENCH, 'baselines/python'), '--host', HOST, '--port', String(port), '--no-access-log', '--log-level', 'warning'],
      cwd: dir, env: { DATABASE_URL: url },
    }),
  },
  go: {
    label: 'Go (chi + pgx pool)',
    setup(dir, url) {
      // The generated project's install command, then the Dockerfile's production build.
      if (!(REUSE && existsSync(join(dir, 'server')))) {
        sh('go', ['mod', 'tidy'], { cwd: dir, env: goEnv() });
        sh('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', 'server', './cmd/server'], { cwd: dir, env: { ...goEnv(), CGO_ENABLED: '0' } });
      }
      if (PPROF) buildWithPprof(join(dir, 'cmd/server'), join(dir, 'server-pprof'), dir);
      const base = join(W, 'go', 'baseline');
      if (!AGAINST && !(REUSE && existsSync(join(base, 'baseline')))) {
        fresh(base);
        cpSync(join(BENCH, 'baselines/go'), base, { recursive: true });
        sh('go', ['build', '-trimpath', '-o', 'baseline', '.'], { cwd: base, env: { ...goEnv(), CGO_ENABLED: '0' } });
      }
      if (PPROF && !AGAINST) buildWithPprof(base, join(base, 'baseline-pprof'), base);
      sh(join(dir, 'server'), ['migrate'], { cwd: dir, env: { ...process.env, DATABASE_URL: url } });
      const pins = (file) => Object.fromEntries([...readFileSync(file, 'utf8').matchAll(/^\s+(\S+) (v\S+)$/gm)].map(([, p, v]) => [p, v]));
      const [g, b] = [pins(join(dir, 'go.mod')), pins(join(BENCH, 'baselines/go/go.mod'))];
      for (const mod of ['github.com/go-chi/chi/v5', 'github.com/jackc/pgx/v5', 'github.com/google/uuid']) {
        if (g[mod] !== b[mod]) throw new Error(`the Go baseline requires ${mod} ${b[mod]}, the generated project ${g[mod]}: update bench/baselines/go/go.mod`);
      }
      return `chi ${g['github.com/go-chi/chi/v5']}, pgx ${g['github.com/jackc/pgx/v5']}, ${sh('go', ['env', 'GOVERSION']).trim()}`;
    },
    // The generated server reads no HOST: it listens on every interface, as in its container.
    generated: (dir, url, port) => ({
      cmd: join(dir, PPROF ? 'server-pprof' : 'server'), args: [], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), LOG_LEVEL, RATE_LIMIT_PER_MINUTE: '1000000', ...pprofEnv(port) },
    }),
    baseline: (dir, url, port) => ({
      cmd: join(W, 'go', 'baseline', PPROF ? 'baseline-pprof' : 'baseline'), args: [], cwd: dir, env: { DATABASE_URL: url, PORT: String(port), HOST, ...pprofEnv(port) },
    }),
    frame: true,
  },
  ruby: {
    label: 'Ruby (Sinatra + Sequel + pg, Puma)',
    setup(dir, url) {
      // The generated project's install command (`--local` where CI installs the gems from Debian's packages).
      if (!(REUSE && existsSync(join(dir, 'Gemfile.lock')))) sh('bundle', process.env.CREATE_BACKEND_BUNDLE_LOCAL ? ['install', '--local'] : ['install'], { cwd: dir });
      sh('bundle', ['exec', 'rake', 'db:migrate'], { cwd: dir, env: { ...process.env, DATABASE_URL: url } });
      const v = sh('bundle', ['exec', 'ruby', '-e', 'require "sinatra/base"; require "sequel"; require "pg"; require "puma"; require "rack"; print "sinatra #{Sinatra::VERSION}, sequel #{Sequel::VERSION}, pg #{PG::VERSION}, puma #{Puma::Const::PUMA_VERSION}, rack #{Rack.release}, Ruby #{RUBY_VERSION}#{" +YJIT" if defined?(RubyVM::YJIT) && RubyVM::YJIT.enabled?}"'], { cwd: dir });
      return v.trim();
    },
    generated: (dir, url, port) => ({
      cmd: 'bundle', args: ['exec', 'puma', '-C', 'config/puma.rb'], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), HOST, RACK_ENV: 'production', LOG_LEVEL, RATE_LIMIT_PER_MINUTE: '1000000' },
    }),
    // The baseline runs on the generated project's bundle, so both use the same gems.
    baseline: (dir, url, port) => ({
      cmd: 'bundle', args: ['exec', 'puma', '-C', join(BENCH, 'baselines/ruby/puma.rb'), join(BENCH, 'baselines/ruby/config.ru')], cwd: dir,
      env: { DATABASE_URL: url, PORT: String(port), HOST, BUNDLE_GEMFILE: join(dir, 'Gemfile') },
    }),
  },
};
/** The "baseline + frame" server of a stack with `frame: true`: its baseline, with the frame switched on. */
const framed = (spec) => ({ ...spec, env: { ...spec.env, BENCH_FRAME: '1' } });
/** The servers' names in RESULTS.md's rows (`which` is the key in results and servers-trial.json). */
const LABEL = { generated: 'generated', baseline: 'baseline', framed: 'baseline + frame', against: 'against' };

/** The runnable Spring Boot jar in a target folder (not the -plain one), or undefined. */
const jar = (target) => {
  try { const f = readdirSync(target).find((n) => n.endsWith('.jar') && !n.endsWith('-plain.jar')); return f && join(target, f); } catch { return undefined; }
};
/**
 * BENCH_GO_PPROF: a Go main package built with one more file, which serves net/http/pprof on BENCH_PPROF_ADDR (both
 * servers route with chi, so http.DefaultServeMux holds nothing else). The file is removed after the build, so the
 * shipped binary (built as the Dockerfile builds it) stays as it is.
 */
function buildWithPprof(pkg, out, cwd) {
  const file = join(pkg, 'zz_bench_pprof.go');
  writeFileSync(file, `package main

import (
\t"net"
\t"net/http"
\t_ "net/http/pprof"
\t"os"
)

func init() {
\tln, err := net.Listen("tcp", os.Getenv("BENCH_PPROF_ADDR"))
\tif err != nil {
\t\tpanic(err)
\t}
\tgo func() { _ = http.Serve(ln, nil) }()
}
`);
  try {
    sh('go', ['build', '-trimpath', '-o', out, '.'], { cwd: pkg, env: { ...goEnv(), CGO_ENABLED: '0' } });
  } finally {
    rmSync(file);
  }
}
const pprofEnv = (port) => (PPROF ? { BENCH_PPROF_ADDR: `${HOST}:${port + 1000}` } : {});
/** The CPU profile of the next `seconds` of the server on `port` (see buildWithPprof), into file. */
async function profileGo(port, seconds, file) {
  const r = await fetch(`http://${HOST}:${port + 1000}/debug/pprof/profile?seconds=${seconds}`);
  if (!r.ok) throw new Error(`pprof on port ${port + 1000}: ${r.status} ${await r.text()}`);
  writeFileSync(file, Buffer.from(await r.arrayBuffer()));
}

/**
 * BENCH_JAVA_JFR: a JFR recording of the Java server `pid` over the measured run that starts after `delay` seconds
 * (the warm-up), attached with jcmd before the warm-up so that jcmd's own start-up lands outside the measured run.
 * The JDK's profile settings, with the execution samples' period set to BENCH_JAVA_JFR_PERIOD.
 */
function profileJava(pid, delay, seconds, file) {
  const jfc = join(JFR, `profile-${JFR_PERIOD}ms.jfc`);
  if (!existsSync(jfc)) {
    const home = spawnSync('java', ['-XshowSettings:properties', '-version'], { encoding: 'utf8' }).stderr.match(/java\.home = (.+)/)[1].trim();
    const src = readFileSync(join(home, 'lib/jfr/profile.jfc'), 'utf8');
    const period = /(<event name="jdk\.ExecutionSample">[\s\S]*?<setting name="period"[^>]*>)\d+ ms/;
    if (!period.test(src)) throw new Error(`${home}/lib/jfr/profile.jfc: no period of jdk.ExecutionSample to set`);
    const out = src.replace(period, `$1${JFR_PERIOD} ms`);
    writeFileSync(jfc, out);
  }
  sh('jcmd', [String(pid), 'JFR.start', `name=bench-${Date.now()}`, `delay=${delay}s`, `duration=${seconds}s`, `settings=${jfc}`, `filename=${file}`]);
}

/** Go's environment for builds: the shared module cache, and go.sum written as needed (as the e2e layer does). */
const goEnv = () => ({ ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod`.trim() });
const flags = () => (process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : []);

// ------------------------------------------------------------------------------------------------ servers

const running = new Set();
const START_LIMIT_S = 300;
/** The end of a server's log, for the error that says it did not start. */
const logTail = (logFile, lines = 40) => {
  const text = readFileSync(logFile, 'utf8').trimEnd();
  return `the last ${lines} lines of ${logFile}:\n${text ? text.split('\n').slice(-lines).join('\n') : '(empty)'}`;
};
async function startServer(name, spec, port, logFile) {
  const out = openSync(logFile, 'w');
  const child = spawn(spec.cmd, spec.args, { cwd: spec.cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...spec.env }, stdio: ['ignore', out, out] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  // Spring Boot took 52–60 s to start on the loaded 2-core machine; the wait ends at the first answer or exit.
  const deadline = Date.now() + START_LIMIT_S * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before answering /health; ${logTail(logFile)}`);
    try {
      const r = await fetch(`http://${HOST}:${port}/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`${name} did not answer /health within ${START_LIMIT_S} s; ${logTail(logFile)}`);
    await sleep(200);
  }
  // Peak memory: the kernel's high-water mark of the process (VmHWM), read at the end, and the summed RSS of
  // the process and its children sampled every 200 ms, whichever is higher.
  const mem = { peakKiB: 0 };
  const tree = () => {
    const pids = [child.pid];
    for (let i = 0; i < pids.length; i++) {
      try { pids.push(...readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)); } catch { /* gone */ }
    }
    return pids;
  };
  const field = (pid, key) => { try { return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0); } catch { return 0; } };
  /** CPU time (ms, user + system) used so far by the process and its children still running. */
  const cpuMs = () => tree().reduce((a, pid) => {
    try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return a + (Number(f[11]) + Number(f[12])) * 10; } catch { return a; }
  }, 0);
  const timer = setInterval(() => { mem.peakKiB = Math.max(mem.peakKiB, tree().reduce((a, p) => a + field(p, 'VmRSS'), 0)); }, 200);
  return {
    child, port, mem, cpuMs,
    async stop() {
      clearInterval(timer);
      mem.peakKiB = Math.max(mem.peakKiB, field(child.pid, 'VmHWM'));
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        for (let i = 0; i < 100 && child.exitCode === null; i++) await sleep(100);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
const killAll = () => { for (const c of running) c.kill('SIGKILL'); };
process.on('exit', killAll);
process.on('SIGINT', () => { killAll(); process.exit(130); });

async function get(port, path, headers = {}) {
  const r = await fetch(`http://${HOST}:${port}${path}`, { headers });
  return { status: r.status, headers: r.headers, body: await r.json() };
}

/** Both servers must answer the same requests with the same shapes before any load runs. */
async function checkSame(gen, base) {
  const p1 = paths('byId')();
  const p2 = paths('page')();
  const [a1, b1, a2, b2] = await Promise.all([get(gen, p1), get(base, p1), get(gen, p2), get(base, p2)]);
  const keys = (o) => Object.keys(o).sort().join(',');
  const problems = [];
  if (a1.status !== 200 || b1.status !== 200) problems.push(`GET by id: ${a1.status} / ${b1.status}`);
  if (keys(a1.body) !== keys(b1.body)) problems.push(`GET by id keys differ: ${keys(a1.body)} / ${keys(b1.body)}`);
  if (a1.body.id !== b1.body.id || a1.body.title !== b1.body.title) problems.push('GET by id: different rows');
  if (a2.status !== 200 || b2.status !== 200) problems.push(`page: ${a2.status} / ${b2.status}`);
  if (a2.body.items?.length !== 20 || b2.body.items?.length !== 20) problems.push(`page sizes ${a2.body.items?.length} / ${b2.body.items?.length}`);
  if (a2.body.total !== ROWS / AUTHORS_WITH_BOOKS || b2.body.total !== a2.body.total) problems.push(`totals ${a2.body.total} / ${b2.body.total}`);
  if (a2.body.items?.map((x) => x.id).join() !== b2.body.items?.map((x) => x.id).join()) problems.push('pages hold different rows');
  if (problems.length) throw new Error(`the two servers do not serve the same endpoints: ${problems.join('; ')}`);
}

/** Response headers whose values belong to the one response: compared by name only. */
const PER_RESPONSE = new Set(['date', 'x-request-id']);
/**
 * Headers outside the frame, not compared: how the body is delimited (a baseline writes its body as it always did:
 * Go's bare baseline streams a page longer than net/http's 4 KiB buffer in chunks, the generated server sends its
 * length), and the rate limit's (Node's @fastify/rate-limit), which the frame leaves out as it leaves out the limit
 * itself: counting requests per client is a feature of the generated server, not part of every response's frame
 * (Go's generated server counts too, and sends no such headers).
 */
const NOT_FRAME = new Set(['content-length', 'transfer-encoding', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
/** What differs between two responses' headers (fetch's Headers: names lower-cased), named after the servers. */
function headerDiff(a, b, [nameA, nameB]) {
  const out = [];
  for (const n of [...new Set([...a.keys(), ...b.keys()])].filter((n) => !NOT_FRAME.has(n)).sort()) {
    if (!a.has(n) || !b.has(n)) out.push(`${n} only from the ${a.has(n) ? nameA : nameB}`);
    else if (!PER_RESPONSE.has(n) && a.get(n) !== b.get(n)) out.push(`${n}: "${a.get(n)}" / "${b.get(n)}"`);
  }
  return out;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * The framed baseline must send the generated server's header set on both endpoints (names, and values but the
 * per-response ones), keep a client's X-Request-Id and make a fresh uuid without one, as the generated server does.
 */
async function checkFrame(gen, framed) {
  const problems = [];
  for (const path of [paths('byId')(), paths('page')()]) for (const id of ['bench-frame-check', undefined]) {
    const [a, b] = await Promise.all([gen, framed].map((port) => get(port, path, id ? { 'x-request-id': id } : {})));
    problems.push(...headerDiff(a.headers, b.headers, ['generated server', 'baseline + frame']).map((d) => `${path}: ${d}`));
    for (const [name, r] of [['generated server', a], ['baseline + frame', b]]) {
      const got = r.headers.get('x-request-id') ?? '';
      if (id ? got !== id : !UUID.test(got)) problems.push(`${path}: the ${name}'s x-request-id is "${got}", not ${id ? `"${id}"` : 'a fresh uuid'}`);
    }
  }
  if (problems.length) throw new Error(`the framed baseline does not send the generated server's frame:\n  ${problems.join('\n  ')}`);
}

function load(port, endpoint, seconds) {
  const next = paths(endpoint);
  return new Promise((resolve, reject) => {
    const inst = autocannon({
      url: `http://${HOST}:${port}`,
      connections: CONNECTIONS,
      pipelining: 1,
      duration: seconds,
      timeout: 10,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    // Hard stop in case the server stalls: the run can never outlast its duration by more than 15 s.
    const guard = setTimeout(() => inst.stop(), (seconds + 15) * 1000);
    inst.on('done', () => clearTimeout(guard));
  });
}

/**
 * The CPU around a measured run besides the server's own, to tell what bounds its throughput on this small machine:
 * this process's (autocannon runs in it), that of the PostgreSQL backends serving database db, and the share of the
 * machine's CPU time that was busy. Called without `from` it returns a starting point; with it, the differences.
 */
function sideCpu(db, from) {
  const own = process.cpuUsage();
  const stat = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const now = { own, total: stat.reduce((a, x) => a + x, 0), idle: stat[3] + stat[4], postgres: postgresCpuMs(db) };
  if (!from) return now;
  const total = now.total - from.total;
  const d = process.cpuUsage(from.own);
  // Per backend, so that one that closes during the run (an idle pool connection) takes only its own time along.
  const postgresMs = [...now.postgres].reduce((a, [pid, ms]) => a + ms - (from.postgres.get(pid) ?? 0), 0);
  return { clientMs: (d.user + d.system) / 1000, postgresMs, busy: total ? 1 - (now.idle - from.idle) / total : 0 };
}
/**
 * CPU time (ms) used so far by each PostgreSQL backend connected to database db (pid → ms), found by its process
 * title ("postgres: <user> <db> <client>"), so that other users of a shared PostgreSQL are left out.
 */
function postgresCpuMs(db) {
  const ms = new Map();
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(db)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.split(') ')[1].split(' ');
      ms.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch { /* gone */ }
  }
  return ms;
}

function javaAvailable() {
  const r = spawnSync(NODE, [CLI, join(W, 'java-probe'), '--stack', 'java', '--database', 'postgres', '--entity', 'Item: name:string!', '--dry-run', '--yes', '--json'], { encoding: 'utf8' });
  return r.status === 0 ? null : (JSON.parse(r.stdout || '{}').errors?.[0]?.message ?? `exit ${r.status}`);
}

// ------------------------------------------------------------------------------------------------ run

/** Why a stack cannot run here (null when it can): stacks that need more than Node say so. */
const UNAVAILABLE = {
  java: javaAvailable,
  go: () => (spawnSync('go', ['version']).status === 0 ? null : 'go is not on PATH'),
  ruby: () => (spawnSync('bundle', ['--version']).status === 0 ? null : 'bundle (Ruby with Bundler) is not on PATH'),
};
const skipped = [];
const wanted = (process.env.BENCH_STACKS ?? 'node,python,java,go,ruby').split(',').filter((s) => {
  const why = UNAVAILABLE[s]?.();
  if (why) skipped.push({ stack: s, why });
  return !why;
});
console.log(machineLine(m));
const results = [];
const versions = {};
let port = 18_100;
try {
  for (const stack of wanted.filter((s) => STACKS[s])) {
    const S = STACKS[stack];
    const dir = join(W, stack, 'app');
    const db = `${process.env.BENCH_DB_PREFIX ?? 'bench'}_${stack}`; // BENCH_DB_PREFIX: for checkouts sharing a server
    const url = dbUrl(db);
    console.log(`\n== ${stack}: generate, install, migrate, seed ${ROWS.toLocaleString()} rows per entity`);
    if (!(REUSE && existsSync(dir))) {
      fresh(join(W, stack));
      writeFileSync(join(W, stack, 'backend.yaml'), library({ stack, auth: 'none' }));
      sh(NODE, [CLI, dir, '--config', join(W, stack, 'backend.yaml'), '--no-install', '--no-git']);
      if (AGAINST) sh(NODE, [AGAINST, join(W, stack, 'against'), '--config', join(W, stack, 'backend.yaml'), '--no-install', '--no-git']);
    }
    psql(ADMIN, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    psql(ADMIN, `CREATE DATABASE ${db}`);
    versions[stack] = S.setup(dir, url);
    if (AGAINST) S.setup(join(W, stack, 'against'), url);
    psql(url, SEED);
    console.log(`   ${versions[stack]}; rows: ${psql(url, 'SELECT (SELECT count(*) FROM authors) || \'/\' || (SELECT count(*) FROM books) || \'/\' || (SELECT count(*) FROM reviews)')}`);

    const servers = [['generated', await startServer(`${stack} generated`, S.generated(dir, url, ++port), port, join(W, stack, 'generated.log'))]];
    try {
      servers.push([OTHER, AGAINST
        ? await startServer(`${stack} against`, S.generated(join(W, stack, 'against'), url, ++port), port, join(W, stack, 'against.log'))
        : await startServer(`${stack} baseline`, S.baseline(dir, url, ++port), port, join(W, stack, 'baseline.log'))]);
      if (S.frame && !AGAINST) {
        servers.push(['framed', await startServer(`${stack} baseline + frame`, framed(S.baseline(dir, url, ++port)), port, join(W, stack, 'framed.log'))]);
      }
      const [[, gen], ...others] = servers;
      for (const [, srv] of others) await checkSame(gen.port, srv.port);
      for (const [which, srv] of others) if (which === 'framed') await checkFrame(gen.port, srv.port);
      // Once, before the rounds: each server runs every endpoint until its JIT has settled (Java only).
      if (S.settle) for (const e of ENDPOINTS) for (const [, srv] of servers) await load(srv.port, e.id, S.settle);
      for (let round = 0; round < ROUNDS; round++) for (const e of ENDPOINTS) {
        // Alternate the servers, each warmed up right before its measured run.
        for (const [which, srv] of servers) {
          if (JFR && stack === 'java') profileJava(srv.child.pid, S.warmup, DURATION, join(JFR, `java-${which}-${e.id}-r${round + 1}.jfr`));
          await load(srv.port, e.id, S.warmup ?? WARMUP);
          const cpu0 = srv.cpuMs();
          const side0 = sideCpu(db);
          const profile = PPROF && stack === 'go' && e.id === 'byId'
            ? profileGo(srv.port, DURATION, join(PPROF, `go-${which}-byId-r${round + 1}.pprof`)) : undefined;
          const r = await load(srv.port, e.id, DURATION);
          await profile;
          const cpuUs = ((srv.cpuMs() - cpu0) * 1000) / Math.max(1, r.requests.total);
          const side = sideCpu(db, side0);
          const errors = r.errors + r.timeouts + r.non2xx;
          results.push({ stack, which, endpoint: e.id, rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors, non2xx: r.non2xx, cpuUs, mem: srv.mem });
          console.log(`   ${LABEL[which].padEnd(16)} ${e.label.padEnd(36)} ${fmt(r.requests.average).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${errors}  cpu ${fmt(cpuUs)} µs/req`);
          const per = (ms) => fmt((ms * 1000) / Math.max(1, r.requests.total));
          console.log(`   ${''.padEnd(16)} load generator ${per(side.clientMs)} µs/req, PostgreSQL ${per(side.postgresMs)} µs/req, ` +
            `${fmt(r.throughput.total / Math.max(1, r.requests.total))} bytes/response, machine busy ${(side.busy * m.cpus).toFixed(2)} of ${m.cpus} cores`);
        }
      }
    } finally {
      for (const [, srv] of servers) await srv.stop();
    }
    for (const r of results.filter((x) => x.stack === stack)) r.peakMiB = r.mem.peakKiB / 1024;
  }
} finally {
  killAll();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
writeFileSync(join(WORK, TRIAL ? 'servers-trial.json' : 'servers.json'), JSON.stringify({ machine: m, versions, against: AGAINST, results: results.map(({ mem, ...r }) => r) }, null, 2));
if (TRIAL) {
  for (const stack of new Set(results.map((r) => r.stack))) for (const e of ENDPOINTS) for (const which of ['generated', OTHER, 'framed']) {
    const rs = results.filter((r) => r.stack === stack && r.endpoint === e.id && r.which === which);
    if (rs.length) console.log(`${stack} ${e.id} ${which}: median of ${rs.length}: ${fmt(median(rs.map((r) => r.cpuUs)))} µs/req, ${fmt(median(rs.map((r) => r.rps)))} req/s, p99 ${median(rs.map((r) => r.p99))} ms`);
  }
  process.exit(0);
}

// One row per stack, endpoint and server: the median of each figure over the alternated rounds, errors summed.
const measured = [];
for (const stack of new Set(results.map((r) => r.stack))) for (const e of ENDPOINTS) for (const which of ['generated', 'baseline', 'framed']) {
  const rs = results.filter((r) => r.stack === stack && r.endpoint === e.id && r.which === which);
  if (!rs.length) continue;
  const mid = (key) => median(rs.map((r) => r[key]));
  measured.push({ stack, endpoint: e.label, which, rps: mid('rps'), total: mid('total'), p50: mid('p50'), p99: mid('p99'), max: mid('max'),
    errors: rs.reduce((a, r) => a + r.errors, 0), cpuUs: mid('cpuUs'), peakMiB: Math.max(...rs.map((r) => r.peakMiB)) });
}

// The section is rewritten whole, but the rows, versions and dates of the stacks not in this run are kept from
// the section already there, so that `BENCH_STACKS=go` adds Go without dropping the others' last figures.
const previous = readSection('servers');
const ran = new Set(measured.map((r) => r.stack));
const num = (text) => Number(text.replace(/[*,]/g, ''));
const kept = [...previous.matchAll(/^\| (\w+) \| (GET [^|]+) \| (generated|baseline|baseline \+ frame) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)]
  .filter(([, stack]) => !ran.has(stack))
  .map(([, stack, endpoint, label, rps, total, p50, p99, max, errors, cpuUs, peakMiB]) => ({
    stack, endpoint: endpoint.trim(), which: Object.keys(LABEL).find((k) => LABEL[k] === label), rps: num(rps), total: num(total), p50: num(p50), p99: num(p99), max: num(max), errors: num(errors), cpuUs: num(cpuUs), peakMiB: num(peakMiB),
  }));
// The previous table's order (of every stack in it, run now or kept), new stacks last: taking only the kept ones
// first moved the stacks of each partial run to the end of the table.
const order = [...new Set([...[...previous.matchAll(/^\| (\w+) \| GET /gm)].map(([, stack]) => stack), ...Object.keys(STACKS)])];
const all = [...kept, ...measured].sort((a, b) => order.indexOf(a.stack) - order.indexOf(b.stack));
const stacks = [...new Set(all.map((r) => r.stack))];
/** "stack: text" pairs of a "Label: a: x; b: y." line of the previous section. */
const pairs = (label) => Object.fromEntries((previous.match(new RegExp(`^${label}: (.*)\\.$`, 'm'))?.[1] ?? '')
  .split(new RegExp(`; (?=(?:${order.join('|')}): )`)).map((p) => p.split(/: (.*)/s)).filter(([k, v]) => order.includes(k) && v));
const oldVersions = pairs('Versions');
const oldDates = pairs('Measured');
const oldRounds = pairs('Rounds');
const lastDate = previous.match(/run started (\S+?)Z?,/)?.[1]?.slice(0, 10);
const dates = Object.fromEntries(stacks.map((s) => [s, ran.has(s) ? m.date.slice(0, 10) : (oldDates[s] ?? lastDate ?? 'an earlier run')]));
const allVersions = Object.fromEntries(stacks.map((s) => [s, versions[s] ?? oldVersions[s] ?? 'not recorded']));
const rounds = Object.fromEntries(stacks.map((s) => [s, ran.has(s) ? String(ROUNDS) : (oldRounds[s] ?? 'not recorded')]));
/** The goal rows of the previous section, by stack: a kept stack keeps its ratios as they were computed from the
 * unrounded figures, instead of re-deriving them from the rounded ones printed in the table. */
const oldGoals = [...previous.matchAll(/^\| (\w+) \| (GET [^|]+) \| [0-9.]+× \|.*\|$/gm)];
/** Notes written by hand under the goals table, between these two markers, outlive the runs that rewrite the section. */
const notes = previous.match(/<!-- servers:notes -->[\s\S]*?<!-- \/servers:notes -->/)?.[0] ?? '';

/** Throughput, p99 and CPU per request of g against o, and whether they meet the goals (with g's errors at 0). */
const ratios = (g, o) => {
  const [tr, lr, cr] = [g.rps / o.rps, g.p99 / o.p99, g.cpuUs / o.cpuUs];
  return [tr, lr, cr, tr >= 0.9 && lr <= 1.2 && cr <= 1.1 && g.errors === 0];
};
const GOAL_COLUMNS = 11; // of the goals table below
const rows = [];
const goals = [];
for (const stack of stacks) {
  for (const e of ENDPOINTS) {
    const g = all.find((r) => r.stack === stack && r.endpoint === e.label && r.which === 'generated');
    const b = all.find((r) => r.stack === stack && r.endpoint === e.label && r.which === 'baseline');
    const f = all.find((r) => r.stack === stack && r.endpoint === e.label && r.which === 'framed');
    if (!g || !b) continue;
    for (const r of [g, b, f].filter(Boolean)) rows.push(`| ${stack} | ${e.label} | ${LABEL[r.which]} | **${fmt(r.rps)}** | ${fmt(r.total)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${fmt(r.cpuUs)} | ${fmt(r.peakMiB)} |`);
    const keptGoal = ran.has(stack) ? undefined : oldGoals.find(([, s, label]) => s === stack && label.trim() === e.label);
    if (keptGoal) {
      // A row written before the framed columns existed gets empty ones.
      const cells = keptGoal[0].split('|').length - 2;
      goals.push(keptGoal[0] + ' — |'.repeat(Math.max(0, GOAL_COLUMNS - cells)));
      continue;
    }
    const [tr, lr, cr, ok] = ratios(g, b);
    const framedCells = f ? (([ft, fl, fc, fok]) => [`${ft.toFixed(2)}×`, `${fl.toFixed(2)}× (${g.p99} / ${f.p99} ms)`, `${fc.toFixed(2)}× (${fmt(g.cpuUs)} / ${fmt(f.cpuUs)} µs)`, fok ? 'yes' : '**no**'])(ratios(g, f)) : ['—', '—', '—', '—'];
    goals.push(`| ${stack} | ${e.label} | ${tr.toFixed(2)}× | ${lr.toFixed(2)}× (${g.p99} / ${b.p99} ms) | ${cr.toFixed(2)}× (${fmt(g.cpuUs)} / ${fmt(b.cpuUs)} µs) | ${g.errors} | ${ok ? 'yes' : '**no**'} | ${framedCells.join(' | ')} |`);
  }
}

const md = `## 3. Generated servers against hand-written baselines

Command: \`npm run bench:servers\` (bench/servers.mjs). autocannon ${autocannonVersion} on loopback (127.0.0.1), ${CONNECTIONS} connections,
no pipelining, ${WARMUP} s warm-up (${STACKS.java.warmup} s for Java, whose JIT settles later, after ${STACKS.java.settle} s per endpoint and server once before the first round) then ${DURATION} s measured per row; the generated server and its baselines run side by side
on the same database and are measured alternately, in rounds (per stack on the Rounds line below; each figure is the median over the rounds, errors their sum). PostgreSQL ${psql(ADMIN, 'SHOW server_version')} on 127.0.0.1, one database
per stack, migrated by the generated project's own migrations, then ${ROWS.toLocaleString()} rows per entity inserted with SQL
(authors, books, reviews; books spread over ${AUTHORS_WITH_BOOKS} authors). Requests follow the same pseudo-random sequence
for both servers: a book by id among all ${ROWS.toLocaleString()}, and the first page of 20 books of a random author
(${ROWS / AUTHORS_WITH_BOOKS} matches, so both servers run a count and a page query).
The generated servers run as shipped for production (\`NODE_ENV\`/\`APP_ENV=production\`, Go's binary built as its Dockerfile builds it, \`LOG_LEVEL=info\` with logs to a
file, every plugin and middleware on) except that the per-client rate limit is raised to 1,000,000 a minute so that the
load generator, a single client, is not throttled. The baselines (bench/baselines/) use the same framework, driver and SQL,
with nothing else; both answer the same JSON (checked before the load). For ${Object.keys(STACKS).filter((s) => STACKS[s].frame).join(' and ')}, a third server, **baseline + frame**,
is the same baseline with \`BENCH_FRAME=1\`: it also does the frame SPEC 5 requires of every response, and nothing else: the
generated server's response headers on these endpoints (request id, security headers, \`Cache-Control\`; names and values
compared on the wire before the load), a request id kept from \`X-Request-Id\` or made fresh, and one JSON access line
per request with that id, written by the stack's idiomatic logger (Go: log/slog's JSON handler into a buffered stdout;
Node: Fastify's pino). The bare baseline keeps the figures comparable with every earlier run; the framed one separates
what the generated code costs from what the contract itself costs, and its ratios are the goals' second set of columns. Peak memory is the server process's peak RSS over
all its runs; server CPU is the user + system time the server process used during the measured run, divided by the
requests it answered (a figure that contention on this small machine disturbs less than throughput). Load generator, servers and PostgreSQL share the machine's ${m.cpus} cores,
which other work shares too: compare a generated server with its own baseline, measured minutes apart, rather than runs of different days.
${machineLine(m)}
A run of some stacks (\`BENCH_STACKS\`) keeps the other stacks' rows of the previous run.
Measured: ${stacks.map((s) => `${s}: ${dates[s]}`).join('; ')}.
Rounds: ${stacks.map((s) => `${s}: ${rounds[s]}`).join('; ')}.
Versions: ${stacks.map((s) => `${s}: ${allVersions[s]}`).join('; ')}.

| stack | endpoint | server | req/s | requests | p50 ms | p99 ms | max ms | errors | server CPU µs/request | peak RSS MiB |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${skipped.map((s) => `Not measured: ${s.stack} (${s.why}).`).join('\n')}

![throughput](charts/servers.svg)

### Goals (issues 7 and 17): at least 0.9× the baseline's throughput, at most 1.2× its p99 and 1.1× its CPU per request, zero errors

| stack | endpoint | throughput / baseline | p99 / baseline | CPU per request / baseline | errors | met | throughput / baseline + frame | p99 / baseline + frame | CPU per request / baseline + frame | met against baseline + frame |
|---|---|---|---|---|---|---|---|---|---|---|
${goals.join('\n')}

${notes}
`;
writeSection('servers', md);
mkdirSync(join(BENCH, 'charts'), { recursive: true });
writeFileSync(join(BENCH, 'charts/servers.svg'), barChart({
  title: `Requests per second, generated server vs hand-written baseline (${CONNECTIONS} connections, ${DURATION} s)`,
  unit: 'req/s',
  groups: stacks.flatMap((stack) => ENDPOINTS.map((e) => ({
    label: `${stack} · ${e.label}`,
    bars: [['generated', 'generated', '#2b7bb9'], ['baseline', 'hand-written baseline', '#999'], ['framed', 'baseline + frame', '#c98b2b']].flatMap(([which, name, color]) => {
      const r = all.find((x) => x.stack === stack && x.endpoint === e.label && x.which === which);
      return r ? [{ name, value: r.rps, color, note: `· p99 ${r.p99} ms` }] : [];
    }),
  }))),
}));
console.log('\nwrote bench/RESULTS.md (servers) and bench/charts/servers.svg');
