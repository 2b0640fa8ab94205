// Benchmarks of the CLI itself: start-up against `node -e 0` (issue 3) and the scale curve: generation time and
// peak memory for 10, 50, 200 and 500 entities (issue 3 and issue 7, part 2). Every figure is measured in this
// run, the floor included. Usage: npm run bench:scale (or npm run bench); writes the "cli" and "scale" sections
// of bench/RESULTS.md and bench/charts/scale.svg. BENCH_RUNS (15) runs per row, BENCH_SLOW_RUNS (5) for 200/500.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, WORK, census, snapshotCli, fmt, fresh, linearFit, lineChart, machine, machineLine, stats, timeCommand, writeSection } from './lib.mjs';
import { things } from './models.mjs';

const BIN = snapshotCli();
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SLOW_RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5);
const SIZES = [10, 50, 200, 500];
const NODE = process.execPath;
const m = machine();
const W = fresh(join(WORK, 'scale'));

function series(label, makeArgs, runs) {
  timeCommand(NODE, makeArgs('warmup'));
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(timeCommand(NODE, makeArgs(i)));
  const s = stats(samples.map((x) => x.ms));
  const out = { label, runs, ...s, peakMiB: Math.max(...samples.map((x) => x.rssKiB)) / 1024 };
  console.log(`${label.padEnd(28)} min ${out.min.toFixed(1)} ms  median ${out.median.toFixed(1)} ms  max ${out.max.toFixed(1)} ms  peak ${out.peakMiB.toFixed(0)} MiB`);
  return out;
}

const gen = (n) => {
  const spec = join(W, `model-${n}.yaml`);
  writeFileSync(spec, things(n));
  return (i) => {
    const dir = join(W, `out-${n}-${i}`);
    rmSync(dir, { recursive: true, force: true });
    return [BIN, dir, '--config', spec, '--no-install', '--no-git'];
  };
};

console.log(machineLine(m));
const floor = series('node -e 0', () => ['-e', '0'], RUNS);
const help = series('create-backend --help', () => [BIN, '--help'], RUNS);
const version = series('create-backend --version', () => [BIN, '--version'], RUNS);
const scale = SIZES.map((n) => {
  const s = series(`generate ${n} entities`, gen(n), n >= 200 ? SLOW_RUNS : RUNS);
  const c = census(join(W, `out-${n}-0`));
  return { n, ...s, files: c.files, bytes: c.bytes };
});
rmSync(W, { recursive: true, force: true });

const fit = linearFit(scale.map((s) => s.n), scale.map((s) => s.median));
const seg = scale.slice(1).map((s, i) => ({ from: scale[i].n, to: s.n, msPerEntity: (s.median - scale[i].median) / (s.n - scale[i].n) }));
const last = seg[seg.length - 1].msPerEntity;
const prev = seg[seg.length - 2].msPerEntity;
const linear = fit.r2 >= 0.99 && last <= 1.5 * prev;
const memFit = linearFit(scale.map((s) => s.n), scale.map((s) => s.peakMiB));
const row = (s) => `| ${s.label} | ${s.runs} | ${fmt(s.min, 1)} | **${fmt(s.median, 1)}** | ${fmt(s.max, 1)} | ${(s.median / floor.median).toFixed(2)}× | ${fmt(s.peakMiB)} | ${s.files ? fmt(s.files) : '–'} | ${s.bytes ? fmt(s.bytes) : '–'} |`;
const s10 = scale[0], s200 = scale[2];

