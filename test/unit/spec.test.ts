import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finish, gather, resolveConfig, withDefaults } from '../../src/config/resolve.js';
import { expandEntities, parseEntityFlag } from '../../src/config/normalize.js';
import { checkStructure } from '../../src/config/structure.js';
import { parseSpecText } from '../../src/config/spec-source.js';
import type { Problem } from '../../src/config/problems.js';

/** Spec parsing: positions in YAML and JSON, shorthands, `--entity`, and syntax errors that point at their line. */
const tmp = mkdtempSync(join(tmpdir(), 'cb-spec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** Every problem `validate` reports for this text (the resolution create and validate share). */
function problemsOf(text: string, ext: 'yaml' | 'json' = 'yaml'): Problem[] {
  const file = join(tmp, `s${n++}.${ext}`);
  writeFileSync(file, text);
  return resolveConfig(gather({ config: file }), {}).problems;
}

describe('positions of problems', () => {
  const yaml = [
    'name: clinic', //                    1
    'entities:', //                       2
    '  Pet:', //                          3
    '    fields:', //                     4
    '      name: string!', //             5
    '      age: { type: integr }', //     6
    '    relations:', //                  7
    '      owner: { kind: many-to-one, to: Ownr }', // 8
    '  Owner:', //                        9
    '    fields:', //                     10
    '      name: strin', //               11
  ].join('\n');

  it('names line and column in YAML, for every problem of the run', () => {
    const problems = problemsOf(yaml);
    const at = (rule: string) => problems.find((p) => p.rule === rule);
    expect(at('spec-valid-option')).toMatchObject({ path: 'entities.Pet.fields.age.type', line: 6, column: 20 });
    expect(at('field-type-known')).toMatchObject({ path: 'entities.Owner.fields.name', line: 11, column: 13 });
    expect(at('relation-target-exists')).toMatchObject({ path: 'entities.Pet.relations.owner.to', line: 8, column: 39 });
    for (const p of problems) expect(p.file, p.rule).toMatch(/\.yaml$/);
  });

  it('names the line in a JSON spec too', () => {
    const json = JSON.stringify({ name: 'clinic', entities: { Pet: { fields: { name: 'string!', age: { type: 'integr', min: 5, max: 1 } } } } }, null, 2);
    const problems = problemsOf(json, 'json');
    const lineOf = (needle: string) => json.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(problems.find((p) => p.rule === 'spec-valid-option')).toMatchObject({ path: 'entities.Pet.fields.age.type', line: lineOf('"integr"') });
    // The age field had a structural error, so its min/max are not checked in this run; the position is what matters.
    expect(problems.every((p) => p.line !== undefined && p.file?.endsWith('.json'))).toBe(true);
  });

  it('locates unknown keys at the key', () => {
    const problems = problemsOf('name: clinic\nstak: node\nentities:\n  Pet:\n    fields:\n      name: string!\n');
    expect(problems).toEqual([expect.objectContaining({ rule: 'spec-known-keys', path: 'stak', line: 2 })]);
  });

  // src/config/spec-source.ts locate() says "an unknown key is reported at the key itself" but returns the value's position.
  it('an unknown key is reported at the key column', () => {
    const problems = problemsOf('name: clinic\nstak: node\nentities:\n  Pet:\n    fields:\n      name: string!\n');
    expect(problems[0]).toMatchObject({ rule: 'spec-known-keys', line: 2, column: 1 });
  });

  it('locate() follows lists and stops at the deepest existing node', () => {
    const { source } = parseSpecText('cloud:\n  - aws\n  - gcp\nentities:\n  Pet: {}\n', 'x.yaml');
    expect(source!.locate(['cloud', 1])).toEqual({ line: 3, column: 5 });
    expect(source!.locate(['entities', 'Pet', 'fields', 'name'])).toEqual({ line: 5, column: 8 });
  });
});

describe('syntax errors', () => {
  const CASES: Array<[title: string, text: string, ext: 'yaml' | 'json', line: number, hint: RegExp, rule: string, message: RegExp]> = [
    ['a duplicate key', 'name: a\nentities:\n  Pet:\n    fields:\n      name: string\n      name: text\n', 'yaml', 6, /only once/, 'spec-duplicate-key', /"name" appears twice in entities.Pet.fields: line 5 and line 6/],
    ['a duplicate key in JSON', '{\n  "name": "a",\n  "name": "b"\n}\n', 'json', 3, /only once/, 'spec-duplicate-key', /"name" appears twice: line 2 and line 3/],
    ['bad indentation', 'name: a\nentities:\n  Pet:\n    fields:\n      name: string\n     age: integer\n', 'yaml', 6, /indentation/, 'spec-syntax', /is not valid YAML or JSON: \S/],
    ['an unclosed JSON object', '{\n  "name": "a",\n  "entities": {\n', 'json', 4, /brackets/, 'spec-syntax', /is not valid JSON: \S/],
    ['a tab used for indentation', 'name: a\nentities:\n\tPet: {}\n', 'yaml', 3, /indentation/, 'spec-syntax', /is not valid YAML or JSON: \S/],
    // The parser gives up at the end of the file; the problem points at the quote or bracket left open (issue 13).
    ['an unclosed quote', 'name: "abc\nentities:\n  Pet:\n    fields:\n      name: string\n', 'yaml', 1, /not closed/, 'spec-syntax', /s\d+\.yaml is not valid YAML or JSON: Missing closing "quote$/],
    ['an unclosed flow sequence', 'name: a\nentities:\n  Pet:\n    fields:\n      name: [string, x\n\n\n', 'yaml', 5, /not closed/, 'spec-syntax', /is not valid YAML or JSON: Flow sequence .* end with a \]$/],
    ['an unclosed flow mapping', 'name: a\nentities:\n  Pet:\n    fields: {name: string\n  Vet:\n    fields:\n      name: string\n', 'yaml', 4, /not closed/, 'spec-syntax', /end with a \}$/],
  ];

  it.each(CASES)('%s is a problem of the file with a hint, and stops the run', (_, text, ext, _line, hint, rule, message) => {
    const problems = problemsOf(text, ext);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems.every((p) => p.rule === rule)).toBe(true);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].hint).toMatch(hint);
    expect(problems[0].file).toMatch(new RegExp(`\\.${ext}$`));
  });

  it.each(CASES)('%s is located at its line', (_, text, ext, line) => {
    const problems = problemsOf(text, ext);
    expect(problems[0].line).toBe(line);
    expect(problems[0].column).toBeGreaterThan(0);
  });

  it('a spec that is not a mapping is a shape problem with a hint', () => {
    const { problems } = checkStructure(['a', 'b']);
    expect(problems[0]).toMatchObject({ rule: 'spec-shape', path: '' });
    expect(problems[0].hint).toMatch(/mapping/);
  });

  it('an empty file is an empty spec, not an error', () => {
    expect(parseSpecText('', 'e.yaml').problems).toEqual([]);
    expect(checkStructure(null)).toEqual({ spec: {}, problems: [] });
  });
});

