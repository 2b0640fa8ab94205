import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { builtInPacks } from '../../src/generator/layers.js';
import { loadStack } from '../../src/stacks/index.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import type { StackId } from '../../src/config/options.js';
import { resolveSpec } from '../fixtures/render.js';
import { render } from '../generator/support.js';

/**
 * The MongoDB storage every stack shares (ARCHITECTURE.md, "MongoDB"): collections, the indexes `migrate`
 * creates and the inbound references a delete follows, decided once in the view model.
 */
const SHOP = {
  Category: { fields: { name: { type: 'string', required: true, unique: true }, code: { type: 'string', unique: true }, rank: { type: 'decimal', index: true } } },
  Supplier: { fields: { name: 'string!' } },
  Tag: { fields: { label: 'string!' } },
  Product: {
    fields: { name: 'string!', price: { type: 'decimal', precision: 10, scale: 2 } },
    relations: {
      category: { kind: 'many-to-one', to: 'Category', required: true },
      supplier: { kind: 'many-to-one', to: 'Supplier', onDelete: 'set-null' },
      tags: { kind: 'many-to-many', to: 'Tag' },
      parent: { kind: 'many-to-one', to: 'Product', onDelete: 'cascade' },
      manual: { kind: 'one-to-one', to: 'Supplier' },
    },
  },
};

const view = (database: 'mongodb' | 'postgres', auth: 'none' | 'jwt' = 'none') => {
  const { config, problems } = resolveSpec({ name: 'shop', auth, entities: SHOP }, { stack: 'node', database });
  expect(problems).toEqual([]);
  return prepareViewModel(config!, '0.0.0-test', null);
};

describe('MongoDB view model', () => {
  it('is there for MongoDB only, as the SQL schema is for SQL databases only', () => {
    expect(view('postgres').database.mongo).toBeNull();
    const mongo = view('mongodb').database;
    expect(mongo.schema).toBeNull();
    expect(mongo.mongo!.migrationsCollection).toBe('schema_migrations');
    expect(mongo.mongo!.collections.map((c) => c.name)).toEqual(['categories', 'suppliers', 'tags', 'products']);
  });

  it('indexes unique fields (sparse when optional, named as the SQL constraint), plain ones, references, arrays and the default order', () => {
    const collections = Object.fromEntries(view('mongodb').database.mongo!.collections.map((c) => [c.name, c.indexes.map(({ isLast: _, ...ix }) => ix)]));
    expect(collections.categories).toEqual([
      { name: 'uq_categories_name', keys: ['name'], unique: true, sparse: false },
      { name: 'uq_categories_code', keys: ['code'], unique: true, sparse: true },
      // A decimal sorts by its order key, so its plain index is on that key.
      { name: 'ix_categories_rank', keys: ['_order.rank'], unique: false, sparse: false },
      { name: 'ix_categories_created_at', keys: ['createdAt', '_id'], unique: false, sparse: false },
    ]);
    expect(collections.products).toEqual([
      { name: 'ix_products_category_id', keys: ['categoryId'], unique: false, sparse: false },
      { name: 'ix_products_supplier_id', keys: ['supplierId'], unique: false, sparse: false },
      { name: 'ix_products_parent_id', keys: ['parentId'], unique: false, sparse: false },
      { name: 'uq_products_manual_id', keys: ['manualId'], unique: true, sparse: true },
      { name: 'ix_products_tag_ids', keys: ['tagIds'], unique: false, sparse: false },
      { name: 'ix_products_created_at', keys: ['createdAt', '_id'], unique: false, sparse: false },
    ]);
  });

  it('lists, per collection, the fields that reference it and what deleting one of its documents does to them', () => {
    const inbound = Object.fromEntries(view('mongodb').database.mongo!.collections.map((c) => [c.name, c.referencedBy.map(({ isLast: _, ...r }) => r)]));
    expect(inbound).toEqual({
      categories: [{ collection: 'products', field: 'categoryId', onDelete: 'restrict' }],
      suppliers: [
        { collection: 'products', field: 'supplierId', onDelete: 'set-null' },
        { collection: 'products', field: 'manualId', onDelete: 'restrict' },
      ],
      tags: [{ collection: 'products', field: 'tagIds', onDelete: 'unlink' }],
      products: [{ collection: 'products', field: 'parentId', onDelete: 'cascade' }],
    });
  });

  it('keeps accounts of auth: jwt in their own collection with a unique email', () => {
    const accounts = view('mongodb', 'jwt').database.mongo!.collections[0];
    expect(accounts).toMatchObject({ name: 'auth_accounts', indexes: [{ name: 'uq_auth_accounts_email', keys: ['email'], unique: true, sparse: false }], referencedBy: [] });
  });

  it('connects with the credentials of the compose service, in the admin database where the image creates its user', () => {
    const db = view('mongodb').database;
    expect(db.localUrl).toBe('mongodb://app:app@localhost:27017/shop?authSource=admin');
    expect(db.testUrl).toBe('mongodb://app:app@localhost:27017/shop_test?authSource=admin');
    expect(db.composeUrl).toBe('mongodb://app:${MONGO_PASSWORD}@db:27017/shop?authSource=admin');
  });
});

describe('database packs', () => {
  // Every stack that serves MongoDB does it through its own `<stack>-mongodb` pack, layered for MongoDB only.
  const mongoStacks = (Object.keys(STACK_DATABASES) as StackId[]).filter((s) => STACK_DATABASES[s].includes('mongodb'));
  it.each(mongoStacks)('layers the %s-mongodb pack over its stack for MongoDB only', async (id) => {
    const stack = await loadStack(id);
    expect(builtInPacks(stack, { database: 'mongodb', cloud: [], iac: 'terraform' })).toEqual([id, `${id}-mongodb`]);
    expect(builtInPacks(stack, { database: 'postgres', cloud: [], iac: 'terraform' })).toEqual([id]);
  });
});

describe('node on MongoDB', () => {
  it('layers the cloud packs, not the node-mongodb pack, over node on PostgreSQL', async () => {
    const node = await loadStack('node');
    expect(builtInPacks(node, { database: 'postgres', cloud: ['aws'], iac: 'terraform' })).toEqual(['node', 'cloud/aws']);
  });

  it('renders no SQL: no migrations folder, no table types, no Kysely, the mongodb driver and the mongo image', async () => {
    const tree = await render({ stack: 'node', database: 'mongodb', auth: 'jwt' });
    const paths = tree.paths();
    expect(paths.filter((p) => p.startsWith('migrations/') || p === 'src/db/schema.ts')).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['src/db/integrity.ts', 'src/db/migrate.ts', 'src/auth/accounts.ts']));
    const pkg = JSON.parse(tree.get('package.json')!.toString()) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('mongodb');
    expect(Object.keys(pkg.dependencies)).not.toContain('kysely');
    const sources = paths.filter((p) => p.endsWith('.ts')).map((p) => tree.get(p)!.toString());
    expect(sources.filter((text) => text.includes("from 'kysely'"))).toEqual([]);
    expect(tree.get('compose.yaml')!.toString()).toContain('image: mongo:8');
    expect(tree.get('Dockerfile')!.toString()).not.toMatch(/^COPY .*migrations/m);
  });
});
