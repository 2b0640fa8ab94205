import { quote, type SqlDialect } from '../../model/sql.js';
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

  /**
   * An enum's CHECK is a column constraint, written inside the column's definition as the other stacks write it:
   * PostgreSQL then names it `<table>_<column>_check` and MariaDB after the column, which later revisions rely on.
   */
  private columnArgs(c: ColumnModel): Arg[] {
    const check = c.check ? [{ head: 'sa.CheckConstraint', args: [pyStr(sqlText(this.enumCheck(c.name, c.check)))] }] : [];
    return [pyStr(c.name), this.saType(c.type), ...check, `nullable=${c.nullable ? 'True' : 'False'}`];
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

const pyList = (items: readonly string[]): string => `[${items.map(pyStr).join(', ')}]`;

/** SQL text for SQLAlchemy's `text()`, which reads `:name` as a bound parameter unless the colon is escaped. */
const sqlText = (sql: string): string => sql.replace(/:/g, '\\:');
