import type { DatabaseId, FieldType, OnDelete } from '../config/options.js';
import { ACCOUNTS_TABLE } from '../config/reserved.js';

/**
 * The initial schema as plain SQL for one dialect. Stacks that use SQL migration files (Node, Java/Flyway)
 * write it as is; every stack uses the same table, column and constraint names, so a database created by one
 * stack's migrations is the same as another's.
 */
export type SqlDialect = Exclude<DatabaseId, 'mongodb'>;

/**
 * What the schema reads of a column and a table. The view model's FieldView and EntityView have these
 * members; naming only them keeps this module below the view model, which builds its views with it.
 */
export interface SqlColumn {
  readonly column: string;
  readonly type: FieldType;
  readonly isEnum: boolean;
  readonly values: readonly string[] | null;
  readonly required: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly maxLength: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
}

interface SqlReference {
  readonly target: { readonly table: string };
  readonly required: boolean;
  readonly onDelete: OnDelete;
  readonly isOneToOne: boolean;
  readonly fkColumn: string | null;
  readonly joinTable: string | null;
  readonly joinSourceColumn: string | null;
  readonly joinTargetColumn: string | null;
}

export interface SqlTable {
  readonly table: string;
  readonly owned: boolean;
  readonly fields: readonly SqlColumn[];
  readonly foreignKeys: readonly SqlReference[];
  readonly manyToMany: readonly SqlReference[];
}

export function quote(dialect: SqlDialect, identifier: string): string {
  return dialect === 'mysql' ? `\`${identifier}\`` : `"${identifier}"`;
}

