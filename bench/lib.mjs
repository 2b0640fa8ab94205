// Shared helpers of the benchmarks: timing with peak memory, statistics, machine facts, file-tree census,
// RESULTS.md sections and hand-written SVG charts. No dependencies.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, lstatSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join, relative } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const BENCH = join(ROOT, 'bench');
export const BIN = join(ROOT, 'dist/cli/bin.js');
export const WORK = join(BENCH, '.work');
export const PEER_BIN = join(BENCH, 'node_modules/.bin');

/** Wall time (ms) and peak RSS (KiB, from GNU time's %M) of one command; the clock is read around the spawn. */
export function timeCommand(cmd, args, { cwd = ROOT, env = process.env, allowFail = false } = {}) {
  const out = join(WORK, `.time-${process.pid}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, cmd, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${(r.stderr || '').slice(-2000)}\n${(r.stdout || '').slice(-2000)}`);
  }
  const rssKiB = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  return { ms, rssKiB, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { count: v.length, min: v[0], median, max: v[v.length - 1], mean: v.reduce((a, b) => a + b, 0) / v.length };
}

/** Least-squares line y = a + b·x and its R². */
export function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const b = sxy / sxx;
  return { intercept: my - b * mx, slope: b, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

function toolVersion(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : 'n/a';
}

export function machine() {
  const c = cpus();
  return {
    cpus: c.length,
    cpu: c[0]?.model?.trim() ?? 'cpu',
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    os: existsSync('/etc/debian_version') ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}` : 'Linux',
    node: process.version,
    extraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset',
    load: loadavg().map((l) => l.toFixed(2)).join(' '),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

export function machineLine(m = machine()) {
  return `Machine: ${m.cpus} × ${m.cpu}, ${m.memGiB} GiB, ${m.os}, Linux ${m.kernel}; Node ${m.node} (NODE_EXTRA_CA_CERTS ${m.extraCaCerts}); ` +
    `run started ${m.date}, load average at start ${m.load}.`;
}

export { toolVersion };

/** Every regular file below dir (paths relative to dir), skipping the folders named in skip. */
export function listFiles(dir, skip = ['node_modules', '.git', '.venv', 'target']) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (skip.includes(name)) continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push({ path: relative(dir, p), bytes: st.size });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Counts what a generated project contains: tests, Docker, CI and cloud / deployment files. */
export function census(dir, exclude = []) {
  const files = listFiles(dir).filter((f) => !exclude.includes(f.path));
  const count = (re) => files.filter((f) => re.test(f.path)).length;
  return {
    files: files.length,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    tests: count(/(^|\/)(tests?|__tests__|src\/test)\/|\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]+\.py$|(Test|IT)\.java$/),
    docker: count(/(^|\/)(Dockerfile[^/]*|\.dockerignore|(docker-)?compose[^/]*\.ya?ml|jib[^/]*)$|(^|\/)src\/main\/docker\//),
    ci: count(/(^|\/)\.github\/workflows\/|(^|\/)\.gitlab-ci\.yml$|(^|\/)Jenkinsfile$|(^|\/)\.circleci\//),
    cloud: count(/\.tf$|(^|\/)(k8s|kubernetes|helm|cdk|infra|terraform|deploy)\/|(^|\/)(fly\.toml|render\.yaml|vercel\.json|wrangler\.(toml|jsonc?)|app\.yaml|serverless\.ya?ml|Procfile|cdk\.json)$/),
  };
}

/** Replaces (or appends) the section `name` of bench/RESULTS.md, delimited by HTML comments. */
/** The text of one section of RESULTS.md as the last run wrote it ('' when there is none). */
export function readSection(name) {
  const file = join(BENCH, 'RESULTS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return text.match(new RegExp(`<!-- bench:${name} -->([\\s\\S]*?)<!-- /bench:${name} -->`))?.[1] ?? '';
}

export function writeSection(name, markdown) {
  const file = join(BENCH, 'RESULTS.md');
  const head = '# Benchmark results\n\nEach section below is written by one command (see bench/README.md) and holds the figures of one run of it on this machine.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : head;
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = text.trimEnd() + '\n\n' + block + '\n';
  // Keep the sections in a fixed order whatever ran last.
  const order = ['cli', 'peers', 'scale', 'servers', 'install'];
  const blocks = new Map();
  const re = /<!-- bench:([a-z]+) -->[\s\S]*?<!-- \/bench:\1 -->/g;
  for (const m of text.matchAll(re)) blocks.set(m[1], m[0]);
  const first = text.search(/<!-- bench:[a-z]+ -->/);
  const prefix = first >= 0 ? text.slice(0, first) : text;
  const names = [...order.filter((n) => blocks.has(n)), ...[...blocks.keys()].filter((n) => !order.includes(n))];
  writeFileSync(file, prefix.trimEnd() + '\n\n' + names.map((n) => blocks.get(n)).join('\n\n') + '\n');
}

export function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? 'n/a' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));

// ---------------------------------------------------------------------------------------------- SVG charts

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(v) {
  const p = 10 ** Math.floor(Math.log10(v || 1));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * A line chart with points, e.g. the scale curve. series: [{ name, color, points: [[x, y]], dashed }].
 * A second y axis (right) is used by series with `right: true`.
 */
export function lineChart({ title, xLabel, yLabel, y2Label, series, width = 720, height = 420 }) {
  const m = { l: 70, r: y2Label ? 70 : 20, t: 50, b: 60 };
  const W = width - m.l - m.r;
  const H = height - m.t - m.b;
  const all = series.flatMap((s) => s.points);
  const xMax = niceMax(Math.max(...all.map((p) => p[0])));
  const yMax = niceMax(Math.max(...series.filter((s) => !s.right).flatMap((s) => s.points.map((p) => p[1]))));
  const right = series.filter((s) => s.right);
  const y2Max = right.length ? niceMax(Math.max(...right.flatMap((s) => s.points.map((p) => p[1])))) : 1;
  const X = (x) => m.l + (x / xMax) * W;
  const Y = (y, r) => m.t + H - (y / (r ? y2Max : yMax)) * H;
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  o.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  o.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const y = m.t + H - (i / 5) * H;
    o.push(`<line x1="${m.l}" y1="${y}" x2="${m.l + W}" y2="${y}" stroke="#e5e5e5"/>`);
    o.push(`<text x="${m.l - 6}" y="${y + 4}" text-anchor="end">${fmt((yMax * i) / 5)}</text>`);
    if (right.length) o.push(`<text x="${m.l + W + 6}" y="${y + 4}">${fmt((y2Max * i) / 5)}</text>`);
    const x = m.l + (i / 5) * W;
    o.push(`<text x="${x}" y="${m.t + H + 18}" text-anchor="middle">${fmt((xMax * i) / 5)}</text>`);
  }
  o.push(`<line x1="${m.l}" y1="${m.t + H}" x2="${m.l + W}" y2="${m.t + H}" stroke="#333"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + H}" stroke="#333"/>`);
  o.push(`<text x="${m.l + W / 2}" y="${height - 14}" text-anchor="middle">${esc(xLabel)}</text>`);
  o.push(`<text transform="translate(16 ${m.t + H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  if (y2Label) o.push(`<text transform="translate(${width - 12} ${m.t + H / 2}) rotate(90)" text-anchor="middle">${esc(y2Label)}</text>`);
  series.forEach((s, k) => {
    const pts = s.points.map(([x, y]) => `${X(x).toFixed(1)},${Y(y, s.right).toFixed(1)}`).join(' ');
    o.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    if (!s.noDots) for (const [x, y] of s.points) o.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y, s.right).toFixed(1)}" r="4" fill="${s.color}"><title>${esc(`${s.name}: ${x} → ${fmt(y, 1)}`)}</title></circle>`);
    if (s.labels) for (const [x, y] of s.points) o.push(`<text x="${(X(x) + 6).toFixed(1)}" y="${(Y(y, s.right) - 8).toFixed(1)}" fill="${s.color}">${fmt(y)}</text>`);
    const ly = m.t + 10 + k * 18;
    o.push(`<line x1="${m.l + 14}" y1="${ly}" x2="${m.l + 38}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="${m.l + 44}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  o.push('</svg>');
  return o.join('\n') + '\n';
}

/**
 * Grouped horizontal bars: groups [{ label, bars: [{ name, value, color, note }] }]; one chart per metric.
 */
export function barChart({ title, unit, groups, width = 760, barH = 22, log = false }) {
  const m = { l: 230, r: 120, t: 50, b: 30 };
  const rows = groups.reduce((a, g) => a + g.bars.length, 0);
  const height = m.t + m.b + rows * (barH + 4) + groups.length * 14;
  const W = width - m.l - m.r;
  const values = groups.flatMap((g) => g.bars.map((b) => b.value));
  const max = log ? 10 ** Math.ceil(Math.log10(Math.max(...values))) : niceMax(Math.max(...values));
  const lo = log ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 0;
  const scale = (v) => (log ? Math.max(0, Math.log10(v / lo) / Math.log10(max / lo)) : v / max);
  const ticks = log ? Array.from({ length: Math.round(Math.log10(max / lo)) + 1 }, (_, i) => lo * 10 ** i) : [0, 1, 2, 3, 4].map((i) => (max * i) / 4);
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  o.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  o.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (const t of ticks) {
    const x = m.l + scale(t) * W;
    o.push(`<line x1="${x}" y1="${m.t - 6}" x2="${x}" y2="${height - m.b}" stroke="#e5e5e5"/><text x="${x}" y="${height - m.b + 16}" text-anchor="middle">${fmt(t)}${log && t === ticks[ticks.length - 1] ? ` ${unit} (log scale)` : ''}</text>`);
  }
  let y = m.t;
  for (const g of groups) {
    o.push(`<text x="8" y="${y + 4}" font-weight="bold">${esc(g.label)}</text>`);
    y += 10;
    for (const b of g.bars) {
      const w = scale(b.value) * W;
      o.push(`<text x="${m.l - 6}" y="${y + barH / 2 + 4}" text-anchor="end">${esc(b.name)}</text>`);
      o.push(`<rect x="${m.l}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${b.color}"/>`);
      o.push(`<text x="${(m.l + w + 6).toFixed(1)}" y="${y + barH / 2 + 4}">${esc(`${fmt(b.value, b.value < 10 ? 1 : 0)} ${unit}${b.note ? ` ${b.note}` : ''}`)}</text>`);
      y += barH + 4;
    }
    y += 4;
  }
  o.push('</svg>');
  return o.join('\n') + '\n';
}

/** Installs bench/node_modules (the peers and autocannon, pinned by bench/package-lock.json) when it is missing. */
export function ensureBenchDeps() {
  if (existsSync(join(BENCH, 'node_modules/autocannon/package.json'))) return;
  console.log('installing bench/node_modules (npm ci --prefix bench) …');
  const r = spawnSync('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci --prefix bench failed');
}

/**
 * A private copy of the built CLI (dist/) in bench/.work/cli, with templates/ and node_modules/ linked, so that a
 * rebuild of dist/ by someone else during a run cannot change or break what is measured. Returns its bin.
 */
export function snapshotCli() {
  if (process.env.BENCH_CLI) return process.env.BENCH_CLI;
  const dir = fresh(join(WORK, 'cli'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'templates'), join(dir, 'templates'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return join(dir, 'dist/cli/bin.js');
}
