import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel } from './table-model.js';

/**
 * The typed difference between two schema models: computed once by the CLI, rendered by each stack in its own
 * migration tool (src/update/migration-sql.ts). Destructive changes and new required columns that existing rows
 * cannot fill are refused here, before anything is written.
 */
export type SchemaChange =
  | { readonly kind: 'create-table'; readonly table: TableModel }
  | { readonly kind: 'drop-table'; readonly table: TableModel }
  | { readonly kind: 'rename-table'; readonly from: string; readonly to: string }
  | { readonly kind: 'add-column'; readonly table: string; readonly column: ColumnModel }
  | { readonly kind: 'drop-column'; readonly table: string; readonly column: ColumnModel }
  | { readonly kind: 'rename-column'; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: 'alter-column'; readonly table: string; readonly from: ColumnModel; readonly to: ColumnModel }
  | { readonly kind: 'add-index'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'drop-index'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'add-foreign-key'; readonly table: string; readonly foreignKey: ForeignKeyModel }
  | { readonly kind: 'drop-foreign-key'; readonly table: string; readonly foreignKey: ForeignKeyModel };

export interface Refusal {
  /** What is refused, naming the table and column. */
  readonly message: string;
  readonly hint: string;
  /** Data that would go (`--allow-data-loss` accepts it), or a required column nothing can fill (a default can). */
  readonly reason: 'data-loss' | 'no-default';
}

export interface SchemaDiff {
  readonly changes: readonly SchemaChange[];
  readonly refusals: readonly Refusal[];
  /** Tables whose change SQLite cannot make with ALTER TABLE: they are rebuilt (new table, copy, swap). */
  readonly rebuilds: readonly string[];
}

/** One direction of an update: the model diff and the schemas on either side of it. */
export interface SchemaStep {
  readonly diff: SchemaDiff;
  readonly before: SchemaModel;
  readonly after: SchemaModel;
}

/** A column as the table had it before the step, found by the table's new name (the table may be renamed). */
export function columnBefore({ diff, before }: Pick<SchemaStep, 'diff' | 'before'>, table: string, column: string): ColumnModel | undefined {
  const oldTable = diff.changes.find((c) => c.kind === 'rename-table' && c.to === table);
  const name = oldTable?.kind === 'rename-table' ? oldTable.from : table;
  return before.tables.find((t) => t.name === name)?.columns.find((c) => c.name === column);
}

export interface Renames {
  /** New table name → old table name (an entity's `renamedFrom`). */
  readonly tables?: Readonly<Record<string, string>>;
  /** `newTable.newColumn` → old column name (a field's `renamedFrom`). */
  readonly columns?: Readonly<Record<string, string>>;
}

export interface DiffOptions {
  readonly renames?: Renames;
  readonly allowDataLoss?: boolean;
}

const sameColumn = (a: ColumnModel, b: ColumnModel) =>
  a.type === b.type && a.nullable === b.nullable && JSON.stringify(a.check) === JSON.stringify(b.check);
const sameIndex = (a: IndexModel, b: IndexModel) => a.unique === b.unique && a.columns.join() === b.columns.join();
const sameFk = (a: ForeignKeyModel, b: ForeignKeyModel) => a.column === b.column && a.target === b.target && a.onDelete === b.onDelete;

