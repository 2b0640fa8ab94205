import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertCompleteProject, cli, EXAMPLE_PACK, parseJson, QUICK, requireBuild, SHOP, STACK, tempRoot, type JsonFailure, type JsonSuccess } from './helpers.js';

/** `--template`: the example in-house pack layered over the built-in one, and broken packs as user errors. */
requireBuild();
const next = tempRoot('template');
/** The node stack formats its output with Biome, whatever stack the other cases run on. */
const NODE = ['--stack', 'node', '--database', 'sqlite', '--no-install', '--no-git'];

describe('--template examples/in-house-pack', () => {
  it('adds CODEOWNERS, .editorconfig, per-entity docs and the auth doc; the manifest records the pack', async () => {
    const cwd = next();
    const r = await cli(['api', '--config', SHOP, ...QUICK, '--template', EXAMPLE_PACK, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<JsonSuccess>(r.stdout);
    const dir = join(cwd, 'api');
    expect(json.files).toEqual(expect.arrayContaining(['CODEOWNERS', '.editorconfig', 'docs/auth.md', 'docs/entities/product.md', 'docs/entities/invoice.md']));
    expect(readFileSync(join(dir, 'CODEOWNERS'), 'utf8')).toContain('# Owners of shop');
    expect(readFileSync(join(dir, '.editorconfig'), 'utf8')).toContain('Acme house style');
    const product = readFileSync(join(dir, 'docs/entities/product.md'), 'utf8');
    expect(product).toContain('Resource `/api/products`, table `products`');
    expect(product).toContain('| sku | uuid | yes | yes |');
    expect(product).toContain('| tagIds | many-to-many → Tag | no | no |');
    const manifest = JSON.parse(readFileSync(join(dir, '.create-backend/manifest.json'), 'utf8')) as { packs: Array<{ name: string }> };
    expect(manifest.packs.at(-1)).toEqual({ name: 'acme-backend', version: '1.0.0' });
    assertCompleteProject(dir);
  });

  it('the auth doc is left out without auth (when: auth.jwt)', async () => {
    const cwd = next();
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...QUICK, '--template', EXAMPLE_PACK, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<JsonSuccess>(r.stdout);
    expect(json.files).toContain('docs/entities/pet.md');
    expect(json.files).not.toContain('docs/auth.md');
  });

  it('a broken in-house template is exit 2 naming pack:path, nothing written', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    mkdirSync(join(pack, 'files'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'broken', version: '1.0.0' }));
    writeFileSync(join(pack, 'files', 'NOTES.md.hbs'), '{{project.nmae}}\n');
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...QUICK, '--template', pack, '--json'], { cwd });
    expect(r.exitCode).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0]).toMatchObject({ path: '--template', rule: 'template-render' });
    expect(json.errors[0].message).toBe('template broken:NOTES.md.hbs, line 1: unknown variable "nmae" (in {{project.nmae}})');
  });

  it('a node pack file that is TypeScript is formatted like the built-in code, so the project passes its Biome format check', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    mkdirSync(join(pack, 'files', 'src'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'house', version: '1.0.0' }));
    writeFileSync(join(pack, 'files', 'src', 'house.ts'), 'export const  house = {name:"acme",since:1999}\n');
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...NODE, '--template', pack, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(readFileSync(join(cwd, 'api', 'src', 'house.ts'), 'utf8')).toBe("export const house = { name: 'acme', since: 1999 };\n");
  });

  it('a node pack file Biome cannot parse is exit 2 naming the file, nothing written', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    mkdirSync(join(pack, 'files', 'src'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'house', version: '1.0.0' }));
    writeFileSync(join(pack, 'files', 'src', 'house.ts'), 'export const house = {\n');
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...NODE, '--template', pack, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0]).toMatchObject({ path: '--template', rule: 'template-format' });
    expect(json.errors[0].message).toContain('src/house.ts');
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });

  it('update with a node pack file Biome cannot parse is exit 2 naming the file, the project untouched', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    mkdirSync(join(pack, 'files', 'src'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'house', version: '1.0.0' }));
    writeFileSync(join(pack, 'files', 'src', 'house.ts'), 'export const house = 1;\n');
    const created = await cli(['api', '--entity', 'Pet: name:string!', '--stack', 'node', '--database', 'sqlite', '--no-install', '--template', pack, '--json'], { cwd });
    expect(created.exitCode, String(created.stderr)).toBe(0);
    writeFileSync(join(pack, 'files', 'src', 'house.ts'), 'export const house = {\n');
    const r = await cli(['update', 'api', '--template', pack, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    const json = parseJson<JsonFailure>(r.stdout);
    expect(json.errors[0]).toMatchObject({ path: '--template', rule: 'template-format' });
    expect(json.errors[0].message).toContain('src/house.ts');
    expect(readFileSync(join(cwd, 'api', 'src', 'house.ts'), 'utf8')).toBe('export const house = 1;\n');
  });

  it('a pack path that escapes the project is refused (exit 2)', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    mkdirSync(join(pack, 'files', 'docs'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'evil', version: '1.0.0' }));
    // A per-entity path whose entity-name form is fine, but the pack asks for a symlinked folder in the target.
    writeFileSync(join(pack, 'files', 'docs', 'x.md'), 'x\n');
    mkdirSync(join(cwd, 'api'));
    mkdirSync(join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'api', 'docs'));
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...QUICK, '--template', pack, '--force', '--json'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0].message).toMatch(/symbolic link/);
    expect(readdirSync(join(cwd, 'elsewhere'))).toEqual([]);
  });

  it('a pack file under _git/ is refused before anything runs: its core.fsmonitor would run at our git add', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    const marker = join(cwd, 'fsmonitor-ran');
    mkdirSync(join(pack, 'files', '_git'), { recursive: true });
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'evil', version: '1.0.0' }));
    writeFileSync(join(pack, 'files', '_git', 'config'), `[core]\n\tfsmonitor = "touch '${marker}'; false"\n`);
    // git stays on (only --no-install): the post-step that would have run the command.
    const r = await cli(['api', '--entity', 'Pet: name:string!', '--stack', STACK, '--database', 'sqlite', '--no-install', '--template', pack, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0].message).toContain('files/_git/config');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });

  it('a pack whose files/ folder is a symbolic link is refused, as symlinked files are', async () => {
    const cwd = next();
    const pack = join(cwd, 'pack');
    const outside = join(cwd, 'outside');
    mkdirSync(pack, { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'SECRET.md'), 'not part of the pack\n');
    writeFileSync(join(pack, 'pack.json'), JSON.stringify({ name: 'linked', version: '1.0.0' }));
    symlinkSync(outside, join(pack, 'files'));
    const r = await cli(['api', '--entity', 'Pet: name:string!', ...QUICK, '--template', pack, '--json'], { cwd });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0].message).toMatch(/files is a symbolic link/);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
    expect(readdirSync(outside)).toEqual(['SECRET.md']);
  });
});
