import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteAdapter, sql } from 'kysely';
import { loadDatabaseUrl, loadDotEnv } from '../config.js';
import { createDb, type Db } from './database.js';

/**
 * A small, explicit migrator: applies `migrations/NNNN_name.sql` in order, each once, and records the
 * applied versions in `schema_migrations`. Statements in a file end with `;` at the end of a line.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly statements: readonly string[];
}

export function splitStatements(source: string): string[] {
  return source
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file.replace(/\.sql$/, ''),
      statements: splitStatements(readFileSync(join(dir, file), 'utf8')),
    }));
}

/** Applies pending migrations; returns the names of those it applied. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql`create table if not exists ${sql.table('schema_migrations')} (
    ${sql.ref('version')} varchar(64) not null primary key,
    ${sql.ref('name')} varchar(255) not null,
    ${sql.ref('applied_at')} varchar(32) not null
  )`.execute(db);
  const { rows } = await sql<{ version: string }>`select ${sql.ref('version')} from ${sql.table('schema_migrations')}`.execute(db);
  const applied = new Set(rows.map((r) => r.version));
  const done: string[] = [];
  // SQLite changes a table by rebuilding it (create, copy, drop, rename); with foreign keys enforced, dropping
  // the old table would cascade to the rows referencing it. The pragma is ignored inside a transaction, so it
  // is switched off around each migration, and the keys are checked before the commit instead.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const migration of readMigrations(dir)) {
    if (applied.has(migration.version)) continue;
    if (sqlite) await sql`pragma foreign_keys = off`.execute(db);
    try {
      // PostgreSQL and SQLite run DDL in transactions; MySQL commits each DDL statement implicitly.
      await db.transaction().execute(async (trx) => {
        for (const statement of migration.statements) await sql.raw(statement).execute(trx);
        if (sqlite) {
          const { rows } = await sql`pragma foreign_key_check`.execute(trx);
          if (rows.length > 0) throw new Error(`${migration.name} leaves ${rows.length} row(s) whose foreign key points to no row: ${JSON.stringify(rows.slice(0, 3))}`);
        }
        await sql`insert into ${sql.table('schema_migrations')} (${sql.ref('version')}, ${sql.ref('name')}, ${sql.ref('applied_at')})
          values (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
      });
    } finally {
      if (sqlite) await sql`pragma foreign_keys = on`.execute(db);
    }
    done.push(migration.name);
  }
  return done;
}

async function main(): Promise<void> {
  loadDotEnv();
  const db = createDb(loadDatabaseUrl());
  try {
    const done = await migrate(db);
    process.stdout.write(done.length ? `applied ${done.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