export function diffSchemas(before: SchemaModel, after: SchemaModel, options: DiffOptions = {}): SchemaDiff {
  const tableRenames = options.renames?.tables ?? {};
  const columnRenames = options.renames?.columns ?? {};
  const oldTables = new Map(before.tables.map((t) => [t.name, t]));
  const changes: SchemaChange[] = [];
  const refusals: Refusal[] = [];
  const rebuilds = new Set<string>();
  const kept = new Set<string>();
  const loss = (message: string) => {
    if (!options.allowDataLoss) refusals.push({ message, hint: 'rerun with --allow-data-loss if the data may go, or add `renamedFrom` if it is a rename', reason: 'data-loss' });
  };

  for (const t of after.tables) {
    const oldName = oldTables.has(t.name) ? t.name : tableRenames[t.name];
    const old = oldName === undefined ? undefined : oldTables.get(oldName);
    if (!old) {
      changes.push({ kind: 'create-table', table: t });
      continue;
    }
    kept.add(old.name);
    if (old.name !== t.name) changes.push({ kind: 'rename-table', from: old.name, to: t.name });
    const oldCols = new Map(old.columns.map((c) => [c.name, c]));
    const matched = new Set<string>();
    const newIndexes = new Map(t.indexes.map((i) => [i.name, i]));
    const oldIndexes = new Map(old.indexes.map((i) => [i.name, i]));
    // Indexes and foreign keys go first (under the table's old name) so a dropped or renamed column is no longer referenced.
    for (const i of old.indexes) {
      const now = newIndexes.get(i.name);
      if (!now || !sameIndex(i, now)) changes.push({ kind: 'drop-index', table: old.name, index: i });
    }
    const newFks = new Map(t.foreignKeys.map((f) => [f.name, f]));
    for (const f of old.foreignKeys) {
      const now = newFks.get(f.name);
      if (!now || !sameFk(f, now)) {
        changes.push({ kind: 'drop-foreign-key', table: old.name, foreignKey: f });
        rebuilds.add(t.name);
      }
    }
    for (const c of t.columns) {
      const from = oldCols.has(c.name) ? c.name : columnRenames[`${t.name}.${c.name}`];
      const oc = from === undefined ? undefined : oldCols.get(from);
      if (!oc) {
        changes.push({ kind: 'add-column', table: t.name, column: c });
        if (!c.nullable && c.fill === null) {
          refusals.push({
            message: `${t.name}.${c.name}: a new required column without a default cannot be filled in the existing rows`,
            hint: `give the field a default (e.g. \`default: ...\`), or make it optional, then make it required in a later update`,
            reason: 'no-default',
          });
        }
        if (!c.nullable) rebuilds.add(t.name); // SQLite adds NOT NULL columns only with a DEFAULT, which fresh tables do not have
        continue;
      }
      matched.add(oc.name);
      if (oc.name !== c.name) changes.push({ kind: 'rename-column', table: t.name, from: oc.name, to: c.name });
      if (!sameColumn(oc, c)) {
        changes.push({ kind: 'alter-column', table: t.name, from: oc, to: c });
        rebuilds.add(t.name);
        if (oc.type !== c.type && !holdsEveryValue(oc.type, c.type)) loss(`${t.name}.${c.name}: type changes from ${oc.type} to ${c.type}, which may not hold every existing value`);
        if (oc.nullable && !c.nullable && c.fill === null) {
          refusals.push({
            message: `${t.name}.${c.name}: becomes required without a default, so existing rows without a value cannot be filled`,
            hint: 'give the field a default, which fills the existing empty values',
            reason: 'no-default',
          });
        }
      }
    }
    for (const c of old.columns) {
      if (!matched.has(c.name)) {
        changes.push({ kind: 'drop-column', table: t.name, column: c });
        rebuilds.add(t.name);
        loss(`${t.name}.${c.name}: the column is dropped with its values`);
      }
    }
    for (const f of t.foreignKeys) {
      const was = old.foreignKeys.find((o) => o.name === f.name);
      if (!was || !sameFk(was, f)) {
        changes.push({ kind: 'add-foreign-key', table: t.name, foreignKey: f });
        rebuilds.add(t.name);
      }
    }
    for (const i of t.indexes) {
      const was = oldIndexes.get(i.name);
      if (!was || !sameIndex(was, i)) changes.push({ kind: 'add-index', table: t.name, index: i });
    }
  }
  for (const t of [...before.tables].reverse()) {
    if (!kept.has(t.name)) {
      changes.push({ kind: 'drop-table', table: t });
      loss(`${t.name}: the table is dropped with its rows`);
    }
  }
  return { changes, refusals, rebuilds: [...rebuilds] };
}

/**
 * Whether a column of type `to` holds every value a column of type `from` can (a widening: a longer varchar, a
 * varchar becoming text, integer becoming bigint, a decimal with at least as many digits on each side of the
 * point), so changing it loses nothing. Types are as this dialect's DDL writes them (src/model/sql.ts).
 */
export function holdsEveryValue(from: string, to: string): boolean {
  const f = from.toLowerCase();
  const t = to.toLowerCase();
  const varchar = (type: string) => /^varchar\((\d+)\)$/.exec(type)?.[1];
  const numeric = (type: string) => /^(?:numeric|decimal)\((\d+),(\d+)\)$/.exec(type)?.slice(1).map(Number);
  const fromLength = varchar(f);
  if (fromLength !== undefined) {
    const toLength = varchar(t);
    return toLength !== undefined ? Number(toLength) >= Number(fromLength) : t === 'text' || t === 'mediumtext';
  }
  if ((f === 'integer' || f === 'int') && t === 'bigint') return true;
  const [p, s] = numeric(f) ?? [];
  const [p2, s2] = numeric(t) ?? [];
  return p !== undefined && p2 !== undefined && s2! >= s! && p2 - s2! >= p - s!;
}
