import { describe, expect, it } from 'vitest';
import { diffSchemas, holdsEveryValue } from '../../src/update/schema-diff.js';
import { migrationSql } from '../../src/update/migration-sql.js';
import { renamesOf } from '../../src/update/renames.js';
import { schemaModel, type SchemaModel } from '../../src/update/table-model.js';
import { postgresCheckName } from '../../src/model/sql.js';
import { modelOf, resolve, V1, V1_TO_V2_RENAMES, V2 } from './model.js';

const step = (before: SchemaModel, after: SchemaModel) => ({ diff: diffSchemas(before, after), before, after });

/** The typed model diff: one change per kind, and the refusals of SPEC 7 (exit 2 before anything is written). */
describe('schema diff', () => {
  it('finds each kind of change between two versions of a model', () => {
    const diff = diffSchemas(modelOf(V1, 'postgres'), modelOf(V2, 'postgres'), { renames: V1_TO_V2_RENAMES, allowDataLoss: true });
    const kinds = diff.changes.map((c) => `${c.kind} ${'table' in c && typeof c.table === 'string' ? c.table : ''}`.trim());
    expect(kinds).toEqual(
      expect.arrayContaining([
        'add-column owners',
        'rename-column pets',
        'alter-column pets',
        'add-column pets',
        'add-index pets',
        'drop-foreign-key pets',
        'add-foreign-key pets',
        'rename-table',
        'create-table',
      ]),
    );
    expect(diff.refusals).toEqual([]);
  });

  it('is empty between a model and itself', () => {
    const diff = diffSchemas(modelOf(V2, 'sqlite'), modelOf(V2, 'sqlite'));
    expect(diff.changes).toEqual([]);
    expect(migrationSql({ diff, before: modelOf(V2, 'sqlite'), after: modelOf(V2, 'sqlite') })).toEqual([]);
  });

  it('refuses dropping a table or a column without --allow-data-loss, naming each', () => {
    const diff = diffSchemas(modelOf(V1, 'mysql'), modelOf(V2, 'mysql'), { renames: { columns: V1_TO_V2_RENAMES.columns } });
    expect(diff.refusals.map((r) => r.message)).toEqual([expect.stringContaining('toys: the table is dropped')]);
    const noRename = diffSchemas(modelOf(V1, 'mysql'), modelOf(V2, 'mysql'), { allowDataLoss: false });
    // Without `renamedFrom` a rename reads as a new required column plus a dropped one: both refused.
    const dropped = noRename.refusals.find((r) => r.message === 'pets.name: the column is dropped with its values');
    expect(dropped?.hint).toMatch(/--allow-data-loss.*renamedFrom/);
    expect(noRename.refusals.map((r) => r.message)).toContainEqual(expect.stringMatching(/^pets\.full_name: a new required column without a default/));
  });

  it('changes a type without --allow-data-loss only when the new one holds every old value', () => {
    const widened = V1.replace('      age: integer\n', '      age: bigint\n').replace('      name: string!\n      age', '      name: { type: string, required: true, maxLength: 300 }\n      age');
    const narrowed = V1.replace('      name: string!\n      age', '      name: { type: string, required: true, maxLength: 100 }\n      age');
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
      expect(diffSchemas(modelOf(V1, dialect), modelOf(widened, dialect)).refusals).toEqual([]);
      const refused = diffSchemas(modelOf(V1, dialect), modelOf(narrowed, dialect)).refusals.map((r) => r.message);
      expect(refused).toEqual(dialect === 'sqlite' ? [] : [expect.stringMatching(/^pets\.name: type changes from varchar\(255\) to varchar\(100\)/i)]);
    }
    expect(holdsEveryValue('numeric(8,2)', 'numeric(10,3)')).toBe(true);
    expect(holdsEveryValue('DECIMAL(8,2)', 'DECIMAL(9,3)')).toBe(true);
    expect(holdsEveryValue('numeric(8,2)', 'numeric(8,3)')).toBe(false); // 6 digits before the point become 5
    expect(holdsEveryValue('numeric(8,2)', 'numeric(8,1)')).toBe(false);
    expect(holdsEveryValue('VARCHAR(80)', 'MEDIUMTEXT')).toBe(true);
    expect(holdsEveryValue('text', 'varchar(255)')).toBe(false);
    expect(holdsEveryValue('bigint', 'integer')).toBe(false);
  });

  it('refuses a new required field without a default, with a hint', () => {
    const v2 = V1.replace('      age: integer\n', '      age: integer\n      weight: integer!\n');
    const diff = diffSchemas(modelOf(V1, 'sqlite'), modelOf(v2, 'sqlite'));
    expect(diff.refusals).toEqual([
      { message: expect.stringMatching(/^pets\.weight: a new required column without a default/), hint: expect.stringMatching(/default/), reason: 'no-default' },
    ]);
  });

  it('refuses making a field required without a default to fill existing empty values', () => {
    const v2 = V1.replace('      age: integer\n', '      age: integer!\n');
    const diff = diffSchemas(modelOf(V1, 'postgres'), modelOf(v2, 'postgres'));
    expect(diff.refusals.map((r) => r.message)).toEqual([expect.stringMatching(/^pets\.age: becomes required without a default/)]);
  });

  it('renders a required field with a default as add-with-default then drop-default on server databases', () => {
    const v2 = V1.replace('      age: integer\n', '      age: integer\n      weight: { type: integer, required: true, default: 3 }\n');
    const sql = migrationSql(step(modelOf(V1, 'postgres'), modelOf(v2, 'postgres')));
    expect(sql).toEqual(['ALTER TABLE "pets" ADD COLUMN "weight" integer NOT NULL DEFAULT 3', 'ALTER TABLE "pets" ALTER COLUMN "weight" DROP DEFAULT']);
  });

  it('adds a nullable column with ALTER TABLE on SQLite and rebuilds the table for what ALTER cannot do', () => {
    const nullable = V1.replace('      age: integer\n', '      age: integer\n      weight: integer\n');
    expect(migrationSql(step(modelOf(V1, 'sqlite'), modelOf(nullable, 'sqlite')))).toEqual([
      'ALTER TABLE "pets" ADD COLUMN "weight" INTEGER',
    ]);
    const cascade = V1.replace('onDelete: restrict', 'onDelete: cascade');
    const sql = migrationSql(step(modelOf(V1, 'sqlite'), modelOf(cascade, 'sqlite')));
    expect(sql[0]).toMatch(/^CREATE TABLE "pets__new"/);
    expect(sql[0]).toContain('ON DELETE CASCADE');
    expect(sql.slice(1, 4)).toEqual([
      'INSERT INTO "pets__new" ("id", "name", "age", "species", "note", "owner_id", "created_at", "updated_at") SELECT "id", "name", "age", "species", "note", "owner_id", "created_at", "updated_at" FROM "pets"',
      'DROP TABLE "pets"',
      'ALTER TABLE "pets__new" RENAME TO "pets"',
    ]);
  });

  it('takes renames from renamedFrom on fields and entities, so nothing is dropped', () => {
    const v2 = V2.replace('      fullName: string!\n', '      fullName: { type: string, required: true, renamedFrom: name }\n').replace(
      'sort: { type: enum, values: [person, company] }',
      'sort: { type: enum, values: [person, company], renamedFrom: kind }',
    );
    const before = resolve(V1, 'sqlite');
    const after = resolve(v2, 'sqlite');
    const renames = renamesOf(after.config, before.vm, after.vm);
    expect(renames).toEqual(V1_TO_V2_RENAMES);
    const diff = diffSchemas(schemaModel('sqlite', before.vm.entities, false), schemaModel('sqlite', after.vm.entities, false), { renames });
    expect(diff.refusals).toEqual([]);
    expect(diff.changes).toContainEqual({ kind: 'rename-table', from: 'toys', to: 'playthings' });
    expect(diff.changes.some((c) => c.kind === 'drop-table' || c.kind === 'drop-column')).toBe(false);
  });

  it("names PostgreSQL's enum CHECKs as PostgreSQL does, shortening the longer of table and column past 63 bytes", () => {
    expect(postgresCheckName('owners', 'sort')).toBe('owners_sort_check');
    // Both read from PostgreSQL 17 after CREATE TABLE with an inline CHECK on each column.
    expect(postgresCheckName('a'.repeat(45), 'b'.repeat(38))).toBe(`${'a'.repeat(28)}_${'b'.repeat(28)}_check`);
    expect(postgresCheckName('a'.repeat(45), 'cc')).toBe(`${'a'.repeat(45)}_cc_check`);
  });
});
