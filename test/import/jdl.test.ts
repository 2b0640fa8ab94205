import { describe, expect, it } from 'vitest';
import { ImportSyntaxError } from '../../src/import/index.js';
import { imported, warningAt } from './helpers.js';

describe('import: JHipster JDL', () => {
  it('maps entities, field types and validations, with constants resolved', async () => {
    const { entities } = await imported('library.jh');
    expect(Object.keys(entities)).toEqual(['Publisher', 'Author', 'Client', 'Book', 'BorrowedBook']);
    expect(entities.Book.fields).toEqual({
      isbn: { type: 'string', required: true, unique: true, minLength: 5, maxLength: 13 },
      name: { type: 'string', required: true, maxLength: 100 },
      publishYear: { type: 'string', required: true, minLength: 4, maxLength: 50 },
      copies: 'integer!',
    });
    expect(entities.BorrowedBook.fields).toEqual({ borrowDate: 'date' });
  });

  it('maps enums, BigDecimal with min, Instant and TextBlob', async () => {
    const { entities } = await imported('e-commerce-monolith.jdl');
    expect(entities.Product.fields.size).toEqual({ type: 'enum', values: ['S', 'M', 'L', 'XL', 'XXL'], required: true });
    expect(entities.Product.fields.price).toEqual({ type: 'decimal', required: true, min: 0 });
    expect(entities.ShoppingCart.fields.placedDate).toBe('datetime!');
    const blog = await imported('blog.jh');
    expect(blog.entities.Post.fields.content).toBe('text!');
  });

  it('maps relationships of every cardinality with their names and required', async () => {
    const { entities } = await imported('e-commerce-monolith.jdl');
    // OneToMany: the foreign key lives on the "many" side, named as that side of the JDL names it.
    expect(entities.ShoppingCart.relations).toEqual({ customerDetails: { kind: 'many-to-one', to: 'CustomerDetails', required: true } });
    expect(entities.Product.relations).toEqual({ productCategory: { kind: 'many-to-one', to: 'ProductCategory', required: true } });
    expect(entities.ProductOrder.relations).toEqual({ product: { kind: 'many-to-one', to: 'Product', required: true }, cart: { kind: 'many-to-one', to: 'ShoppingCart', required: true } });
    const library = await imported('library.jh');
    expect(library.entities.Book.relations).toEqual({ publisher: { kind: 'one-to-one', to: 'Publisher' }, authors: { kind: 'many-to-many', to: 'Author' } });
    expect(library.entities.BorrowedBook.relations).toEqual({ book: { kind: 'one-to-one', to: 'Book' }, client: { kind: 'one-to-one', to: 'Client' } });
  });

  it("maps JHipster's built-in User to an ordinary entity User, with a warning at the relationship", async () => {
    const { entities, warnings } = await imported('e-commerce-monolith.jdl');
    expect(entities.CustomerDetails.relations?.user).toEqual({ kind: 'one-to-one', to: 'User', required: true });
    expect(entities.User.fields).toMatchObject({ login: { type: 'string', required: true, unique: true } });
    expect(warningAt(warnings, 70)).toEqual([expect.stringContaining("JHipster's built-in User")]);
  });

  it('warns, with the line, about blobs, custom enum values, the application block and options', async () => {
    const { warnings } = await imported('e-commerce-monolith.jdl');
    expect(warningAt(warnings, 1)).toEqual([expect.stringContaining('application block')]);
    expect(warningAt(warnings, 23)).toEqual([expect.stringContaining('Product.image: type ImageBlob has no equivalent')]);
    expect(warningAt(warnings, 61)).toHaveLength(2);
    expect(warningAt(warnings, 81)).toEqual([expect.stringContaining('option "service"')]);
    expect(warningAt(warnings, 82)).toEqual([expect.stringContaining('option "paginate"')]);
  });

  it('maps @OnDelete, pattern, Long/Double/UUID and a field named like a validation', async () => {
    const text = 'entity Key {\n  value String pattern(/^[a-z]+$/)\n  unique Boolean required\n  size Long min(1) max(9)\n  ratio Double\n  ref UUID\n  span Duration\n}\nentity Lock {}\nrelationship ManyToOne {\n  @OnDelete("CASCADE") Key{lock required} to Lock\n}\n';
    const { entities, warnings } = await imported('keys.jdl', text);
    expect(entities.Key.fields).toEqual({
      value: { type: 'string', pattern: '^[a-z]+$' },
      unique: 'boolean!',
      size: { type: 'bigint', min: 1, max: 9 },
      ratio: 'number',
      ref: 'uuid',
    });
    expect(entities.Key.relations).toEqual({ lock: { kind: 'many-to-one', to: 'Lock', required: true, onDelete: 'cascade' } });
    expect(warningAt(warnings, 7)).toEqual([expect.stringContaining('type Duration has no equivalent')]);
  });

  it('reports a syntax error with its line and column', async () => {
    const err = await imported('bad.jdl', 'entity A {\n  name String\n}\nrelationship Sideways {\n  A to A\n}\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportSyntaxError);
    expect(err).toMatchObject({ line: 4, column: 14 });
  });
});
