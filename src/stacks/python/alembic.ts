import { postgresCheckName, quote, type SqlDialect } from '../../model/sql.js';
import { literal } from '../../update/migration-sql.js';
import { columnBefore, type SchemaChange, type SchemaDiff, type SchemaStep } from '../../update/schema-diff.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel } from '../../update/table-model.js';
import { pyCall, pyStr } from './syntax.js';

/**
 * Alembic revisions written with `op.*` operations, as `alembic revision --autogenerate` and the FastAPI
 * template write them, from the schema as data (src/update/table-model.ts): the same tables, columns, indexes,
 * foreign keys and CHECK constraints, under the same names and with the same types, as the SQL the other stacks
 * run, so a database migrated by one stack is the same as another's.
 *
 * The types are the dialect's own (`postgresql.TIMESTAMP(precision=3)`, `mysql.MEDIUMTEXT()`, SQLite's TEXT):
 * a revision is frozen once written and targets the one database of the project, so it must not follow later
 * changes of the app's own column types.
 */

/** A revision's bodies and the `from sqlalchemy.dialects import …` modules their types need. */
export interface AlembicRevision {
  /** Statements of `upgrade()`, each already indented for a function body. */
  readonly upgrade: readonly string[];
  readonly downgrade: readonly string[];
  readonly dialectModules: readonly string[];
}

/** The first revision: every table with its indexes, then (PostgreSQL, MySQL) the foreign keys, which may point forward. */
export function initialRevision(schema: SchemaModel): AlembicRevision {
  const ops = new Ops(schema.dialect);
  const inlineFks = schema.dialect === 'sqlite'; // SQLite cannot add a foreign key to an existing table
  const upgrade = [
    ...schema.tables.flatMap((t) => [ops.createTable(t, inlineFks), ...t.indexes.map((i) => ops.createIndex(t.name, i))]),
    ...(inlineFks ? [] : schema.tables.flatMap((t) => t.foreignKeys.map((f) => ops.createForeignKey(t.name, f)))),
  ];
  const reversed = [...schema.tables].reverse();
  // The foreign keys go first, so each table can be dropped whatever refers to it; a table takes its indexes along.
  const downgrade = [
    ...(inlineFks ? [] : reversed.flatMap((t) => [...t.foreignKeys].reverse().map((f) => ops.dropForeignKey(t.name, f)))),
    ...reversed.map((t) => ops.dropTable(t.name)),
  ];
  return { upgrade, downgrade, dialectModules: ops.modules() };
}

/**
 * A revision of `create-backend update`: `upgrade()` from the model diff, `downgrade()` from the reverse one, in
 * the order src/update/migration-sql.ts gives the other stacks (foreign keys and indexes dropped before the
 * columns they use, added after the tables they reference). SQLite changes what ALTER TABLE cannot in
 * `op.batch_alter_table` (a new table, the rows copied, the old one dropped), with the migration's foreign key
 * enforcement off (migrations/env.py).
 */
export function updateRevision(up: SchemaStep, down: SchemaStep): AlembicRevision {
  const ops = new Ops(up.after.dialect);
  return { upgrade: ops.change(up), downgrade: ops.change(down), dialectModules: ops.modules() };
}

const MYSQL_TABLE_OPTIONS = ['mysql_engine="InnoDB"', 'mysql_charset="utf8mb4"', 'mysql_collate="utf8mb4_unicode_ci"'];

/** Renders single operations in `ruff format`'s layout (a function body: four spaces) for one dialect. */
class Ops {
  private readonly used = new Set<string>();

  constructor(private readonly dialect: SqlDialect) {}

  modules(): string[] {
    return [...this.used].sort();
  }

