import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { readGoVersions } from '../../src/stacks/go/stack.js';
import { renderer, ROOT } from '../fixtures/render.js';

/**
 * The Go stack on MongoDB (templates/go-mongodb layered over templates/go): the driver instead of SQL and goose,
 * the collections and indexes of the shared MongoDB model (src/model/mongo.ts) in migrate.go, and each inbound
 * reference's delete rule. Whether the project passes its tests on FerretDB is the e2e layer's job.
 */
function shopOnMongo(): ResolvedConfig {
  const shop = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/shop.resolved.json'), 'utf8')) as ResolvedConfig;
  return { ...shop, stack: 'go', database: 'mongodb' };
}

describe('go project on MongoDB', () => {
  it('requires the official driver at its pin, and neither goose nor a SQL driver', async () => {
    const tree = (await renderer('go'))(shopOnMongo());
    const goMod = tree.get('go.mod')!.toString();
    const pinned = readGoVersions().modules['go.mongodb.org/mongo-driver/v2'];
    expect(pinned).toMatch(/^v2\./);
    expect(goMod).toContain(`go.mongodb.org/mongo-driver/v2 ${pinned}`);
    for (const sql of ['goose', 'pgx', 'modernc.org/sqlite', 'go-sql-driver']) expect(goMod).not.toContain(sql);
  });

  it('replaces the SQL data layer: no migrations, no SQL database files, a document store', async () => {
    const tree = (await renderer('go'))(shopOnMongo());
    const database = tree.paths().filter((p) => p.startsWith('internal/database/'));
    expect(database.sort()).toEqual(['internal/database/database.go', 'internal/database/migrate.go']);
    expect(tree.get('internal/resource/store.go')!.toString()).toContain('go.mongodb.org/mongo-driver/v2/mongo');
    expect(tree.paths().filter((p) => p.endsWith('.go')).map((p) => tree.get(p)!.toString()).some((text) => text.includes('"database/sql"'))).toBe(false);
  });

  it('creates the shared model’s indexes under the SQL constraint names, sparse when the field is optional', async () => {
    const migrate = (await renderer('go'))(shopOnMongo()).get('internal/database/migrate.go')!.toString();
    expect(migrate).toContain('{name: "uq_auth_accounts_email", keys: []string{"email"}, unique: true},');
    expect(migrate).toContain('{name: "ix_products_created_at", keys: []string{"createdAt", "_id"}},');
    expect(migrate).toMatch(/\{name: "uq_\w+", keys: \[\]string\{"\w+"\}, unique: true, sparse: true\},/);
    expect(migrate).toContain('"schema_migrations"');
  });

  it('lists each inbound reference with its delete rule as a Go constant', async () => {
    const refs = (await renderer('go'))(shopOnMongo()).get('internal/resource/references.go')!.toString();
    expect(refs).toMatch(/onDelete: cascade\}/);
    expect(refs).toMatch(/onDelete: setNull\}/);
    expect(refs).toMatch(/onDelete: unlink\}/);
    expect(refs).toMatch(/onDelete: restrict\}/);
    expect(refs).not.toContain('set-null');
  });

  it('runs MongoDB in compose and CI with a mongosh health check, and says which servers are supported', async () => {
    const tree = (await renderer('go'))(shopOnMongo());
    expect(tree.get('compose.yaml')!.toString()).toContain('"mongosh", "--quiet", "--eval"');
    expect(tree.get('.github/workflows/ci.yml')!.toString()).toContain('--health-cmd "mongosh');
    expect(tree.get('.env.example')!.toString()).toContain('MONGO_PASSWORD=app');
    expect(tree.get('README.md')!.toString()).toContain('Supported servers: MongoDB 7.0 and 8.0');
  });
});
