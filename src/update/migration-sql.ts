import type { JsonValue } from '../config/types.js';
import { postgresCheckName, quote, type SqlDialect } from '../model/sql.js';
import { columnBefore, type SchemaChange, type SchemaStep } from './schema-diff.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel } from './table-model.js';

/**
 * A schema diff as SQL statements for one dialect (no trailing semicolons), in an order each database accepts:
 * foreign keys and indexes are dropped before the columns they use and added after the tables they reference.
 * SQLite cannot alter or constrain an existing column, so such tables are rebuilt the way its documentation
 * describes (create the new shape, copy the rows, drop the old table, rename); the migration must run with
 * foreign key enforcement off, or dropping the old table would cascade to the rows that reference it.
 */
export function migrationSql({ diff, before, after }: SchemaStep): string[] {
  const dialect = after.dialect;
  const q = (s: string) => quote(dialect, s);
  const of = <K extends SchemaChange['kind']>(kind: K) => diff.changes.filter((c): c is Extract<SchemaChange, { kind: K }> => c.kind === kind);
  const out: string[] = [];
  const tableSuffix = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '';
  const column = (c: ColumnModel) =>
    `${q(c.name)} ${c.type}${c.nullable ? '' : ' NOT NULL'}${c.check ? ` CHECK (${q(c.name)} IN (${c.check.map((v) => literal(dialect, v)).join(', ')}))` : ''}`;
  const fkClause = (f: ForeignKeyModel) =>
    `CONSTRAINT ${q(f.name)} FOREIGN KEY (${q(f.column)}) REFERENCES ${q(f.target)} (${q('id')}) ON DELETE ${f.onDelete}`;
  const createIndex = (table: string, i: IndexModel) =>
    `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${q(table)} (${i.columns.map(q).join(', ')})`;
  const createTable = (t: TableModel, name = t.name) => {
    const pk = t.primaryKey.length === 1 ? [] : [`PRIMARY KEY (${t.primaryKey.map(q).join(', ')})`];
    const cols = t.columns.map((c) => (t.primaryKey.length === 1 && c.name === t.primaryKey[0] ? `${column(c)} PRIMARY KEY` : column(c)));
    const fks = dialect === 'sqlite' ? t.foreignKeys.map(fkClause) : [];
    return `CREATE TABLE ${q(name)} (\n  ${[...cols, ...pk, ...fks].join(',\n  ')}\n)${tableSuffix}`;
  };
  const fill = (c: ColumnModel) => literal(dialect, c.fill);

  for (const { table, foreignKey } of of('drop-foreign-key')) {
    if (dialect === 'postgres') out.push(`ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(foreignKey.name)}`);
    if (dialect === 'mysql') out.push(`ALTER TABLE ${q(table)} DROP FOREIGN KEY ${q(foreignKey.name)}`);
  }
  const rebuilt = new Set(dialect === 'sqlite' ? diff.rebuilds : []);
  const newName = new Map(of('rename-table').map((r) => [r.from, r.to]));
  for (const { table, index } of of('drop-index')) {
    if (rebuilt.has(newName.get(table) ?? table)) continue; // dropped with the old table
    out.push(dialect === 'mysql' ? `DROP INDEX ${q(index.name)} ON ${q(table)}` : `DROP INDEX ${q(index.name)}`);
  }
  for (const { from, to } of of('rename-table')) {
    out.push(dialect === 'mysql' ? `RENAME TABLE ${q(from)} TO ${q(to)}` : `ALTER TABLE ${q(from)} RENAME TO ${q(to)}`);
    // PostgreSQL named the primary key and each enum's CHECK after the old table; a fresh table has <table>_pkey
    // and <table>_<column>_check (under the old column names here: a renamed column renames its CHECK below).
    if (dialect === 'postgres') out.push(...renamedConstraints(to, [[`${from}_pkey`, `${to}_pkey`], ...checkRenames(from, to)]));
  }
  for (const { table } of of('create-table')) out.push(createTable(table), ...table.indexes.map((i) => createIndex(table.name, i)));

  for (const name of rebuilt) out.push(...rebuild(name));
  for (const change of diff.changes) {
    if (!('table' in change) || typeof change.table !== 'string' || rebuilt.has(change.table)) continue;
    const t = q(change.table);
    switch (change.kind) {
      case 'rename-column': {
        const was = columnBefore({ diff, before }, change.table, change.from);
        if (dialect === 'mysql' && was?.check) {
          // MariaDB names a column's CHECK after the column and RENAME COLUMN keeps that name; CHANGE COLUMN with
          // the column's definition (under its new name) gives the CHECK the new one, as a fresh table has it.
          out.push(`ALTER TABLE ${t} CHANGE COLUMN ${q(change.from)} ${column({ ...was, name: change.to })}`);
          break;
        }
        out.push(`ALTER TABLE ${t} RENAME COLUMN ${q(change.from)} TO ${q(change.to)}`);
        if (dialect === 'postgres' && was?.check) out.push(...renamedConstraints(change.table, [[postgresCheckName(change.table, change.from), postgresCheckName(change.table, change.to)]]));
        break;
      }
      case 'add-column':
        if (change.column.nullable) out.push(`ALTER TABLE ${t} ADD COLUMN ${column(change.column)}`);
        else {
          // Existing rows take the spec's default; the column then has none, like a freshly created one.
          const c = change.column;
          out.push(`ALTER TABLE ${t} ADD COLUMN ${column(c).replace(' NOT NULL', ` NOT NULL DEFAULT ${fill(c)}`)}`);
          out.push(`ALTER TABLE ${t} ALTER COLUMN ${q(c.name)} DROP DEFAULT`);
        }
        break;
      case 'drop-column':
        out.push(`ALTER TABLE ${t} DROP COLUMN ${q(change.column.name)}`);
        break;
      case 'alter-column':
        out.push(...alterColumn(change.table, change.from, change.to));
        break;
    }
  }
  for (const { table } of [...of('drop-table')]) out.push(`DROP TABLE ${q(table.name)}${dialect === 'postgres' ? ' CASCADE' : ''}`);
  for (const { table, index } of of('add-index')) if (!rebuilt.has(table)) out.push(createIndex(table, index));
  if (dialect !== 'sqlite') {
    const adds = [...of('create-table').flatMap(({ table }) => table.foreignKeys.map((f) => ({ table: table.name, foreignKey: f }))), ...of('add-foreign-key')];
    for (const { table, foreignKey } of adds) out.push(`ALTER TABLE ${q(table)} ADD ${fkClause(foreignKey)}`);
  }
  return out;

  function alterColumn(table: string, from: ColumnModel, to: ColumnModel): string[] {
    const t = q(table);
    const c = q(to.name);
    const s: string[] = [];
    if (from.nullable && !to.nullable && to.fill !== null) s.push(`UPDATE ${t} SET ${c} = ${fill(to)} WHERE ${c} IS NULL`);
    if (dialect === 'mysql') return [...s, `ALTER TABLE ${t} MODIFY COLUMN ${column(to)}`];
    // PostgreSQL names an inline CHECK <table>_<column>_check (already renamed with its table and column above);
    // it is replaced when the values change.
    const check = q(postgresCheckName(table, to.name));
    if (from.check) s.push(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${check}`);
    if (from.type !== to.type) s.push(`ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${to.type} USING ${c}::${to.type}`);
    if (from.nullable !== to.nullable) s.push(`ALTER TABLE ${t} ALTER COLUMN ${c} ${to.nullable ? 'DROP' : 'SET'} NOT NULL`);
    if (to.check) s.push(`ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${c} IN (${to.check.map((v) => literal(dialect, v)).join(', ')}))`);
    return s;
  }

  /** PostgreSQL: each enum CHECK of a renamed table, from its old table's name to its new one. */
  function checkRenames(from: string, to: string): Array<[string, string]> {
    const columns = before.tables.find((x) => x.name === from)?.columns ?? [];
    return columns.filter((c) => c.check).map((c) => [postgresCheckName(from, c.name), postgresCheckName(to, c.name)]);
  }

  function renamedConstraints(table: string, names: ReadonlyArray<readonly [string, string]>): string[] {
    return names.filter(([a, b]) => a !== b).map(([a, b]) => `ALTER TABLE ${q(table)} RENAME CONSTRAINT ${q(a)} TO ${q(b)}`);
  }

  function rebuild(name: string): string[] {
    const table = after.tables.find((t) => t.name === name)!;
    const renamed = new Map(of('rename-column').filter((r) => r.table === name).map((r) => [r.to, r.from]));
    const altered = new Map(of('alter-column').filter((a) => a.table === name).map((a) => [a.to.name, a.from]));
    const added = new Set(of('add-column').filter((a) => a.table === name).map((a) => a.column.name));
    const targets: string[] = [];
    const sources: string[] = [];
    for (const c of table.columns) {
      if (added.has(c.name)) {
        if (c.nullable) continue;
        targets.push(q(c.name));
        sources.push(fill(c));
        continue;
      }
      const source = q(renamed.get(c.name) ?? c.name);
      const was = altered.get(c.name);
      targets.push(q(c.name));
      sources.push(was && was.nullable && !c.nullable && c.fill !== null ? `COALESCE(${source}, ${fill(c)})` : source);
    }
    const tmp = `${name}__new`;
    return [
      createTable(table, tmp),
      `INSERT INTO ${q(tmp)} (${targets.join(', ')}) SELECT ${sources.join(', ')} FROM ${q(name)}`,
      `DROP TABLE ${q(name)}`,
      `ALTER TABLE ${q(tmp)} RENAME TO ${q(name)}`,
      ...table.indexes.map((i) => createIndex(name, i)),
    ];
  }
}

/** A value as a SQL literal of the dialect (an existing row's fill, a default). */
export function literal(dialect: SqlDialect, value: JsonValue | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return dialect === 'postgres' ? String(value).toUpperCase() : value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}
