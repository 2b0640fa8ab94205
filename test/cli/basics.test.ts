import { execa } from 'execa';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertCompleteProject, cli, parseJson, QUICK, requireBuild, ROOT, SHOP, STACK, tempRoot, type JsonFailure, type JsonSuccess } from './helpers.js';

/** The CLI contract of SPEC 2 against the built binary: help, version, exit codes, --json, --dry-run, no TTY. */
requireBuild();
const next = tempRoot('basics');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it('--help lists every flag of the contract and exits 0', async () => {
    const r = await cli(['--help'], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    for (const flag of ['--config', '--stack', '--database', '--cloud', '--auth', '--iac', '--entity', '--template', '--package-manager', '--yes', '--dry-run', '--json', '--no-install', '--no-git', '--force', 'validate', 'schema']) {
      expect(String(r.stdout), flag).toContain(flag);
    }
  });

  it('--help, schema and validate offer only what this version generates', async () => {
    const help = String((await cli(['--help'], { cwd: ROOT })).stdout);
    expect(help).toMatch(/stack: node \| python \| java\b/);
    expect(help).toMatch(/database: sqlite \| postgres \| mysql\b/);
    const schema = JSON.parse(String((await cli(['schema'], { cwd: ROOT })).stdout)) as { properties: Record<string, { enum?: string[] }> };
    expect(schema.properties.stack.enum).toEqual(['node', 'python', 'java', 'go', 'ruby']);
    expect(schema.properties.database.enum).toEqual(['sqlite', 'postgres', 'mysql', 'mongodb']);
    const dir = next();
    writeFileSync(join(dir, 'b.yaml'), 'name: t\nstack: nod\ndatabase: mongo\nentities:\n  Pet:\n    fields:\n      name: string!\n');
    const invalid = String((await cli(['validate', join(dir, 'b.yaml')], { cwd: dir })).stderr);
    expect(invalid).toContain('node, python, java, go, ruby');
    expect(invalid).toContain('did you mean "mongodb"');
    // Options planned but not generated yet (none today: isPlanned in src/config/options.ts) are never offered.
    for (const word of [] as string[]) {
      expect(help, word).not.toMatch(new RegExp(`\\b${word}\\b`));
      expect(invalid, word).not.toMatch(new RegExp(`\\b${word}\\b`));
    }
  });

  it.each([['--version'], ['-v']])('%s prints the version and exits 0', async (flag) => {
    const r = await cli([flag], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout).trim()).toBe(VERSION);
  });

  it('schema prints the JSON Schema of the spec file', async () => {
    const r = await cli(['schema'], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    const schema = JSON.parse(String(r.stdout)) as { properties: Record<string, unknown>; additionalProperties: unknown };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'stack', 'database', 'cloud', 'auth', 'iac', 'entities']));
    expect((schema.properties.iac as { enum: string[] }).enum).toEqual(['terraform', 'cdk']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('validate exits 0 on the shop fixture and 2 with located problems on a broken spec', async () => {
    const ok = await cli(['validate', SHOP], { cwd: ROOT });
    expect(ok.exitCode).toBe(0);
    const dir = next();
    mkdirSync(dir, { recursive: true });
    const bad = join(dir, 'bad.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'name: x\nentities:\n  Pet:\n    fields:\n      age: integr\n');
    const r = await cli(['validate', bad, '--json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0]).toMatchObject({ path: 'entities.Pet.fields.age', rule: 'field-type-known', line: 5 });
    expect(json.errors[0].hint).toContain('"integer"');
  });
});

describe('--json', () => {
  it('success: ok, directory, files, config, commands and steps; stdout holds only the JSON', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--config', SHOP, ...QUICK, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<JsonSuccess>(r.stdout);
    expect(json.ok).toBe(true);
    expect(json.directory).toBe(join(cwd, 'api'));
    expect(json.files).toEqual(expect.arrayContaining(['backend.yaml', '.create-backend/manifest.json']));
    expect([...json.files].sort()).toEqual(json.files);
    expect(json.config).toMatchObject({ name: 'shop', stack: STACK, database: 'sqlite', auth: 'jwt', cloud: 'none' });
    expect(json.config).not.toHaveProperty('iac'); // iac describes the aws target only
    expect(Object.keys((json.config as { entities: object }).entities)).toEqual(['Category', 'Supplier', 'Product', 'Tag', 'Order', 'Invoice']);
    for (const key of ['install', 'migrate', 'start', 'test'] as const) expect(typeof json.commands[key], key).toBe('string');
    expect(json.steps).toEqual([]);
    for (const f of json.files) expect(existsSync(join(cwd, 'api', f)), f).toBe(true);
    assertCompleteProject(join(cwd, 'api'));
    expect(String(r.stderr)).toMatch(/wrote \d+ files/);
  });

  it('success with git: each step has name, ok and command', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--yes', '--stack', STACK, '--no-install', '--json'], { cwd, env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<JsonSuccess>(r.stdout);
    expect(json.steps).toEqual([{ name: 'git', ok: true, command: expect.stringContaining('git') }]);
    const log = await execa('git', ['log', '--oneline'], { cwd: join(cwd, 'api') });
    expect(log.stdout.split('\n')).toHaveLength(1);
  });

  it('failure: ok false, exitCode and errors with path, message and hint; stdout holds only the JSON', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--stack', 'nod', '--yes', '--json'], { cwd });
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json).toMatchObject({ ok: false, exitCode: 2 });
    expect(json.errors).toEqual([expect.objectContaining({ path: '--stack', message: expect.any(String), hint: expect.stringContaining('"node"') })]);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });
});