  createTable(t: TableModel, inlineFks: boolean): string {
    const items = [
      `        ${pyStr(t.name)},`,
      ...t.columns.map((c) => nestedCall(8, 'sa.Column', this.columnArgs(c), ',')),
      pyCall(8, 'sa.PrimaryKeyConstraint', t.primaryKey.map(pyStr), ')', ','),
      ...(inlineFks ? t.foreignKeys.map((f) => pyCall(8, 'sa.ForeignKeyConstraint', foreignKeyArgs(f), ')', ',')) : []),
      ...(this.dialect === 'mysql' ? MYSQL_TABLE_OPTIONS.map((o) => `        ${o},`) : []),
    ];
    return `    op.create_table(\n${items.join('\n')}\n    )`;
  }

  createIndex(table: string, i: IndexModel): string {
    return pyCall(4, 'op.create_index', [pyStr(i.name), pyStr(table), pyList(i.columns), ...(i.unique ? ['unique=True'] : [])]);
  }

  createForeignKey(table: string, f: ForeignKeyModel): string {
    return pyCall(4, 'op.create_foreign_key', [pyStr(f.name), pyStr(table), pyStr(f.target), pyList([f.column]), pyList(['id']), `ondelete=${pyStr(f.onDelete)}`]);
  }

  dropForeignKey(table: string, f: ForeignKeyModel): string {
    return pyCall(4, 'op.drop_constraint', [pyStr(f.name), pyStr(table), 'type_="foreignkey"']);
  }

  dropTable(table: string): string {
    return pyCall(4, 'op.drop_table', [pyStr(table)]);
  }

  change({ diff, before, after }: SchemaStep): string[] {
    const d = this.dialect;
    const of = <K extends SchemaChange['kind']>(kind: K) => diff.changes.filter((c): c is Extract<SchemaChange, { kind: K }> => c.kind === kind);
    const out: string[] = [];
    if (d !== 'sqlite') for (const { table, foreignKey } of of('drop-foreign-key')) out.push(this.dropForeignKey(table, foreignKey));
    const rebuilt = new Set(d === 'sqlite' ? diff.rebuilds : []);
    const newName = new Map(of('rename-table').map((r) => [r.from, r.to]));
    for (const { table, index } of of('drop-index')) {
      if (rebuilt.has(newName.get(table) ?? table)) continue; // dropped with the old table
      out.push(pyCall(4, 'op.drop_index', [pyStr(index.name), `table_name=${pyStr(table)}`]));
    }
    for (const { from, to } of of('rename-table')) {
      out.push(pyCall(4, 'op.rename_table', [pyStr(from), pyStr(to)]));
      if (d === 'postgres') {
        // PostgreSQL named the primary key and each enum's CHECK after the old table (a fresh table has
        // <table>_pkey and <table>_<column>_check, here under the old column names: a renamed column renames its
        // CHECK below), and Alembic has no operation that renames a constraint.
        const checks = (before.tables.find((x) => x.name === from)?.columns ?? []).filter((c) => c.check);
        out.push(this.renameConstraint(to, `${from}_pkey`, `${to}_pkey`));
        for (const c of checks) {
          const [was, now] = [postgresCheckName(from, c.name), postgresCheckName(to, c.name)];
          if (was !== now) out.push(this.renameConstraint(to, was, now));
        }
      }
    }
    for (const { table } of of('create-table')) out.push(this.createTable(table, d === 'sqlite'), ...table.indexes.map((i) => this.createIndex(table.name, i)));
    for (const name of rebuilt) out.push(...this.rebuild(name, diff, before, after));
    for (const change of diff.changes) {
      if (!('table' in change) || typeof change.table !== 'string' || rebuilt.has(change.table)) continue;
      const t = change.table;
      switch (change.kind) {
        case 'rename-column': {
          const was = columnBefore({ diff, before }, t, change.from);
          if (d === 'mysql' && was?.check) {
            // Alembic's CHANGE COLUMN would drop the column's CHECK, and RENAME COLUMN keeps the CHECK's name, which
            // MariaDB takes from the column: CHANGE COLUMN with the CHECK in the definition names it as a fresh
            // table does. The column keeps its type here; an alter_column after this changes what changes.
            const column = `${this.q(change.to)} ${was.type}${was.nullable ? '' : ' NOT NULL'} CHECK (${this.enumCheck(change.to, was.check)})`;
            out.push(nestedCall(4, 'op.execute', [pyStr(sqlText(`ALTER TABLE ${this.q(t)} CHANGE COLUMN ${this.q(change.from)} ${column}`))]));
          } else {
            const existing = d === 'mysql' && was ? [`existing_type=${this.saType(was.type)}`, `existing_nullable=${py(was.nullable)}`] : [];
            out.push(pyCall(4, 'op.alter_column', [pyStr(t), pyStr(change.from), `new_column_name=${pyStr(change.to)}`, ...existing]));
            if (d === 'postgres' && was?.check) out.push(this.renameConstraint(t, postgresCheckName(t, change.from), postgresCheckName(t, change.to)));
          }
          break;
        }
        case 'add-column':
          out.push(...this.addColumn(t, change.column));
          break;
        case 'drop-column':
          out.push(pyCall(4, 'op.drop_column', [pyStr(t), pyStr(change.column.name)]));
          break;
        case 'alter-column':
          out.push(...this.alterColumn(t, change.from, change.to));
          break;
      }
    }
    // A dropped table's own foreign keys go first, so the tables can go in any order.
    const dropped = of('drop-table').map((c) => c.table);
    if (d !== 'sqlite') for (const t of dropped) for (const f of t.foreignKeys) out.push(this.dropForeignKey(t.name, f));
    for (const t of dropped) out.push(this.dropTable(t.name));
    for (const { table, index } of of('add-index')) if (!rebuilt.has(table)) out.push(this.createIndex(table, index));
    if (d !== 'sqlite') {
      const adds = [...of('create-table').flatMap(({ table }) => table.foreignKeys.map((f) => ({ table: table.name, foreignKey: f }))), ...of('add-foreign-key')];
      for (const { table, foreignKey } of adds) out.push(this.createForeignKey(table, foreignKey));
    }
    return out.length > 0 ? out : ['    pass'];
  }

