import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/config/types.js';
import { normalizeDecimal, portableCompare, sameFieldValue } from '../e2e/contract/compare.js';
import { unknownIdLike, WRONG_SHAPE_ID } from '../e2e/contract/ids.js';
import { dependencyOrder, relationKey, collectionPath } from '../e2e/contract/model.js';
import { compilePattern, fullyMatches, UnsupportedPattern } from '../e2e/contract/regex-example.js';
import { invalidReason, invalidValues, isRfc3339Utc, validValue, withNul } from '../e2e/contract/values.js';

const field = (over: Partial<FieldSpec> & Pick<FieldSpec, 'type'>): FieldSpec => ({
  name: 'f', required: true, unique: false, index: false,
  ...(['string', 'email', 'url'].includes(over.type) ? { maxLength: 255 } : {}),
  ...(over.type === 'decimal' ? { precision: 12, scale: 2 } : {}),
  ...over,
});

const FIELDS: FieldSpec[] = [
  field({ type: 'string' }),
  field({ type: 'string', maxLength: 3 }),
  field({ type: 'string', minLength: 20, maxLength: 30 }),
  field({ type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }),
  field({ type: 'string', pattern: '(ab|cd)+x?[0-9a-f]{2,4}', maxLength: 12 }),
  field({ type: 'text' }),
  field({ type: 'integer' }),
  field({ type: 'integer', min: 1, max: 5 }),
  field({ type: 'integer', max: -10 }),
  field({ type: 'bigint', min: 0 }),
  field({ type: 'bigint' }),
  field({ type: 'number', min: 0, max: 0.5 }),
  field({ type: 'number' }),
  field({ type: 'decimal' }),
  field({ type: 'decimal', precision: 6, scale: 2, min: 0 }),
  field({ type: 'decimal', precision: 4, scale: 0, min: -5, max: 5 }),
  field({ type: 'boolean' }),
  field({ type: 'date' }),
  field({ type: 'datetime' }),
  field({ type: 'uuid' }),
  field({ type: 'email' }),
  field({ type: 'email', maxLength: 20 }),
  field({ type: 'url' }),
  field({ type: 'enum', values: ['cat', 'dog', 'bird'] }),
  field({ type: 'json' }),
];
const label = (f: FieldSpec): string => `${f.type} ${JSON.stringify({ ...f, name: undefined, required: undefined, unique: undefined, index: undefined })}`;

describe('validValue', () => {
  it.each(FIELDS.map((f) => [label(f), f] as const))('%s: valid for many seeds', (_, f) => {
    for (let seed = 1000; seed < 1200; seed++) {
      const v = validValue(f, seed, 'abcd');
      expect(v.ok, JSON.stringify(v)).toBe(true);
      if (v.ok) expect(invalidReason(f, v.value), JSON.stringify(v.value)).toBeUndefined();
    }
  });

  it.each(FIELDS.filter((f) => !['boolean', 'enum'].includes(f.type) && f.max !== 5 && f.scale !== 0).map((f) => [label(f), f] as const))(
    '%s: distinct for consecutive seeds', (_, f) => {
      const values = new Set(Array.from({ length: 50 }, (_x, i) => JSON.stringify((validValue(f, 5000 + i, 'abcd') as { value: unknown }).value)));
      expect(values.size).toBe(50);
    });

  it('differs between runs for strings (run tag)', () => {
    const f = field({ type: 'string' });
    expect(validValue(f, 7, 'aaaa')).not.toEqual(validValue(f, 7, 'bbbb'));
  });

  it('keeps plain strings in seed order (ordering probes rely on it)', () => {
    const f = field({ type: 'string' });
    const a = (validValue(f, 1234, 'abcd') as { value: string }).value;
    const b = (validValue(f, 1235, 'abcd') as { value: string }).value;
    expect(portableCompare(f, a, b)).toBe(-1);
  });

  it('generates decimals as strings with exactly `scale` places', () => {
    const v = validValue(field({ type: 'decimal', precision: 6, scale: 2, min: 0 }), 1500, 't');
    expect(v).toMatchObject({ ok: true });
    expect((v as { value: string }).value).toMatch(/^\d{1,4}\.\d{2}$/);
  });

  it('falls back to a matching default, and reports what it cannot generate', () => {
    expect(validValue(field({ type: 'string', pattern: '^(?=x)x+$', default: 'xx' }), 1)).toEqual({ ok: true, value: 'xx' });
    const v = validValue(field({ type: 'string', pattern: '^(?=x)x+$' }), 1);
    expect(v.ok).toBe(false);
    expect(validValue(field({ type: 'string', pattern: '^\\d{5}$', maxLength: 3 }), 1).ok).toBe(false);
  });
});

