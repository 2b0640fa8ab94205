import { describe, expect, it } from 'vitest';
import { ImportSyntaxError } from '../../src/import/index.js';
import { imported, warningAt } from './helpers.js';

describe('import: PostgreSQL DDL', () => {
  it('singularises tables to PascalCase entities and columns to camelCase fields; id and timestamps map onto ours', async () => {
    const { entities, spec } = await imported('shop.sql');
    expect(spec.name).toBe('shop');
    expect(Object.keys(entities)).toEqual(['Customer', 'Category', 'Product', 'Order', 'OrderLine']);
    expect(Object.keys(entities.Customer.fields)).toEqual(['email', 'fullName', 'vip']);
  });

  it('maps types, NOT NULL, UNIQUE, DEFAULT and CHECK ranges', async () => {
    const { entities } = await imported('shop.sql');
    expect(entities.Customer.fields.email).toEqual({ type: 'string', maxLength: 254, required: true, unique: true });
    expect(entities.Customer.fields.vip).toEqual({ type: 'boolean', required: true, default: false });
    expect(entities.Product.fields.description).toBe('text');
    expect(entities.Product.fields.price).toEqual({ type: 'decimal', precision: 10, scale: 2, required: true, min: 0 });
    expect(entities.Product.fields.stock).toEqual({ type: 'integer', required: true, default: 0, min: 0, max: 100000 });
    expect(entities.Product.fields.sku).toBe('uuid!');
    expect(entities.Order.fields.placedOn).toBe('date');
    expect(entities.Order.fields.notes).toBe('json');
    expect(entities.OrderLine.fields.quantity).toEqual({ type: 'integer', required: true, min: 1, max: 999 });
  });

  it('reads CREATE TYPE … AS ENUM and one-column indexes', async () => {
    const { entities } = await imported('shop.sql');
    expect(entities.Order.fields.status).toEqual({ type: 'enum', values: ['new', 'paid', 'shipped'], required: true, default: 'new', index: true });
  });

  it('turns REFERENCES with ON DELETE into relations and a two-key join table into many-to-many', async () => {
    const { entities } = await imported('shop.sql');
    expect(entities.Order.relations).toEqual({ customer: { kind: 'many-to-one', to: 'Customer', required: true, onDelete: 'cascade' } });
    expect(entities.OrderLine.relations?.product).toEqual({ kind: 'many-to-one', to: 'Product', onDelete: 'set-null' });
    expect(entities.Product.relations).toEqual({ categories: { kind: 'many-to-many', to: 'Category' } });
    expect(entities).not.toHaveProperty('ProductCategory');
  });

  it('warns, with the line, about what has no equivalent', async () => {
    const { warnings } = await imported('shop.sql');
    expect(warningAt(warnings, 25)).toEqual([expect.stringContaining('products.photo: type BYTEA has no equivalent')]);
    expect(warningAt(warnings, 34)).toEqual([expect.stringContaining('CHECK constraint of orders is not a range')]);
    expect(warnings).toHaveLength(2);
  });

  it('warns about non-constant defaults, multi-column unique constraints and other statements', async () => {
    const text = 'CREATE TABLE notes (\n  id SERIAL PRIMARY KEY,\n  a INT DEFAULT floor(random() * 10),\n  b INT,\n  UNIQUE (a, b)\n);\nCREATE VIEW v AS SELECT 1;\n';
    const { warnings, entities } = await imported('notes.sql', text);
    expect(entities.Note.fields).toEqual({ a: 'integer', b: 'integer' });
    expect(warningAt(warnings, 3)).toEqual([expect.stringContaining('default expression is not a constant')]);
    expect(warningAt(warnings, 5)).toEqual([expect.stringContaining('unique constraint on (a, b)')]);
    expect(warnings.some((w) => w.line === 7 && /CREATE VIEW/.test(w.message))).toBe(true);
  });

  it('reports a syntax error with its line and column', async () => {
    const err = await imported('bad.sql', 'CREATE TABLE a (\n  id INT,\n  x FOO BAR BAZ\n);\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportSyntaxError);
    expect(err).toMatchObject({ line: 3, column: 9 });
  });
});

describe('import: MySQL DDL', () => {
  it('reads backquoted keyword names, inline ENUM, TINYINT(1) booleans and FOREIGN KEY constraints', async () => {
    const { entities } = await imported('library.mysql.sql');
    expect(Object.keys(entities)).toEqual(['User', 'Book', 'Loan', 'BookAuthor']);
    expect(entities.User.fields).toEqual({
      name: { type: 'string', maxLength: 100, required: true, unique: true },
      type: { type: 'enum', values: ['member', 'staff'], required: true, default: 'member' },
      active: { type: 'boolean', required: true, default: true },
    });
    expect(entities.Loan.fields).toEqual({ due: 'datetime!', order: 'integer' });
    expect(entities.Loan.relations).toEqual({ user: { kind: 'many-to-one', to: 'User', required: true, onDelete: 'cascade' }, book: { kind: 'many-to-one', to: 'Book', required: true } });
  });

  it('warns about blobs and composite keys with their lines', async () => {
    const { warnings, entities } = await imported('library.mysql.sql');
    expect(warningAt(warnings, 17)).toEqual([expect.stringContaining('books.cover: type LONGBLOB has no equivalent')]);
    expect(warningAt(warnings, 33)).toEqual([expect.stringContaining('composite primary key (book_id, author_name)')]);
    // The composite key's columns stay as fields: the data is not lost.
    expect(entities.BookAuthor.fields.authorName).toEqual({ type: 'string', maxLength: 100, required: true });
  });
});
