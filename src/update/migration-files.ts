import type { StackId } from '../config/options.js';
import { updateRevision } from '../stacks/python/alembic.js';
import type { SchemaStep } from './schema-diff.js';

/**
 * The new migration of an update as a file in each stack's own tool, next to the frozen ones: Node's migrator
 * reads `migrations/NNNN_<slug>.sql`, goose (embedded in the Go binary) `internal/database/migrations/NNNN_<slug>.sql`
 * with its `-- +goose Up` mark, Flyway `V<n>__<slug>.sql`, Alembic a revision chained to the previous one by
 * `down_revision`, Sequel's integer migrator `db/migrations/NNNN_<slug>.rb`. Numbers continue from the highest existing file, never reuse or rewrite one.
 */
export interface MigrationFile {
  readonly path: string;
  readonly content: string;
  /**
   * What applying the file runs, as it is written there, for `update --dry-run` and `--json`: SQL statements
   * without their `;` (node, go, java; ruby's `run` blocks hold them verbatim), or the operations of an Alembic
   * revision's `upgrade()` (python), each with its own block (a `with op.batch_alter_table(...)` and its
   * `batch_op.*` lines), unindented.
   */
  readonly statements: readonly string[];
  readonly language: 'sql' | 'python';
}

export interface NewMigration {
  readonly slug: string;
  /** What the migration does, one line (the file's header). */
  readonly summary: string;
  readonly up: readonly string[];
  /** The reverse change; Sequel's migrations carry it as `down`, the SQL migrators only go forward. */
  readonly down: readonly string[];
  /** The diff each way with the schemas around it: Alembic revisions are written from these, as `op.*` operations. */
  readonly schema?: { readonly up: SchemaStep; readonly down: SchemaStep };
}

const LOCATIONS: Partial<Record<StackId, { dir: string; pattern: RegExp }>> = {
  node: { dir: 'migrations', pattern: /^(\d{4})_[\w-]+\.sql$/ },
  python: { dir: 'migrations/versions', pattern: /^(\d{4})_[\w-]+\.py$/ },
  java: { dir: 'src/main/resources/db/migration', pattern: /^V(\d+)__[\w-]+\.sql$/ },
  go: { dir: 'internal/database/migrations', pattern: /^(\d{4})_[\w-]+\.sql$/ },
  ruby: { dir: 'db/migrations', pattern: /^(\d{4})_[\w-]+\.rb$/ },
};

/** A migration file of the stack (the generated first one, one an update added, or the user's own): frozen once written. */
export function isMigrationPath(stack: StackId, path: string): boolean {
  const location = LOCATIONS[stack];
  if (!location || !path.startsWith(`${location.dir}/`)) return false;
  const name = path.slice(location.dir.length + 1);
  return !name.includes('/') && location.pattern.test(name);
}

/**
 * `add pets nickname` → `add_pets_nickname`: what file names of every stack accept. At most 60 characters, cut
 * after a whole word (`…_rename_loans`, not `…_rename_loans_unti`) unless one word is longer than that.
 */
export function migrationSlug(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (slug.length <= 60) return slug || 'update';
  const cut = slug.slice(0, 61).lastIndexOf('_');
  return cut > 0 ? slug.slice(0, cut) : slug.slice(0, 60);
}