describe('invalidValues', () => {
  it.each(FIELDS.map((f) => [label(f), f] as const))('%s: every invalid value breaks a rule', (_, f) => {
    for (const { rule, value } of invalidValues(f)) {
      // Wrong JSON types are checked by the type test inside invalidReason; everything else by its rule.
      expect(invalidReason(f, value), `${rule}: ${JSON.stringify(value)}`).toBeDefined();
    }
  });

  it('covers the constraint rules the brief lists', () => {
    const rules = (f: FieldSpec): string[] => invalidValues(f).map((x) => x.rule);
    expect(rules(field({ type: 'string', maxLength: 80, minLength: 2, pattern: '^[a-z]+$' }))).toEqual(expect.arrayContaining([
      'wrong type (object)', 'wrong type (number)', 'null for a required field', 'maxLength 80', 'minLength 2', 'pattern ^[a-z]+$',
    ]));
    expect(rules(field({ type: 'integer', min: 0, max: 10 }))).toEqual(expect.arrayContaining([
      'not an integer (1.5)', 'above the 32-bit range', 'below the 32-bit range', 'min 0', 'max 10', 'wrong type (numeric string)',
    ]));
    expect(rules(field({ type: 'decimal', precision: 6, scale: 2 }))).toEqual(expect.arrayContaining([
      'not a numeric string', 'more than 4 integer digits (precision 6)', 'more than 2 decimal places (scale 2)',
    ]));
    expect(invalidValues(field({ type: 'date' })).map((x) => x.value)).toContain('2024-13-45');
    expect(invalidValues(field({ type: 'enum', values: ['not-a-value'] })).find((x) => x.rule.startsWith('not one'))?.value).not.toBe('not-a-value');
    expect(invalidValues(field({ type: 'json', required: false }))).toEqual([]);
    expect(rules(field({ type: 'text', required: false }))).not.toContain('null for a required field');
  });
});

describe('regex examples', () => {
  const patterns = [
    '^[A-Z]{3}-\\d{4}$', '^[a-z0-9_-]{3,16}$', '^(foo|bar)baz$', '^\\+?[0-9]{7,15}$', '^[^@\\s]+@[^@\\s]+$',
    '^#[0-9a-fA-F]{6}$', 'v\\d+\\.\\d+\\.\\d+', '^[A-Z][a-z]*( [A-Z][a-z]*)*$', '^(?:https?)://x\\.y$', '[a-]{2}',
  ];
  it.each(patterns)('%s: examples match', (pattern) => {
    const example = compilePattern(pattern);
    for (let seed = 0; seed < 50; seed++) expect(fullyMatches(pattern, example(seed)), example(seed)).toBe(true);
  });
  it('rejects what it cannot do', () => {
    expect(() => compilePattern('^(?=a)a$')).toThrow(UnsupportedPattern);
    expect(() => compilePattern('(a)\\1')).toThrow(UnsupportedPattern);
  });
});

describe('comparisons', () => {
  it('compares decimals numerically and datetimes as instants', () => {
    expect(normalizeDecimal('012.50')).toBe('12.5');
    expect(normalizeDecimal('-0.00')).toBe('0');
    expect(sameFieldValue(field({ type: 'decimal' }), '12.50', '12.5')).toBe(true);
    expect(sameFieldValue(field({ type: 'decimal' }), '12.50', 12.5)).toBe(false);
    expect(sameFieldValue(field({ type: 'datetime' }), '2024-01-01T10:00:00Z', '2024-01-01T11:00:00+01:00')).toBe(true);
    expect(sameFieldValue(field({ type: 'json' }), { a: 1, b: [1] }, { b: [1], a: 1 })).toBe(true);
    expect(sameFieldValue(field({ type: 'bigint' }), 5, '5')).toBe(true);
    expect(portableCompare(field({ type: 'decimal' }), '9.5', '10.25')).toBe(-1);
    expect(portableCompare(field({ type: 'string' }), 'Ab', 'aC')).toBeUndefined();
  });
  it('recognises RFC 3339 UTC timestamps', () => {
    expect(isRfc3339Utc('2024-05-01T10:00:00.123Z')).toBe(true);
    expect(isRfc3339Utc('2024-05-01T10:00:00+00:00')).toBe(true);
    expect(isRfc3339Utc('2024-05-01T10:00:00+02:00')).toBe(false);
    expect(isRfc3339Utc('2024-05-01 10:00:00')).toBe(false);
  });
});

