// Benchmarks of the CLI itself (issue 3): start-up against `node -e 0`, generation time for 10 entities,
// and the scale curve (10, 50, 200, 500 entities) with peak memory. Every figure is measured in this run,
// baseline included. Usage: npm run bench  (writes bench/RESULTS.md)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'dist/cli/bin.js');
const WORK = join(ROOT, 'bench/.work');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

/** A synthetic model: every entity has 6 fields of mixed types and a relation to the one before it. */
function model(n) {
  const lines = ['name: bench', 'stack: node', 'database: postgres', 'auth: jwt', 'entities:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  Thing${i}:`, '    fields:', '      title: { type: string, required: true, maxLength: 120 }', '      body: text',
      '      amount: { type: decimal, precision: 10, scale: 2 }', '      count: { type: integer, min: 0 }',
      '      active: { type: boolean, default: true }', '      kind: { type: enum, values: [a, b, c] }');
    if (i > 0) lines.push('    relations:', `      parent: { kind: many-to-one, to: Thing${i - 1} }`);
  }
  return lines.join('\n') + '\n';
}

/** Wall time (ms) and peak RSS (KiB, from GNU time) of one command. */
function measure(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(r.stderr.trim().split('\n').pop());
  return { ms, rss };
}

function series(label, makeArgs, runs = RUNS) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(measure(makeArgs(i)));
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = Math.max(...samples.map((s) => s.rss));
  const out = { label, min: ms[0], median: ms[Math.floor(ms.length / 2)], max: ms[ms.length - 1], peakMiB: rss / 1024, runs };
  console.log(`${label.padEnd(28)} min ${out.min.toFixed(1)} ms  median ${out.median.toFixed(1)} ms  max ${out.max.toFixed(1)} ms  peak ${out.peakMiB.toFixed(0)} MiB`);
  return out;
}

const gen = (n) => {
  const spec = join(WORK, `model-${n}.yaml`);
  writeFileSync(spec, model(n));
  return (i) => {
    const dir = join(WORK, `out-${n}-${i}`);
    rmSync(dir, { recursive: true, force: true });
    return [BIN, dir, '--config', spec, '--no-install', '--no-git'];
  };
};

const baseline = series('node -e 0', () => ['-e', '0']);
const help = series('create-backend --help', () => [BIN, '--help']);
const scale = [10, 50, 200, 500].map((n) => ({ n, ...series(`generate ${n} entities`, gen(n), n >= 200 ? 5 : RUNS) }));
rmSync(WORK, { recursive: true, force: true });

const per = scale.map((s) => (s.median - baseline.median) / s.n);
const row = (s) => `| ${s.label} | ${s.min.toFixed(1)} | ${s.median.toFixed(1)} | ${s.max.toFixed(1)} | ${s.peakMiB.toFixed(0)} |`;
const md = `# Benchmark results

Command: \`npm run bench\` (bench/run.mjs), ${RUNS} runs per row (5 for 200 and 500 entities).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; date ${new Date().toISOString().slice(0, 10)}.
Generation runs with \`--no-install --no-git\` into a fresh directory (PostgreSQL, auth on, 6 fields and one relation per entity).

| what | min ms | median ms | max ms | peak RSS MiB |
|---|---|---|---|---|
${[baseline, help, ...scale].map(row).join('\n')}

## Goals (issue 3)

| goal | measured | met |
|---|---|---|
| \`--help\` within 1.5× of \`node -e 0\` | ${(help.median / baseline.median).toFixed(2)}× | ${help.median <= 1.5 * baseline.median ? 'yes' : 'no'} |
| 10 entities generated in under 300 ms | ${scale[0].median.toFixed(0)} ms | ${scale[0].median < 300 ? 'yes' : 'no'} |
| 200 entities in under 2 s | ${scale[2].median.toFixed(0)} ms | ${scale[2].median < 2000 ? 'yes' : 'no'} |
| 200 entities under 300 MB peak | ${scale[2].peakMiB.toFixed(0)} MiB | ${scale[2].peakMiB < 300 ? 'yes' : 'no'} |
| time linear in entities | ${per.map((p, i) => `${scale[i].n}: ${p.toFixed(2)} ms/entity`).join(', ')} above the Node start-up | ${per[3] <= per[1] * 1.5 ? 'yes' : 'no'} |
`;
writeFileSync(join(ROOT, 'bench/RESULTS.md'), md);
console.log(`\nwrote bench/RESULTS.md`);
