import { spawnSync } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import type { SqlDialect } from '../../src/model/sql.js';

/**
 * Scratch databases for the migration tests: SQLite in memory (node:sqlite), PostgreSQL and MySQL/MariaDB
 * through their command-line clients on the CI servers (`CB_POSTGRES_ADMIN_URL`, `CB_MYSQL_ADMIN_URL`).
 * `catalog()` reads what the database itself says about its schema, never dump text.
 */
export interface ScratchDb {
  exec(statements: readonly string[]): void;
  /** Rows of a query as tab-separated lines. */
  rows(sql: string): string[];
  catalog(): string[];
  drop(): void;
}

const prefix = process.env.CB_E2E_PREFIX ?? '';

export function available(dialect: SqlDialect): boolean {
  if (dialect === 'sqlite') return true;
  return Boolean(dialect === 'postgres' ? process.env.CB_POSTGRES_ADMIN_URL : process.env.CB_MYSQL_ADMIN_URL);
}

export function scratch(dialect: SqlDialect, label: string): ScratchDb {
  const name = `${prefix}mig_${label}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (dialect === 'sqlite') return sqlite();
  return dialect === 'postgres' ? postgres(name) : mysql(name);
}

function sqlite(): ScratchDb {
  const db = new DatabaseSync(':memory:');
  const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  const line = (r: Record<string, unknown>) => Object.values(r).map(String).join('\t');
  return {
    exec: (statements) => statements.forEach((s) => db.exec(s)),
    rows: (sql) => all(sql).map(line),
    catalog() {
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
    },
    drop: () => db.close(),
  };
}

function run(command: string, args: string[], input: string): string {
  const r = spawnSync(command, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}\n--- input:\n${input}`);
  return r.stdout;
}

function postgres(name: string): ScratchDb {
  const admin = new URL(process.env.CB_POSTGRES_ADMIN_URL!);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const psql = (target: URL, sql: string) => run('psql', [target.toString(), '-v', 'ON_ERROR_STOP=1', '-qAt', '-F', '\t', '-f', '-'], sql);
  psql(admin, `DROP DATABASE IF EXISTS "${name}";\nCREATE DATABASE "${name}";`);
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
    drop: () => void psql(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE);`),
  };
}

function mysql(name: string): ScratchDb {
  const admin = new URL(process.env.CB_MYSQL_ADMIN_URL!);
  const args = (db?: string) => [
    `--host=${admin.hostname}`,
    `--port=${admin.port || '3306'}`,
    `--user=${decodeURIComponent(admin.username)}`,
    `--password=${decodeURIComponent(admin.password)}`,
    '--batch',
    '--skip-column-names',
    ...(db ? [db] : []),
  ];
  const sh = (sql: string, db?: string) => run('mysql', args(db), sql);
  sh(`DROP DATABASE IF EXISTS \`${name}\`;\nCREATE DATABASE \`${name}\`;`);
  const lines = (sql: string) => sh(sql, name).split('\n').filter(Boolean);
  return {
    exec: (statements) => void sh(statements.map((s) => `${s};`).join('\n'), name),
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
        SELECT CONCAT('check ', TABLE_NAME, ' ', CHECK_CLAUSE) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE();`).sort(),
    drop: () => void sh(`DROP DATABASE IF EXISTS \`${name}\`;`),
  };
}