describe('ids and model', () => {
  it('derives well-formed unknown ids of the same shape', () => {
    expect(unknownIdLike('42')).toBe('2147483000');
    const uuid = '0190f1a2-7b3c-7d4e-8f60-123456789abc';
    const other = unknownIdLike(uuid);
    expect(other).not.toBe(uuid);
    expect(other).toMatch(/^0190f1a2-7b3c-7d4e-8f60-[0-9a-f]{12}$/);
    expect(unknownIdLike('665f1c2e9b1e8a3d4c5b6a79')).toMatch(/^[0-9a-f]{24}$/);
    expect(WRONG_SHAPE_ID).toBe('not-an-id!');
  });
  it('names paths and relation keys as SPEC 3/5 say', () => {
    const e = { name: 'OrderItem', owned: false, fields: [], relations: [] };
    expect(collectionPath(e)).toBe('/api/order-items');
    expect(collectionPath({ ...e, name: 'Category' })).toBe('/api/categories');
    expect(collectionPath({ ...e, name: 'Box' })).toBe('/api/boxes');
    expect(relationKey({ name: 'vets', kind: 'many-to-many', to: 'Vet', required: false, onDelete: 'restrict' })).toBe('vetIds');
    expect(relationKey({ name: 'owner', kind: 'many-to-one', to: 'Owner', required: true, onDelete: 'cascade' })).toBe('ownerId');
  });
  it('orders relation targets first', () => {
    const rel = (to: string) => ({ name: to.toLowerCase(), kind: 'many-to-one' as const, to, required: true, onDelete: 'restrict' as const });
    const config = {
      name: 'x', stack: 'node' as const, database: 'sqlite' as const, cloud: [], auth: 'none' as const,
      entities: [
        { name: 'Pet', owned: false, fields: [], relations: [rel('Owner'), { ...rel('Vet'), kind: 'many-to-many' as const }] },
        { name: 'Owner', owned: false, fields: [], relations: [] },
        { name: 'Vet', owned: false, fields: [], relations: [] },
      ],
    };
    expect(dependencyOrder(config).map((e) => e.name)).toEqual(['Owner', 'Vet', 'Pet']);
  });
});

describe('withNul', () => {
  const holdsNul = (v: unknown): boolean => JSON.stringify(v).includes('\\u0000');
  it.each(FIELDS.map((f) => [label(f), f] as const))('%s: the valid value with U+0000, same JSON type and length', (_, f) => {
    const valid = validValue(f, 1234, 'abcd');
    if (!valid.ok) throw new Error(valid.reason);
    const value = withNul(f, valid.value);
    if (typeof valid.value === 'string') {
      expect(typeof value).toBe('string');
      expect((value as string).length).toBe(valid.value.length);
      expect(value).toContain('\u0000');
      expect((value as string).replace('\u0000', '')).not.toContain('\u0000');
    } else if (f.type === 'json') {
      expect(holdsNul(value)).toBe(true);
      expect(typeof value).toBe('object');
    } else {
      expect(value).toBeUndefined();
    }
  });

  it('gives text only to fields whose JSON type is a string, or json', () => {
    expect(withNul(field({ type: 'integer' }), 5)).toBeUndefined();
    expect(withNul(field({ type: 'boolean' }), true)).toBeUndefined();
    expect(withNul(field({ type: 'number' }), 1.5)).toBeUndefined();
    expect(withNul(field({ type: 'string' }), '')).toBe('\u0000');
    expect(withNul(field({ type: 'enum', values: ['cat'] }), 'cat')).toBe('c\u0000t');
  });
});
