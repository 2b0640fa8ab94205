import { camelCase, pluralize } from '../config/naming.js';
import { ImportSyntaxError, ModelBuilder, entityName, fieldName, isBuiltInColumn, lineAt, type FieldOut } from './model.js';

/* The AST of node-sql-parser is untyped JSON; these are the parts we read. */
type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * PostgreSQL or MySQL DDL → model. `CREATE TYPE … AS ENUM` and `CREATE TABLE` are read; a table whose primary
 * key is two foreign keys and that has no other data is a many-to-many join table.
 */
export async function importSql(text: string, file: string): Promise<ModelBuilder> {
  // MySQL is recognised by what PostgreSQL never accepts: backquotes, ENGINE=, AUTO_INCREMENT.
  const database = /`|\bENGINE\s*=|\bAUTO_INCREMENT\b/i.test(text) ? 'mysql' : 'postgresql';
  // One dialect's build of the parser (about 300 KB) instead of the package's all-dialects entry (4 MB).
  const { Parser } = (database === 'mysql' ? await import('node-sql-parser/build/mysql.js') : await import('node-sql-parser/build/postgresql.js')).default;
  let ast: Node[];
  try {
    const parsed = new Parser().astify(text, { database }) as Node | Node[];
    ast = Array.isArray(parsed) ? parsed : [parsed];
  } catch (err) {
    const loc = (err as { location?: { start: { line: number; column: number } } }).location?.start;
    throw new ImportSyntaxError(`${file} is not valid ${database === 'mysql' ? 'MySQL' : 'PostgreSQL'} DDL: ${(err as Error).message}`, loc?.line ?? 1, loc?.column ?? 1);
  }
  const b = new ModelBuilder();
  const enums = new Map<string, string[]>();
  const tables = ast.filter((s) => s.type === 'create' && s.keyword === 'table');
  for (const s of ast) {
    if (s.type === 'create' && s.resource === 'enum') enums.set(String(s.name?.name ?? s.name).toLowerCase(), s.create_definitions.value.map((v: Node) => String(v.value)));
    else if (!(s.type === 'create' && (s.keyword === 'table' || s.keyword === 'type' || s.keyword === 'index'))) b.warn(statementLine(text, s), `statement ${String(s.type).toUpperCase()} ${s.keyword ? String(s.keyword).toUpperCase() : ''} has no equivalent in a backend.yaml; skipped`.replace(' ;', ';'));
  }
  const joinTables = new Set(tables.filter(isJoinTable));
  for (const t of tables) if (!joinTables.has(t)) b.entity(entityName(tableName(t)));
  for (const t of tables) {
    if (joinTables.has(t)) importJoinTable(t, b);
    else importTable(t, text, b, enums);
  }
  for (const s of ast) if (s.type === 'create' && s.keyword === 'index') importIndex(s, text, b);
  return b;
}

const tableName = (t: Node): string => String(t.table[0].table);
const columnName = (c: Node): string => String(typeof c.column.column === 'string' ? c.column.column : c.column.column.expr.value);
const refName = (r: Node): string => String(typeof r.column === 'string' ? r.column : r.column.expr.value);
const columns = (t: Node): Node[] => t.create_definitions.filter((d: Node) => d.resource === 'column');
const constraints = (t: Node): Node[] => t.create_definitions.filter((d: Node) => d.resource === 'constraint');

function primaryKey(t: Node): string[] {
  const inline = columns(t).filter((c) => c.primary_key).map(columnName);
  const table = constraints(t).filter((c) => /primary key/i.test(c.constraint_type)).flatMap((c) => c.definition.map(refName));
  return [...inline, ...table];
}

/** Foreign keys by column, from `REFERENCES` on a column or a `FOREIGN KEY` constraint. */
function foreignKeys(t: Node): Map<string, { table: string; onDelete?: string }> {
  const out = new Map<string, { table: string; onDelete?: string }>();
  const read = (ref: Node) => ({ table: String(ref.table[0].table), onDelete: ref.on_action?.find((a: Node) => a.type === 'on delete')?.value?.value as string | undefined });
  for (const c of columns(t)) if (c.reference_definition) out.set(columnName(c), read(c.reference_definition));
  for (const c of constraints(t)) if (/foreign key/i.test(c.constraint_type) && c.definition.length === 1) out.set(refName(c.definition[0]), read(c.reference_definition));
  return out;
}

function isJoinTable(t: Node): boolean {
  const pk = primaryKey(t);
  const fks = foreignKeys(t);
  const data = columns(t).map(columnName).filter((c) => !isBuiltInColumn(c) || pk.includes(c));
  return pk.length === 2 && pk.every((c) => fks.has(c)) && data.length === 2;
}

function importJoinTable(t: Node, b: ModelBuilder): void {
  const [a, c] = primaryKey(t).map((col) => foreignKeys(t).get(col)!.table);
  const from = entityName(a);
  const to = entityName(c);
  // The join table itself is generated under our naming; its two keys are all it held, so nothing is lost.
  b.entity(from).relations.set(camelCase(pluralize(to)), { kind: 'many-to-many', to });
}

/** A one-column index becomes `index: true` (or `unique: true`); a multi-column one has no equivalent. */
function importIndex(s: Node, text: string, b: ModelBuilder): void {
  const table = String(s.table?.table ?? s.table?.[0]?.table);
  const cols: string[] = (s.index_columns ?? s.columns ?? []).map(refName);
  const line = lineAt(text, Math.max(0, text.search(new RegExp(`create\\s+(unique\\s+)?index\\s+["\`]?${s.index}\\b`, 'i'))));
  const field = cols.length === 1 ? b.entities.get(entityName(table))?.fields.get(fieldName(cols[0])) : undefined;
  if (field) field[s.index_type === 'unique' ? 'unique' : 'index'] = true;
  else if (!(cols.length === 1 && b.entities.get(entityName(table))?.relations.has(fieldName(cols[0]).replace(/Id$/, '')))) b.warn(line, `index ${s.index} on ${table} (${cols.join(', ')}) has no equivalent (only one-column indexes are kept)`);
}

function importTable(t: Node, text: string, b: ModelBuilder, enums: Map<string, string[]>): void {
  const table = tableName(t);
  const entity = b.entity(entityName(table));
  const pk = primaryKey(t);
  const fks = foreignKeys(t);
  const uniques = new Set(columns(t).filter((c) => c.unique || c.unique_or_primary === 'unique').map(columnName));
  for (const c of constraints(t)) {
    if (!/unique/i.test(c.constraint_type)) continue;
    const cols = c.definition.map(refName);
    if (cols.length === 1) uniques.add(cols[0]);
    else b.warn(constraintLine(text, table, /unique/i), `unique constraint on (${cols.join(', ')}) of ${table}: multi-column constraints have no equivalent; add a check in the service`);
  }
  if (pk.length > 1) b.warn(tableLine(text, table), `composite primary key (${pk.join(', ')}) of ${table}: every entity gets a surrogate id; the columns are kept as fields`);
  else if (pk.length === 1 && fieldName(pk[0]) !== 'id') b.warn(columnLine(text, table, pk[0]), `primary key ${table}.${pk[0]} is replaced by the surrogate id; the column is kept as a unique field`);
  for (const c of constraints(t)) if (/check/i.test(c.constraint_type ?? '') || c.resource === 'check') applyCheck(c.definition?.[0], text, table, entity.fields, b);

  for (const c of columns(t)) {
    const col = columnName(c);
    const name = fieldName(col);
    const line = columnLine(text, table, col);
    if (isBuiltInColumn(col) && (pk.length === 1 && pk[0] === col || name !== 'id')) continue;
    const required = c.nullable?.type === 'not null' || (pk.includes(col) && pk.length === 1);
    const fk = fks.get(col);
    if (fk) {
      const relation = fieldName(col.replace(/_?id$/i, '')) || name;
      const onDelete = fk.onDelete === 'cascade' ? 'cascade' : fk.onDelete === 'set null' ? 'set-null' : undefined;
      if (fk.onDelete && !onDelete && !/restrict|no action/.test(fk.onDelete)) b.warn(line, `ON DELETE ${fk.onDelete.toUpperCase()} of ${table}.${col} has no equivalent; restrict is used`);
      entity.relations.set(relation, { kind: uniques.has(col) ? 'one-to-one' : 'many-to-one', to: entityName(fk.table), ...(required ? { required: true } : {}), ...(onDelete ? { onDelete } : {}) });
      continue;
    }
    const type = mapType(c.definition, enums, (m) => b.warn(line, `${table}.${col}: ${m}`));
    if (!type) continue;
    const field: FieldOut = { ...type, ...(required ? { required: true } : {}) };
    if (uniques.has(col) || (pk.length === 1 && pk[0] === col)) field.unique = true;
    const def = c.default_val?.value;
    if (def) {
      const v = literal(def);
      if (v !== undefined) field.default = type.type === 'boolean' && typeof v === 'number' ? v !== 0 : v;
      else b.warn(line, `${table}.${col}: default expression is not a constant and is not kept`);
    }
    entity.fields.set(name, field);
    if (c.check) applyCheck(c.check.definition?.[0], text, table, entity.fields, b);
  }
}

/** SQL type → field type; undefined (with a warning) when there is no equivalent. */
function mapType(def: Node, enums: Map<string, string[]>, warn: (m: string) => void): FieldOut | undefined {
  const t = String(def.dataType).toLowerCase();
  const len = typeof def.length === 'number' ? def.length : undefined;
  if (/^(varchar|character varying|nvarchar|char|character|nchar|string)$/.test(t)) return { type: 'string', ...(len ? { maxLength: len } : {}) };
  if (/^(text|tinytext|mediumtext|longtext|clob|citext)$/.test(t)) return { type: 'text' };
  if (t === 'tinyint' && len === 1) return { type: 'boolean' };
  if (/^(int|integer|int4|int2|smallint|tinyint|mediumint|serial|smallserial)$/.test(t)) return { type: 'integer' };
  if (/^(bigint|int8|bigserial)$/.test(t)) return { type: 'bigint' };
  if (/^(real|float|float4|float8|double|double precision)$/.test(t)) return { type: 'number' };
  if (/^(decimal|numeric|money)$/.test(t)) return { type: 'decimal', ...(len ? { precision: len } : {}), ...(typeof def.scale === 'number' ? { scale: def.scale } : {}) };
  if (/^(boolean|bool|bit)$/.test(t)) return { type: 'boolean' };
  if (t === 'date') return { type: 'date' };
  if (/^(timestamp|timestamptz|datetime|timestamp with time zone|timestamp without time zone)$/.test(t)) return { type: 'datetime' };
  if (t === 'uuid') return { type: 'uuid' };
  if (/^(json|jsonb)$/.test(t)) return { type: 'json' };
  if (t === 'enum' && def.expr?.value) return { type: 'enum', values: def.expr.value.map((v: Node) => String(v.value)) };
  if (enums.has(t)) return { type: 'enum', values: enums.get(t)! };
  warn(`type ${def.dataType} has no equivalent (${/blob|bytea|binary/.test(t) ? 'binary data belongs in object storage' : 'unsupported type'}); the column is not imported`);
  return undefined;
}

function literal(v: Node): unknown {
  if (v.type === 'number') return v.value;
  if (v.type === 'single_quote_string' || v.type === 'string') return v.value;
  if (v.type === 'bool' || v.type === 'boolean') return Boolean(v.value);
  return undefined;
}

/** `CHECK (x >= 0 AND x <= 9)` and `CHECK (x BETWEEN 0 AND 9)` become min/max; other checks are warnings. */
function applyCheck(expr: Node | undefined, text: string, table: string, fields: Map<string, FieldOut>, b: ModelBuilder): void {
  if (!expr) return;
  const bounds: Array<{ col: string; key: 'min' | 'max'; value: number }> = [];
  const walk = (e: Node): boolean => {
    if (e.type === 'binary_expr' && e.operator === 'AND') return walk(e.left) && walk(e.right);
    if (e.type === 'binary_expr' && e.operator === 'BETWEEN' && e.left.type === 'column_ref') {
      const [lo, hi] = e.right.value;
      if (lo.type !== 'number' || hi.type !== 'number') return false;
      bounds.push({ col: refName(e.left), key: 'min', value: lo.value }, { col: refName(e.left), key: 'max', value: hi.value });
      return true;
    }
    if (e.type === 'binary_expr' && /^(>=|<=|>|<)$/.test(e.operator) && e.left.type === 'column_ref' && e.right.type === 'number') {
      const strict = e.operator.length === 1;
      const min = e.operator.startsWith('>');
      bounds.push({ col: refName(e.left), key: min ? 'min' : 'max', value: strict ? e.right.value + (min ? 1 : -1) : e.right.value });
      return true;
    }
    return false;
  };
  const col = bounds[0]?.col;
  if (!walk(expr) || !bounds.every((x) => x.col === bounds[0].col)) {
    b.warn(col ? columnLine(text, table, col) : tableLine(text, table), `a CHECK constraint of ${table} is not a range on one column and has no equivalent`);
    return;
  }
  const field = fields.get(fieldName(bounds[0].col));
  if (!field) return;
  for (const x of bounds) field[x.key] = x.value;
}

function tableLine(text: string, table: string): number {
  const m = new RegExp(`create\\s+table\\s+(if\\s+not\\s+exists\\s+)?([\\w"\`]+\\.)?["\`]?${table}["\`]?`, 'i').exec(text);
  return m ? lineAt(text, m.index) : 1;
}

function columnLine(text: string, table: string, column: string): number {
  const start = new RegExp(`create\\s+table\\s+(if\\s+not\\s+exists\\s+)?([\\w"\`]+\\.)?["\`]?${table}["\`]?`, 'i').exec(text);
  const from = start ? start.index : 0;
  const m = new RegExp(`[(,\\s]["\`]?${column}["\`]?\\s`, 'i').exec(text.slice(from + (start?.[0].length ?? 0)));
  return m ? lineAt(text, from + (start?.[0].length ?? 0) + m.index + 1) : tableLine(text, table);
}

/** Line of the first table-level constraint matching `keyword` in the table's definition. */
function constraintLine(text: string, table: string, keyword: RegExp): number {
  const start = new RegExp(`create\\s+table\\s+(if\\s+not\\s+exists\\s+)?([\\w"\`]+\\.)?["\`]?${table}["\`]?`, 'i').exec(text);
  if (!start) return 1;
  const body = text.slice(start.index);
  const m = new RegExp(`\\n\\s*(constraint\\s+\\S+\\s+)?${keyword.source}[^\\n]*\\(`, 'i').exec(body);
  return m ? lineAt(text, start.index + m.index + 1) : lineAt(text, start.index);
}

/** Line of the statement's first words (`ALTER TABLE`, `CREATE VIEW`): the AST carries no position for them. */
function statementLine(text: string, s: Node): number {
  const words = [s.type, s.keyword].filter((w) => typeof w === 'string' && /^\w+$/.test(w));
  const m = new RegExp(`\\b${words.join('\\b[^;]*?\\b')}\\b`, 'i').exec(text);
  return m ? lineAt(text, m.index) : 1;
}
