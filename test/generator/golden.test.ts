import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DatabaseId, StackId } from '../../src/config/options.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { keywordModel } from '../fixtures/keywords.js';
import { projectRenderer, ROOT, resolveSpec } from '../fixtures/render.js';

/**
 * Golden snapshots (issue #11 §2): four models × five stacks, one database each, rendered in memory and
 * compared file by file with test/golden/<stack>-<model>/, so a template change shows up as a reviewable diff.
 * `npm run golden:update` rewrites them (this file with CB_GOLDEN_UPDATE=1). Each file is stored as
 * `<path>.snap`: a snapshot's .gitignore, package.json or pom.xml must not act as one in this repository.
 * Not stored: binary files, lockfiles and the manifest (a hash of every other file, so it changes with all).
 */
const GOLDEN = join(ROOT, 'test/golden');
const UPDATE = process.env.CB_GOLDEN_UPDATE === '1';
const SUFFIX = '.snap';
const STACKS: StackId[] = ['node', 'python', 'java', 'go', 'ruby'];
const DATABASES: DatabaseId[] = ['sqlite', 'postgres', 'mysql'];

const yamlModel = (file: string) => parse(readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')) as object;
const MODELS: Array<{ id: string; spec: () => object }> = [
  { id: 'spec-example', spec: () => yamlModel('spec-example.yaml') },
  { id: 'shop', spec: () => yamlModel('shop.yaml') },
  { id: 'keywords', spec: keywordModel },
  // Patterned, email and url fields: each stack's translation of a pattern, and the text its document shows.
  { id: 'patterns', spec: () => yamlModel('patterns.yaml') },
];

/** Each stack sees each database at least once over the models. */
const CASES = [
  ...MODELS.flatMap((model, i) => STACKS.map((stack, j) => ({ model, stack, database: DATABASES[(i + j) % DATABASES.length], dir: `${stack}-${model.id}` }))),
  // MongoDB replaces the whole data layer (a database pack), so its render is kept too, for every stack that has it.
  ...STACKS.filter((stack) => STACK_DATABASES[stack].includes('mongodb')).map((stack) => ({ model: MODELS[1]!, stack, database: 'mongodb' as DatabaseId, dir: `${stack}-shop-mongodb` })),
];

const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|uv\.lock|Pipfile\.lock)$/;
const MANIFEST = '.create-backend/manifest.json';
const isText = (content: Buffer) => !content.includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

/** First differing line of two texts, for the failure message. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, k) => line !== b[k]);
  const at = i < 0 ? a.length : i;
  return `line ${at + 1}: snapshot ${JSON.stringify(a[at] ?? '(end)')}, now ${JSON.stringify(b[at] ?? '(end)')}`;
}

describe.each(CASES)('golden $dir ($database)', ({ model, stack, database, dir }) => {
  it(UPDATE ? 'rewrites the snapshot' : 'matches the snapshot', async () => {
    const { config, problems } = resolveSpec(model.spec(), { stack, database });
    expect(problems).toEqual([]);
    const tree = (await projectRenderer(stack))(config!);
    const rendered = new Map<string, string>();
    for (const [path, content] of tree.entries()) {
      if (path === MANIFEST || LOCKFILE.test(path) || !isText(content)) continue;
      rendered.set(path + SUFFIX, content.toString('utf8'));
    }
    const root = join(GOLDEN, dir);
    if (UPDATE) {
      rmSync(root, { recursive: true, force: true });
      for (const [path, text] of rendered) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      return;
    }
    const stored = new Set(walk(root));
    const differences: string[] = [];
    for (const [path, text] of rendered) {
      if (!stored.has(path)) differences.push(`new file ${path}`);
      else {
        const snapshot = readFileSync(join(root, path), 'utf8');
        if (snapshot !== text) differences.push(`changed ${path}: ${firstDifference(snapshot, text)}`);
      }
    }
    for (const path of stored) if (!rendered.has(path)) differences.push(`no longer generated: ${path}`);
    expect(differences, `the output for ${dir} differs from test/golden/${dir}: if the change is intended, run \`npm run golden:update\` and review the diff (git diff test/golden) before committing`).toEqual([]);
    // The keyword model's render, then Biome's run on the node one: seconds on the shared, loaded machine.
  }, 60_000);
});
