import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseJson, requireBuild, ROOT, stagingLeftovers, tempRoot, type JsonFailure } from './helpers.js';

/**
 * The bad-input corpus: every file in test/corpus/bad states what it must produce in a header line
 * (`# expect: <rule-id> <path> [line N]`; JSON files in a `.expect` sidecar). Each run must exit 2, report
 * that rule at that path (and line), and write nothing.
 */
requireBuild();
const next = tempRoot('bad');
const CORPUS = join(ROOT, 'test/corpus/bad');

interface Expectation {
  readonly file: string;
  readonly rule: string;
  readonly path: string;
  readonly line?: number;
}

function expectation(file: string): Expectation {
  const sidecar = join(CORPUS, `${file}.expect`);
  const header = (existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : readFileSync(join(CORPUS, file), 'utf8')).split('\n')[0];
  const m = /^# expect: (\S+) (\S+)(?: line (\d+))?$/.exec(header);
  if (!m) throw new Error(`${file}: first line must be "# expect: <rule-id> <path> [line N]", not ${JSON.stringify(header)}`);
  return { file, rule: m[1], path: m[2] === '-' ? '' : m[2], ...(m[3] ? { line: Number(m[3]) } : {}) };
}

const FILES = readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

it('the corpus has at least 20 files, YAML and JSON, each with an expectation', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(20);
  expect(FILES.some((f) => f.endsWith('.json'))).toBe(true);
  expect(new Set(FILES.map((f) => expectation(f).rule)).size).toBeGreaterThanOrEqual(15);
});

describe.concurrent('corpus', () => {
  it.each(FILES.map(expectation))('$file → $rule at $path', async ({ file, rule, path, line }) => {
    const cwd = next();
    const r = await cli(['out', '--config', join(CORPUS, file), '--yes', '--no-install', '--no-git', '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json).toMatchObject({ ok: false, exitCode: 2 });
    const hit = json.errors.find((e) => e.rule === rule && e.path === path);
    expect(hit, JSON.stringify(json.errors, null, 1)).toBeDefined();
    expect(hit!.message.length).toBeGreaterThan(5);
    if (!['spec-syntax', 'spec-shape'].includes(rule)) expect(hit!.hint, 'every rule problem has a hint').toBeTruthy();
    if (line !== undefined) expect(hit!.line).toBe(line);
    expect(String(r.stderr)).toContain('nothing was written');
    expect(readdirSync(cwd)).toEqual([]);
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it.each(FILES.map(expectation))('validate $file exits 2 with the same problem', async ({ file, rule, path }) => {
    const r = await cli(['validate', join(CORPUS, file), '--json'], { cwd: next() });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors.some((e) => e.rule === rule && e.path === path)).toBe(true);
    // validate never writes, so it does not say that nothing was written.
    expect(String(r.stderr)).not.toContain('nothing was written');
  });
});

describe.concurrent('bad flags', () => {
  const BASE = ['out', '--no-install', '--no-git', '--json'];
  it.each([
    [['--stack', 'nod', '--yes'], '--stack', /"node"/],
    [['--database', 'mongo', '--yes'], '--database', /did you mean "mongodb"/],
    [['--database', 'mongodb', '--stack', 'ruby', '--yes'], '--database', /sqlite, postgres, mysql$/],
    [['--database', 'mongodb', '--cloud', 'aws', '--iac', 'cdk', '--yes'], '--iac', /Terraform/],
    [['--cloud', 'aws,none', '--yes'], '--cloud', /either none or a list/],
    [['--auth', 'basic', '--yes'], '--auth', /none, jwt/],
    [['--iac', 'cdx', '--yes'], '--iac', /"cdk"/],
    [['--iac', 'cdk', '--database', 'postgres', '--cloud', 'gcp', '--yes'], '--iac', /--cloud aws/],
    [['--entity', 'pet: x', '--stack', 'node', '--database', 'sqlite'], '--entity[0].x', /name:type/],
    [['--entity', 'Pet: name:strin', '--yes'], 'entities.Pet.fields.name', /"string"/],
    [['--package-manager', 'pnmp', '--yes'], '--package-manager', /"pnpm"/],
    [['--stak', 'node', '--yes'], 'argv', /--help/],
    [['--template', './no-such-pack', '--yes'], '--template', /existing folder/],
  ] as Array<[string[], string, RegExp]>)('%j → exit 2 at %s', async (args, path, hint) => {
    const cwd = next();
    const r = await cli([...BASE, ...args], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    const hit = json.errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(json.errors)).toBeDefined();
    expect(hit!.hint ?? hit!.message).toMatch(hint);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an unknown option suggests the right one', async () => {
    const r = await cli(['out', '--stak', 'node', '--json'], { cwd: next() });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0].message).toMatch(/--stak.*--stack|Did you mean --stack/is);
  });
});
