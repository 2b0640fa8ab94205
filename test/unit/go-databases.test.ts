import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src/config/options.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { readGoVersions } from '../../src/stacks/go/stack.js';
import { renderer, ROOT } from '../fixtures/render.js';

/**
 * The Go stack on each SQL database: the driver module, the one Open of that database, the shared migration
 * in its dialect, and the descriptors naming the unique indexes a violation reports. Whether the projects pass
 * their tests on a live server is checked by running them (see the e2e layer).
 */
function shopOn(database: DatabaseId): ResolvedConfig {
  const shop = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/shop.resolved.json'), 'utf8')) as ResolvedConfig;
  return { ...shop, stack: 'go', database };
}

const DRIVERS = { sqlite: 'modernc.org/sqlite', postgres: 'github.com/jackc/pgx/v5', mysql: 'github.com/go-sql-driver/mysql' } as const;

describe('go project per database', () => {
  for (const database of ['sqlite', 'postgres', 'mysql'] as const) {
    it(`${database}: requires its driver alone, opens the database with it and runs the statements on ${database === 'postgres' ? "pgx's own pool" : 'database/sql'}`, async () => {
      const tree = (await renderer('go'))(shopOn(database));
      const goMod = tree.get('go.mod')!.toString();
      const pinned = readGoVersions().modules;
      for (const [db, module] of Object.entries(DRIVERS)) {
        if (db === database) expect(goMod).toContain(`${module} ${pinned[module]}`);
        else expect(goMod).not.toContain(module);
      }
      const opens = tree.paths().filter((p) => p.startsWith('internal/database/') && p.endsWith('.go') && !p.endsWith('_test.go'));
      // PostgreSQL runs the statements on pgx's own pool and reads columns into pgx's own types; the others share database/sql.
      const runner = database === 'postgres' ? ['internal/database/postgres_pool.go', 'internal/database/postgres_cells.go'] : ['internal/database/sqldb.go'];
      expect(opens.sort()).toEqual(['internal/database/database.go', `internal/database/${database}.go`, ...runner].sort());
      expect(tree.get(`internal/database/${database}.go`)!.toString()).toMatch(/^func Open\(/m);
    });
  }

  it('migrates with the schema of the chosen dialect', async () => {
    const render = await renderer('go');
    expect(render(shopOn('postgres')).get('internal/database/migrations/0001_init.sql')!.toString()).toContain('timestamptz(3)');
    expect(render(shopOn('mysql')).get('internal/database/migrations/0001_init.sql')!.toString()).toContain('ENGINE=InnoDB');
  });

  it('names the unique index of each unique field, as PostgreSQL and MySQL report it', async () => {
    const catalog = (await renderer('go'))(shopOn('mysql')).get('internal/catalog/supplier_entity.go')!.toString();
    expect(catalog).toContain('UniqueIndex: "uq_suppliers_email"');
    expect(catalog).not.toContain('Unique: true');
  });

  it('empties a server database between the tests, every table named', async () => {
    const render = await renderer('go');
    const pg = render(shopOn('postgres')).get('internal/app/helpers_test.go')!.toString();
    expect(pg).toContain('"TRUNCATE "');
    expect(pg).toMatch(/var tables = \[\]string\{"auth_accounts", .*"products_tags"\}/);
    const sqlite = render(shopOn('sqlite')).get('internal/app/helpers_test.go')!.toString();
    expect(sqlite).not.toContain('emptyTables');
  });
});
