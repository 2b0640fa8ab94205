import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src/config/options.js';
import type { VirtualTree } from '../../src/generator/tree.js';
import { keywordModel } from '../fixtures/keywords.js';
import { randomModel } from '../fixtures/random-model.js';
import { projectRenderer, ROOT, resolveSpec } from '../fixtures/render.js';

/**
 * Issue #13: a generated Node project passes its own `prettier --check .` for any model. The check here is
 * prettier's full Node API on the project written to disk, as its CLI runs it: the project's .prettierrc.json
 * found by prettier's own config search, its .prettierignore and .gitignore applied, every parser available.
 * So this also fails when the CLI formats with other options, or skips a file the project's check reads.
 */
// Each model costs a few seconds of prettier (formatting, then checking); CB_PRETTIER_SEEDS raises it for a soak run.
const SEEDS = Array.from({ length: Number(process.env.CB_PRETTIER_SEEDS ?? 20) }, (_, i) => i + 1);
const DATABASES: DatabaseId[] = ['sqlite', 'postgres', 'mysql'];
const yamlModel = (file: string) => parse(readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')) as object;

const scratch = mkdtempSync(join(tmpdir(), 'cb-prettier-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeTree(tree: VirtualTree, dir: string): void {
  for (const [path, content] of tree.entries()) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Parser, options and content already found clean: most files are the same in every model. */
const clean = new Set<string>();

/** The files `prettier --check .` would report in the project: those it reads and would change. */
async function unformatted(tree: VirtualTree, dir: string): Promise<string[]> {
  writeTree(tree, dir);
  const ignorePath = [join(dir, '.gitignore'), join(dir, '.prettierignore')];
  const changed: string[] = [];
  for (const [path, content] of tree.entries()) {
    const file = join(dir, path);
    const info = await prettier.getFileInfo(file, { ignorePath });
    if (info.ignored || !info.inferredParser) continue;
    const options = await prettier.resolveConfig(file, { editorconfig: true });
    expect(options, `${path}: the project's prettier configuration`).not.toBeNull();
    const key = createHash('sha256').update(JSON.stringify([info.inferredParser, options])).update(content).digest('hex');
    if (clean.has(key)) continue;
    if (await prettier.check(content.toString('utf8'), { ...options, filepath: file })) clean.add(key);
    else changed.push(path);
  }
  return changed;
}

describe('node output is prettier-clean', () => {
  const models = [
    { id: 'spec-example', spec: () => yamlModel('spec-example.yaml'), database: 'sqlite' as DatabaseId },
    { id: 'shop', spec: () => yamlModel('shop.yaml'), database: 'postgres' as DatabaseId },
    { id: 'keywords', spec: keywordModel, database: 'mysql' as DatabaseId },
    ...SEEDS.map((seed) => {
      const database = DATABASES[seed % DATABASES.length]!;
      return { id: `seed-${seed}`, spec: () => randomModel(seed, 'node', database) as object, database };
    }),
  ];

  it.each(models)('$id ($database)', async ({ id, spec, database }) => {
    const { config, problems } = resolveSpec(spec(), { stack: 'node', database });
    expect(problems).toEqual([]);
    const tree = await (await projectRenderer('node'))(config!);
    expect(await unformatted(tree, join(scratch, id))).toEqual([]);
  }, 180_000);

  it('formats the code: the templates alone would not pass the check', async () => {
    const { config } = resolveSpec(yamlModel('shop.yaml'), { stack: 'node', database: 'sqlite' });
    const { renderer } = await import('../fixtures/render.js');
    const raw = (await renderer('node'))(config!);
    expect((await unformatted(raw, join(scratch, 'raw'))).length).toBeGreaterThan(0);
  }, 180_000);
});

describe('prettier version', () => {
  it('the generated project pins the prettier the CLI formats with', () => {
    const versions = JSON.parse(readFileSync(join(ROOT, 'templates/node/versions/package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const cli = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    // Exact pins on both sides: another prettier, even a patch release, may break lines differently.
    expect(versions.devDependencies.prettier).toBe(prettier.version);
    expect(cli.devDependencies.prettier).toBe(prettier.version);
  });
});
