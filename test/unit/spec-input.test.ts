import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../src/config/structure.js';
import { MAX_SPEC_BYTES, parseSpecBytes } from '../../src/config/spec-source.js';

/**
 * Issue 11 §3: a malformed spec is refused quickly, located and explained, before it becomes data: size,
 * encoding, strict JSON, alias bombs, duplicate and prototype keys.
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const timed = <T>(f: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

describe('spec input', () => {
  it('refuses a spec over 1 MiB without parsing it, in well under a second', () => {
    const big = bytes(`name: big\nentities:\n${'  # padding\n'.repeat(MAX_SPEC_BYTES / 12 + 10)}`);
    expect(big.length).toBeGreaterThan(MAX_SPEC_BYTES);
    const { value, ms } = timed(() => parseSpecBytes(big, 'big.yaml'));
    expect(value.problems).toMatchObject([{ rule: 'spec-size', file: 'big.yaml' }]);
    expect(value.problems[0].hint).toBeTruthy();
    expect(ms).toBeLessThan(1000);
  });

  it('accepts a spec of exactly 1 MiB', () => {
    const head = 'name: edge\n';
    const text = head + '#'.repeat(MAX_SPEC_BYTES - head.length - 1) + '\n';
    expect(bytes(text).length).toBe(MAX_SPEC_BYTES);
    expect(parseSpecBytes(bytes(text), 'edge.yaml').problems).toEqual([]);
  });

  it('refuses an alias bomb in under a second, with a hint and no exception', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { value, ms } = timed(() => parseSpecBytes(bytes(levels.join('\n')), 'bomb.yaml'));
    expect(value.problems).toMatchObject([{ rule: 'spec-aliases', line: 1, column: 1 }]);
    expect(value.problems[0].hint).toMatch(/alias/);
    expect(ms).toBeLessThan(1000);
  });

  it('still expands a few aliases', () => {
    const { source, problems } = parseSpecBytes(bytes('x: &v 3\ny: *v\n'), 'a.yaml');
    expect(problems).toEqual([]);
    expect(source!.data).toEqual({ x: 3, y: 3 });
  });

  it('says where the first byte that is not UTF-8 is', () => {
    const text = new Uint8Array([...bytes('name: ok\nstack: caf'), 0xe9, ...bytes('\n')]);
    const { problems } = parseSpecBytes(text, 'latin1.yaml');
    expect(problems).toMatchObject([{ rule: 'spec-encoding', line: 2, column: 11 }]);
    expect(problems[0].message).toMatch(/not UTF-8.*byte 19 \(0xe9\)/);
  });

  it('reads a .json file as strict JSON: a trailing comma is located at the comma', () => {
    const { problems } = parseSpecBytes(bytes('{\n  "name": "x",\n  "stack": "node",\n}\n'), 'spec.json');
    expect(problems).toMatchObject([{ rule: 'spec-syntax', line: 3, column: 18 }]);
    expect(problems[0].message).toMatch(/trailing comma/);
    // The same text in a .yaml file is YAML, which allows it.
    expect(parseSpecBytes(bytes('{\n  "name": "x",\n  "stack": "node",\n}\n'), 'spec.yaml').problems).toEqual([]);
  });

  it('names a duplicate key and both of its lines', () => {
    const { problems } = parseSpecBytes(bytes('name: x\nentities:\n  Pet:\n    fields:\n      a: string\n      b: text\n      a: text\n'), 'd.yaml');
    expect(problems).toMatchObject([{ rule: 'spec-duplicate-key', path: 'entities.Pet.fields.a', line: 7, column: 7 }]);
    expect(problems[0].message).toContain('"a" appears twice in entities.Pet.fields: line 5 and line 7');
  });

  it.each(['__proto__: {}', 'entities:\n  __proto__: {}', 'entities:\n  Pet:\n    fields:\n      __proto__: string', 'entities:\n  Pet:\n    relations:\n      __proto__: { kind: many-to-one, to: Pet }'])(
    'refuses the key __proto__ anywhere: %j',
    (text) => {
      const { problems, source } = parseSpecBytes(bytes(text), 'p.yaml');
      expect(source).toBeUndefined();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ rule: 'spec-key-name' });
      expect(problems[0].path).toMatch(/__proto__$/);
      expect(problems[0].line).toBeGreaterThan(0);
    },
  );

  it('reads constructor and prototype as ordinary names of entities, fields, relations and enum values', () => {
    const text = [
      'entities:',
      '  Constructor:',
      '    fields:',
      '      constructor: integer',
      '      prototype: { type: enum, values: [constructor, prototype, toString] }',
      '  Prototype:',
      '    fields:',
      '      hasOwnProperty: string',
      '    relations:',
      '      constructor: { kind: many-to-one, to: Constructor }',
    ].join('\n');
    const { source, problems } = parseSpecBytes(bytes(text), 'c.yaml');
    expect(problems).toEqual([]);
    const checked = checkStructure(source!.data);
    expect(checked.problems).toEqual([]);
    expect(Object.keys(checked.spec!.entities!)).toEqual(['Constructor', 'Prototype']);
  });

  it('reports a top-level key "constructor" as unknown instead of crashing', () => {
    const { source } = parseSpecBytes(bytes('constructor: 1\nstack: nod\n'), 'c.yaml');
    const checked = checkStructure(source!.data);
    expect(checked.problems.map((p) => [p.rule, p.path])).toEqual(expect.arrayContaining([['spec-known-keys', 'constructor'], ['spec-valid-option', 'stack']]));
  });
});

describe('structure messages', () => {
  it('a relation without kind says the kind is missing and lists the kinds, once', () => {
    const checked = checkStructure({ entities: { Pet: { fields: { name: 'string' }, relations: { owner: { to: 'Pet' } } } } });
    const atKind = checked.problems.filter((p) => p.path === 'entities.Pet.relations.owner.kind');
    expect(atKind).toHaveLength(1);
    expect(atKind[0].message).toBe('kind is missing');
    expect(atKind[0].hint).toMatch(/many-to-one/);
    expect(checked.problems.map((p) => p.message).join('\n')).not.toContain('undefined');
  });

  it('a bad option of a field is the only problem: the field is kept without it (required: yes)', () => {
    const data = { entities: { Pet: { fields: { name: { type: 'string', required: 'yes' } } } } };
    const checked = checkStructure(data);
    expect(checked.problems).toMatchObject([{ rule: 'spec-shape', path: 'entities.Pet.fields.name.required', message: 'required must be a boolean, not "yes"' }]);
    expect(checked.spec!.entities!.Pet.fields).toEqual({ name: { type: 'string' } });
  });
});
