// Benchmark 4 (issue 7): installing the dependencies of a generated Node project against a `nest new` project, with
// the same package manager (npm) and a warm cache. Each project is generated once without install; every timed
// run copies it into a fresh folder and installs there. Two variants: `npm install` without a lockfile (what a
// freshly generated project gets) and `npm ci` with the lockfile that install wrote.
// Usage: npm run bench:install   (BENCH_INSTALL_RUNS=3 timed runs per variant, after one untimed run that warms the cache)
import { cpSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, WORK, PEER_BIN, ensureBenchDeps, snapshotCli, fmt, fresh, listFiles, machine, machineLine, stats, timeCommand, toolVersion, writeSection } from './lib.mjs';
import { library } from './models.mjs';

ensureBenchDeps();
const BIN = snapshotCli();
const RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 3);
const NODE = process.execPath;
const m = machine();
const W = fresh(join(WORK, 'install'));
const CACHE = join(WORK, 'npm-cache'); // kept between runs of this script: the cache is meant to be warm
const env = { ...process.env, npm_config_cache: CACHE, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
const npmVersion = toolVersion('npm', ['--version']);

writeFileSync(join(W, 'library.yaml'), library({ stack: 'node' }));
timeCommand(NODE, [BIN, join(W, 'cb'), '--config', join(W, 'library.yaml'), '--no-install', '--no-git']);
timeCommand(NODE, [realpathSync(join(PEER_BIN, 'nest')), 'new', 'nest', '--skip-install', '--skip-git', '-p', 'npm'], { cwd: W, env: { ...env, HOME: fresh(join(W, 'home')) } });
const nestVersion = JSON.parse(readFileSync(join(BENCH, 'node_modules/@nestjs/cli/package.json'), 'utf8')).version;

const projects = [
  { id: 'cb', label: 'create-backend, Node stack (3 entities, PostgreSQL, JWT)', template: join(W, 'cb') },
  { id: 'nest', label: `@nestjs/cli ${nestVersion} \`nest new\``, template: join(W, 'nest') },
];

function install(p, run, variant, lock) {
  const dir = join(W, `${p.id}-${variant}-${run}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(p.template, dir, { recursive: true });
  if (lock) writeFileSync(join(dir, 'package-lock.json'), lock);
  const r = timeCommand('npm', [variant === 'ci' ? 'ci' : 'install', '--loglevel=error'], { cwd: dir, env });
  return { ...r, dir };
}

console.log(machineLine(m));
const out = {};
for (const p of projects) {
  const warm = install(p, 'warm', 'install'); // fills the cache, writes the lockfile used by `npm ci`
  p.lock = readFileSync(join(warm.dir, 'package-lock.json'), 'utf8');
  const pkgs = Object.keys(JSON.parse(p.lock).packages).filter((k) => k !== '');
  const files = listFiles(join(warm.dir, 'node_modules'), []);
  p.packages = pkgs.length;
  p.nmFiles = files.length;
  p.nmBytes = files.reduce((a, f) => a + f.bytes, 0);
  p.direct = (() => { const j = JSON.parse(readFileSync(join(p.template, 'package.json'), 'utf8')); return Object.keys(j.dependencies ?? {}).length + Object.keys(j.devDependencies ?? {}).length; })();
  rmSync(warm.dir, { recursive: true, force: true });
  out[p.id] = { install: [], ci: [] };
}
for (const variant of ['install', 'ci']) {
  for (let i = 0; i < RUNS; i++) {
    for (const p of projects) {
      const r = install(p, i, variant, variant === 'ci' ? p.lock : null);
      out[p.id][variant].push(r.ms);
      rmSync(r.dir, { recursive: true, force: true });
      console.log(`${p.id} npm ${variant} ${i + 1}/${RUNS}: ${(r.ms / 1000).toFixed(1)} s`);
    }
  }
}
rmSync(W, { recursive: true, force: true });

const s = (ms) => { const x = stats(ms); return `${fmt(x.min / 1000, 1)} / **${fmt(x.median / 1000, 1)}** / ${fmt(x.max / 1000, 1)}`; };
const [cb, nest] = projects;
const med = (id, v) => stats(out[id][v]).median;
const md = `## 4. Installing the generated Node project

Command: \`npm run bench:install\` (bench/install.mjs). npm ${npmVersion} for both; the npm cache (bench/.work/npm-cache)
is warmed by one untimed install of each project first. Each timed run copies the freshly generated project (no
install, no git) into a new folder and runs \`npm install\` there (no lockfile: what a newly generated project gets), then
\`npm ci\` with the lockfile that install wrote. ${RUNS} timed runs per row, interleaved. Installed packages are the
entries of the lockfile (nested copies included); sizes are of node_modules.
${machineLine(m)}

| project | direct deps | installed packages | node_modules files | node_modules MB | \`npm install\` s (min / median / max) | \`npm ci\` s (min / median / max) |
|---|---|---|---|---|---|---|
${projects.map((p) => `| ${p.label} | ${p.direct} | **${p.packages}** | ${fmt(p.nmFiles)} | ${fmt(p.nmBytes / 1e6, 1)} | ${s(out[p.id].install)} | ${s(out[p.id].ci)} |`).join('\n')}

create-backend's project installs ${cb.packages} packages against nest's ${nest.packages} (${(cb.packages / nest.packages).toFixed(2)}×), in
${(med('cb', 'install') / med('nest', 'install')).toFixed(2)}× nest's time with \`npm install\` and ${(med('cb', 'ci') / med('nest', 'ci')).toFixed(2)}× with \`npm ci\`.
`;
writeSection('install', md);
console.log('wrote bench/RESULTS.md (install)');
