import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src/config/options.js';
import { resolveBiome } from '../../src/generator/format.js';
import type { VirtualTree } from '../../src/generator/tree.js';
import { keywordModel } from '../fixtures/keywords.js';
import { randomModel } from '../fixtures/random-model.js';
import { projectRenderer, renderer, ROOT, resolveSpec } from '../fixtures/render.js';

/**
 * Issue #13: a generated Node project passes its own `biome format .` for any model. The check runs Biome's CLI
 * on the whole project written to disk, as `npm run format:check` does: the project's biome.json decides which
 * files it reads, so this also fails when the CLI formats with other options or skips a file the check reads.
 */
const SEEDS = Array.from({ length: Number(process.env.CB_FORMAT_SEEDS ?? 12) }, (_, i) => i + 1);
const DATABASES: DatabaseId[] = ['sqlite', 'postgres', 'mysql'];
const yamlModel = (file: string) => parse(readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')) as object;

const scratch = mkdtempSync(join(tmpdir(), 'cb-biome-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The project's format check on the tree written to `dir`: Biome's exit code and what it reported. */
function formatCheck(tree: VirtualTree, dir: string): { status: number | null; output: string } {
  for (const [path, content] of tree.entries()) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const r = spawnSync(resolveBiome(), ['format', '.'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('node output is a fixed point of its own biome format', () => {
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
    const tree = (await projectRenderer('node'))(config!);
    const check = formatCheck(tree, join(scratch, id));
    expect(check.status, check.output).toBe(0);
    // The keyword model's render (every keyword an entity or field) takes seconds on the shared, loaded machine.
  }, 60_000);

  it('the check reads the code: the render before formatting fails it', async () => {
    const { config } = resolveSpec(yamlModel('shop.yaml'), { stack: 'node', database: 'sqlite' });
    const raw = (await renderer('node'))(config!);
    const check = formatCheck(raw, join(scratch, 'raw'));
    expect(check.status).not.toBe(0);
    expect(check.output).toMatch(/\.ts format/);
  }, 60_000);
});

describe('Biome version', () => {
  it('the generated project pins the Biome the CLI formats with', () => {
    const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const installed = read('node_modules/@biomejs/biome/package.json').version;
    // Exact pins on both sides: another Biome, even a patch release, may break lines differently.
    expect(read('package.json').dependencies['@biomejs/biome']).toBe(installed);
    expect(read('templates/node/versions/package.json').devDependencies['@biomejs/biome']).toBe(installed);
  });
});