writeSection('cli', `## CLI start-up (issue 3)

Command: \`npm run bench:scale\` (bench/run.mjs; also \`npm run bench\`), ${RUNS} runs per row after one warm-up run.
${machineLine(m)}

| what | runs | min ms | median ms | max ms | median / floor | peak RSS MiB | files | bytes |
|---|---|---|---|---|---|---|---|---|
${[floor, help, version].map(row).join('\n')}

| goal (issue 3) | measured | met |
|---|---|---|
| \`--help\` within 1.5× of \`node -e 0\` | ${(help.median / floor.median).toFixed(2)}× | ${help.median <= 1.5 * floor.median ? 'yes' : '**no**'} |
| 10 entities generated in under 300 ms | ${fmt(s10.median)} ms | ${s10.median < 300 ? 'yes' : '**no**'} |
| 200 entities in under 2 s | ${fmt(s200.median)} ms | ${s200.median < 2000 ? 'yes' : '**no**'} |
| 200 entities under 300 MB peak | ${fmt(s200.peakMiB)} MiB | ${s200.peakMiB < 300 ? 'yes' : '**no**'} |
`);

writeSection('scale', `## 2. Scale: 10, 50, 200 and 500 entities

Command: \`npm run bench:scale\` (bench/run.mjs), same run as the CLI section: ${RUNS} runs for 10 and 50 entities,
${SLOW_RUNS} for 200 and 500, each after one warm-up run, into a fresh folder with \`--no-install --no-git\`.
Model: \`things(n)\` in bench/models.mjs, n entities of 6 fields (string, text, decimal, integer, boolean, enum)
and a many-to-one relation to the previous one; PostgreSQL, JWT auth. Peak memory is the peak RSS of the process.
${machineLine(m)}

| what | runs | min ms | median ms | max ms | median / floor | peak RSS MiB | files | bytes |
|---|---|---|---|---|---|---|---|---|
${[floor, ...scale].map(row).join('\n')}

Linear fit of the medians: time ≈ ${fmt(fit.intercept, 1)} ms + ${fmt(fit.slope, 2)} ms × entities, R² = ${fit.r2.toFixed(4)};
peak RSS ≈ ${fmt(memFit.intercept)} MiB + ${fmt(memFit.slope, 3)} MiB × entities (R² = ${memFit.r2.toFixed(4)}).
Marginal cost per entity: ${seg.map((s) => `${s.from}→${s.to}: ${fmt(s.msPerEntity, 2)} ms`).join(', ')}.

| goal | measured | met |
|---|---|---|
| time grows linearly with the number of entities | R² ${fit.r2.toFixed(4)} (≥ 0.99 asked); the last step costs ${(last / prev).toFixed(2)}× the one before per entity (≤ 1.5× asked) | ${linear ? 'yes' : '**no**'} |
| 200 entities under 2 s and 300 MB (issue 3) | ${fmt(s200.median)} ms, ${fmt(s200.peakMiB)} MiB | ${s200.median < 2000 && s200.peakMiB < 300 ? 'yes' : '**no**'} |

![scale curve](charts/scale.svg)
`);

mkdirSync(join(BENCH, 'charts'), { recursive: true });
writeFileSync(join(BENCH, 'charts/scale.svg'), lineChart({
  title: `create-backend: generation time and peak memory by model size (Node ${process.version})`,
  xLabel: 'entities in the model',
  yLabel: 'median wall time, ms',
  y2Label: 'peak RSS, MiB',
  series: [
    { name: 'median time (ms)', color: '#2b7bb9', points: scale.map((s) => [s.n, s.median]), labels: true },
    { name: `linear fit: ${fmt(fit.intercept)} + ${fmt(fit.slope, 2)}·n ms (R² ${fit.r2.toFixed(3)})`, color: '#2b7bb9', dashed: true, noDots: true, points: [[0, fit.intercept], [SIZES[SIZES.length - 1], fit.intercept + fit.slope * SIZES[SIZES.length - 1]]] },
    { name: 'peak RSS (MiB, right axis)', color: '#e07b39', right: true, points: scale.map((s) => [s.n, s.peakMiB]) },
    { name: '`node -e 0` floor (ms)', color: '#999', dashed: true, noDots: true, points: [[0, floor.median], [SIZES[SIZES.length - 1], floor.median]] },
  ],
}));
console.log('\nwrote bench/RESULTS.md (cli, scale) and bench/charts/scale.svg');
