import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { DatabaseId, StackId } from '../../src/config/options.js';
import { REPO, databaseAvailable, shOk } from './harness.js';
import { SHOP_V1_ENTITIES } from '../fixtures/update-shop.js';


/**
 * `update` on installed projects (SPEC 7): v1 is generated, installed, committed and migrated, and gets rows;
 * the model changes (a rename, a required field with a default, an optional field, a new entity related to an
 * old one, a removed entity); after `update` the project's own migrate command applies the new migration on
 * that database, the rows are still there, the project's tests and static checks pass on the new model, and a
 * second update changes nothing. Per stack on SQLite and PostgreSQL (MariaDB is covered by test/update).
 * About 1 min (go), 2 min (node), 3 min (python), 5 min (java) a case.
 */
const BIN = join(REPO, 'dist/cli/bin.js');
// CB_E2E_STACKS=java,… picks stacks.
const STACKS = (process.env.CB_E2E_STACKS?.split(',') ?? ['node', 'python', 'java', 'go']) as StackId[];
const DATABASES: DatabaseId[] = ['sqlite', 'postgres'];
/**
 * Java on SQLite only, for CI time (a Java case costs 2 to 4 minutes): its own part of update (the merge of
 * spotless-formatted files, Flyway's next V<n>__ file) does not depend on the database, and the migration SQL
 * it applies is the shared one, checked on PostgreSQL and MariaDB by test/update/migration-databases.test.ts.
 * CB_E2E_UPDATE_ALL=1 runs it on PostgreSQL too.
 */
const databasesOf = (stack: StackId): DatabaseId[] => (stack === 'java' && !process.env.CB_E2E_UPDATE_ALL ? ['sqlite'] : DATABASES);
const log = (s: string) => process.stderr.write(`  ${s}\n`);

const model = (stack: StackId, database: DatabaseId, entities: string) => `name: app\nstack: ${stack}\ndatabase: ${database}\nentities:\n${entities}`;
const V1 = SHOP_V1_ENTITIES;
const V2 = `  Owner:
    fields:
      name: string!
      since: { type: integer, required: true, default: 2020 }
  Pet:
    fields:
      fullName: { type: string, required: true, renamedFrom: name }
      age: integer
      nickname: { type: string, required: true, default: pal }
    relations:
      owner: { kind: many-to-one, to: Owner }
  Vet:
    fields:
      name: string!
    relations:
      client: { kind: many-to-one, to: Owner }
`;
const OWNER = '01890000-0000-7000-8000-000000000001';
const PET = '01890000-0000-7000-8000-000000000002';
const NOW = '2026-01-01T00:00:00.000Z';

interface Db {
  readonly url: string;
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<string[]>;
}

async function database(kind: DatabaseId, name: string, dir: string): Promise<Db> {
  if (kind === 'sqlite') {
    mkdirSync(join(dir, 'data'), { recursive: true });
    const path = join(dir, 'data', `${name}.db`);
    const open = () => new DatabaseSync(path);
    return {
      url: `file:${path}`,
      exec: async (sql) => {
        const db = open();
        db.exec(sql);
        db.close();
      },
      rows: async (sql) => {
        const db = open();
        const out = db.prepare(sql).all().map((r) => Object.values(r as object).map(String).join('|'));
        db.close();
        return out;
      },
    };
  }
  const admin = new URL(process.env.CB_POSTGRES_ADMIN_URL!);
  await execa('psql', [admin.href, '-v', 'ON_ERROR_STOP=1', '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  await execa('psql', [admin.href, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  const psql = async (sql: string) => (await execa('psql', [url.href, '-v', 'ON_ERROR_STOP=1', '-qAt', '-F', '|', '-c', sql])).stdout;
  return { url: url.href, exec: async (sql) => void (await psql(sql)), rows: async (sql) => (await psql(sql)).split('\n').filter(Boolean) };
}


describe('update on installed projects', () => {
  for (const stack of STACKS) {
    for (const kind of databasesOf(stack)) {
      const skip = !databaseAvailable(kind) && !process.env.CI;
      it.skipIf(skip)(`${stack}-${kind}: v1 rows survive the update; the project's tests and checks pass on v2; a second update is a no-op`, async () => {
        const label = `update-${stack}-${kind}`;
        // Outside this repository (WORK is inside it), so generation makes the project its own git repository.
        const root = mkdtempSync(join(tmpdir(), `cb-${label}-`));
        writeFileSync(join(root, 'v1.yaml'), model(stack, kind, V1));
        log(`${label}: generate v1, install, git`);
        const gen = JSON.parse(await shOk(`node ${BIN} app --config v1.yaml --json`, root)) as { commands: { migrate: string; test: string; lint?: string } };
        const dir = join(root, 'app');
        const name = `${process.env.CB_E2E_PREFIX ?? 'e2e'}_${label.replace(/-/g, '_')}`;
        const app = await database(kind, `${name}_app`, dir);
        const env = { DATABASE_URL: app.url, JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789' };
        await shOk(gen.commands.migrate, dir, env);
        await app.exec(`INSERT INTO owners (id, name, created_at, updated_at) VALUES ('${OWNER}', 'Ann', '${NOW}', '${NOW}');
          INSERT INTO pets (id, name, age, owner_id, created_at, updated_at) VALUES ('${PET}', 'Rex', 3, '${OWNER}', '${NOW}', '${NOW}');`);

        writeFileSync(join(dir, 'backend.yaml'), model(stack, kind, V2));
        await shOk('git commit -qam "model v2"', dir);
        const started = Date.now();
        log(`${label}: update (with install)`);
        const updated = JSON.parse(await shOk(`node ${BIN} update --allow-data-loss --json`, dir)) as { migrations: string[]; conflicts: string[]; commands: typeof gen.commands };
        expect(updated.commands).toEqual(gen.commands);
        log(`${label}: update done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${updated.migrations.join(', ')}`);
        expect(updated.conflicts).toEqual([]);
        expect(updated.migrations).toHaveLength(1);

        await shOk(gen.commands.migrate, dir, env);
        expect(await app.rows('SELECT full_name, age, nickname, owner_id FROM pets')).toEqual([`Rex|3|pal|${OWNER}`]);
        expect(await app.rows('SELECT name, since FROM owners')).toEqual(['Ann|2020']);

        const test = await database(kind, `${name}_test`, dir);
        log(`${label}: project tests`);
        await shOk(gen.commands.test, dir, { ...env, TEST_DATABASE_URL: test.url, NODE_ENV: 'test' });
        if (gen.commands.lint) await shOk(gen.commands.lint, dir);

        await shOk('git add -A && git commit -qm "update to v2"', dir);
        const again = JSON.parse(await shOk(`node ${BIN} update --no-install --json`, dir)) as { files: Array<{ status: string }>; migrations: string[] };
        expect(again.files.filter((f) => f.status !== 'kept')).toEqual([]);
        expect(again.migrations).toEqual([]);
        expect(readFileSync(join(dir, 'backend.yaml'), 'utf8')).toBe(model(stack, kind, V2));
        rmSync(root, { recursive: true, force: true }); // kept when the case fails, to look into
      }, 1_800_000);
    }
  }
});
