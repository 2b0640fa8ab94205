// Summarises a V8 CPU profile (node --cpu-prof): self time by package or file, and the inclusive time of the
// functions whose "name file:line" matches a pattern. Used for the analyses in RESULTS.md.
//   node bench/profile.mjs cli                      profile one 10-entity generation and summarise it
//   node bench/profile.mjs <file.cpuprofile> [regex] summarise a profile, e.g. of a server run with
//                                                    BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, WORK, fresh } from './lib.mjs';
import { things } from './models.mjs';

let [file, pattern] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile.mjs cli | <file.cpuprofile> [regex]');
  process.exit(2);
}
if (file === 'cli') {
  const dir = fresh(join(WORK, 'profile'));
  writeFileSync(join(dir, 'model.yaml'), things(10));
  const run = (out, extra = []) => spawnSync(process.execPath, [...extra, BIN, join(dir, out), '--config', join(dir, 'model.yaml'), '--no-install', '--no-git'], { stdio: 'ignore' });
  run('warm');
  run('out', ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${dir}`]);
  file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')));
  pattern ??= String.raw`^(main|runCreate|create|gather|parseSpecText|prepareViewModel|generate|compileInput|writeTree|write\w*|loadStack|loadPacks?|render\w*) (dist|build|nm:handlebars/dist/cjs/handlebars/compiler/compiler)|^main nm:handlebars/dist/cjs/handlebars/runtime`;
}
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + p.timeDeltas[i] / 1000);
const incl = new Map();
const visit = (n) => {
  let t = self.get(n.id) ?? 0;
  for (const c of n.children ?? []) t += visit(byId.get(c));
  incl.set(n.id, t);
  return t;
};
visit(p.nodes[0]);
// The CLI is bundled (dist/cli/*.js): esbuild marks where each original module starts with a `// <path>` line,
// so a position in a bundle file maps back to its package or source module.
const markers = new Map();
const moduleAt = (path, line) => {
  if (!markers.has(path)) {
    const list = [];
    try {
      readFileSync(path, 'utf8').split('\n').forEach((l, i) => { const m = /^\/\/ ((?:node_modules|build|src)\/\S+)$/.exec(l); if (m) list.push([i, m[1]]); });
    } catch {}
    markers.set(path, list);
  }
  let found;
  for (const [i, module] of markers.get(path)) { if (i > line) break; found = module; }
  return found;
};
const where = (cf) => {
  let u = cf.url.replace(/^file:\/\//, '');
  if (/\/dist\/cli\/[^/]+\.js$/.test(u)) u = moduleAt(u, cf.lineNumber) ?? u;
  return u.includes('node_modules/') ? u.replace(/.*node_modules\//, 'nm:') : u.replace(/^.*?\/?(dist|src|build)\//, '$1/');
};
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame)}:${n.callFrame.lineNumber + 1}`;

const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
console.log(`${file}\nsampled ${total.toFixed(0)} ms, of which idle ${idle.toFixed(0)} ms\n\nself time by package / file (ms, % of busy)`);
const byPkg = new Map();
for (const [id, ms] of self) {
  const cf = byId.get(id).callFrame;
  if (cf.functionName === '(idle)') continue;
  const w = where(cf);
  const key = w.startsWith('nm:') ? w.split('/').slice(0, w.startsWith('nm:@') ? 2 : 1).join('/') : w || `(${cf.functionName})`;
  byPkg.set(key, (byPkg.get(key) ?? 0) + ms);
}
for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${v.toFixed(1).padStart(9)} ${((100 * v) / (total - idle)).toFixed(1).padStart(5)}%  ${k}`);
if (pattern) {
  const re = new RegExp(pattern);
  const agg = new Map();
  const walk = (n, seen) => {
    const k = name(n);
    let s = seen;
    if (re.test(k) && !seen.has(k)) {
      agg.set(k, (agg.get(k) ?? 0) + incl.get(n.id));
      s = new Set(seen).add(k);
    }
    for (const c of n.children ?? []) walk(byId.get(c), s);
  };
  walk(p.nodes[0], new Set());
  console.log(`\ninclusive time of functions matching /${pattern}/ (ms)`);
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(1).padStart(9)}  ${k}`);
}