describe('--dry-run', () => {
  it('lists the files and writes nothing', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--config', SHOP, ...QUICK, '--dry-run'], { cwd });
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toContain('backend.yaml');
    expect(String(r.stdout)).toMatch(/\d+ files would be written/);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });

  it('with --json, lists the same files as a real run would write', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const dry = parseJson<JsonSuccess>((await cli(['api', '--config', SHOP, ...QUICK, '--dry-run', '--json'], { cwd })).stdout);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
    const real = parseJson<JsonSuccess>((await cli(['api', '--config', SHOP, ...QUICK, '--json'], { cwd })).stdout);
    expect(dry.files).toEqual(real.files);
  });
});

describe('--iac', () => {
  it('cdk with aws writes the CDK app as infra/aws (no Terraform there), echoes iac in --json and backend.yaml, and the backend.yaml regenerates it', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const flags = ['--stack', STACK, '--database', 'postgres', '--cloud', 'aws,gcp', '--iac', 'cdk', '--no-install', '--no-git', '--json'];
    const r = await cli(['api', '--config', SHOP, ...flags], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<JsonSuccess>(r.stdout);
    expect(json.config).toMatchObject({ cloud: ['aws', 'gcp'], iac: 'cdk' });
    const aws = json.files.filter((f) => f.startsWith('infra/aws/'));
    expect(aws).toEqual(expect.arrayContaining(['infra/aws/cdk.json', 'infra/aws/bin/app.ts', 'infra/aws/lib/foundation-stack.ts', 'infra/aws/lib/service-stack.ts']));
    expect(aws.filter((f) => f.endsWith('.tf'))).toEqual([]);
    expect(json.files.filter((f) => f.startsWith('infra/gcp/') && f.endsWith('.tf')).length).toBeGreaterThan(3);
    expect(readFileSync(join(cwd, 'api/backend.yaml'), 'utf8')).toMatch(/^iac: cdk$/m);
    const again = parseJson<JsonSuccess>((await cli(['again', '--config', join(cwd, 'api/backend.yaml'), '--no-install', '--no-git', '--json', '--dry-run'], { cwd })).stdout);
    expect(again.files).toEqual(json.files);
  });
});