/** Constraint names stay under the 63/64-character limits of PostgreSQL and MySQL. */
export function constraintName(prefix: string, ...parts: string[]): string {
  const full = [prefix, ...parts].join('_');
  if (full.length <= 60) return full;
  let hash = 0;
  for (const ch of full) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${full.slice(0, 51)}_${hash.toString(36).padStart(7, '0').slice(0, 8)}`;
}

/**
 * The name PostgreSQL gives a column's inline CHECK (`<table>_<column>_check`; makeObjectName in its source):
 * when that is longer than 63 bytes, the longer of table and column loses a character until it fits. An update
 * that renames the table or the column renames the constraint to this, as a fresh table would have it.
 */
export function postgresCheckName(table: string, column: string): string {
  const room = 63 - '_check'.length - 1;
  let t = table.length;
  let c = column.length;
  while (t + c > room) {
    if (t > c) t--;
    else c--;
  }
  return `${table.slice(0, t)}_${column.slice(0, c)}_check`;
}

export function columnType(dialect: SqlDialect, f: Pick<SqlColumn, 'type' | 'maxLength' | 'precision' | 'scale'>): string {
  const n = f.maxLength ?? 255;
  switch (dialect) {
    case 'sqlite':
      return { integer: 'INTEGER', bigint: 'INTEGER', number: 'REAL', boolean: 'INTEGER' }[f.type as string] ?? 'TEXT';
    case 'postgres':
      switch (f.type) {
        case 'string': case 'email': case 'url': case 'enum': return `varchar(${n})`;
        case 'text': return 'text';
        case 'integer': return 'integer';
        case 'bigint': return 'bigint';
        case 'number': return 'double precision';
        case 'decimal': return `numeric(${f.precision},${f.scale})`;
        case 'boolean': return 'boolean';
        case 'date': return 'date';
        case 'datetime': return 'timestamptz(3)';
        case 'uuid': return 'uuid';
        case 'json': return 'jsonb';
      }
      break;
    case 'mysql':
      switch (f.type) {
        case 'string': case 'email': case 'url': case 'enum': return `VARCHAR(${n})`;
        // TEXT holds 64 KiB; MEDIUMTEXT (16 MiB) holds any value under the 1 MiB body limit.
        case 'text': return 'MEDIUMTEXT';
        case 'integer': return 'INT';
        case 'bigint': return 'BIGINT';
        case 'number': return 'DOUBLE';
        case 'decimal': return `DECIMAL(${f.precision},${f.scale})`;
        case 'boolean': return 'BOOLEAN';
        case 'date': return 'DATE';
        case 'datetime': return 'DATETIME(3)';
        case 'uuid': return 'CHAR(36)';
        case 'json': return 'JSON';
      }
  }
  throw new Error(`no ${dialect} column type for ${f.type}`);
}

export const ID_TYPE: Record<SqlDialect, string> = { sqlite: 'TEXT', postgres: 'uuid', mysql: 'CHAR(36)' };
export const TIMESTAMP_TYPE: Record<SqlDialect, string> = { sqlite: 'TEXT', postgres: 'timestamptz(3)', mysql: 'DATETIME(3)' };
export const ON_DELETE_SQL = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' } as const;

export interface SchemaSql {
  /** Statements in order; each is one complete statement without a trailing semicolon. */
  readonly up: readonly string[];
  readonly down: readonly string[];
  /** Every table the schema creates, in creation order (the accounts table first when present, join tables last). */
  readonly tables: readonly string[];
}

export function schemaSql(dialect: SqlDialect, entities: readonly SqlTable[], withUsers: boolean): SchemaSql {
  const q = (s: string) => quote(dialect, s);
  const tableSuffix = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '';
  const inlineFks = dialect === 'sqlite'; // SQLite cannot add a foreign key to an existing table
  const up: string[] = [];
  const later: string[] = [];
  const tables: string[] = [];
  const fk = (table: string, column: string, target: string, onDelete: string) =>
    `CONSTRAINT ${q(constraintName('fk', table, column))} FOREIGN KEY (${q(column)}) REFERENCES ${q(target)} (${q('id')}) ON DELETE ${onDelete}`;
  const addFk = (table: string, column: string, target: string, onDelete: string, inline: string[]) => {
    if (inlineFks) inline.push(fk(table, column, target, onDelete));
    else later.push(`ALTER TABLE ${q(table)} ADD ${fk(table, column, target, onDelete)}`);
  };
  const index = (table: string, columns: string[], unique = false) =>
    `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${q(constraintName(unique ? 'uq' : 'ix', table, ...columns))} ON ${q(table)} (${columns.map(q).join(', ')})`;

  if (withUsers) {
    tables.push(ACCOUNTS_TABLE);
    up.push(
      `CREATE TABLE ${q(ACCOUNTS_TABLE)} (\n  ${q('id')} ${ID_TYPE[dialect]} NOT NULL PRIMARY KEY,\n` +
        `  ${q('email')} ${dialect === 'sqlite' ? 'TEXT' : dialect === 'mysql' ? 'VARCHAR(320)' : 'varchar(320)'} NOT NULL,\n` +
        `  ${q('password_hash')} ${dialect === 'sqlite' ? 'TEXT' : dialect === 'mysql' ? 'VARCHAR(255)' : 'varchar(255)'} NOT NULL,\n` +
        `  ${q('created_at')} ${TIMESTAMP_TYPE[dialect]} NOT NULL,\n  ${q('updated_at')} ${TIMESTAMP_TYPE[dialect]} NOT NULL\n)${tableSuffix}`,
      index(ACCOUNTS_TABLE, ['email'], true),
    );
  }

  for (const e of entities) {
    const cols: string[] = [`${q('id')} ${ID_TYPE[dialect]} NOT NULL PRIMARY KEY`];
    const inline: string[] = [];
    const indexes: string[] = [];
    for (const f of e.fields) {
      const check = f.isEnum ? ` CHECK (${q(f.column)} IN (${f.values!.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}))` : '';
      cols.push(`${q(f.column)} ${columnType(dialect, f)}${f.required ? ' NOT NULL' : ''}${check}`);
      if (f.unique) indexes.push(index(e.table, [f.column], true));
      else if (f.index) indexes.push(index(e.table, [f.column]));
    }
    for (const r of e.foreignKeys) {
      cols.push(`${q(r.fkColumn!)} ${ID_TYPE[dialect]}${r.required ? ' NOT NULL' : ''}`);
      addFk(e.table, r.fkColumn!, r.target.table, ON_DELETE_SQL[r.onDelete], inline);
      indexes.push(index(e.table, [r.fkColumn!], r.isOneToOne));
    }
    if (e.owned) {
      cols.push(`${q('owner_user_id')} ${ID_TYPE[dialect]} NOT NULL`);
      addFk(e.table, 'owner_user_id', ACCOUNTS_TABLE, 'CASCADE', inline);
      indexes.push(index(e.table, ['owner_user_id']));
    }
    cols.push(`${q('created_at')} ${TIMESTAMP_TYPE[dialect]} NOT NULL`, `${q('updated_at')} ${TIMESTAMP_TYPE[dialect]} NOT NULL`);
    tables.push(e.table);
    up.push(`CREATE TABLE ${q(e.table)} (\n  ${[...cols, ...inline].join(',\n  ')}\n)${tableSuffix}`, ...indexes);
  }

  for (const e of entities) {
    for (const r of e.manyToMany) {
      const inline: string[] = [];
      const cols = [`${q(r.joinSourceColumn!)} ${ID_TYPE[dialect]} NOT NULL`, `${q(r.joinTargetColumn!)} ${ID_TYPE[dialect]} NOT NULL`];
      addFk(r.joinTable!, r.joinSourceColumn!, e.table, 'CASCADE', inline);
      addFk(r.joinTable!, r.joinTargetColumn!, r.target.table, 'CASCADE', inline);
      tables.push(r.joinTable!);
      up.push(
        `CREATE TABLE ${q(r.joinTable!)} (\n  ${[...cols, `PRIMARY KEY (${q(r.joinSourceColumn!)}, ${q(r.joinTargetColumn!)})`, ...inline].join(',\n  ')}\n)${tableSuffix}`,
        index(r.joinTable!, [r.joinTargetColumn!]),
      );
    }
  }
  const created = [...tables];
  const down = tables.reverse().map((t) => `DROP TABLE IF EXISTS ${q(t)}${dialect === 'postgres' ? ' CASCADE' : ''}`);
  if (dialect === 'mysql') {
    down.unshift('SET FOREIGN_KEY_CHECKS = 0');
    down.push('SET FOREIGN_KEY_CHECKS = 1');
  }
  return { up: [...up, ...later], down, tables: created };
}
