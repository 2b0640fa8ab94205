import { ACCOUNTS_TABLE } from '../config/reserved.js';
import { columnType, constraintName, ID_TYPE, ON_DELETE_SQL, TIMESTAMP_TYPE, type SqlDialect } from '../model/sql.js';
import type { EntityView } from '../model/view-model.js';
import type { JsonValue } from '../config/types.js';

/**
 * The schema as data: the same tables, columns, indexes and foreign keys `schemaSql` creates, so two versions of
 * a model can be compared (src/update/schema-diff.ts) instead of diffing SQL text.
 */
export interface ColumnModel {
  readonly name: string;
  /** Column type as written in this dialect's DDL (`varchar(80)`, `INTEGER`). */
  readonly type: string;
  readonly nullable: boolean;
  /** Allowed values of an enum column (a CHECK constraint), or null. */
  readonly check: readonly string[] | null;
  /** The field's default from the spec: used to fill existing rows when the column is added or made required. */
  readonly fill: JsonValue | null;
}

export interface IndexModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface ForeignKeyModel {
  readonly name: string;
  readonly column: string;
  readonly target: string;
  readonly onDelete: string;
}

export interface TableModel {
  readonly name: string;
  /** Primary key columns; `id` for entity tables, both columns for join tables. */
  readonly primaryKey: readonly string[];
  readonly columns: readonly ColumnModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}

export interface SchemaModel {
  readonly dialect: SqlDialect;
  /** In creation order: the accounts table first when present, join tables last. */
  readonly tables: readonly TableModel[];
}

export function schemaModel(dialect: SqlDialect, entities: readonly EntityView[], withUsers: boolean): SchemaModel {
  const id = (name: string, nullable = false): ColumnModel => ({ name, type: ID_TYPE[dialect], nullable, check: null, fill: null });
  const ts = (name: string): ColumnModel => ({ name, type: TIMESTAMP_TYPE[dialect], nullable: false, check: null, fill: null });
  const ix = (table: string, columns: string[], unique = false): IndexModel => ({
    name: constraintName(unique ? 'uq' : 'ix', table, ...columns),
    columns,
    unique,
  });
  const fk = (table: string, column: string, target: string, onDelete: string): ForeignKeyModel => ({
    name: constraintName('fk', table, column),
    column,
    target,
    onDelete,
  });
  const tables: TableModel[] = [];
  if (withUsers) {
    const text = (n: number) => (dialect === 'sqlite' ? 'TEXT' : dialect === 'mysql' ? `VARCHAR(${n})` : `varchar(${n})`);
    tables.push({
      name: ACCOUNTS_TABLE,
      primaryKey: ['id'],
      columns: [
        id('id'),
        { name: 'email', type: text(320), nullable: false, check: null, fill: null },
        { name: 'password_hash', type: text(255), nullable: false, check: null, fill: null },
        ts('created_at'),
        ts('updated_at'),
      ],
      indexes: [ix(ACCOUNTS_TABLE, ['email'], true)],
      foreignKeys: [],
    });
  }
  for (const e of entities) {
    const columns: ColumnModel[] = [id('id')];
    const indexes: IndexModel[] = [];
    const foreignKeys: ForeignKeyModel[] = [];
    for (const f of e.fields) {
      columns.push({ name: f.column, type: columnType(dialect, f), nullable: !f.required, check: f.isEnum ? f.values : null, fill: f.default });
      if (f.unique) indexes.push(ix(e.table, [f.column], true));
      else if (f.index) indexes.push(ix(e.table, [f.column]));
    }
    for (const r of e.foreignKeys) {
      columns.push(id(r.fkColumn!, !r.required));
      foreignKeys.push(fk(e.table, r.fkColumn!, r.target.table, ON_DELETE_SQL[r.onDelete]));
      indexes.push(ix(e.table, [r.fkColumn!], r.isOneToOne));
    }
    if (e.owned) {
      columns.push(id('owner_user_id'));
      foreignKeys.push(fk(e.table, 'owner_user_id', ACCOUNTS_TABLE, 'CASCADE'));
      indexes.push(ix(e.table, ['owner_user_id']));
    }
    columns.push(ts('created_at'), ts('updated_at'));
    tables.push({ name: e.table, primaryKey: ['id'], columns, indexes, foreignKeys });
  }
  for (const e of entities) {
    for (const r of e.manyToMany) {
      const t = r.joinTable!;
      tables.push({
        name: t,
        primaryKey: [r.joinSourceColumn!, r.joinTargetColumn!],
        columns: [id(r.joinSourceColumn!), id(r.joinTargetColumn!)],
        indexes: [ix(t, [r.joinTargetColumn!])],
        foreignKeys: [fk(t, r.joinSourceColumn!, e.table, 'CASCADE'), fk(t, r.joinTargetColumn!, r.target.table, 'CASCADE')],
      });
    }
  }
  return { dialect, tables };
}
