import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src/config/options.js';
import { finish, gather, withDefaults, type Answers } from '../../src/config/resolve.js';
import { generate } from '../../src/generator/generate.js';
import { loadPack } from '../../src/generator/packs.js';
import { loadStack } from '../../src/stacks/index.js';

/** Java's OpenAPI document describes what its server accepts (issue 11 section 2). */
const ROOT = resolve(import.meta.dirname, '../..');
const java = await loadStack('java');
const packs = java.packs.map((p) => loadPack(join(ROOT, 'templates', p)));

function render(entities: Answers['entities'], database: DatabaseId = 'sqlite', auth: 'none' | 'jwt' = 'none'): (path: string) => string {
  const gathered = gather({});
  const answers = withDefaults({ ...gathered.partial, name: 'shop', stack: 'java', database, auth, cloud: [], entities });
  const { config, problems } = finish(answers, gathered, {});
  expect(problems).toEqual([]);
  const { tree } = generate({ config: config!, stack: java, packs, generatorVersion: '0.0.0-test' });
  const base = 'src/main/java/com/example/app';
  return (path) => {
    const file = tree.get(path.replace('$main', base).replace('$test', base.replace('main', 'test')));
    expect(file, path).toBeDefined();
    return file!.toString('utf8');
  };
}

// Generation takes about a second; more while the shared machine compiles other projects.
describe('java OpenAPI', { timeout: 30_000 }, () => {
  it('documents enum fields as an enum with their default, not as an unanchored pattern alone', () => {
    const entities = { Task: { fields: { status: { type: 'enum', values: ['open', 'done'], default: 'open' } } } } as Answers['entities'];
    const create = render(entities)('$main/api/TaskCreate.java');
    expect(create).toContain('@Schema(allowableValues = {"open", "done"}, defaultValue = "open")');
    expect(create).toContain('import io.swagger.v3.oas.annotations.media.Schema;');
  });
});
