// Benchmark 1 (issue 7): generating a backend, create-backend against its peers, all on the Node that runs
// this script. Each tool runs from bench/node_modules (no npx download), into a fresh folder, with no
// dependency install and no git; runs are interleaved round-robin so that drift of the machine hits every
// tool alike. Usage: npm run bench:peers   (BENCH_RUNS=10, BENCH_SLOW_RUNS=5 for JHipster)
import { cpSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, WORK, PEER_BIN, snapshotCli, barChart, census, fmt, ensureBenchDeps, fresh, machine, machineLine, stats, timeCommand, writeSection } from './lib.mjs';
import { library, things } from './models.mjs';

ensureBenchDeps();
const BIN = snapshotCli();
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5);
const NODE = process.execPath;
const m = machine();
const W = fresh(join(WORK, 'peers'));
const HOME = fresh(join(W, 'home'));
// The same environment for every tool: a scratch HOME (peers write history and config there), no update
// checks or telemetry, the npm cache inside the work folder. PATH keeps this Node first.
const env = {
  ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config'), XDG_CACHE_HOME: join(HOME, '.cache'), XDG_DATA_HOME: join(HOME, '.local/share'),
  npm_config_cache: join(HOME, '.npm'), NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1', NODE_OPTIONS: '',
};

const bin = (name) => realpathSync(join(PEER_BIN, name));
const version = (pkg) => JSON.parse(readFileSync(join(BENCH, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const ours = JSON.parse(readFileSync(join(BENCH, '../package.json'), 'utf8')).version;

const specs = fresh(join(W, 'specs'));
writeFileSync(join(specs, 'library.yaml'), library());
writeFileSync(join(specs, 'things-10.yaml'), things(10));
const JDL = join(BENCH, 'models/library.jdl');

/** Each tool: how to run it once into `dir` (a fresh, empty folder), and where its project lands. */
const tools = [
  { id: 'floor', label: '`node -e 0` (the floor)', version: process.version, runs: RUNS, cmd: () => ({ args: ['-e', '0'] }) },
  {
    id: 'cb3', label: 'create-backend, 3 entities', version: ours, runs: RUNS,
    shown: 'create-backend app --config library.yaml --no-install --no-git',
    model: 'Author, Book, Review (PostgreSQL, JWT auth)',
    cmd: (dir) => ({ args: [BIN, join(dir, 'app'), '--config', join(specs, 'library.yaml'), '--no-install', '--no-git'], out: join(dir, 'app') }),
  },
  {
    id: 'cb3cloud', label: 'create-backend, 3 entities, 4 cloud targets', version: ours, runs: RUNS,
    shown: 'create-backend app --config library.yaml --cloud aws,gcp,azure,kubernetes --no-install --no-git',
    model: 'as the 3-entity row, plus Terraform for AWS, GCP and Azure and Kubernetes manifests, each with its deploy workflow',
    cmd: (dir) => ({ args: [BIN, join(dir, 'app'), '--config', join(specs, 'library.yaml'), '--cloud', 'aws,gcp,azure,kubernetes', '--no-install', '--no-git'], out: join(dir, 'app') }),
  },
  {
    id: 'cb10', label: 'create-backend, 10 entities', version: ours, runs: RUNS,
    shown: 'create-backend app --config things-10.yaml --no-install --no-git',
    model: '10 entities × 6 fields + 1 relation (PostgreSQL, JWT auth)',
    cmd: (dir) => ({ args: [BIN, join(dir, 'app'), '--config', join(specs, 'things-10.yaml'), '--no-install', '--no-git'], out: join(dir, 'app') }),
  },
  {
    id: 'express', label: 'express-generator', version: version('express-generator'), runs: RUNS,
    shown: 'express --no-view app', model: 'none (hello-world Express app)',
    cmd: (dir) => ({ args: [bin('express'), '--no-view', join(dir, 'app')], out: join(dir, 'app') }),
  },
  {
    id: 'nest', label: '@nestjs/cli', version: version('@nestjs/cli'), runs: RUNS,
    shown: 'nest new app --skip-install --skip-git -p npm', model: 'none (hello-world Nest app)',
    cmd: (dir) => ({ args: [bin('nest'), 'new', 'app', '--skip-install', '--skip-git', '-p', 'npm'], cwd: dir, out: join(dir, 'app') }),
  },
  {
    id: 'bts', label: 'create-better-t-stack', version: version('create-better-t-stack'), runs: RUNS,
    shown: 'create-better-t-stack create app --frontend none --backend fastify --runtime node --database postgres --orm drizzle --api orpc --auth none --db-setup docker --server-deploy docker --no-install --no-git …',
    model: 'none (its example schema; Fastify + PostgreSQL + Drizzle + oRPC, Docker)',
    cmd: (dir) => ({
      args: [bin('create-better-t-stack'), 'create', 'app', '--frontend', 'none', '--backend', 'fastify', '--runtime', 'node', '--database', 'postgres',
        '--orm', 'drizzle', '--auth', 'none', '--payments', 'none', '--api', 'orpc', '--addons', 'none', '--examples', 'none', '--db-setup', 'docker',
        '--web-deploy', 'none', '--server-deploy', 'docker', '--package-manager', 'npm', '--no-install', '--no-git', '--disable-analytics',
        '--no-render-title', '--directory-conflict', 'overwrite'],
      cwd: dir, out: join(dir, 'app'),
    }),
  },
  {
    id: 'jhipster', label: 'generator-jhipster (`jhipster jdl`)', version: version('generator-jhipster'), runs: SLOW_RUNS,
    shown: 'jhipster jdl library.jdl --skip-install --skip-git --skip-client --force --no-insight', model: 'Author, Book, Review (models/library.jdl: PostgreSQL, JWT)',
    // JHipster only reads a JDL inside the output folder (elsewhere it tries to download it), so it is copied in.
    prepare: (dir) => { mkdirSync(join(dir, 'app')); cpSync(JDL, join(dir, 'app/library.jdl')); },
    exclude: ['library.jdl'],
    cmd: (dir) => ({ args: [bin('jhipster'), 'jdl', 'library.jdl', '--skip-install', '--skip-git', '--skip-client', '--force', '--no-insight'], cwd: join(dir, 'app'), out: join(dir, 'app') }),
  },
];

const only = process.env.BENCH_ONLY?.split(',');
const active = tools.filter((t) => !only || only.includes(t.id) || t.id === 'floor');
const samples = new Map(active.map((t) => [t.id, []]));
const lastOut = new Map();

function once(t, i, keep) {
  const dir = fresh(join(W, t.id, String(i)));
  t.prepare?.(dir);
  const c = t.cmd(dir);
  const r = timeCommand(NODE, c.args, { cwd: c.cwd ?? dir, env });
  if (c.out) {
    if (keep) lastOut.set(t.id, c.out);
    else rmSync(dir, { recursive: true, force: true });
  }
  return r;
}

console.log(machineLine(m));
// One warm-up run each (fills the OS file cache), then the timed runs, round-robin.
for (const t of active) once(t, 'warmup', false);
const maxRuns = Math.max(...active.map((t) => t.runs));
for (let i = 0; i < maxRuns; i++) {
  for (const t of active) {
    if (i >= t.runs) continue;
    const r = once(t, i, i === t.runs - 1);
    samples.get(t.id).push(r);
    process.stdout.write(`${t.id} ${i + 1}/${t.runs} ${r.ms.toFixed(0)} ms  `);
  }
  process.stdout.write('\n');
}

const results = active.map((t) => {
  const s = stats(samples.get(t.id).map((r) => r.ms));
  const peak = Math.max(...samples.get(t.id).map((r) => r.rssKiB)) / 1024;
  const c = lastOut.has(t.id) ? census(lastOut.get(t.id), t.exclude) : null;
  return { ...t, ...s, peakMiB: peak, census: c };
});
writeFileSync(join(WORK, 'peers.json'), JSON.stringify({ machine: m, results: results.map(({ cmd, prepare, ...r }) => r) }, null, 2));
const by = Object.fromEntries(results.map((r) => [r.id, r]));
const floor = by.floor;

const yes = (n) => (n ? `yes (${n})` : 'no');
const rows = results.map((r) => `| ${r.label} | ${r.version} | ${r.runs} | ${fmt(r.min)} | **${fmt(r.median)}** | ${fmt(r.max)} | ${(r.median / floor.median).toFixed(1)}× | ${fmt(r.peakMiB)} | ${r.census ? fmt(r.census.files) : '–'} | ${r.census ? fmt(r.census.bytes) : '–'} | ${r.census ? yes(r.census.tests) : '–'} | ${r.census ? yes(r.census.docker) : '–'} | ${r.census ? yes(r.census.ci) : '–'} | ${r.census ? yes(r.census.cloud) : '–'} |`);

const goals = [];
if (by.cb10) {
  const ratio = by.cb10.median / floor.median;
  goals.push(`| create-backend, 10 entities, within 2× of \`node -e 0\` | ${fmt(by.cb10.median, 1)} ms against ${fmt(floor.median, 1)} ms = ${ratio.toFixed(2)}× | ${ratio <= 2 ? 'yes' : '**no**'} |`);
  for (const p of ['bts', 'nest']) if (by[p]) goals.push(`| about 9× faster than ${by[p].label} | ${(by[p].median / by.cb10.median).toFixed(1)}× faster | ${by[p].median / by.cb10.median >= 9 ? 'yes' : '**no**'} |`);
  if (by.express) goals.push(`| no slower than express-generator | ${fmt(by.cb10.median)} ms against ${fmt(by.express.median)} ms (${(by.cb10.median / by.express.median).toFixed(2)}×), ${by.cb10.census.files} files against ${by.express.census.files} | ${by.cb10.median <= by.express.median ? 'yes' : '**no**'} |`);
}

const md = `## 1. Generating a project: create-backend against its peers

Command: \`npm run bench:peers\` (bench/peers.mjs): ${RUNS} timed runs per tool (${SLOW_RUNS} for JHipster) after one warm-up run,
interleaved round-robin; each run into a fresh folder, no dependency install, no git; wall time of the whole
process as seen by the parent, peak RSS from GNU time. Every tool runs on the same Node from \`bench/node_modules\`
with the same scratch HOME (see the script).
${machineLine(m)}

| tool | version | runs | min ms | median ms | max ms | median / floor | peak RSS MiB | files | bytes | tests | Docker | CI | cloud |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Files and bytes are counted in the last run's output (JHipster's copied-in JDL excluded); the last four columns
give the number of such files. Models and commands:

${results.filter((r) => r.shown).map((r) => `- ${r.label}: \`${r.shown}\`; model: ${r.model}.`).join('\n')}

![generation time](charts/peers.svg)

### Goals (issue 7, part 1)

| goal | measured | met |
|---|---|---|
${goals.join('\n')}
`;
writeSection('peers', md);

mkdirSync(join(BENCH, 'charts'), { recursive: true });
writeFileSync(join(BENCH, 'charts/peers.svg'), barChart({
  title: `Generating a project, median wall time (Node ${process.version}, ${m.cpus} cores)`,
  unit: 'ms',
  log: true,
  groups: [{ label: '', bars: results.map((r) => ({ name: r.label.replace(/`/g, '').replace('generator-jhipster (jhipster jdl)', 'generator-jhipster'), value: r.median, color: r.id.startsWith('cb') ? '#2b7bb9' : r.id === 'floor' ? '#999' : '#e07b39', note: r.census ? `· ${r.census.files} files` : '' })) }],
}));
rmSync(W, { recursive: true, force: true });
console.log('wrote bench/RESULTS.md (peers) and bench/charts/peers.svg');