  /** A NOT NULL column takes the spec's default in the existing rows, and then has none, like a fresh one. */
  private addColumn(table: string, c: ColumnModel): string[] {
    if (c.nullable) return [nestedCall(4, 'op.add_column', [pyStr(table), this.column(c)])];
    return [
      nestedCall(4, 'op.add_column', [pyStr(table), this.column(c, true)]),
      pyCall(4, 'op.alter_column', [pyStr(table), pyStr(c.name), 'server_default=None', `existing_type=${this.saType(c.type)}`, 'existing_nullable=False']),
    ];
  }

  private alterColumn(table: string, from: ColumnModel, to: ColumnModel): string[] {
    const out = from.nullable && !to.nullable && to.fill !== null ? this.fill(table, to.name, to) : [];
    const args = [pyStr(table), pyStr(to.name), `existing_type=${this.saType(from.type)}`];
    if (from.type !== to.type) args.push(`type_=${this.saType(to.type)}`);
    args.push(from.nullable !== to.nullable ? `nullable=${py(to.nullable)}` : `existing_nullable=${py(from.nullable)}`);
    if (this.dialect === 'mysql') {
      if (!from.check && !to.check) return [...out, pyCall(4, 'op.alter_column', args)];
      // Alembic's MODIFY COLUMN would drop the column's CHECK (a column constraint, which it cannot write).
      const column = `${this.q(to.name)} ${to.type}${to.nullable ? '' : ' NOT NULL'}${to.check ? ` CHECK (${this.enumCheck(to.name, to.check)})` : ''}`;
      return [...out, nestedCall(4, 'op.execute', [pyStr(sqlText(`ALTER TABLE ${this.q(table)} MODIFY COLUMN ${column}`))])];
    }
    // PostgreSQL names a column's CHECK <table>_<column>_check (renamed with its table and column before this);
    // it is replaced around the change of the column.
    const check = pyStr(postgresCheckName(table, to.name));
    if (from.check) out.push(pyCall(4, 'op.drop_constraint', [check, pyStr(table), 'type_="check"', 'if_exists=True']));
    if (from.type !== to.type) args.push(`postgresql_using=${pyStr(`${this.q(to.name)}::${to.type}`)}`);
    if (from.type !== to.type || from.nullable !== to.nullable) out.push(pyCall(4, 'op.alter_column', args));
    if (to.check) out.push(nestedCall(4, 'op.create_check_constraint', [check, pyStr(table), pyStr(sqlText(this.enumCheck(to.name, to.check)))]));
    return out;
  }

