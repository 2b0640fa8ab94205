import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackId } from '../../src/config/options.js';
import type { SqlDialect } from '../../src/model/sql.js';
import { REPO, TEST_JVM_ENV, databaseAvailable, freshDatabase, shOk } from './harness.js';
import { databaseAt } from '../update/databases.js';

/**
 * Schema equivalence through each stack's own migration tool (SPEC 7, issue #12): a v1 project, installed and
 * migrated with rows in it, is updated to v2 and migrated by its own migration tool; a freshly generated v2
 * project migrates an empty database from scratch with the same tool; both databases must have the same catalog
 * (test/update/databases.ts: tables, columns with type, nullability and default, indexes, constraints, foreign
 * keys), and the v1 rows survive. One model pair holds every change kind of the issue, so each stack × database
 * costs one install: the updated and the fresh project are not installed again but migrate with the installed
 * v1's toolchain (MIGRATE_WITH_V1, which says per stack why that is the real tool applying the real files).
 * About 25 s (go and ruby), 1 min (node), 2 min (python) and 2 to 3 min (java, most of it the v1 package) a case.
 */
const BIN = join(REPO, 'dist/cli/bin.js');
const log = (s: string) => process.stderr.write(`  ${s}\n`);

/**
 * How a project that was not installed (the updated v1, the fresh v2) runs its migrations with the toolchain of
 * the installed v1 in `installed`; `migrate` is the project's own migrate command.
 * - node, python: the project's own migrate command with v1's node_modules / .venv linked: the same migration
 *   runner and driver versions, since the pins do not depend on the model (python: without uv's sync).
 * - ruby: the project's own migrate command (rake db:migrate, Sequel::Migrator) with v1's Gemfile.lock linked:
 *   the Gemfile depends on the database and auth only, so v1's resolution is the one a v2 install would make.
 * - go: the project's own install (`go mod tidy`, from the module cache the e2e setup warmed) and migrate
 *   command: `go run` compiles the project with its migrations embedded, as its binary does.
 * - java: a Spring Boot jar is a build of the whole model (about 2 minutes of Maven each), but its migrate
 *   command does not depend on the model: Flyway on DATABASE_URL over `classpath:db/migration`
 *   (config/Migrations.java), which Maven fills by copying src/main/resources/db/migration unchanged (no resource
 *   filtering there). So v1's jar is extracted the way the Dockerfile does, its db/migration is replaced by the
 *   project's, and the image's own migrate command (the Spring Boot launcher, its ENTRYPOINT, with `migrate`)
 *   runs on it: the same Flyway, driver and code a v2 jar would run, on the same files.
 */
const MIGRATE_WITH_V1: Partial<Record<StackId, (project: string, installed: string, commands: Commands, env: Record<string, string>) => Promise<void>>> = {
  node: (project, installed, commands, env) => linkedMigrate(['node_modules'], project, installed, commands.migrate, env),
  // `uv run` would sync the linked .venv to this project first; UV_NO_SYNC runs the migration in it as it is.
  python: (project, installed, commands, env) => linkedMigrate(['.venv'], project, installed, commands.migrate, { ...env, UV_NO_SYNC: '1' }),
  ruby: (project, installed, commands, env) => linkedMigrate(['Gemfile.lock'], project, installed, commands.migrate, env),
  go: async (project, _installed, commands, env) => {
    await shOk(commands.install, project);
    await shOk(commands.migrate, project, env);
  },
  java: async (project, installed, commands, env) => {
    const jar = /^java -jar (\S+) migrate$/.exec(commands.migrate)?.[1];
    if (!jar) throw new Error(`java's migrate command changed shape: ${commands.migrate}`);
    const extracted = join(project, 'target', 'v1-with-these-migrations');
    rmSync(extracted, { recursive: true, force: true });
    await shOk(`java -Djarmode=tools -jar ${join(installed, jar)} extract --launcher --destination ${extracted}`, project);
    const migrations = join(extracted, 'BOOT-INF/classes/db/migration');
    rmSync(migrations, { recursive: true });
    cpSync(join(project, 'src/main/resources/db/migration'), migrations, { recursive: true });
    await shOk('java -cp . org.springframework.boot.loader.launch.JarLauncher migrate', extracted, env);
  },
};
const STACKS = (process.env.CB_E2E_STACKS?.split(',') ?? Object.keys(MIGRATE_WITH_V1)) as StackId[];
const DATABASES: SqlDialect[] = ['sqlite', 'postgres', 'mysql'];
/**
 * Java writes the same statements as node (src/update/migration-files.ts), which this file checks on every
 * database; what Java adds is Flyway applying them, which the update e2e exercises on SQLite and PostgreSQL with
 * rows in the tables. So CI runs Java here on MySQL only, the third database, where Flyway's own statement
 * parser differs most (about 3 minutes a case, most of it the v1 package); CB_E2E_EQUIVALENCE_ALL=1 runs all three.
 */
const databasesOf = (stack: StackId): SqlDialect[] => (stack === 'java' && !process.env.CB_E2E_EQUIVALENCE_ALL ? ['mysql'] : DATABASES);

/** A migrate command's environment: its database, and the JVM options the e2e layer runs Java with (harness.ts). */
const migrateEnv = (url: string) => ({ ...TEST_JVM_ENV, DATABASE_URL: url });

