import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_PACK, parseJson, requireBuild, tempRoot, type JsonFailure } from './helpers.js';
import { SHOP_V1_ENTITIES } from '../fixtures/update-shop.js';


/**
 * `update` and `add` on real git repositories (SPEC 7), node × SQLite without installing: the user's edits are
 * kept or conflict exactly where both sides changed the same lines, the first migration stays byte-identical,
 * the new one keeps v1's rows, a second update changes nothing, and every refusal changes nothing.
 */
requireBuild();
const next = tempRoot('update');

const IDENTITY = { GIT_AUTHOR_NAME: 'dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } });
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
/** Everything that tells whether a run changed anything: status, index, ref and working-tree contents of tracked files. */
const snapshot = (dir: string) => ({
  status: git(dir, 'status', '--porcelain', '--untracked-files=all'),
  diff: git(dir, 'diff', 'HEAD'),
  ref: git(dir, 'show-ref'),
});

const V1 = `name: shop\nstack: node\ndatabase: sqlite\nentities:\n${SHOP_V1_ENTITIES}`;

/**
 * v2: a rename, required fields with a default (on owners, a table other rows reference, which SQLite rebuilds),
 * an optional field, a new entity related to an old one, Toy removed.
 */
const V2 = `# our model
name: shop
stack: node
database: sqlite
entities:
  Owner:
    fields:
      name: string!
      since: { type: integer, required: true, default: 2020 }
  Pet:
    fields:
      fullName: { type: string, required: true, renamedFrom: name }
      age: integer
      nickname: { type: string, required: true, default: pal }
      color: string
    relations:
      owner: { kind: many-to-one, to: Owner }
  Vet:
    fields:
      name: string!
    relations:
      client: { kind: many-to-one, to: Owner }
`;

async function generated(v1 = V1, flags: string[] = []): Promise<string> {
  const root = next();
  writeFileSync(join(root, 'v1.yaml'), v1);
  const r = await cli(['app', '--config', 'v1.yaml', '--no-install', ...flags], { cwd: root, env: IDENTITY });
  expect(r.exitCode, String(r.stderr)).toBe(0);
  return join(root, 'app');
}

const update = (dir: string, ...args: string[]) => cli(['update', '--no-install', ...args], { cwd: dir, env: IDENTITY, timeout: 300_000 }); // a Java update runs spotless on its render (downloads it on a fresh machine)

/** The node migrator's statement split (templates/node/files/src/db/migrate.ts). */
const statements = (sql: string) => sql.split(/;[ \t]*(?:\r?\n|$)/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);

function migrate(db: DatabaseSync, sql: string): void {
  db.exec('PRAGMA foreign_keys = OFF');
  db.exec('BEGIN');
  for (const s of statements(sql)) db.exec(s);
  expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  db.exec('COMMIT');
  db.exec('PRAGMA foreign_keys = ON');
}

describe('create-backend update', () => {
  it('generation writes refs/create-backend/base holding exactly the generated files', async () => {
    const dir = await generated();
    const base = git(dir, 'ls-tree', '-r', '--name-only', 'refs/create-backend/base').trim().split('\n');
    const tracked = git(dir, 'ls-files').trim().split('\n');
    expect(base).toEqual(tracked.filter((p) => p !== 'backend.yaml'));
    expect(read(dir, 'backend.yaml')).toContain('run `npx create-backend update` in this folder');
    const r = await update(dir, '--json');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<{ files: Array<{ status: string }>; migrations: string[] }>(r.stdout);
    expect(json.files.every((f) => f.status === 'kept')).toBe(true);
    expect(json.migrations).toEqual([]);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('keeps edits, marks the one real conflict, adds a migration that keeps v1 rows, and is a no-op the second time', async () => {
    const dir = await generated();
    const firstMigration = read(dir, 'migrations/0001_init.sql');
    // The user's edits: a generated line we change nearby (README), a generated file we never change, the
    // same line as v2 (pet's sort keys), and files of their own.
    writeFileSync(join(dir, 'README.md'), read(dir, 'README.md').replace(/^# Shop$/m, '# Shop (our pet shop)'));
    writeFileSync(join(dir, 'src/http/problem.ts'), `// Reviewed by the team.\n${read(dir, 'src/http/problem.ts')}`);
    writeFileSync(join(dir, 'src/entities/pet/schema.ts'), read(dir, 'src/entities/pet/schema.ts').replace("  '-age',\n", "  '-age', // oldest first\n"));
    writeFileSync(join(dir, 'NOTES.md'), 'our notes\n');
    writeFileSync(join(dir, 'src/app.ts'), `// Our service.\n${read(dir, 'src/app.ts')}`);
    // A generated file the user deleted (and we change), and one they changed (of an entity v2 removes).
    rmSync(join(dir, 'test/owner.test.ts'));
    writeFileSync(join(dir, 'src/entities/toy/schema.ts'), `// Keep: the shop still sells toys.\n${read(dir, 'src/entities/toy/schema.ts')}`);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'our edits');
    writeFileSync(join(dir, 'backend.yaml'), V2);
    git(dir, 'commit', '-qam', 'model v2');

    // Refused without --allow-data-loss (Toy goes with its rows): exit 2, nothing changed.
    const before = snapshot(dir);
    const refused = await update(dir, '--json');
    expect(refused.exitCode).toBe(2);
    const failure = parseJson<JsonFailure>(refused.stdout);
    expect(failure.errors.map((e) => e.message).join('\n')).toMatch(/toys: the table is dropped with its rows/);
    expect(failure.errors[0]!.hint).toMatch(/--allow-data-loss/);
    expect(snapshot(dir)).toEqual(before);

    // The dry run reports what the real run does and writes nothing.
    const dry = await update(dir, '--allow-data-loss', '--dry-run', '--json');
    expect(dry.exitCode, String(dry.stderr)).toBe(0);
    const planned = parseJson<{ files: Array<{ path: string; status: string }>; migrations: string[]; statements: string[]; conflicts: string[] }>(dry.stdout);
    expect(snapshot(dir)).toEqual(before);
    expect(planned.migrations).toHaveLength(1);
    expect(planned.migrations[0]).toMatch(/^migrations\/0002_[a-z0-9_]+\.sql$/);
    expect(planned.statements.join('\n')).toContain('CREATE TABLE "vets"');

    const r = await update(dir, '--allow-data-loss', '--json');
    expect(r.exitCode, String(r.stderr)).toBe(4);
    const json = parseJson<{ files: Array<{ path: string; status: string }>; migrations: string[]; conflicts: string[] }>(r.stdout);
    expect(json.files).toEqual(planned.files);
    const status = Object.fromEntries(json.files.map((f) => [f.path, f.status]));
    expect(json.conflicts).toEqual(['src/entities/pet/schema.ts']);
    expect(String(r.stderr)).toMatch(/review the whole change with git diff HEAD/);
    expect(status['README.md']).toBe('merged');
    expect(status['src/http/problem.ts']).toBe('kept');
    // Registering Vet is in the file that only lists entities, so the user's edit of app.ts stays out of the merge.
    expect(status['src/app.ts']).toBe('kept');
    expect(status['src/routes/api.ts']).toBe('updated');
    expect(status['src/entities/toy/routes.ts']).toBe('removed');
    expect(status['src/entities/vet/routes.ts']).toBe('created');
    expect(status['migrations/0001_init.sql']).toBe('kept');
    expect(status[json.migrations[0]!]).toBe('created');

    expect(read(dir, 'README.md')).toMatch(/^# Shop \(our pet shop\)$/m);
    expect(read(dir, 'README.md')).toContain('Vets');
    expect(read(dir, 'src/http/problem.ts')).toMatch(/^\/\/ Reviewed by the team\.\n/);
    expect(read(dir, 'NOTES.md')).toBe('our notes\n');
    expect(status['test/owner.test.ts']).toBe('kept');
    expect(existsSync(join(dir, 'test/owner.test.ts'))).toBe(false);
    expect(status['src/entities/toy/schema.ts']).toBe('kept');
    expect(read(dir, 'src/entities/toy/schema.ts')).toMatch(/^\/\/ Keep: the shop still sells toys\./);
    expect(existsSync(join(dir, 'src/entities/toy/repository.ts'))).toBe(false);
    expect(read(dir, 'migrations/0001_init.sql')).toBe(firstMigration);
    // Exactly one conflict, exactly the line both sides changed, and git lists the file as unmerged.
    const schema = read(dir, 'src/entities/pet/schema.ts');
    expect(schema.match(/^<<<<<<< /gm)).toHaveLength(1);
    expect(schema).toContain("<<<<<<< yours\n  '-age', // oldest first\n||||||| base\n  '-age',\n=======\n  '-age',\n  'nickname',\n  '-nickname',\n  'color',\n  '-color',\n>>>>>>> generated\n");
    expect(git(dir, 'status', '--porcelain')).toMatch(/^UU src\/entities\/pet\/schema\.ts$/m);
    // New files are in the reviewable change: git diff shows them and git commit -a takes them.
    expect(git(dir, 'diff', '--name-only').split('\n')).toEqual(expect.arrayContaining([json.migrations[0], 'src/entities/vet/routes.ts']));
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).not.toMatch(/^\?\? /m);

    // With foreign keys enforced (node's runner before it switched them off) rebuilding owners fails: DROP TABLE
    // owners would delete, here refuse, the pets rows that reference it.
    const enforced = new DatabaseSync(':memory:');
    migrate(enforced, firstMigration);
    enforced.exec(`PRAGMA foreign_keys = ON; INSERT INTO owners (id, name, created_at, updated_at) VALUES ('o1', 'Ann', 't', 't');
      INSERT INTO pets (id, name, owner_id, created_at, updated_at) VALUES ('p1', 'Rex', 'o1', 't', 't')`);
    expect(() => {
      enforced.exec('BEGIN');
      for (const s of statements(read(dir, json.migrations[0]!))) enforced.exec(s);
    }).toThrow(/FOREIGN KEY constraint failed/);

    // Rows of v1 survive the new migration, which yields the same tables as a fresh v2.
    const db = new DatabaseSync(':memory:');
    migrate(db, firstMigration);
    db.exec(`INSERT INTO owners (id, name, created_at, updated_at) VALUES ('o1', 'Ann', 't', 't');
      INSERT INTO pets (id, name, age, owner_id, created_at, updated_at) VALUES ('p1', 'Rex', 3, 'o1', 't', 't');
      INSERT INTO toys (id, label, created_at, updated_at) VALUES ('t1', 'ball', 't', 't')`);
    migrate(db, read(dir, json.migrations[0]!));
    expect(db.prepare('SELECT id, full_name, age, nickname, color, owner_id FROM pets').all()).toEqual([{ id: 'p1', full_name: 'Rex', age: 3, nickname: 'pal', color: null, owner_id: 'o1' }]);
    expect(db.prepare('SELECT id, name, since FROM owners').all()).toEqual([{ id: 'o1', name: 'Ann', since: 2020 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'toys'").all()).toEqual([]);
    const fresh = new DatabaseSync(':memory:');
    const v2dir = next();
    writeFileSync(join(v2dir, 'v2.yaml'), V2);
    expect((await cli(['app', '--config', 'v2.yaml', '--no-install', '--no-git'], { cwd: v2dir })).exitCode).toBe(0);
    migrate(fresh, read(join(v2dir, 'app'), 'migrations/0001_init.sql'));
    const catalog = (d: DatabaseSync) => {
      const tables = (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
      return tables.map((t) => ({
        t,
        columns: d.prepare(`PRAGMA table_info("${t}")`).all().sort((a, b) => String((a as { name: string }).name).localeCompare(String((b as { name: string }).name))),
        indexes: d.prepare(`PRAGMA index_list("${t}")`).all().map((i) => ({ ...(i as object), seq: 0 })).sort((a, b) => String((a as { name: string }).name).localeCompare(String((b as { name: string }).name))),
        foreignKeys: d.prepare(`PRAGMA foreign_key_list("${t}")`).all(),
      }));
    };
    expect(catalog(db)).toEqual(catalog(fresh));

    // Resolved and committed, a second update changes nothing.
    writeFileSync(join(dir, 'src/entities/pet/schema.ts'), schema.replace(/<<<<<<< yours\n[^]*?>>>>>>> generated\n/, "  '-age', // oldest first\n  'nickname',\n  '-nickname',\n  'color',\n  '-color',\n"));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'update to v2');
    const again = await update(dir, '--json');
    expect(again.exitCode, String(again.stderr)).toBe(0);
    const second = parseJson<{ files: Array<{ status: string }>; migrations: string[] }>(again.stdout);
    expect(second.files.filter((f) => f.status !== 'kept')).toEqual([]);
    expect(second.migrations).toEqual([]);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('refuses a dirty tree and a new required field without a default, reporting both at once, changing nothing', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('      age:\n', '      weight:\n        type: integer\n        required: true\n      age:\n'));
    git(dir, 'commit', '-qam', 'weight');
    writeFileSync(join(dir, 'README.md'), 'changed\n');
    const before = snapshot(dir);
    const r = await update(dir);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/uncommitted changes \(README\.md\)/);
    expect(String(r.stderr)).toMatch(/pets\.weight: a new required column without a default/);
    expect(String(r.stderr)).toMatch(/hint: give the field a default/);
    expect(String(r.stderr)).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(dir)).toEqual(before);
  });
  it('when only backend.yaml is uncommitted (edited, then update at once), the hint says to commit the model change', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('      age:\n', '      color:\n        type: string\n      age:\n'));
    const before = snapshot(dir);
    const r = await update(dir);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/uncommitted changes \(backend\.yaml\)\n\s+hint: commit the model change first \(git commit -m "Model: …" backend\.yaml\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('without the ref (generated with --no-git), re-renders the base from the manifest', async () => {
    const dir = await generated(V1, ['--no-git']);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'generated');
    writeFileSync(join(dir, 'src/http/problem.ts'), `// Reviewed.\n${read(dir, 'src/http/problem.ts')}`);
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('      age:\n', '      color:\n        type: string\n      age:\n'));
    git(dir, 'commit', '-qam', 'edits');
    const r = await update(dir, '--json');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<{ notes: string[]; files: Array<{ path: string; status: string }>; migrations: string[] }>(r.stdout);
    expect(json.notes[0]).toMatch(/re-rendered from \.create-backend\/manifest\.json/);
    expect(json.files.find((f) => f.path === 'src/http/problem.ts')!.status).toBe('kept');
    expect(json.migrations).toEqual(['migrations/0002_add_pets_color.sql']);
    expect(read(dir, 'migrations/0002_add_pets_color.sql')).toContain('ALTER TABLE "pets" ADD COLUMN "color" TEXT;');
    expect(git(dir, 'rev-parse', '--verify', '-q', 'refs/create-backend/base').trim()).toMatch(/^[0-9a-f]{40}$/);
  });
  it('--config FILE is the new model and replaces backend.yaml, so the next update keeps it', async () => {
    const dir = await generated();
    writeFileSync(join(dir, '..', 'v2.yaml'), V2);
    const r = await update(dir, '--config', '../v2.yaml', '--allow-data-loss', '--json');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(parseJson<{ files: Array<{ path: string; status: string }> }>(r.stdout).files[0]).toEqual({ path: 'backend.yaml', status: 'updated' });
    expect(read(dir, 'backend.yaml')).toBe(V2);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'v2');
    const again = await update(dir, '--json');
    expect(parseJson<{ migrations: string[] }>(again.stdout).migrations).toEqual([]);
  });
  it("python: --dry-run shows the Alembic revision it would write, its upgrade() operations, and --json lists the same", async () => {
    const dir = await generated(V1.replace('stack: node', 'stack: python'));
    writeFileSync(join(dir, 'backend.yaml'), V2.replace('stack: node', 'stack: python'));
    git(dir, 'commit', '-qam', 'model v2');
    const before = snapshot(dir);
    const human = await update(dir, '--allow-data-loss', '--dry-run');
    expect(human.exitCode, String(human.stderr)).toBe(0);
    const json = await update(dir, '--allow-data-loss', '--dry-run', '--json');
    expect(json.exitCode, String(json.stderr)).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const planned = parseJson<{ migrations: string[]; statements: string[] }>(json.stdout);
    expect(planned.migrations).toEqual([expect.stringMatching(/^migrations\/versions\/0002_[a-z0-9_]+\.py$/)]);
    // Operations as the revision writes them, not the SQL other stacks run; a batch is one operation with its block.
    expect(planned.statements).toContain('op.drop_table("toys")');
    expect(planned.statements.join('\n')).not.toMatch(/^(?:ALTER|CREATE|DROP) /m);
    const batch = planned.statements.find((s) => s.startsWith('with op.batch_alter_table("pets"'));
    expect(batch).toMatch(/ as batch_op:\n {4}batch_op\.alter_column\(\s+"name", new_column_name="full_name"/);
    const shown = String(human.stdout); // without --json the report is on stdout
    expect(shown).toContain(`new migration ${planned.migrations[0]} (`);
    expect(shown).toContain('upgrade():\n  ');
    expect(shown).toContain('\n  op.drop_table("toys")\n');
    expect(shown).not.toMatch(/\);$/m);

    // What the real run writes is exactly that: upgrade() holds the operations in order.
    const r = await update(dir, '--allow-data-loss', '--json');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const revision = read(dir, planned.migrations[0]!);
    const upgrade = /\ndef upgrade\(\) -> None:\n([\s\S]*?)\n\n\ndef downgrade/.exec(revision)?.[1];
    expect(upgrade).toBe(planned.statements.map((s) => s.replace(/^/gm, '    ')).join('\n'));
  });
  it('refuses to update a project generated with an in-house pack when --template is not given', async () => {
    const dir = await generated(V1, ['--template', EXAMPLE_PACK]);
    const before = snapshot(dir);
    const r = await update(dir);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/generated with the in-house template pack/);
    expect(String(r.stderr)).toMatch(/hint: pass --template/);
    expect(snapshot(dir)).toEqual(before);
    const ok = await update(dir, '--template', EXAMPLE_PACK, '--json');
    expect(ok.exitCode, String(ok.stderr)).toBe(0);
    expect(parseJson<{ files: Array<{ status: string }> }>(ok.stdout).files.filter((f) => f.status !== 'kept')).toEqual([]);
  });
  it('keeps the Java package of a project generated before java.package existed, not the one its name derives now', async () => {
    // Older versions always wrote com.example.app and recorded no java.package, in backend.yaml or the manifest.
    const dir = await generated(`name: shop\nstack: java\ndatabase: sqlite\njava:\n  package: com.example.app\nentities:\n${SHOP_V1_ENTITIES}`, ['--no-git']);
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('java:\n  package: com.example.app\n', ''));
    const manifest = JSON.parse(read(dir, '.create-backend/manifest.json')) as { spec: { java?: unknown } };
    delete manifest.spec.java;
    writeFileSync(join(dir, '.create-backend/manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'generated by an older create-backend');
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('      age:\n', '      color:\n        type: string\n      age:\n'));
    git(dir, 'commit', '-qam', 'pets get a color');

    const r = await update(dir, '--json');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const changed = parseJson<{ files: Array<{ path: string; status: string }> }>(r.stdout).files.filter((f) => f.status !== 'kept');
    expect(changed.filter((f) => f.status === 'removed')).toEqual([]);
    expect(changed.filter((f) => f.path.startsWith('src/main/java/') && !f.path.startsWith('src/main/java/com/example/app/'))).toEqual([]);
    expect(changed.some((f) => f.path.includes('com/example/shop'))).toBe(false);
    expect(read(dir, 'src/main/java/com/example/app/domain/Pet.java')).toContain('color');
    // The manifest hashes what update wrote, the formatted Java included, so the next run knows the files as ours.
    const hashes = (JSON.parse(read(dir, '.create-backend/manifest.json')) as { files: Record<string, string> }).files;
    const stale = Object.entries(hashes).filter(([path, hash]) => path !== 'backend.yaml' && sha256(readFileSync(join(dir, path))) !== hash);
    expect(stale.map(([path]) => path)).toEqual([]);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'update');
    const again = await update(dir, '--json');
    expect(parseJson<{ files: Array<{ status: string }> }>(again.stdout).files.filter((f) => f.status !== 'kept')).toEqual([]);
  }, 600_000); // update formats its Java render with the project's spotless (a first run downloads the formatter)
});

describe('create-backend add', () => {
  it('adds an entity and a field in backend.yaml keeping its comments, then updates', async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'backend.yaml'), read(dir, 'backend.yaml').replace('entities:\n', '# the clinic\nentities:\n').replace('  Pet:\n', '  # pets are the core\n  Pet: # all of them\n'));
    git(dir, 'commit', '-qam', 'comment');
    const r = await cli(['add', '--no-install', '--json', '--entity', 'Vet: name:string! client:Owner', '--entity', 'Pet: color:string'], { cwd: dir, env: IDENTITY });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const spec = read(dir, 'backend.yaml');
    expect(spec).toContain('# the clinic\nentities:\n');
    // The yaml library keeps every comment; one after a key that opens a block moves to the line below it.
    expect(spec).toContain('  # pets are the core\n  Pet:\n    # all of them\n');
    expect(spec).toMatch(/ {6}color: string\n/);
    expect(spec).toMatch(/ {2}Vet:\n {4}fields:\n {6}name: string!\n {4}relations:\n {6}client:\n {8}kind: many-to-one\n {8}to: Owner\n/);
    const json = parseJson<{ migrations: string[]; files: Array<{ path: string; status: string }> }>(r.stdout);
    expect(json.migrations).toEqual(['migrations/0002_add_pets_color_create_vets.sql']);
    expect(json.files[0]).toEqual({ path: 'backend.yaml', status: 'updated' });
    expect(existsSync(join(dir, 'src/entities/vet/routes.ts'))).toBe(true);
  });

  it('on MongoDB writes no migration file: the migrate command creates the new entity\'s collection and indexes', async () => {
    const dir = await generated(V1.replace('database: sqlite', 'database: mongodb'));
    const r = await cli(['add', '--no-install', '--entity', 'Vet: name:string!', '--entity', 'Pet: tag:string'], { cwd: dir, env: IDENTITY });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('MongoDB: no migration file; the migrate command creates the new collections and indexes');
    expect(existsSync(join(dir, 'migrations'))).toBe(false);
    expect(read(dir, 'src/db/migrate.ts')).toMatch(/name: 'vets',\s+indexes: \[\s*\{ name: 'ix_vets_created_at'/);
  });

  it("merges a user's line under the README's title with a new entity: the entity-dependent part is not next to it", async () => {
    const dir = await generated();
    writeFileSync(join(dir, 'README.md'), read(dir, 'README.md').replace(/^# Shop\n/m, '# Shop\n\nOur pet shop, run by the store team.\n'));
    git(dir, 'commit', '-qam', 'readme intro');
    const r = await cli(['add', '--no-install', '--json', '--entity', 'Vet: name:string!'], { cwd: dir, env: IDENTITY });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const json = parseJson<{ files: Array<{ path: string; status: string }> }>(r.stdout);
    expect(json.files).toContainEqual({ path: 'README.md', status: 'merged' });
    const readme = read(dir, 'README.md');
    expect(readme).toMatch(/^# Shop\n\nOur pet shop, run by the store team\.\n/);
    expect(readme).toContain('/api/vets');
    expect(readme).not.toMatch(/^<{7}|^>{7}/m);
  });

  it('refuses a required field without a default and leaves backend.yaml as it was', async () => {
    const dir = await generated();
    const before = snapshot(dir);
    const r = await cli(['add', '--no-install', '--entity', 'Pet: weight:integer!'], { cwd: dir, env: IDENTITY });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/pets\.weight: a new required column without a default/);
    // The shorthand cannot carry a default, so the hint says where one goes.
    expect(String(r.stderr)).toMatch(/--entity cannot set a default: write the field into backend\.yaml with `required: true, default: \.\.\.`/);
    expect(snapshot(dir)).toEqual(before);
  });
});