  /** PostgreSQL: Alembic has no operation that renames a constraint. */
  private renameConstraint(table: string, from: string, to: string): string {
    return nestedCall(4, 'op.execute', [pyStr(`ALTER TABLE ${this.q(table)} RENAME CONSTRAINT ${this.q(from)} TO ${this.q(to)}`)]);
  }

  /** Existing rows without a value take the spec's default, before the column becomes NOT NULL. */
  private fill(table: string, column: string, c: ColumnModel): string[] {
    return [
      pyCall(4, 'table = sa.table', [pyStr(table), `sa.column(${pyStr(column)})`]),
      `    empty = table.c[${pyStr(column)}].is_(None)`,
      nestedCall(4, 'fill = sa.text', [pyStr(sqlText(literal(this.dialect, c.fill)))]),
      nestedCall(4, 'op.execute', [`table.update().where(empty).values({${pyStr(column)}: fill})`]),
    ];
  }

  /**
   * SQLite: the table rebuilt by `op.batch_alter_table` from its definition before this revision (`copy_from`,
   * so nothing is reflected), with the revision's changes applied on the way. A NOT NULL column is added first
   * with ALTER TABLE and a default (which fills the rows), and loses the default in the rebuild. An enum's CHECK
   * is a column constraint that no batch operation can change: `copy_from` carries it as the rebuilt table has it
   * (its new values, its column's new name), since batch mode writes it as given. The indexes are created again
   * afterwards.
   */
  private rebuild(name: string, diff: SchemaDiff, before: SchemaModel, after: SchemaModel): string[] {
    const of = <K extends SchemaChange['kind']>(kind: K) =>
      diff.changes.filter((c): c is Extract<SchemaChange, { kind: K }> => c.kind === kind && 'table' in c && c.table === name);
    const table = after.tables.find((t) => t.name === name)!;
    const oldName = diff.changes.find((c): c is Extract<SchemaChange, { kind: 'rename-table' }> => c.kind === 'rename-table' && c.to === name)?.from ?? name;
    const old = before.tables.find((t) => t.name === oldName)!;
    const added = of('add-column').map((a) => a.column);
    const early = added.filter((c) => !c.nullable);
    const renamedFrom = new Map(of('rename-column').map((r) => [r.to, r.from]));
    const altered = new Map(of('alter-column').map((a) => [a.to.name, a]));
    const newName = new Map([...renamedFrom].map(([to, from]) => [from, to]));
    const out: string[] = [];
    for (const c of early) out.push(...this.addColumn(name, c).slice(0, 1));
    for (const { from, to } of altered.values()) if (from.nullable && !to.nullable && to.fill !== null) out.push(...this.fill(name, from.name, to));
    // The columns as they are when the batch starts: the old ones, and those just added where a fresh table has them.
    const existing: Array<ColumnModel & { withDefault?: boolean; checkName?: string }> = old.columns.map((c) => {
      const name = newName.get(c.name) ?? c.name;
      return { ...c, check: altered.get(name)?.to.check ?? (altered.has(name) ? null : c.check), checkName: name };
    });
    for (const c of early) {
      const i = table.columns.findIndex((x) => x.name === c.name);
      const next = table.columns.slice(i + 1).map((x) => renamedFrom.get(x.name) ?? x.name).find((n) => existing.some((e) => e.name === n));
      existing.splice(next ? existing.findIndex((e) => e.name === next) : existing.length, 0, { ...c, withDefault: true });
    }
    const items = [
      `        ${pyStr(name)},`,
      '        sa.MetaData(),',
      ...existing.map((c) => nestedCall(8, 'sa.Column', this.columnArgs(c, c.withDefault === true, c.checkName), ',')),
      pyCall(8, 'sa.PrimaryKeyConstraint', old.primaryKey.map(pyStr), ')', ','),
      ...old.foreignKeys.map((f) => pyCall(8, 'sa.ForeignKeyConstraint', foreignKeyArgs(f), ')', ',')),
    ];
    out.push(`    existing = sa.Table(\n${items.join('\n')}\n    )`);
    const batch: string[] = [];
    for (const { foreignKey } of diff.changes.filter((c): c is Extract<SchemaChange, { kind: 'drop-foreign-key' }> => c.kind === 'drop-foreign-key' && c.table === oldName)) {
      batch.push(pyCall(8, 'batch_op.drop_constraint', [pyStr(foreignKey.name), 'type_="foreignkey"']));
    }
    for (const { column } of of('drop-column')) batch.push(pyCall(8, 'batch_op.drop_column', [pyStr(column.name)]));
    for (const c of table.columns) {
      const from = renamedFrom.get(c.name);
      const change = altered.get(c.name);
      const wasAdded = early.find((a) => a.name === c.name);
      const reshaped = change && (change.from.type !== c.type || change.from.nullable !== c.nullable);
      if (!from && !reshaped && !wasAdded) continue; // a new CHECK alone is in copy_from already
      const args = [pyStr(from ?? c.name)];
      if (from) args.push(`new_column_name=${pyStr(c.name)}`);
      args.push(`existing_type=${this.saType((change?.from ?? c).type)}`);
      if (change && change.from.type !== c.type) args.push(`type_=${this.saType(c.type)}`);
      if (wasAdded) args.push('server_default=None');
      args.push(change && change.from.nullable !== c.nullable ? `nullable=${py(c.nullable)}` : `existing_nullable=${py((change?.from ?? c).nullable)}`);
      batch.push(pyCall(8, 'batch_op.alter_column', args));
    }
    // Columns added as nullable go where a fresh table has them: before the next column it keeps.
    for (const c of added.filter((a) => a.nullable)) {
      const i = table.columns.findIndex((x) => x.name === c.name);
      const next = table.columns.slice(i + 1).find((x) => !added.some((a) => a.nullable && a.name === x.name));
      const position = next ? [`insert_before=${pyStr(renamedFrom.get(next.name) ?? next.name)}`] : [];
      batch.push(nestedCall(8, 'batch_op.add_column', [this.column(c), ...position]));
    }
    for (const { foreignKey: f } of of('add-foreign-key')) {
      batch.push(pyCall(8, 'batch_op.create_foreign_key', [pyStr(f.name), pyStr(f.target), pyList([f.column]), pyList(['id']), `ondelete=${pyStr(f.onDelete)}`]));
    }
    out.push(
      pyCall(4, 'with op.batch_alter_table', [pyStr(name), 'recreate="always"', 'copy_from=existing'], ')', ' as batch_op:'),
      ...(batch.length > 0 ? batch : ['        pass']),
      ...table.indexes.map((i) => this.createIndex(name, i)),
    );
    return out;
  }