/** The next migration file of a stack, given the paths (relative to the project root) of its existing files. */
export function migrationFile(stack: StackId, existing: readonly string[], m: NewMigration): MigrationFile {
  const location = LOCATIONS[stack];
  if (!location) throw new Error(`stack ${stack} has no template pack with migrations`);
  const { dir, pattern } = location;
  const numbers = existing
    .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
    .map((p) => pattern.exec(p.slice(dir.length + 1)))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
  if (numbers.length === 0) throw new Error(`no existing migration under ${dir}/ to continue from`);
  const last = Math.max(...numbers);
  const next = last + 1;
  const pad = (n: number) => String(n).padStart(4, '0');
  const slug = migrationSlug(m.slug);
  const sql = (header: string) => `${header}\n\n${m.up.map((s) => `${s};\n`).join('\n')}`;
  const asSql = { statements: m.up, language: 'sql' } as const;
  switch (stack) {
    case 'node':
      return {
        path: `${dir}/${pad(next)}_${slug}.sql`,
        content: sql(`-- ${m.summary}\n-- Applied by \`npm run db:migrate\` after ${pad(last)}; written by \`create-backend update\`.`),
        ...asSql,
      };
    case 'go':
      return {
        path: `${dir}/${pad(next)}_${slug}.sql`,
        content: sql(`-- ${m.summary}\n-- Applied by \`go run ./cmd/server migrate\` (goose, embedded in the binary) after ${pad(last)}; written by \`create-backend update\`.\n-- +goose Up`),
        ...asSql,
      };
    case 'java':
      return { path: `${dir}/V${next}__${slug}.sql`, content: sql(`-- ${m.summary}\n-- Applied by Flyway after V${last}; written by \`create-backend update\`.`), ...asSql };
    case 'python': {
      if (!m.schema) throw new Error('an Alembic revision is written from the schema diff, which was not given');
      const revision = updateRevision(m.schema.up, m.schema.down);
      return {
        path: `${dir}/${pad(next)}_${slug}.py`,
        content: [
          `"""${m.summary.replace(/"""/g, "'''")}`,
          '',
          'Written by `create-backend update` from the difference between the previous and the new model.',
          '',
          `Revision ID: ${pad(next)}`,
          `Revises: ${pad(last)}`,
          '"""',
          '',
          'from collections.abc import Sequence',
          '',
          'import sqlalchemy as sa',
          'from alembic import op',
          ...revision.dialectModules.map((module) => `from sqlalchemy.dialects import ${module}`),
          '',
          `revision: str = "${pad(next)}"`,
          `down_revision: str | None = "${pad(last)}"`,
          'branch_labels: str | Sequence[str] | None = None',
          'depends_on: str | Sequence[str] | None = None',
          '',
          '',
          'def upgrade() -> None:',
          ...revision.upgrade,
          '',
          '',
          'def downgrade() -> None:',
          ...revision.downgrade,
          '',
        ].join('\n'),
        statements: operations(revision.upgrade),
        language: 'python',
      };
    }
    case 'ruby': {
      // Single-quoted heredocs: a statement's text (an enum value, a default) is never interpolated or unescaped.
      const run = (s: string) => `    run <<~'SQL'\n${s.split('\n').map((line) => (line ? `      ${line}` : '')).join('\n')}\n    SQL\n`;
      const block = (name: string, items: readonly string[]) => `  ${name} do\n${items.length ? items.map(run).join('') : `    # nothing to undo\n`}  end\n`;
      return {
        path: `${dir}/${pad(next)}_${slug}.rb`,
        content: [
          '# frozen_string_literal: true',
          '',
          `# ${m.summary}`,
          `# Applied by \`bundle exec rake db:migrate\` (Sequel::Migrator) after ${pad(last)}; written by \`create-backend update\`.`,
          'Sequel.migration do',
          block('up', m.up).trimEnd(),
          '',
          block('down', m.down).trimEnd(),
          'end',
          '',
        ].join('\n'),
        ...asSql,
      };
    }
    default:
      throw new Error(`stack ${stack} has no template pack with migrations`);
  }
}

/** A function body's statements (indented four spaces) as operations: each deeper line joins the one that opens its block. */
function operations(body: readonly string[]): string[] {
  const out: string[] = [];
  for (const statement of body) {
    const text = statement.replace(/^ {4}/gm, '');
    if (text.startsWith(' ') && out.length > 0) out[out.length - 1] += `\n${text}`;
    else out.push(text);
  }
  return out;
}
