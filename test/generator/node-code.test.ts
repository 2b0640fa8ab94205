import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/config/resolve.js';
import { render, ROOT } from './support.js';

/**
 * Generated Node code reads as written by hand: no artefacts of template whitespace (a lone `,`, `{ maxLength:
 * 255, }`), no empty declarations, and nothing rendered for a feature the entity does not use.
 */
const SHOP = parse(readFileSync(join(ROOT, 'test/fixtures/shop.yaml'), 'utf8')) as Answers;
const MODELS: Array<[string, Answers]> = [
  ['shop', { ...SHOP, stack: 'node', cloud: [] }],
  ['plain', { name: 'notes', stack: 'node', database: 'postgres', cloud: [], auth: 'none', entities: { Note: { fields: { title: 'string!', score: 'number', body: 'text' } } } }],
];

const ARTEFACTS: Array<[string, RegExp]> = [
  ['a line starting with a comma or semicolon', /^\s*[,;]/m],
  ['a trailing comma before a closing bracket on the same line', /, [})\]]/],
  ['an empty schema options object', /Type\.\w+\(\{ ?\}\)/],
  ['an empty exported object or array', /^export const [^=]+= (\{\s*\}|\[\s*\]);/m],
  ['a double-quoted enum value or pattern', /StringEnum\(\["|Decimal\(\d+, \d+, "/],
];

describe.each(MODELS)('node code of the %s model', (_label, answers) => {
  it('has no template artefacts', async () => {
    const tree = await render(answers);
    const sources = tree.paths().filter((p) => /\.(ts|js)$/.test(p));
    expect(sources.length).toBeGreaterThan(10);
    for (const path of sources) {
      const text = tree.get(path)!.toString();
      for (const [what, pattern] of ARTEFACTS) expect(text.match(pattern)?.[0], `${path}: ${what}`).toBeUndefined();
    }
  });

  it('declares and calls defaults and decimal bounds only for entities that have them', async () => {
    const tree = await render(answers);
    for (const path of tree.paths().filter((p) => /^src\/entities\/[^/]+\/schema\.ts$/.test(p))) {
      const schema = tree.get(path)!.toString();
      const routes = tree.get(path.replace('schema.ts', 'routes.ts'))!.toString();
      const repository = tree.get(path.replace('schema.ts', 'repository.ts'))!.toString();
      const hasBounds = /DecimalBounds:/.test(schema);
      expect(/checkDecimalBounds/.test(routes), path).toBe(hasBounds);
      expect(/Defaults\b/.test(repository), path).toBe(/Defaults = \{/.test(schema));
    }
  });
});

describe('node sort keys', () => {
  // SPEC 3 takes limit, offset and sort out of the equality filters only: such a field still sorts, as on python and java.
  it('a field named offset is sortable, not filterable', async () => {
    const tree = await render({ name: 'pages', stack: 'node', database: 'sqlite', cloud: [], auth: 'none', entities: { Page: { fields: { offset: 'integer', title: 'string' } } } });
    const schema = tree.get('src/entities/page/schema.ts')!.toString();
    const sortKeys = /PageSortKeys = \[([^\]]*)\]/.exec(schema)![1];
    expect(sortKeys).toContain("'-offset'");
    expect(/PageListQuery = Type\.Object\(\s*\{([\s\S]*?)\n  \}/.exec(schema)![1]).not.toMatch(/^\s*offset: Type\.Optional\(Type\.Integer/m);
    expect(tree.get('src/entities/page/repository.ts')!.toString()).toMatch(/^\s*offset: 'offset',$/m);
  });
});