describe('field shorthands', () => {
  const expand = (fields: Record<string, string>) => expandEntities({ Pet: { fields } });

  it.each([
    ['string!', { type: 'string', required: true, maxLength: 255 }],
    ['string', { type: 'string', required: false, maxLength: 255 }],
    [' integer ! ', { type: 'integer', required: true }],
    ['url', { type: 'url', required: false, maxLength: 2048 }],
    ['email!', { type: 'email', required: true, maxLength: 254 }],
    ['decimal', { type: 'decimal', precision: 12, scale: 2 }],
    ['json', { type: 'json', required: false, unique: false, index: false }],
  ])('%j', (shorthand, expected) => {
    const { entities, problems } = expand({ f: shorthand });
    expect(problems).toEqual([]);
    expect(entities[0].fields[0]).toMatchObject({ name: 'f', ...expected });
  });

  it.each([['strng', 'string'], ['integr', 'integer'], ['datetme', 'datetime'], ['String!', 'string']])('%s suggests %s', (bad, near) => {
    const { problems } = expand({ f: bad });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'field-type-known', path: 'entities.Pet.fields.f' });
    expect(problems[0].hint).toContain(`"${near}"`);
  });

  it('string!! is not a type', () => {
    expect(expand({ f: 'string!!' }).problems[0].rule).toBe('field-type-known');
  });
});

describe('--entity', () => {
  it('reads fields, required fields and every relation form', () => {
    const r = parseEntityFlag('Pet: name:string! age:integer owner:Owner vet:Vet! vets:Vet[]', 0);
    expect(r.problems).toEqual([]);
    expect(r.name).toBe('Pet');
    expect(r.entity).toEqual({
      fields: { name: 'string!', age: 'integer' },
      relations: {
        owner: { kind: 'many-to-one', to: 'Owner' },
        vet: { kind: 'many-to-one', to: 'Vet', required: true },
        vets: { kind: 'many-to-many', to: 'Vet' },
      },
    });
  });

  it('tolerates extra spaces', () => {
    expect(parseEntityFlag('  Tag :   label:string!   ', 0)).toMatchObject({ name: 'Tag', entity: { fields: { label: 'string!' } }, problems: [] });
  });

  it.each([
    ['pet x', '--entity[0]'],
    ['Pet: name', '--entity[0].name'],
    ['Pet: name:', '--entity[0].name:'],
    ['Pet: name:string[]', '--entity[0].name'],
    ['Pet: :string', '--entity[0].:string'],
  ])('%j is an entity-flag-syntax problem at %s', (text, path) => {
    const r = parseEntityFlag(text, 0);
    expect(r.problems[0]).toMatchObject({ rule: 'entity-flag-syntax', path });
    expect(r.problems[0].hint).toMatch(/name:type|Entity\[\]|Name: field:type/);
  });

  it('"pet: x": the unreadable token and the lower-case entity name are both reported', () => {
    const gathered = gather({ entity: ['pet: x'] });
    expect(gathered.problems.map((p) => p.rule)).toEqual(['entity-flag-syntax']);
    const rules = finish(withDefaults(gathered.partial), gathered, {}).problems.map((p) => p.rule);
    expect(rules).toContain('entity-name-format');
  });

  it('a type typo in --entity suggests the nearest type', () => {
    const gathered = gather({ entity: ['Pet: name:strin!'] });
    const problems = finish(withDefaults(gathered.partial), gathered, {}).problems;
    expect(problems[0]).toMatchObject({ rule: 'field-type-known', path: 'entities.Pet.fields.name' });
    expect(problems[0].hint).toContain('"string"');
  });

  it('a relation to an entity given in another --entity resolves', () => {
    const gathered = gather({ entity: ['Pet: name:string! owner:Owner!', 'Owner: name:string!'] });
    const { config, problems } = finish(withDefaults(gathered.partial), gathered, {});
    expect(problems).toEqual([]);
    expect(config!.entities.find((e) => e.name === 'Pet')!.relations[0]).toEqual({ name: 'owner', kind: 'many-to-one', to: 'Owner', required: true, onDelete: 'restrict' });
  });
});
