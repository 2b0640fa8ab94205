import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { pythonView } from '../../src/stacks/python/view.js';
import { resolveSpec } from '../fixtures/render.js';

/** What python's MongoDB pack (templates/python-mongodb) reads from the stack's view: repositories, indexes, seed. */
const SHOP = {
  Category: { fields: { name: { type: 'string', required: true, unique: true }, rank: { type: 'decimal', precision: 6, scale: 2 } } },
  Tag: { fields: { label: 'string!' } },
  Product: {
    owned: true,
    fields: { name: 'string!', size: 'bigint', releasedOn: 'date', attributes: 'json' },
    relations: {
      category: { kind: 'many-to-one', to: 'Category', required: true },
      tags: { kind: 'many-to-many', to: 'Tag' },
      manual: { kind: 'one-to-one', to: 'Tag' },
    },
  },
};

type Lang = ReturnType<typeof pythonView>;
type Entity = { name: string; repositoryArgs: string; repositoryImport: string };

const lang = (database: 'mongodb' | 'postgres'): Lang => {
  const { config, problems } = resolveSpec({ name: 'shop', auth: 'jwt', entities: SHOP }, { stack: 'python', database });
  expect(problems).toEqual([]);
  return pythonView(prepareViewModel(config!, '0.0.0-test', null));
};
const entity = (name: string) => (lang('mongodb').entities as Entity[]).find((e) => e.name === name)!;

describe('python on MongoDB: the view', () => {
  it('depends on PyMongo instead of SQLAlchemy and Alembic', () => {
    const names = (l: Lang) => (l.runtimeDependencies as string[]).map((d) => d.split('==')[0]);
    expect(names(lang('mongodb'))).toContain('pymongo');
    expect(names(lang('mongodb'))).not.toContain('sqlalchemy');
    expect(names(lang('mongodb'))).not.toContain('alembic');
    expect(names(lang('postgres'))).toEqual(expect.arrayContaining(['sqlalchemy', 'alembic']));
    expect(names(lang('postgres'))).not.toContain('pymongo');
  });

  it('writes each repository: how each field is stored, what it references, which unique index guards what', () => {
    expect(entity('Category').repositoryArgs).toBe(
      [
        '    fields=(',
        '        Stored("name", "name", "text"),',
        '        Stored("rank", "rank", "decimal", optional=True, precision=6, scale=2),',
        '    ),',
        '    unique=(Unique("name", "uq_categories_name"),),',
      ].join('\n'),
    );
    expect(entity('Product').repositoryArgs).toBe(
      [
        '    fields=(',
        '        Stored("name", "name", "text"),',
        '        Stored("size", "size", "bigint", optional=True),',
        '        Stored("released_on", "releasedOn", "date", optional=True),',
        '        Stored("attributes", "attributes", "json", optional=True),',
        '    ),',
        '    references=(',
        '        Reference("category_id", "categoryId", "categories", "Category"),',
        '        Reference("manual_id", "manualId", "tags", "Tag", optional=True),',
        '    ),',
        '    links=(Reference("tag_ids", "tagIds", "tags", "Tag"),),',
        '    unique=(Unique("manual_id", "uq_products_manual_id"),),',
        '    owned=True,',
      ].join('\n'),
    );
    expect(entity('Product').repositoryImport).toBe('from app.repositories.product import PRODUCT as REPOSITORY');
  });

  it('lists every collection with its indexes for app/migrate.py, the shared model\'s names and keys', () => {
    const collections = lang('mongodb').mongoCollections as Array<{ name: string; indexes: string[] }>;
    expect(collections.map((c) => c.name)).toEqual(['"auth_accounts"', '"categories"', '"tags"', '"products"']);
    expect(collections[0]!.indexes).toBe('        (Index("uq_auth_accounts_email", ("email",), unique=True),),');
    expect(collections[3]!.indexes).toBe(
      [
        '        (',
        '            Index("ix_products_category_id", ("categoryId",)),',
        '            Index("uq_products_manual_id", ("manualId",), unique=True, sparse=True),',
        '            Index("ix_products_tag_ids", ("tagIds",)),',
        '            Index("ix_products_owner_user_id", ("ownerUserId",)),',
        '            Index("ix_products_created_at", ("createdAt", "_id")),',
        '        ),',
      ].join('\n'),
    );
    expect(lang('mongodb').mongoReferencedBy).toEqual([
      '    "categories": (InboundReference("products", "categoryId", "restrict"),),',
      ['    "tags": (', '        InboundReference("products", "manualId", "restrict"),', '        InboundReference("products", "tagIds", "unlink"),', '    ),'].join('\n'),
    ]);
    expect(lang('postgres').mongoCollections).toEqual([]);
  });
});
