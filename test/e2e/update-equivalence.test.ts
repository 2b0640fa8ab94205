import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackId } from '../../src/config/options.js';
import type { SqlDialect } from '../../src/model/sql.js';
import { REPO, databaseAvailable, freshDatabase, shOk } from './harness.js';
import { databaseAt } from '../update/databases.js';

/**
 * Schema equivalence through each stack's own migration tool (SPEC 7, issue #12): a v1 project, installed and
 * migrated with rows in it, is updated to v2 and migrated by its own command; a freshly generated v2 project
 * migrates an empty database from scratch with the same tool; both databases must have the same catalog
 * (test/update/databases.ts: tables, columns with type, nullability and default, indexes, constraints, foreign
 * keys), and the v1 rows survive. One model pair holds every change kind of the issue, so each stack × database
 * costs one install. The fresh v2 borrows the installed project's toolchain (the paths in TOOLCHAIN, linked).
 * About 1.5 min (node) and 2.5 min (python) a case, most of it the install.
 */
const BIN = join(REPO, 'dist/cli/bin.js');
const log = (s: string) => process.stderr.write(`  ${s}\n`);

/** What a freshly generated project links from the installed one so its migrate command runs without an install. */
const TOOLCHAIN: Partial<Record<StackId, readonly string[]>> = {
  node: ['node_modules'],
  python: ['.venv'],
};
const STACKS = (process.env.CB_E2E_STACKS?.split(',') ?? Object.keys(TOOLCHAIN)) as StackId[];
const DATABASES: SqlDialect[] = ['sqlite', 'postgres', 'mysql'];

const model = (stack: StackId, database: SqlDialect, entities: string) => `name: app\nstack: ${stack}\ndatabase: ${database}\nentities:\n${entities}`;
const V1 = `  Owner:
    fields:
      name: string!
      email: string
      rating: integer
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
`;
/**
 * v1 → v2: a field added with a default (owners.since) and without (owners.phone), a unique (owners.email), a
 * widening type change (owners.rating), a rename (pets.fullName), an optional field made required with a default
 * (pets.age), an index (pets.note), an onDelete change (pets.owner), a new many-to-one, one-to-one and
 * many-to-many on an old entity (pets.groomer, pets.tag, pets.vets), new entities related to an old one (Vet,
 * Tag), Toy removed.
 */
const V2 = `  Owner:
    fields:
      name: string!
      email: { type: string, unique: true }
      rating: bigint
      since: { type: integer, required: true, default: 2020 }
      phone: string
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
`;
const OWNER = '01890000-0000-7000-8000-000000000001';
const PET = '01890000-0000-7000-8000-000000000002';
const AT = "'2026-01-01 00:00:00'";


describe('update through each stack’s migration tool: v1 + update equals a fresh v2', () => {
  for (const stack of STACKS) {
    for (const kind of DATABASES) {
      const skip = !databaseAvailable(kind) && !process.env.CI;
      it.skipIf(skip)(`${stack}-${kind}: the catalog after v1 + update + migrate is the catalog of a fresh v2, and v1 rows survive`, async () => {
        const started = Date.now();
        const label = `equiv-${stack}-${kind}`;
        const root = mkdtempSync(join(tmpdir(), `cb-${label}-`));
        const name = `${process.env.CB_E2E_PREFIX ?? 'e2e'}_${label.replace(/-/g, '_')}`;
        writeFileSync(join(root, 'v1.yaml'), model(stack, kind, V1));
        writeFileSync(join(root, 'v2.yaml'), model(stack, kind, V2));

        log(`${label}: generate v1, install, git`);
        const gen = JSON.parse(await shOk(`node ${BIN} app --config v1.yaml --json`, root)) as { commands: { migrate: string } };
        const dir = join(root, 'app');
        const migratedUrl = await freshDatabase(kind, `${name}_up`, dir);
        await shOk(gen.commands.migrate, dir, { DATABASE_URL: migratedUrl });
        const migrated = databaseAt(kind, migratedUrl);
        migrated.exec([
          `INSERT INTO owners (id, name, rating, created_at, updated_at) VALUES ('${OWNER}', 'Ann', 4, ${AT}, ${AT})`,
          `INSERT INTO pets (id, name, age, note, owner_id, created_at, updated_at) VALUES ('${PET}', 'Rex', NULL, 'good boy', '${OWNER}', ${AT}, ${AT})`,
        ]);

        writeFileSync(join(dir, 'backend.yaml'), model(stack, kind, V2));
        await shOk('git commit -qam "model v2"', dir);
        const updated = JSON.parse(await shOk(`node ${BIN} update --allow-data-loss --no-install --json`, dir)) as { migrations: string[]; conflicts: string[] };
        expect(updated.conflicts).toEqual([]);
        expect(updated.migrations).toHaveLength(1);
        await shOk(gen.commands.migrate, dir, { DATABASE_URL: migratedUrl });

        log(`${label}: fresh v2 with the installed toolchain`);
        await shOk(`node ${BIN} fresh --config v2.yaml --no-install --no-git`, root);
        const fresh = join(root, 'fresh');
        for (const path of TOOLCHAIN[stack] ?? []) symlinkSync(join(dir, path), join(fresh, path));
        const freshUrl = await freshDatabase(kind, `${name}_fresh`, fresh);
        await shOk(gen.commands.migrate, fresh, { DATABASE_URL: freshUrl });

        expect(migrated.catalog()).toEqual(databaseAt(kind, freshUrl).catalog());
        expect(migrated.rows('SELECT full_name, age, note, rating, since, owner_id FROM pets JOIN owners ON owners.id = pets.owner_id')).toEqual([
          `Rex\t1\tgood boy\t4\t2020\t${OWNER}`,
        ]);
        log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s (${updated.migrations.join(', ')})`);
        rmSync(root, { recursive: true, force: true }); // kept when the case fails, to look into
      }, 1_800_000);
    }
  }
});
