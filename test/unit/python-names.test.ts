import { describe, expect, it } from 'vitest';
import { CLASS_NAMES, KEYWORDS } from '../../src/config/reserved.js';
import { names } from '../../src/config/naming.js';
import { pyAttribute, pyModelClasses, pyModule } from '../../src/stacks/python/names.js';

/**
 * The Python stack's name mapping (src/stacks/python/names.ts), table-driven over every keyword list and class
 * name the generator knows: each word gets an identifier Python accepts and that shadows nothing the generated
 * code uses, and two words never get the same one.
 */

// Written out here, independently of the lists under test: Python 3.11's keyword.kwlist and softkwlist.
const HARD = 'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' ');
const SOFT = ['match', 'case', 'type', '_'];
// Names the generated modules use in class bodies and annotations, and pydantic/SQLAlchemy attributes.
const USED = ['date', 'datetime', 'decimal', 'uuid', 'json', 'dt', 'sa', 'st', 'str', 'int', 'float', 'bool', 'list', 'dict', 'id', 'copy', 'schema', 'validate', 'construct', 'fields', 'metadata', 'registry', 'query', 'model_config', 'model_dump', 'model_fields', 'created_at', 'updated_at', 'limit', 'offset', 'sort'];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const every = [...new Set(Object.values(KEYWORDS).flatMap((list) => [...list]))].filter((w) => /^[a-z][A-Za-z0-9]*$/.test(w));

describe('python field attributes', () => {
  it.each(every)('%s becomes a usable attribute', (word) => {
    const attr = pyAttribute(names(word).snake);
    expect(attr).toMatch(IDENTIFIER);
    expect(HARD).not.toContain(attr);
    expect(SOFT).not.toContain(attr);
    expect(USED).not.toContain(attr);
    expect(attr.startsWith('model_') && !attr.endsWith('_')).toBe(false);
  });

  it('keeps ordinary words and maps the keyword ones with a trailing underscore', () => {
    expect(
      Object.fromEntries(['title', 'class', 'from', 'type', 'date', 'json', 'modelConfig', 'metadata', 'self', 'limit', 'price'].map((w) => [w, pyAttribute(names(w).snake)])),
    ).toEqual({
      title: 'title', class: 'class_', from: 'from_', type: 'type_', date: 'date_', json: 'json_', modelConfig: 'model_config_',
      metadata: 'metadata_', self: 'self_', limit: 'limit_', price: 'price',
    });
  });

  it('never gives two words the same attribute', () => {
    const attrs = new Map<string, string>();
    for (const w of every) {
      const attr = pyAttribute(names(w).snake);
      const before = attrs.get(attr);
      if (before !== undefined) expect(names(before).snake, `${w} and ${before}`).toBe(names(w).snake);
      attrs.set(attr, w);
    }
  });
});

describe('python entity modules', () => {
  const entities = [...CLASS_NAMES, ...every.map((w) => names(w).pascal)];
  it.each(entities)('%s gets an importable module that replaces no module of the project', (entity) => {
    const module = pyModule(names(entity).snake);
    expect(module).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(HARD).not.toContain(module);
    expect(SOFT).not.toContain(module);
    expect(['auth', 'health', 'app', 'config', 'models', 'date', 'json', 'object', 'filter', 'type']).not.toContain(module);
  });

  it('maps only the words that need it', () => {
    expect(['Order', 'Class', 'Health', 'Type', 'Invoice'].map((e) => pyModule(names(e).snake))).toEqual(['order', 'class_', 'health_', 'type_', 'invoice']);
  });
});

describe('python model classes', () => {
  it('gives every class name a distinct class that models.py does not bind already', () => {
    const pascals = [...CLASS_NAMES, 'BaseRow', 'None', 'ValueError', 'AuthAccount'].map((n) => names(n).pascal);
    const classes = pyModelClasses(pascals);
    const values = [...classes.values()];
    expect(new Set(values).size).toBe(values.length);
    for (const taken of ['Base', 'AuthAccount', 'DeclarativeBase', 'Mapped', 'Any', 'None', 'ValueError']) expect(values).not.toContain(taken);
    for (const v of values) expect(v).toMatch(IDENTIFIER);
  });

  it('keeps the user name where nothing clashes (User is an ordinary entity beside the accounts)', () => {
    const classes = pyModelClasses(['User', 'Order', 'Base', 'BaseRow']);
    expect(Object.fromEntries(classes)).toEqual({ User: 'User', Order: 'Order', Base: 'BaseRowRow', BaseRow: 'BaseRow' });
  });
});
