import { describe, expect, it } from 'vitest';
import { prepareViewModel } from '../../src/model/view-model.js';
import { javaView } from '../../src/stacks/java/view.js';
import { referencedByConstant } from '../../src/stacks/java/mongo-view.js';
import { resolveSpec } from '../fixtures/render.js';

/** What java's MongoDB pack (templates/java-mongodb) reads from the stack's view: the codec calls, sorts, delete rules. */
const SHOP = {
  Category: { fields: { name: { type: 'string', required: true, unique: true }, rank: { type: 'decimal', precision: 6, scale: 2 } } },
  Tag: { fields: { label: 'string!' } },
  Product: {
    owned: true,
    fields: { name: 'string!', size: 'bigint', releasedOn: 'date', launch: 'datetime', attributes: 'json' },
    relations: {
      category: { kind: 'many-to-one', to: 'Category', required: true, onDelete: 'cascade' },
      tags: { kind: 'many-to-many', to: 'Tag' },
      manual: { kind: 'one-to-one', to: 'Tag', onDelete: 'set-null' },
    },
  },
};

type Field = { name: string; documentWrite: string; documentRead: string; decimalScale: number | null };
type Entity = { name: string; fields: Field[]; mongo: { documentKeys: string[]; optionalSorts: string[]; uniqueIndexes: string | null } };

const lang = (database: 'mongodb' | 'postgres') => {
  const { config, problems } = resolveSpec({ name: 'shop', auth: 'jwt', entities: SHOP }, { stack: 'java', database });
  expect(problems).toEqual([]);
  return javaView(prepareViewModel(config!, '0.0.0-test', null));
};
const entity = (name: string) => (lang('mongodb').entities as Entity[]).find((e) => e.name === name)!;
const field = (e: string, f: string) => entity(e).fields.find((x) => x.name === f)!;

describe('java on MongoDB: the view', () => {
  it('writes a decimal with its precision and scale (for the order key) and reads each type with its codec call', () => {
    expect(field('Category', 'rank')).toMatchObject({
      documentWrite: 'Documents.putDecimal(document, "rank", entity.getRank(), 6, 2);',
      documentRead: 'Documents.decimal(document, "rank")',
      decimalScale: 2,
    });
    expect(field('Product', 'size').documentRead).toBe('Documents.bigint(document, "size")');
    expect(field('Product', 'releasedOn').documentRead).toBe('Documents.date(document, "releasedOn")');
    expect(field('Product', 'launch').documentRead).toBe('Documents.instant(document, "launch")');
    // JSON is kept as its text, as the entity holds it.
    expect(field('Product', 'attributes')).toMatchObject({ documentWrite: 'Documents.put(document, "attributes", entity.getAttributes());', documentRead: 'Documents.string(document, "attributes")' });
  });

  it('sorts a decimal by its order key, and knows the optional sort keys (two queries, nulls last)', () => {
    expect(entity('Category').mongo.documentKeys).toEqual(['Map.entry("rank", "_order.rank")']);
    expect(entity('Category').mongo.optionalSorts).toEqual(['"rank"']);
    // Required fields and the required reference sort in one query; the optional one-to-one does not.
    expect(entity('Product').mongo.optionalSorts).toEqual(['"size"', '"releasedOn"', '"launch"', '"manualId"']);
  });

  it('gives each repository its collection\'s unique indexes and their keys, to name the one a duplicate broke', () => {
    expect(entity('Category').mongo.uniqueIndexes).toBe('    private static final Map<String, String> UNIQUE_INDEXES = Map.ofEntries(Map.entry("uq_categories_name", "name"));');
    // A one-to-one is unique on its key; a collection without unique indexes has no constant (and no catch).
    expect(entity('Product').mongo.uniqueIndexes).toContain('Map.entry("uq_products_manual_id", "manualId")');
    expect(entity('Tag').mongo.uniqueIndexes).toBeNull();
    expect((lang('postgres').entities as Entity[]).map((e) => e.mongo.uniqueIndexes)).toEqual([null, null, null]);
  });

  it('lists every inbound reference with what a delete does to it', () => {
    const constant = lang('mongodb').mongoReferencedBy!;
    expect(constant).toContain('Map.entry("categories", List.of(new Inbound("products", "categoryId", OnDelete.CASCADE)))');
    expect(constant).toContain('new Inbound("products", "tagIds", OnDelete.UNLINK)');
    expect(constant).toContain('new Inbound("products", "manualId", OnDelete.SET_NULL)');
    expect(lang('postgres').mongoReferencedBy).toBeNull();
  });
});

describe('java on MongoDB: Integrity.REFERENCED_BY as palantir lays it out', () => {
  it('breaks an entry too long for its line after Map.entry( and inside List.of(', () => {
    const refs = (n: number) => Array.from({ length: n }, (_, i) => ({ collection: `referencing_collection_${i}`, field: `someReferenceId${i}`, onDelete: 'cascade' as const, isLast: i === n - 1 }));
    const constant = referencedByConstant({ image: 'mongo:8', migrationsCollection: 'schema_migrations', collections: [
      { name: 'short', indexes: [], referencedBy: refs(1) },
      { name: 'users', indexes: [], referencedBy: refs(2) },
    ] });
    expect(constant).toBe(
      [
        '    private static final Map<String, List<Inbound>> REFERENCED_BY = Map.ofEntries(',
        '            Map.entry("short", List.of(new Inbound("referencing_collection_0", "someReferenceId0", OnDelete.CASCADE))),',
        '            Map.entry(',
        '                    "users",',
        '                    List.of(',
        '                            new Inbound("referencing_collection_0", "someReferenceId0", OnDelete.CASCADE),',
        '                            new Inbound("referencing_collection_1", "someReferenceId1", OnDelete.CASCADE))));',
      ].join('\n'),
    );
  });
});

describe('java on MongoDB: entity class names', () => {
  it('renames an entity whose name a MongoDB class takes (Spring Data\'s Query, the pack\'s Duplicates), on MongoDB only', () => {
    const classes = (database: 'mongodb' | 'postgres') => {
      const { config, problems } = resolveSpec({ name: 'q', entities: { Query: { fields: { text: 'string!' } }, Duplicates: { fields: { text: 'string!' } } } }, { stack: 'java', database });
      expect(problems).toEqual([]);
      return (javaView(prepareViewModel(config!, '0.0.0-test', null)).entities as Array<{ className: string }>).map((e) => e.className);
    };
    expect(classes('mongodb')).toEqual(['QueryEntity', 'DuplicatesEntity']);
    expect(classes('postgres')).toEqual(['Query', 'Duplicates']);
  });
});