  private q(identifier: string): string {
    return quote(this.dialect, identifier);
  }

  private column(c: ColumnModel, withDefault = false): Arg {
    return { head: 'sa.Column', args: this.columnArgs(c, withDefault) };
  }

  /**
   * An enum's CHECK is a column constraint, written inside the column's definition as the other stacks write it:
   * PostgreSQL then names it `<table>_<column>_check` and MariaDB after the column, which later revisions rely on.
   */
  private columnArgs(c: ColumnModel, withDefault = false, checkName = c.name): Arg[] {
    const check = c.check ? [{ head: 'sa.CheckConstraint', args: [pyStr(sqlText(this.enumCheck(checkName, c.check)))] }] : [];
    const fill = withDefault ? [{ head: 'server_default=sa.text', args: [pyStr(sqlText(literal(this.dialect, c.fill)))] }] : [];
    return [pyStr(c.name), this.saType(c.type), ...check, ...fill, `nullable=${py(c.nullable)}`];
  }

  private enumCheck(column: string, values: readonly string[]): string {
    return `${quote(this.dialect, column)} IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
  }

  /** The SQLAlchemy type that renders the DDL type of src/model/sql.ts (`columnType`) on this dialect. */
  private saType(sqlType: string): string {
    const t = sqlType.toLowerCase();
    const sized = /^(?:varchar|numeric|decimal)\((\d+)(?:,(\d+))?\)$/.exec(t);
    if (sized) return t.startsWith('varchar') ? `sa.String(${sized[1]})` : `sa.Numeric(${sized[1]}, ${sized[2]})`;
    const types: Record<SqlDialect, Record<string, string>> = {
      sqlite: { text: 'sa.Text()', integer: 'sa.Integer()', real: 'sa.REAL()' },
      postgres: {
        text: 'sa.Text()',
        integer: 'sa.Integer()',
        bigint: 'sa.BigInteger()',
        'double precision': 'sa.Double()',
        boolean: 'sa.Boolean()',
        date: 'sa.Date()',
        'timestamptz(3)': 'postgresql.TIMESTAMP(timezone=True, precision=3)',
        uuid: 'sa.Uuid()',
        jsonb: 'postgresql.JSONB()',
      },
      mysql: {
        mediumtext: 'mysql.MEDIUMTEXT()',
        int: 'sa.Integer()',
        bigint: 'sa.BigInteger()',
        double: 'sa.Double()',
        boolean: 'sa.Boolean()',
        date: 'sa.Date()',
        'datetime(3)': 'mysql.DATETIME(fsp=3)',
        'char(36)': 'sa.CHAR(36)',
        json: 'sa.JSON()',
      },
    };
    const type = types[this.dialect][t];
    if (!type) throw new Error(`no SQLAlchemy type for the ${this.dialect} column type ${sqlType}`);
    const module = /^(postgresql|mysql)\./.exec(type)?.[1];
    if (module) this.used.add(module);
    return type;
  }
}

function foreignKeyArgs(f: ForeignKeyModel): string[] {
  return [pyList([f.column]), pyList([`${f.target}.id`]), `name=${pyStr(f.name)}`, `ondelete=${pyStr(f.onDelete)}`];
}

/** An argument: source text, or a call that `ruff format` may split on its own lines. */
type Arg = string | { readonly head: string; readonly args: readonly Arg[] };

const flat = (a: Arg): string => (typeof a === 'string' ? a : `${a.head}(${a.args.map(flat).join(', ')})`);

/**
 * `head(args)` as `ruff format` writes it when an argument is itself a call: on one line when it fits, else the
 * arguments on one indented line, else one per line with a magic trailing comma and each call split the same
 * way. A single argument too long for any line stays alone between the brackets, without a comma.
 */
function nestedCall(indent: number, head: string, args: readonly Arg[], tail = ''): string {
  const pad = ' '.repeat(indent);
  const one = `${pad}${head}(${args.map(flat).join(', ')})${tail}`;
  if (one.length <= LINE) return one;
  const inner = `${pad}    ${args.map(flat).join(', ')}`;
  if (inner.length <= LINE || (args.length === 1 && typeof args[0] === 'string')) return `${pad}${head}(\n${inner}\n${pad})${tail}`;
  const lines = args.map((a) => (typeof a === 'string' ? `${pad}    ${a},` : nestedCall(indent + 4, a.head, a.args, ',')));
  return `${pad}${head}(\n${lines.join('\n')}\n${pad})${tail}`;
}

const LINE = 100;

const py = (value: boolean): string => (value ? 'True' : 'False');

const pyList = (items: readonly string[]): string => `[${items.map(pyStr).join(', ')}]`;

/** SQL text for SQLAlchemy's `text()`, which reads `:name` as a bound parameter unless the colon is escaped. */
const sqlText = (sql: string): string => sql.replace(/:/g, '\\:');
