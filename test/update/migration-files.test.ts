import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { migrationFile, migrationSlug } from '../../src/update/migration-files.js';
import { diffSchemas } from '../../src/update/schema-diff.js';
import { modelOf, V1, V1_TO_V2_RENAMES, V2 } from './model.js';

/** The new migration lands next to the frozen ones with the next number, in each stack's own format. */
const m = { slug: 'add pets.nickname', summary: 'Add pets.nickname', up: ['ALTER TABLE "pets" ADD COLUMN "nickname" TEXT'], down: ['ALTER TABLE "pets" DROP COLUMN "nickname"'] };

describe('migration files', () => {
  it('continues Node numbering after the highest existing file', () => {
    const f = migrationFile('node', ['migrations/0001_init.sql', 'migrations/0002_add_vets.sql', 'migrations/README.md', 'src/x.sql'], m);
    expect(f.path).toBe('migrations/0003_add_pets_nickname.sql');
    expect(f).toMatchObject({ statements: m.up, language: 'sql' });
    expect(f.content).toMatch(/^-- Add pets.nickname\n/);
    expect(f.content).toContain('ALTER TABLE "pets" ADD COLUMN "nickname" TEXT;\n');
  });

  it('writes a Flyway V<n>__ file', () => {
    const f = migrationFile('java', ['src/main/resources/db/migration/V1__init.sql'], m);
    expect(f.path).toBe('src/main/resources/db/migration/V2__add_pets_nickname.sql');
  });

  it('writes a goose file (embedded in the Go binary) with its Up mark before the statements', () => {
    const f = migrationFile('go', ['internal/database/migrations/0001_init.sql', 'internal/database/database.go'], m);
    expect(f.path).toBe('internal/database/migrations/0002_add_pets_nickname.sql');
    expect(f.content).toMatch(/^-- Add pets.nickname\n-- Applied by `go run .\/cmd\/server migrate`[^\n]*\n-- \+goose Up\n\nALTER TABLE "pets" ADD COLUMN "nickname" TEXT;\n$/);
  });

  it('chains an Alembic revision to the previous one with down_revision, written with op.* operations, as valid Python', () => {
    const before = modelOf(V1, 'sqlite');
    const after = modelOf(V2, 'sqlite');
    const schema = {
      up: { diff: diffSchemas(before, after, { renames: V1_TO_V2_RENAMES, allowDataLoss: true }), before, after },
      down: { diff: diffSchemas(after, before, { allowDataLoss: true }), before: after, after: before },
    };
    const f = migrationFile('python', ['migrations/versions/0001_init.py', 'migrations/env.py'], { ...m, schema });
    expect(f.path).toBe('migrations/versions/0002_add_pets_nickname.py');
    expect(f.content).toContain('revision: str = "0002"\ndown_revision: str | None = "0001"\n');
    expect(f.content).toContain('    with op.batch_alter_table("pets", recreate="always", copy_from=existing) as batch_op:\n');
    expect(f.content).toContain('    op.rename_table("toys", "playthings")\n');
    expect(f.content).not.toContain('op.execute("');
    const check = spawnSync('python3', ['-c', 'import ast, sys; t = ast.parse(sys.stdin.read()); print(len(t.body))'], { input: f.content, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe('10');
    // --dry-run's operations are upgrade()'s, unindented, each block (a batch and its batch_op lines) one of them.
    expect(f.language).toBe('python');
    expect(f.statements).toContain('op.rename_table("toys", "playthings")');
    expect(f.statements.filter((s) => s.startsWith('with op.batch_alter_table('))).toHaveLength(f.statements.filter((s) => s.includes(' as batch_op:')).length);
    expect(f.statements.filter((s) => s.startsWith(' '))).toEqual([]);
    const body = /\ndef upgrade\(\) -> None:\n([\s\S]*?)\n\n\ndef downgrade/.exec(f.content)?.[1];
    expect(body).toBe(f.statements.map((s) => s.replace(/^/gm, '    ')).join('\n'));
    expect(() => migrationFile('python', ['migrations/versions/0001_init.py'], m)).toThrow(/written from the schema diff/);
  });

  it('writes a Sequel migration that Ruby parses, with the statements in single-quoted heredocs', () => {
    const statements = { ...m, up: [`CREATE TABLE "t" (\n  "v" TEXT CHECK ("v" IN ('#{x}', 'a\\b'))\n)`, ...m.up] };
    const f = migrationFile('ruby', ['db/migrations/0001_init.rb', 'db/seeds.rb'], statements);
    expect(f.path).toBe('db/migrations/0002_add_pets_nickname.rb');
    expect(f.content).toMatch(/^# frozen_string_literal: true\n\n# Add pets.nickname\n# Applied by `bundle exec rake db:migrate`/);
    if (spawnSync('ruby', ['--version']).status !== 0) return;
    // The migration evaluated with a stand-in for Sequel.migration: the statements come back exactly.
    const script = [
      'require "json"',
      'module Sequel; def self.migration(&b) = Recorder.new.tap { |r| r.instance_eval(&b) }; end',
      'class Recorder; attr_reader :log; def initialize = @log = []; def up(&b) = (@part = "up"; instance_eval(&b)); ' +
        'def down(&b) = (@part = "down"; instance_eval(&b)); def run(sql) = @log << [@part, sql.chomp]; end',
      'puts JSON.generate(eval($stdin.read).log)',
    ].join('\n');
    const run = spawnSync('ruby', ['-W0', '-e', script], { input: f.content, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([...statements.up.map((s) => ['up', s]), ...statements.down.map((s) => ['down', s])]);
  });

  it('refuses a tree without an initial migration', () => {
    expect(() => migrationFile('node', ['src/app.ts'], m)).toThrow(/no existing migration under migrations\//);
  });

  it('makes slugs every file system and tool accepts', () => {
    expect(migrationSlug('Add Pet.fullName & drop Toy!')).toBe('add_pet_fullname_drop_toy');
    expect(migrationSlug('***')).toBe('update');
    // Long summaries are cut after a whole word, at 60 characters at most.
    expect(migrationSlug('add books.pages, add categories.description, rename loans.until to due_date')).toBe('add_books_pages_add_categories_description_rename_loans');
    expect(migrationSlug('add pets.' + 'x'.repeat(59) + ' and more')).toBe('add_pets');
    expect(migrationSlug('y'.repeat(70))).toBe('y'.repeat(60));
  });
});
