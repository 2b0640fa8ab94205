import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import type { SqlDialect } from '../../src/model/sql.js';

/**
 * Databases of the migration tests, and the one catalog reader every schema-equivalence check compares with:
 * scratch databases (SQLite in memory through node:sqlite, PostgreSQL and MySQL/MariaDB through their
 * command-line clients on the CI servers, `CB_POSTGRES_ADMIN_URL`, `CB_MYSQL_ADMIN_URL`), and databases a
 * generated project migrated, opened by its `DATABASE_URL`. `catalog()` reads what the database itself says
 * about its schema (tables, columns with type, nullability and default, indexes, constraints, foreign keys
 * with their delete rule), never dump text.
 */
export interface Db {
  exec(statements: readonly string[]): void;
  /** Rows of a query as tab-separated lines. */
  rows(sql: string): string[];
  catalog(): string[];
}

export interface ScratchDb extends Db {
  drop(): void;
}

const prefix = process.env.CB_E2E_PREFIX ?? '';

export function available(dialect: SqlDialect): boolean {
  if (dialect === 'sqlite') return true;
  return Boolean(dialect === 'postgres' ? process.env.CB_POSTGRES_ADMIN_URL : process.env.CB_MYSQL_ADMIN_URL);
}

export function scratch(dialect: SqlDialect, label: string): ScratchDb {
  const name = `${prefix}mig_${label}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (dialect === 'sqlite') {
    const db = new DatabaseSync(':memory:');
    return { ...sqlite((use) => use(db)), drop: () => db.close() };
  }
  if (dialect === 'postgres') {
    const admin = new URL(process.env.CB_POSTGRES_ADMIN_URL!);
    psql(admin, `DROP DATABASE IF EXISTS "${name}";\nCREATE DATABASE "${name}";`);
    return { ...postgres(withPath(admin, name)), drop: () => void psql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE);`) };
  }
  const admin = new URL(process.env.CB_MYSQL_ADMIN_URL!);
  mysqlClient(admin)(`DROP DATABASE IF EXISTS \`${name}\`;\nCREATE DATABASE \`${name}\`;`);
  return { ...mysql(withPath(admin, name)), drop: () => void mysqlClient(admin)(`DROP DATABASE IF EXISTS \`${name}\`;`) };
}

/**
 * The database behind a generated project's `DATABASE_URL` (`file:<path>` for SQLite). A SQLite file is opened
 * per call and closed again, so the project's own processes never wait on this reader.
 */
export function databaseAt(dialect: SqlDialect, databaseUrl: string): Db {
  if (dialect === 'sqlite') {
    const path = databaseUrl.replace(/^file:/, '');
    return sqlite((use) => {
      const db = new DatabaseSync(path);
      try {
        return use(db);
      } finally {
        db.close();
      }
    });
  }
  return dialect === 'postgres' ? postgres(new URL(databaseUrl)) : mysql(new URL(databaseUrl));
}

const withPath = (url: URL, name: string) => Object.assign(new URL(url), { pathname: `/${name}` });

function sqlite(open: <T>(use: (db: DatabaseSync) => T) => T): Db {
  const line = (r: Record<string, unknown>) => Object.values(r).map(String).join('\t');
  return {
    exec: (statements) => open((db) => statements.forEach((s) => db.exec(s))),
    rows: (sql) => open((db) => (db.prepare(sql).all() as Record<string, unknown>[]).map(line)),
    catalog: () =>
      open((db) => {
        const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
        const out: string[] = [];
        for (const { name, sql } of all("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") as { name: string; sql: string }[]) {
          out.push(`table ${name}`);
          for (const c of all(`PRAGMA table_info("${name}")`)) out.push(`column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
          for (const i of all(`PRAGMA index_list("${name}")`)) {
            const cols = all(`PRAGMA index_info("${i.name}")`).map((c) => c.name).join(',');
            out.push(`index ${name}.${i.origin === 'pk' ? 'pk' : i.name} unique=${i.unique} (${cols})`);
          }
          for (const f of all(`PRAGMA foreign_key_list("${name}")`)) out.push(`fk ${name}.${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete}`);
          for (const check of sql.match(/CHECK \([^)]*\)\)/g) ?? []) out.push(`check ${name} ${check}`);
        }
        return out.sort();
      }),
  };
}

function run(command: string, args: string[], input: string): string {
  const r = spawnSync(command, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}\n--- input:\n${input}`);
  return r.stdout;
}

const psql = (target: URL, sql: string) => run('psql', [target.toString(), '-v', 'ON_ERROR_STOP=1', '-qAt', '-F', '\t', '-f', '-'], sql);

function postgres(url: URL): Db {
  const lines = (sql: string) => psql(url, sql).split('\n').filter(Boolean);
  return {
    exec: (statements) => void psql(url, `BEGIN;\n${statements.map((s) => `${s};`).join('\n')}\nCOMMIT;`),
    rows: (sql) => lines(`${sql};`),
    catalog: () =>
      lines(`
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
          || coalesce(' p' || numeric_precision || ',' || numeric_scale, '') || ' ' || is_nullable || ' default=' || coalesce(column_default, '-')
          FROM information_schema.columns WHERE table_schema = 'public';
        SELECT 'index ' || tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public';
        SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
          WHERE connamespace = 'public'::regnamespace;`).sort(),
  };
}

/** The mysql client (MariaDB's answers to that name too) on the server of `url`, in the database its path names, if any. */
function mysqlClient(url: URL): (sql: string) => string {
  const database = decodeURIComponent(url.pathname.slice(1));
  const args = [
    `--host=${url.hostname}`,
    `--port=${url.port || '3306'}`,
    `--user=${decodeURIComponent(url.username)}`,
    `--password=${decodeURIComponent(url.password)}`,
    '--batch',
    '--skip-column-names',
    ...(database ? [database] : []),
  ];
  return (sql) => run('mysql', args, sql);
}

function mysql(url: URL): Db {
  const client = mysqlClient(url);
  const lines = (sql: string) => client(sql).split('\n').filter(Boolean);
  return {
    exec: (statements) => void client(statements.map((s) => `${s};`).join('\n')),
    rows: (sql) => lines(`${sql};`),
    catalog: () =>
      lines(`
        SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE, ' default=', IFNULL(COLUMN_DEFAULT, '-'))
          FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE();
        SELECT CONCAT('index ', TABLE_NAME, '.', INDEX_NAME, ' nonunique=', NON_UNIQUE, ' (', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), ')')
          FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE;
        SELECT CONCAT('fk ', k.TABLE_NAME, '.', k.CONSTRAINT_NAME, ' ', k.COLUMN_NAME, ' -> ', k.REFERENCED_TABLE_NAME, '.', k.REFERENCED_COLUMN_NAME, ' ', r.DELETE_RULE)
          FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
          ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
          WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL;
        SELECT CONCAT('check ', TABLE_NAME, '.', CONSTRAINT_NAME, ' ', CHECK_CLAUSE) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE();`).sort(),
  };
}