const model = (stack: StackId, database: SqlDialect, entities: string) => `name: app\nstack: ${stack}\ndatabase: ${database}\nentities:\n${entities}`;
const V1 = `  Owner:
    fields:
      name: string!
      email: string
      rating: integer
      kind: { type: enum, values: [person, company] }
  Pet:
    fields:
      name: string!
      age: integer
      note: text
    relations:
      owner: { kind: many-to-one, to: Owner, onDelete: restrict }
  Toy:
    fields:
      label: string
  Badge:
    fields:
      size: { type: enum, values: [small, large] }
`;
/**
 * v1 → v2: a field added with a default (owners.since) and without (owners.phone), a unique (owners.email), a
 * widening type change (owners.rating), a rename (pets.fullName), an optional field made required with a default
 * (pets.age), an index (pets.note), an onDelete change (pets.owner), a new many-to-one, one-to-one and
 * many-to-many on an old entity (pets.groomer, pets.tag, pets.vets), new entities related to an old one (Vet,
 * Tag), Toy removed, an enum column renamed (owners.sort) and a table with an enum renamed (badges → medals):
 * the enum's CHECK, which PostgreSQL and MariaDB name after its table and column, must be renamed with them.
 */
const V2 = `  Owner:
    fields:
      name: string!
      email: { type: string, unique: true }
      rating: bigint
      since: { type: integer, required: true, default: 2020 }
      phone: string
      sort: { type: enum, values: [person, company], renamedFrom: kind }
  Pet:
    fields:
      fullName: { type: string, required: true, renamedFrom: name }
      age: { type: integer, required: true, default: 1 }
      note: { type: text, index: true }
    relations:
      owner: { kind: many-to-one, to: Owner, onDelete: cascade }
      groomer: { kind: many-to-one, to: Vet, onDelete: set-null }
      tag: { kind: one-to-one, to: Tag }
      vets: { kind: many-to-many, to: Vet }
  Vet:
    fields:
      name: string!
    relations:
      clinic: { kind: many-to-one, to: Owner }
  Tag:
    fields:
      label: string!
  Medal:
    renamedFrom: Badge
    fields:
      size: { type: enum, values: [small, large] }
`;
const OWNER = '01890000-0000-7000-8000-000000000001';
const PET = '01890000-0000-7000-8000-000000000002';
const AT = "'2026-01-01 00:00:00'";

interface Commands {
  readonly install: string;
  readonly migrate: string;
}

async function linkedMigrate(paths: readonly string[], project: string, installed: string, migrate: string, env: Record<string, string>): Promise<void> {
  for (const path of paths) if (!existsSync(join(project, path))) symlinkSync(join(installed, path), join(project, path));
  await shOk(migrate, project, env);
}


describe('update through each stack’s migration tool: v1 + update equals a fresh v2', () => {
  for (const stack of STACKS) {
    for (const kind of databasesOf(stack)) {
      const skip = !databaseAvailable(kind) && !process.env.CI;
      it.skipIf(skip)(`${stack}-${kind}: the catalog after v1 + update + migrate is the catalog of a fresh v2, and v1 rows survive`, async () => {
        const started = Date.now();
        const label = `equiv-${stack}-${kind}`;
        const root = mkdtempSync(join(tmpdir(), `cb-${label}-`));
        const name = `${process.env.CB_E2E_PREFIX ?? 'e2e'}_${label.replace(/-/g, '_')}`;
        writeFileSync(join(root, 'v1.yaml'), model(stack, kind, V1));
        writeFileSync(join(root, 'v2.yaml'), model(stack, kind, V2));

        log(`${label}: generate v1, install, git`);
        const gen = JSON.parse(await shOk(`node ${BIN} app --config v1.yaml --json`, root)) as { commands: Commands };
        const dir = join(root, 'app');
        const migratedUrl = await freshDatabase(kind, `${name}_up`, dir);
        await shOk(gen.commands.migrate, dir, migrateEnv(migratedUrl));
        const migrated = databaseAt(kind, migratedUrl);
        migrated.exec([
          `INSERT INTO owners (id, name, rating, kind, created_at, updated_at) VALUES ('${OWNER}', 'Ann', 4, 'company', ${AT}, ${AT})`,
          `INSERT INTO pets (id, name, age, note, owner_id, created_at, updated_at) VALUES ('${PET}', 'Rex', NULL, 'good boy', '${OWNER}', ${AT}, ${AT})`,
        ]);

        writeFileSync(join(dir, 'backend.yaml'), model(stack, kind, V2));
        await shOk('git commit -qam "model v2"', dir);
        const updated = JSON.parse(await shOk(`node ${BIN} update --allow-data-loss --no-install --json`, dir)) as { migrations: string[]; conflicts: string[] };
        expect(updated.conflicts).toEqual([]);
        expect(updated.migrations).toHaveLength(1);
        await MIGRATE_WITH_V1[stack]!(dir, dir, gen.commands, migrateEnv(migratedUrl));

        log(`${label}: fresh v2 with the installed toolchain`);
        await shOk(`node ${BIN} fresh --config v2.yaml --no-install --no-git`, root);
        const fresh = join(root, 'fresh');
        const freshUrl = await freshDatabase(kind, `${name}_fresh`, fresh);
        await MIGRATE_WITH_V1[stack]!(fresh, dir, gen.commands, migrateEnv(freshUrl));

        expect(migrated.catalog()).toEqual(databaseAt(kind, freshUrl).catalog());
        expect(migrated.rows('SELECT full_name, age, note, rating, since, sort, owner_id FROM pets JOIN owners ON owners.id = pets.owner_id')).toEqual([
          `Rex\t1\tgood boy\t4\t2020\tcompany\t${OWNER}`,
        ]);
        log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s (${updated.migrations.join(', ')})`);
        rmSync(root, { recursive: true, force: true }); // kept when the case fails, to look into
      }, 1_800_000);
    }
  }
});
