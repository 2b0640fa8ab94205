import { afterAll, describe, expect, it } from 'vitest';
import type { SqlDialect } from '../../src/model/sql.js';
import { schemaSql } from '../../src/model/sql.js';
import { prepareViewModel } from '../../src/model/view-model.js';
import { diffSchemas } from '../../src/update/schema-diff.js';
import { migrationSql } from '../../src/update/migration-sql.js';
import { available, scratch, type ScratchDb } from './databases.js';
import { modelOf, V1, V1_TO_V2_RENAMES, V2 } from './model.js';
import { finish, gather, withDefaults } from '../../src/config/resolve.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Schema equivalence and data survival on real databases: v1's initial schema (the SQL the stacks ship) plus
 * the generated v1→v2 migration gives the same catalog as a fresh v2, and rows inserted under v1 read back
 * under v2 (renamed column kept, new required columns filled with the spec's default).
 */
const dir = mkdtempSync(join(tmpdir(), 'cb-update-db-'));
function initialSql(yaml: string, dialect: SqlDialect): readonly string[] {
  const file = join(dir, `${dialect}-${yaml.length}.yaml`);
  writeFileSync(file, `name: shop\ndatabase: ${dialect}\n${yaml}`);
  const gathered = gather({ config: file });
  const vm = prepareViewModel(finish(withDefaults(gathered.partial), gathered, {}).config!, '0.0.0', null);
  return schemaSql(dialect, vm.entities, vm.auth.jwt).up;
}

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const AT = "'2026-01-01 00:00:00'";
const opened: ScratchDb[] = [];
afterAll(() => opened.forEach((db) => db.drop()));

for (const dialect of ['sqlite', 'postgres', 'mysql'] as const) {
  describe.skipIf(!available(dialect))(dialect, () => {
    it('v1 + migration has the catalog of a fresh v2, and v1 rows survive', () => {
      const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`);
      const before = modelOf(V1, dialect);
      const after = modelOf(V2, dialect);
      const migration = migrationSql({ diff: diffSchemas(before, after, { renames: V1_TO_V2_RENAMES, allowDataLoss: true }), before, after });
      const migrated = scratch(dialect, 'migrated');
      opened.push(migrated);
      migrated.exec(initialSql(V1, dialect));
      migrated.exec([
        `INSERT INTO ${q('owners')} (${q('id')}, ${q('name')}, ${q('kind')}, ${q('created_at')}, ${q('updated_at')}) VALUES ('${ID(1)}', 'Ann', 'company', ${AT}, ${AT})`,
        `INSERT INTO ${q('pets')} (${q('id')}, ${q('name')}, ${q('age')}, ${q('species')}, ${q('note')}, ${q('owner_id')}, ${q('created_at')}, ${q('updated_at')}) ` +
          `VALUES ('${ID(2)}', 'Rex', NULL, 'dog', 'good boy', '${ID(1)}', ${AT}, ${AT}), ('${ID(3)}', 'Tom', 7, 'cat', NULL, '${ID(1)}', ${AT}, ${AT})`,
        `INSERT INTO ${q('toys')} (${q('id')}, ${q('label')}, ${q('size')}, ${q('created_at')}, ${q('updated_at')}) VALUES ('${ID(4)}', 'ball', 'small', ${AT}, ${AT})`,
      ]);
      migrated.exec(migration);

      const fresh = scratch(dialect, 'fresh');
      opened.push(fresh);
      fresh.exec(initialSql(V2, dialect));
      expect(migrated.catalog()).toEqual(fresh.catalog());

      expect(migrated.rows(`SELECT ${q('full_name')}, ${q('age')}, ${q('species')}, ${q('nickname')}, ${q('owner_id')} FROM ${q('pets')} ORDER BY ${q('full_name')}`)).toEqual([
        `Rex\t1\tdog\tpal\t${ID(1)}`,
        `Tom\t7\tcat\tpal\t${ID(1)}`,
      ]);
      expect(migrated.rows(`SELECT ${q('label')}, ${q('size')} FROM ${q('playthings')}`)).toEqual(['ball\tsmall']);
      expect(migrated.rows(`SELECT ${q('name')}, ${q('sort')}, ${q('phone')} FROM ${q('owners')}`)).toEqual([
        dialect === 'postgres' ? 'Ann\tcompany\t' : dialect === 'mysql' ? 'Ann\tcompany\tNULL' : 'Ann\tcompany\tnull',
      ]);
    });

    it('the reverse migration (ruby\'s down) gives back the catalog of a fresh v1', () => {
      const before = modelOf(V2, dialect);
      const after = modelOf(V1, dialect);
      const renames = { tables: { toys: 'playthings' }, columns: { 'pets.name': 'full_name', 'owners.kind': 'sort' } };
      const down = migrationSql({ diff: diffSchemas(before, after, { renames, allowDataLoss: true }), before, after });
      const migrated = scratch(dialect, 'down');
      opened.push(migrated);
      migrated.exec(initialSql(V2, dialect));
      migrated.exec(down);
      const fresh = scratch(dialect, 'fresh_v1');
      opened.push(fresh);
      fresh.exec(initialSql(V1, dialect));
      expect(migrated.catalog()).toEqual(fresh.catalog());
    });
  });
}