describe('exit code 3: the project is written, a post-step failed', () => {
  const onPath = (bin: string) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, bin)));
  const missingPm = ['pnpm', 'bun', 'yarn'].find((pm) => !onPath(pm));

  it.runIf(STACK === 'node' && missingPm)('--package-manager whose binary is missing', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--yes', '--stack', 'node', '--package-manager', missingPm!, '--no-git', '--json'], { cwd });
    expect(r.exitCode).toBe(3);
    const json = parseJson<JsonSuccess & { exitCode: number; errors: JsonFailure['errors'] }>(r.stdout);
    expect(json).toMatchObject({ ok: false, exitCode: 3 });
    expect(json.steps).toEqual([expect.objectContaining({ name: 'install', ok: false, command: `${missingPm} install` })]);
    expect(json.errors[0].hint).toContain(`${missingPm} install`);
    expect(String(r.stderr)).toContain(`${missingPm} install`);
    assertCompleteProject(join(cwd, 'api'));
  });

  it('a failing install keeps its whole output for the message; stdout stays the JSON result', async () => {
    const cwd = next();
    const bin = join(cwd, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\ni=1\nwhile [ $i -le 30 ]; do echo "fetching package-$i"; i=$((i+1)); done\necho "E404 no such package" >&2\nexit 1\n', { mode: 0o755 });
    const r = await cli(['api', '--yes', '--stack', 'node', '--package-manager', 'npm', '--no-git', '--json'], { cwd, env: { PATH: `${bin}${delimiter}/usr/bin${delimiter}/bin` } });
    expect(r.exitCode).toBe(3);
    const json = parseJson<JsonSuccess & { errors: JsonFailure['errors'] }>(r.stdout);
    const error = json.errors[0].message;
    expect(error).toContain('E404 no such package');
    expect(error).not.toContain('fetching package-1\n');
    const log = /\(full output: (.+)\)/.exec(error)?.[1];
    expect(log, error).toBeDefined();
    const text = readFileSync(log!, 'utf8');
    expect(text).toContain('$ npm install');
    expect(text).toContain('fetching package-1\n');
    expect(text).toContain('E404 no such package');
  });

  it('PATH without the install tool', async () => {
    const cwd = next();
    const bin = join(cwd, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const r = await cli(['api', '--yes', '--stack', STACK, '--no-git'], { cwd, env: { PATH: bin } });
    expect(r.exitCode).toBe(3);
    expect(String(r.stderr)).toMatch(/install failed/);
    expect(String(r.stderr)).toMatch(/Run by hand: cd api && /);
    assertCompleteProject(join(cwd, 'api'));
  });
});

describe('never waits on stdin', () => {
  it.each([
    [['api'], ['--stack', '--database', '--entity or --config']],
    [['api', '--stack', 'node'], ['--database', '--entity or --config']],
    [['--stack', 'node', '--database', 'sqlite', '--entity', 'Pet: name:string!'], ['a directory argument']],
  ])('%j without a terminal: exit 2 naming %j', async (args, flags) => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const started = Date.now();
    const r = await cli([...args, '--json'], { cwd, input: '', timeout: 15_000 });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors.map((e) => e.path)).toEqual(flags);
    for (const e of json.errors) expect(e.hint).toMatch(/pass .*--yes/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });

  it('an open, silent stdin pipe does not make it wait', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const child = execa(process.execPath, [join(ROOT, 'dist/cli/bin.js'), 'api'], { cwd, stdin: 'pipe', reject: false, timeout: 15_000, env: { CI: '' } });
    const r = await child;
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain('--stack');
  });

  it('CI=1 with a spec file runs through without asking', async () => {
    const cwd = next();
    mkdirSync(cwd, { recursive: true });
    const r = await cli(['api', '--config', SHOP, '--no-install', '--no-git'], { cwd, env: { CI: '1' }, input: '' });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    assertCompleteProject(join(cwd, 'api'));
  });
});

const OLD_NODE = '/usr/bin/node';
const oldVersion = existsSync(OLD_NODE) ? String((await execa(OLD_NODE, ['-p', 'process.versions.node'], { reject: false })).stdout) : '';

describe('an old Node', () => {
  const [major, minor] = oldVersion.split('.').map(Number);
  const isOld = oldVersion !== '' && (major < 22 || (major === 22 && minor < 12));

  it.runIf(isOld)(`exits 2 with one line naming 22.12 and how to run on a current Node (${OLD_NODE} is v${oldVersion})`, async () => {
    const r = await cli(['my-api', '--yes'], { cwd: ROOT, node: OLD_NODE });
    expect(r.exitCode).toBe(2);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('22.12');
    // The way out, as create-vite gives it: the same command under a fetched Node 22, or nvm.
    expect(lines[0]).toContain('npx -p node@22 -p create-backend create-backend my-api --yes');
    expect(lines[0]).toContain('nvm install 22');
    expect(String(r.stdout)).toBe('');
  });

  it.runIf(isOld)('quotes the arguments a shell would split, so the suggested command can be pasted as it is', async () => {
    const r = await cli(['add', '--entity', 'Vet: name:string!', '--entity', "O'Brien: x:int"], { cwd: ROOT, node: OLD_NODE });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain(`create-backend add --entity 'Vet: name:string!' --entity 'O'\\''Brien: x:int' (or nvm`);
  });
});
