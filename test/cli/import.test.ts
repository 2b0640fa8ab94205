import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertCompleteProject, cli, parseJson, QUICK, requireBuild, ROOT, tempRoot, type JsonFailure, type JsonSuccess } from './helpers.js';

/** `create-backend import` and `--config model.jdl|.prisma|.sql` against the built binary (SPEC 7). */
requireBuild();
const next = tempRoot('import');
const fixture = (name: string) => join(ROOT, 'test/fixtures/import', name);

describe('create-backend import', () => {
  it('prints a backend.yaml on stdout and the warnings with their lines on stderr', async () => {
    const r = await cli(['import', fixture('shop.sql')], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    const spec = parse(String(r.stdout)) as { name: string; entities: Record<string, unknown> };
    expect(spec.name).toBe('shop');
    expect(Object.keys(spec.entities)).toEqual(['Customer', 'Category', 'Product', 'Order', 'OrderLine']);
    expect(String(r.stderr)).toContain('shop.sql:25');
    expect(String(r.stderr)).toContain('BYTEA');
  });

  it('writes the file with -o, which validate accepts', async () => {
    const dir = next();
    const out = join(dir, 'backend.yaml');
    const r = await cli(['import', fixture('library.jh'), '-o', out], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toBe(`✔ wrote ${out}: 5 entities, 5 warnings`);
    expect(parse(readFileSync(out, 'utf8'))).toMatchObject({ name: 'library', entities: { Book: { relations: { authors: { kind: 'many-to-many', to: 'Author' } } } } });
    const v = await cli(['validate', out], { cwd: dir });
    expect(v.exitCode, String(v.stderr)).toBe(0);
  });

  it('--json prints one object with the spec and the warnings', async () => {
    const r = await cli(['import', fixture('blog.prisma'), '--json'], { cwd: ROOT });
    expect(r.exitCode).toBe(0);
    const result = parseJson<{ ok: true; spec: { entities: Record<string, unknown> }; warnings: Array<{ line: number; message: string }> }>(r.stdout);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.spec.entities)).toEqual(['Author', 'Profile', 'Post', 'Tag']);
    expect(result.warnings).toContainEqual({ line: 20, message: expect.stringContaining('Bytes') });
  });

  it.each([
    ['bad.jdl', 'entity A {\n  name String\n}\nrelationship Sideways {\n  A to A\n}\n', 4, 14],
    ['bad.sql', 'CREATE TABLE a (\n  id INT,\n  x FOO BAR BAZ\n);\n', 3, 9],
  ])('a syntax error in %s exits 2 with line and column', async (name, text, line, column) => {
    const dir = next();
    writeFileSync(join(dir, name), text);
    const r = await cli(['import', name, '--json'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    const failure = parseJson<JsonFailure>(r.stdout);
    expect(failure.errors[0]).toMatchObject({ rule: 'import-syntax', file: name, line, column });
    expect(String(r.stderr)).toContain(`${name}:${line}:${column}`);
  });

  it('an unknown format or a missing file exits 2 with a hint', async () => {
    const unknown = await cli(['import', 'model.xml'], { cwd: ROOT });
    expect(unknown.exitCode).toBe(2);
    expect(String(unknown.stderr)).toContain('.jdl, .jh, .prisma, .sql');
    const missing = await cli(['import', 'nothing.prisma'], { cwd: ROOT });
    expect(missing.exitCode).toBe(2);
    expect(String(missing.stderr)).toContain('nothing.prisma does not exist');
  });
});

describe('--config with a foreign model', () => {
  it.each(['blog.jh', 'blog.prisma', 'library.mysql.sql'])('--config %s imports and generates in one step; --json lists the warnings', async (model) => {
    const dir = join(next(), 'app');
    const r = await cli([dir, '--config', fixture(model), ...QUICK, '--json'], { cwd: ROOT });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const result = parseJson<JsonSuccess & { warnings: Array<{ line: number; message: string }> }>(r.stdout);
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const w of result.warnings) expect(String(r.stderr)).toContain(`${model}:${w.line}`);
    assertCompleteProject(dir);
    // The project's own backend.yaml is the imported model, so `update` works from it afterwards.
    expect(existsSync(join(dir, 'backend.yaml'))).toBe(true);
  });

  it('a syntax error in the model exits 2 and writes nothing', async () => {
    const root = next();
    writeFileSync(join(root, 'bad.prisma'), 'model X {\n  id Int @id\n  bad bad bad(\n}\n');
    const r = await cli([join(root, 'app'), '--config', 'bad.prisma', ...QUICK, '--json'], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(parseJson<JsonFailure>(r.stdout).errors[0]).toMatchObject({ rule: 'import-syntax', line: 3 });
    expect(existsSync(join(root, 'app'))).toBe(false);
  });
});
