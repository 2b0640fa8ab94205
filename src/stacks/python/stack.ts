import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { JsonValue } from '../../config/types.js';
import { PRIVATE_NETWORKS } from '../../model/deployment.js';
import type { EntityView, FieldView, RelationView, ViewModel } from '../../model/view-model.js';
import { pythonPattern } from '../../model/pattern-dialects.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { pyAttribute, pyModelClasses, pyModule } from './names.js';
import type { InstallCommand, StackDescriptor } from '../types.js';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * Python stack: FastAPI + SQLAlchemy 2 + Alembic. Everything Python-specific that templates need (type
 * annotations, SQLAlchemy column types, literals for tests) is computed here, so templates only print.
 */

const VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/python/versions/requirements.txt');

/** Groups of pinned requirements (`# [group]` headers) from the one versions manifest. */
export function readVersions(text: string = readFileSync(VERSIONS_FILE, 'utf8')): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  let current: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^#\s*\[([a-z0-9-]+)\]$/.exec(line);
    if (header) {
      current = header[1];
      groups[current] = [];
    } else if (line && !line.startsWith('#')) {
      if (!current) throw new Error(`python versions: requirement ${line} before any # [group] line`);
      groups[current].push(line);
    }
  }
  return groups;
}

const LINE = 100;

/** `name = (a, b)` as `ruff format` writes a tuple: on one line when it fits, else one item per line. */
function pyTupleAssign(indent: number, head: string, items: readonly string[]): string {
  const pad = ' '.repeat(indent);
  const one = `${pad}${head}(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  if (one.length <= LINE) return one;
  return `${pad}${head}(\n${items.map((i) => `${pad}    ${i},`).join('\n')}\n${pad})`;
}

/** A tuple literal, exploded one item per line (a magic trailing comma keeps `ruff format` from joining it). */
const pyTuple = (items: readonly string[]): string => (items.length === 0 ? '()' : items.length === 1 ? `(${items[0]},)` : `(\n${items.map((i) => `    ${i},`).join('\n')}\n)`);

/**
 * `head(arg, arg)` formatted exactly as `ruff format` would (black's right-hand split): one line when it fits,
 * else the arguments on one indented line, else one argument per line with a magic trailing comma.
 */
export function pyCall(indent: number, head: string, args: readonly string[], close = ')', tail = ''): string {
  const pad = ' '.repeat(indent);
  const open = close === ')' ? '(' : '[';
  const one = `${pad}${head}${open}${args.join(', ')}${close}${tail}`;
  if (one.length <= LINE) return one;
  // `name: Type = Field(` longer than a line: ruff parenthesizes the right-hand side instead.
  const assign = head.indexOf(' = ');
  if (`${pad}${head}${open}`.length > LINE && assign > 0) {
    const call = pyCall(indent + 4, head.slice(assign + 3), args, close);
    return `${pad}${head.slice(0, assign)} = (\n${call}\n${pad})${tail}`;
  }
  const inner = `${pad}    ${args.join(', ')}`;
  if (inner.length <= LINE && !(args.length > 1 && close === ']'))
    return `${pad}${head}${open}\n${inner}\n${pad}${close}${tail}`;
  return `${pad}${head}${open}\n${args.map((a) => `${pad}    ${a},`).join('\n')}\n${pad}${close}${tail}`;
}

const INT32 = [-2147483648, 2147483647] as const;
/** A bigint's range on every stack: JSON numbers are exact integers only up to 2^53 - 1. */
const SAFE_INTEGER = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const;

/** A Python string literal in the quotes `ruff format` prefers (double, unless single needs fewer escapes). */
export function pyStr(value: string): string {
  const body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  return doubles > singles ? `'${body.replace(/'/g, "\\'")}'` : `"${body.replace(/"/g, '\\"')}"`;
}

/** A JSON value as a Python literal (JSON string escapes are valid Python escapes). */
export function pyLiteral(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyLiteral(x)}`).join(', ')}}`;
}

const kw = (parts: Array<[string, string | number | null]>): string =>
  parts.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(', ');

function sqlaType(f: FieldView): string {
  switch (f.type) {
    case 'string': case 'email': case 'url': case 'enum': return `sa.String(${f.maxLength ?? 255})`;
    case 'text': return 'sa.Text()';
    case 'integer': return 'sa.Integer()';
    case 'bigint': return 'sa.BigInteger()';
    case 'number': return 'sa.Double()';
    case 'decimal': return `st.DecimalType(${f.precision}, ${f.scale})`;
    case 'boolean': return 'sa.Boolean()';
    case 'date': return 'sa.Date()';
    case 'datetime': return 'st.UtcDateTime()';
    case 'uuid': return 'st.UuidString()';
    case 'json': return 'st.JsonType()';
  }
}

/** The Python type of a mapped column, qualified so that entity class names never shadow it. */
function mappedType(f: FieldView): string {
  switch (f.type) {
    case 'integer': case 'bigint': return 'int';
    case 'number': return 'float';
    case 'decimal': return 'decimal.Decimal';
    case 'boolean': return 'bool';
    case 'date': return 'dt.date';
    case 'datetime': return 'dt.datetime';
    case 'json': return 'Any';
    default: return 'str';
  }
}

function storedType(f: FieldView): string {
  switch (f.type) {
    case 'integer': case 'bigint': return 'int';
    case 'number': return 'float';
    case 'decimal': return 'Decimal';
    case 'boolean': return 'bool';
    case 'date': return 'date';
    case 'datetime': return 'datetime';
    case 'json': return 'JsonValue';
    default: return 'str';
  }
}

function readType(f: FieldView): string {
  switch (f.type) {
    case 'decimal': return 'DecimalOut';
    case 'datetime': return 'DateTimeOut';
    case 'enum': return enumType(f);
    default: return storedType(f);
  }
}

const numBounds = (f: FieldView, lo: number | string, hi: number | string): Array<[string, string | number | null]> => [
  ['ge', f.min !== null ? Math.max(f.min, Number(lo)) : lo],
  ['le', f.max !== null ? Math.min(f.max, Number(hi)) : hi],
];

const enumType = (f: FieldView): string => `${f.names.pascal}Choice`;

/** The text type of a field with a `pattern`, or an email or url: a search with ECMA-262's meaning (see `TextPattern`). */
const patternType = (f: FieldView): string => `${f.names.pascal}Text`;
const hasTextPattern = (f: FieldView): boolean => f.pattern !== null && ['string', 'text', 'email', 'url'].includes(f.type);
/** The `TextPattern` a text field is checked with: the model's pattern, else the rule of its format. */
function textRule(f: FieldView): string | null {
  if (hasTextPattern(f)) return `TextPattern(${[pyStr(f.pattern!), pyStr(pythonPattern(f.pattern!))].join(', ')})`;
  if (f.isEmail) return 'EMAIL_TEXT';
  if (f.isUrl) return 'URL_TEXT';
  return null;
}

/** The input type and the constraint keywords of `Field(...)` for one field. */
function inputType(f: FieldView): { type: string; constraints: string[] } {
  const len: Array<[string, string | number | null]> = [['min_length', f.minLength], ['max_length', f.maxLength]];
  const c = (parts: Array<[string, string | number | null]>) =>
    parts.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
  switch (f.type) {
    case 'string': case 'text': case 'email': case 'url': {
      // The type holds the text rules too: the length is checked before the pattern, as on the other stacks.
      if (textRule(f) !== null) return { type: patternType(f), constraints: [] };
      return { type: 'str', constraints: c([['strict', 'True'], ...len]) };
    }
    case 'enum':
      return { type: enumType(f), constraints: [] };
    case 'integer':
      return { type: 'int', constraints: c([['strict', 'True'], ...numBounds(f, INT32[0], INT32[1])]) };
    case 'bigint':
      return { type: 'int', constraints: c([['strict', 'True'], ...numBounds(f, SAFE_INTEGER[0], SAFE_INTEGER[1])]) };
    case 'number':
      return { type: 'float', constraints: c([['strict', 'True'], ['allow_inf_nan', 'False'], ['ge', f.min], ['le', f.max]]) };
    case 'decimal':
      return { type: `${f.names.pascal}Decimal`, constraints: [] };
    case 'boolean': return { type: 'bool', constraints: ['strict=True'] };
    case 'date': return { type: 'DateIn', constraints: [] };
    case 'datetime': return { type: 'DateTimeIn', constraints: [] };
    case 'uuid': return { type: 'UuidIn', constraints: [] };
    case 'json': return { type: 'JsonIn', constraints: [] };
  }
}

function filterType(f: FieldView): string | null {
  switch (f.type) {
    case 'string': case 'text': case 'email': case 'url': return 'str';
    case 'enum': return enumType(f);
    case 'integer': return `Annotated[int, Field(ge=${INT32[0]}, le=${INT32[1]})]`;
    case 'bigint': return `Annotated[int, Field(ge=${SAFE_INTEGER[0]}, le=${SAFE_INTEGER[1]})]`;
    case 'number': return 'Annotated[float, Field(allow_inf_nan=False)]';
    case 'decimal': return `${f.names.pascal}DecimalFilter`;
    case 'boolean': return 'bool';
    case 'date': return 'DateIn';
    case 'datetime': return 'DateTimeIn';
    case 'uuid': return 'UuidIn';
    default: return null;
  }
}

function toRead(f: FieldView, attr: string): string {
  if (f.isDecimal) {
    const conv = `decimal_out(row.${attr}, ${f.scale})`;
    return `${attr}=${f.nullable ? `None if row.${attr} is None else ${conv}` : conv}`;
  }
  if (f.isEnum) return `${attr}=cast(${f.nullable ? `${enumType(f)} | None` : enumType(f)}, row.${attr})`;
  return `${attr}=row.${attr}`;
}

/** A value of the wrong JSON type for the field (400 expected) and the message, or null for json (anything goes). */
function wrongType(f: FieldView): { value: string; message: string } | null {
  switch (f.type) {
    case 'integer': case 'bigint': return { value: '"12"', message: 'must be an integer' };
    case 'number': return { value: '"12"', message: 'must be a number' };
    case 'boolean': return { value: '"yes"', message: 'must be a boolean' };
    case 'json': return null;
    // A JSON number is a decimal too (SPEC 5), so a boolean is the wrong type here.
    case 'decimal': return { value: 'True', message: formatMessage(f) };
    case 'string': case 'text': case 'email': case 'url': return { value: '12345', message: 'must be a string' };
    default: return { value: '12345', message: formatMessage(f) };
  }
}

/** The message of a value of the right JSON type in the wrong format (one wording per rule on every stack). */
function formatMessage(f: FieldView): string {
  switch (f.type) {
    case 'enum': return `must be one of: ${f.values!.join(', ')}`;
    case 'date': return 'must be a date (YYYY-MM-DD)';
    case 'datetime': return 'must be an RFC 3339 date-time';
    case 'uuid': return 'must be a UUID';
    case 'decimal': return `must be a decimal number with at most ${f.precision} digits, ${f.scale} after the point`;
    default: return 'must be a string';
  }
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** Values of the right type that break one constraint each, with a label for the test id and the message. */
function invalidValues(f: FieldView): Array<{ label: string; value: string; message: string }> {
  const out: Array<{ label: string; value: string; message: string }> = [];
  const push = (label: string, value: string, message: string) => out.push({ label, value, message });
  if (f.isTextual && !f.isEnum && !f.isUuid) {
    if (f.maxLength !== null) push('too-long', `"x" * ${f.maxLength + 1}`, `must be at most ${f.maxLength} characters`);
    if (f.minLength !== null && f.minLength > 0) push('too-short', `"x" * ${f.minLength - 1}`, `must be at least ${f.minLength} characters`);
    if (f.pattern !== null) {
      // The shared invalid values: chosen not to match this pattern (a fixed text would match `\S+`), and a
      // match with a newline after it, which `re` would accept for a `$` it did not read as ECMA-262 does.
      const mismatches = f.invalidSamples.filter((s) => s.reason.startsWith('not matching the pattern'));
      mismatches.forEach((s, i) => push(i === 0 ? 'pattern' : 'pattern-newline', pyLiteral(JSON.parse(s.json) as JsonValue), s.message));
    }
    else if (f.isEmail) push('format', '"not-an-email"', 'must be an email address');
    else if (f.isUrl) push('format', '"not a url"', 'must be a URL');
  }
  // PostgreSQL text and jsonb cannot store U+0000, so it is refused on every database.
  if (f.type === 'string' || f.type === 'text') push('nul', '"a\\x00b"', NUL_MESSAGE);
  if (f.isJson) push('nul', '{"text": "a\\x00b"}', NUL_MESSAGE);
  if (f.isUuid) push('format', '"not-a-uuid"', formatMessage(f));
  if (f.isEnum) push('choice', '"not-a-choice"', formatMessage(f));
  if (f.isDate) push('format', '"2024-02-30"', formatMessage(f));
  if (f.isDatetime) {
    push('format', '"yesterday"', formatMessage(f));
    push('no-offset', '"2024-01-01T10:00:00"', formatMessage(f));
  }
  if (f.isInteger || f.isBigint) {
    const [lo, hi] = f.isInteger ? INT32 : SAFE_INTEGER;
    const [[, ge], [, le]] = numBounds(f, lo, hi);
    push('below-min', f.min !== null ? String(Math.ceil(f.min) - 1) : `${lo} - 1`, `must be at least ${ge}`);
    push('above-max', f.max !== null ? String(Math.floor(f.max) + 1) : `${hi} + 1`, `must be at most ${le}`);
    push('fraction', '1.5', 'must be an integer');
  }
  if (f.isNumber) {
    if (f.min !== null) push('below-min', String(f.min - 1), `must be at least ${f.min}`);
    if (f.max !== null) push('above-max', String(f.max + 1), `must be at most ${f.max}`);
  }
  if (f.isDecimal) {
    const s = f.scale ?? 2;
    const p = f.precision ?? 12;
    push('not-a-number', '"abc"', formatMessage(f));
    if (s >= 0) {
      push('scale', JSON.stringify(`1.${'1'.repeat(s + 1)}`), formatMessage(f));
      push('number-scale', `1.${'1'.repeat(s + 1)}`, formatMessage(f));
    }
    push('precision', JSON.stringify('9'.repeat(p - s + 1)), formatMessage(f));
    if (f.min !== null) push('below-min', JSON.stringify(String(f.min - 1)), `must be at least ${f.min}`);
    if (f.max !== null) push('above-max', JSON.stringify(String(f.max + 1)), `must be at most ${f.max}`);
  }
  if (f.isBoolean) push('number', '1', 'must be a boolean');
  return out;
}

/** A query-string form of a sample value (`true`, `19.50`, `name 1`), or null when it cannot be filtered. */
function queryValue(f: FieldView, v: JsonValue | null): string | null {
  if (v === null || !f.filterable) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return null;
}

interface PyField {
  name: string;
  attr: string;
  column: string;
  required: boolean;
  nullable: boolean;
  sqla: string;
  mapped: string;
  modelLine: string;
  aliases: string[];
  create: string;
  update: string;
  read: string;
  filter: string | null;
  toRead: string;
  isEnum: boolean;
  enumType: string | null;
  sample: string;
  sampleAlt: string;
  hasSample: boolean;
  defaultLiteral: string;
  defaultResponse: string;
  hasDefault: boolean;
  wrongType: { value: string; message: string } | null;
  invalid: Array<{ label: string; value: string; message: string }>;
  filterValue: string | null;
  filterValueAlt: string | null;
  sortable: boolean;
  unique: boolean;
  isDecimal: boolean;
  isJson: boolean;
  scale: number | null;
}

const defaultConstant = (f: FieldView): string => `${f.names.upperSnake}_DEFAULT`;

/**
 * A field's default as a typed Python expression (mypy --strict refuses a string for a datetime field): a
 * Decimal, date or UTC datetime value, or the typed constant of a json object or array (pydantic copies it).
 */
function pyDefault(f: FieldView): string {
  const value = f.default as JsonValue;
  if (f.isDecimal) return `Decimal(${JSON.stringify(String(value))})`;
  if (f.isDate) {
    const [y, m, d] = String(value).split('-').map(Number);
    return `date(${y}, ${m}, ${d})`;
  }
  if (f.isDatetime) {
    const t = new Date(String(value));
    const parts = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
    if (t.getUTCSeconds() !== 0 || t.getUTCMilliseconds() !== 0) parts.push(t.getUTCSeconds());
    if (t.getUTCMilliseconds() !== 0) parts.push(t.getUTCMilliseconds() * 1000);
    return `datetime(${parts.join(', ')}, tzinfo=UTC)`;
  }
  if (f.isJson && typeof value === 'object' && value !== null) return defaultConstant(f);
  return pyLiteral(value);
}

function pyField(f: FieldView): PyField {
  const attr = pyAttribute(f.names.snake);
  const sample = f.sampleJson === null ? null : (JSON.parse(f.sampleJson) as JsonValue);
  const alt = f.sampleAltJson === null ? null : (JSON.parse(f.sampleAltJson) as JsonValue);
  const input = inputType(f);
  const alias = `alias=${JSON.stringify(f.name)}`;
  const defaultValue = f.hasDefault ? pyDefault(f) : 'None';
  const defaultLiteral = f.hasDefault ? pyLiteral(f.default) : 'None';
  // SPEC 5: a field with a default may be left out of a POST even when required; the default applies. Only
  // a required field without one must be sent, and only a required field refuses null.
  const createType = f.required ? input.type : `${input.type} | None`;
  const mustSend = f.required && !f.hasDefault;
  const createArgs = mustSend ? [alias, ...input.constraints] : [`default=${defaultValue}`, alias, ...input.constraints];
  const filter = filterType(f);
  const mapped = f.nullable ? `Mapped[${mappedType(f)} | None]` : `Mapped[${mappedType(f)}]`;
  const aliases: string[] = [];
  if (f.hasDefault && f.isJson && typeof f.default === 'object' && f.default !== null) {
    // A typed constant: mypy infers a bare dict or list literal as dict[str, list[str]], which is no JsonValue.
    aliases.push(`${defaultConstant(f)}: JsonValue = ${pyLiteral(f.default)}`);
  }
  if (f.isEnum) aliases.push(pyCall(0, `${enumType(f)} = Literal`, f.values!.map((v) => JSON.stringify(v)), ']'));
  const rule = textRule(f);
  if (rule !== null) {
    const text = kw([['strict', 'True'], ['min_length', f.minLength], ['max_length', f.maxLength]]);
    const one = pyCall(0, `${patternType(f)} = Annotated`, ['str', `Field(${text})`, rule], ']');
    // Too long for one line: one item per line, TextPattern(...) split as ruff splits a call.
    const args = [pyStr(f.pattern ?? ''), pyStr(pythonPattern(f.pattern ?? ''))];
    const split = hasTextPattern(f) ? pyCall(4, 'TextPattern', args, ')', ',') : `    ${rule},`;
    aliases.push(one.includes('\n') ? `${patternType(f)} = Annotated[\n    str,\n    Field(${text}),\n${split}\n]` : one);
  }
  if (f.isDecimal) {
    const bound = (v: number | null) => (v === null ? 'None' : JSON.stringify(String(v)));
    aliases.push(pyCall(0, `${f.names.pascal}Decimal = Annotated`, ['Decimal', `decimal_input(${f.precision}, ${f.scale}, ${bound(f.min)}, ${bound(f.max)})`], ']'));
    if (f.filterable) aliases.push(pyCall(0, `${f.names.pascal}DecimalFilter = Annotated`, ['Decimal', `decimal_input(${f.precision}, ${f.scale}, None, None)`], ']'));
  }
  return {
    name: f.name,
    attr,
    column: f.column,
    required: f.required,
    nullable: f.nullable,
    sqla: sqlaType(f),
    mapped,
    modelLine: pyCall(4, `${attr}: ${mapped} = mapped_column`, [JSON.stringify(f.column), sqlaType(f), ...(f.unique ? ['unique=True'] : [])]),
    create: pyCall(4, `${attr}: ${createType} = Field`, createArgs),
    update: pyCall(4, `${attr}: ${input.type} | None = Field`, ['default=None', alias, ...input.constraints]),
    read: pyCall(4, `${attr}: ${f.nullable ? `${readType(f)} | None` : readType(f)} = Field`, [alias]),
    filter: filter && f.filterable ? pyCall(4, `${attr}: ${filter} | None = Field`, ['default=None', alias]) : null,
    aliases,
    toRead: toRead(f, attr),
    isEnum: f.isEnum,
    enumType: f.isEnum ? enumType(f) : null,
    sample: pyLiteral(sample),
    sampleAlt: pyLiteral(alt),
    hasSample: sample !== null,
    defaultLiteral,
    defaultResponse: f.isDecimal && f.hasDefault
      ? pyStr(Number(f.default).toFixed(f.scale ?? 2))
      // The server writes every date-time back in UTC with milliseconds.
      : f.isDatetime && f.hasDefault ? pyStr(new Date(String(f.default)).toISOString()) : defaultLiteral,
    hasDefault: f.hasDefault,
    wrongType: wrongType(f),
    invalid: invalidValues(f),
    filterValue: queryValue(f, sample),
    filterValueAlt: queryValue(f, alt),
    sortable: f.sortable,
    unique: f.unique,
    isDecimal: f.isDecimal,
    isJson: f.isJson,
    scale: f.scale,
  };
}

interface PyRelation {
  name: string;
  attr: string;
  alias: string;
  column: string;
  required: boolean;
  isOneToOne: boolean;
  targetModel: string;
  targetTable: string;
  targetModule: string;
  targetOwned: boolean;
  targetTitle: string;
  ondelete: string;
}

function pyForeignKey(r: RelationView, classes: ReadonlyMap<string, string>): PyRelation & Record<string, unknown> {
  const targetModule = pyModule(r.target.names.snake);
  const attr = pyAttribute(r.fkNames!.snake);
  const alias = `alias=${JSON.stringify(r.fkField!)}`;
  const ondelete = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' }[r.onDelete];
  return {
    modelLine: pyCall(4, `${attr}: Mapped[str${r.required ? '' : ' | None'}] = mapped_column`, [
      JSON.stringify(r.fkColumn!),
      'st.UuidString()',
      // use_alter: SQLAlchemy leaves the key that closes a table cycle out when it sorts tables (tests empty them).
      `sa.ForeignKey(${JSON.stringify(`${r.target.table}.id`)}, ondelete=${JSON.stringify(ondelete)}${r.closesCycle ? ', use_alter=True' : ''})`,
      ...(r.isOneToOne ? ['unique=True'] : []),
    ]),
    create: pyCall(4, `${attr}: UuidIn${r.required ? '' : ' | None'} = Field`, r.required ? [alias] : ['default=None', alias]),
    update: pyCall(4, `${attr}: UuidIn | None = Field`, ['default=None', alias]),
    read: pyCall(4, `${attr}: str${r.required ? '' : ' | None'} = Field`, [alias]),
    filter: pyCall(4, `${attr}: UuidIn | None = Field`, ['default=None', alias]),
    name: r.name,
    attr: pyAttribute(r.fkNames!.snake),
    alias: r.fkField!,
    column: r.fkColumn!,
    required: r.required,
    isOneToOne: r.isOneToOne,
    targetModel: classes.get(r.target.names.pascal)!,
    targetTable: r.target.table,
    targetModule,
    targetSnake: r.target.names.snake,
    targetName: r.target.name,
    targetOwned: r.target.owned,
    targetTitle: r.target.names.title,
    ondelete: { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' }[r.onDelete],
  };
}

interface PyManyToMany {
  attr: string;
  alias: string;
  table: string;
  tableVar: string;
  sourceColumn: string;
  targetColumn: string;
  targetModel: string;
  targetModule: string;
  targetOwned: boolean;
}

function pyManyToMany(r: RelationView, classes: ReadonlyMap<string, string>): PyManyToMany & Record<string, unknown> {
  const attr = pyAttribute(r.idsNames!.snake);
  const alias = `alias=${JSON.stringify(r.idsField!)}`;
  return {
    create: pyCall(4, `${attr}: list[UuidIn] = Field`, ['default_factory=list', alias]),
    update: pyCall(4, `${attr}: list[UuidIn] | None = Field`, ['default=None', alias]),
    read: pyCall(4, `${attr}: list[str] = Field`, [alias]),
    targetTable: r.target.table,
    attr: pyAttribute(r.idsNames!.snake),
    alias: r.idsField!,
    table: r.joinTable!,
    tableVar: `${r.joinTable!}_table`,
    sourceColumn: r.joinSourceColumn!,
    targetColumn: r.joinTargetColumn!,
    targetModel: classes.get(r.target.names.pascal)!,
    targetModule: pyModule(r.target.names.snake),
    targetSnake: r.target.names.snake,
    targetName: r.target.name,
    targetOwned: r.target.owned,
  };
}

function pyEntity(e: EntityView, testable: ReadonlySet<string>, classes: ReadonlyMap<string, string>) {
  const module = pyModule(e.names.snake);
  const modelClass = classes.get(e.names.pascal)!;
  const fields = e.fields.map(pyField);
  const foreignKeys = e.foreignKeys.map((r) => pyForeignKey(r, classes));
  const manyToMany = e.manyToMany.map((r) => pyManyToMany(r, classes));
  const sortKeys = [
    ...fields.filter((f) => f.sortable).map((f) => ({ key: f.name, attr: f.attr, isDecimal: f.isDecimal })),
    ...foreignKeys.map((r) => ({ key: r.alias, attr: r.attr, isDecimal: false })),
    { key: 'createdAt', attr: 'created_at', isDecimal: false },
    { key: 'updatedAt', attr: 'updated_at', isDecimal: false },
  ];
  const sortLiteral = sortKeys.flatMap((k) => [JSON.stringify(k.key), JSON.stringify(`-${k.key}`)]).join(', ');
  const filterField = fields.find((f) => f.filterValue !== null && f.filterValueAlt !== null && f.filterValue !== f.filterValueAlt) ?? null;
  const patchField = fields.find((f) => f.hasSample && f.sampleAlt !== f.sample && !f.unique) ?? fields.find((f) => f.hasSample && f.sampleAlt !== f.sample) ?? null;
  const inbound = e.referencedBy.map((ib) => ({
    sourceSnake: ib.source.names.snake,
    sourceModel: classes.get(ib.source.names.pascal)!,
    sourceTitle: ib.source.names.title,
    sourcePath: ib.source.path,
    sourceTable: ib.source.table,
    fkAlias: ib.relation.fkField!,
    fkAttr: pyAttribute(ib.relation.fkNames!.snake),
    restrict: ib.relation.onDeleteRestrict,
    cascade: ib.relation.onDeleteCascade,
    setNull: ib.relation.onDeleteSetNull,
    sourceTestable: testable.has(ib.source.name),
    selfReference: ib.source.name === e.name,
  }));
  return {
    schemaImports: schemaImports(e),
    enumTypes: fields.filter((f) => f.isEnum).map((f) => f.enumType),
    hasEnums: fields.some((f) => f.isEnum),
    uniqueChecks: [
      ...fields.filter((f) => f.unique).map((f) => ({ attr: f.attr, alias: f.name })),
      ...foreignKeys.filter((r) => r.isOneToOne).map((r) => ({ attr: r.attr, alias: r.alias })),
    ],
    hasUniqueChecks: fields.some((f) => f.unique) || foreignKeys.some((r) => r.isOneToOne),
    notNull: [
      ...fields.filter((f) => f.required).map((f) => ({ attr: f.attr, alias: f.name })),
      ...foreignKeys.filter((r) => r.required).map((r) => ({ attr: r.attr, alias: r.alias })),
    ],
    hasNotNull: fields.some((f) => f.required) || foreignKeys.some((r) => r.required),
    hasDecimal: fields.some((f) => f.isDecimal),
    hasReferences: foreignKeys.length > 0 || manyToMany.length > 0,
    needsUser: e.owned || foreignKeys.some((r) => r.targetOwned) || manyToMany.some((r) => r.targetOwned),
    readArgs: [
      `id=row.id`,
      ...fields.map((f) => f.toRead),
      ...foreignKeys.map((r) => `${r.attr}=row.${r.attr}`),
      ...manyToMany.map((r) => `${r.attr}=links[${JSON.stringify(r.alias)}].get(row.id, [])`),
      'created_at=row.created_at',
      'updated_at=row.updated_at',
    ],
    schemaNames: pyImport(`app.schemas.${module}`, [
      ...['Create', 'Page', 'Query', 'Read', 'Update'].map((k) => `${e.names.pascal}${k}`),
      ...fields.filter((f) => f.isEnum).map((f) => f.enumType!),
    ]),
    sampleEntries: fields.filter((f) => f.hasSample).map((f) => `${pyStr(f.name)}: ${f.sample}`),
    altEntries: fields.filter((f) => f.hasSample).map((f) => `${pyStr(f.name)}: ${f.sampleAlt}`),
    requiredAliases: [...fields.filter((f) => f.required && !f.hasDefault).map((f) => f.name), ...foreignKeys.filter((r) => r.required).map((r) => r.alias)].map(pyStr),
    defaultEntries: fields.filter((f) => f.hasDefault).map((f) => `${pyStr(f.name)}: ${f.defaultResponse}`),
    nullAliases: [...fields.filter((f) => !f.required && !f.hasDefault).map((f) => f.name), ...foreignKeys.filter((r) => !r.required).map((r) => r.alias)].map(pyStr),
    invalidParams: fields.flatMap((f) => [
      ...(f.wrongType ? [{ label: 'type', ...f.wrongType }] : []),
      ...f.invalid,
    ].map((i) => pyCall(8, 'pytest.param', [pyStr(f.name), i.value, pyStr(i.message), `id=${pyStr(`${f.name}-${i.label}`)}`], ')', ','))),
    requiredTuple: pyTuple([...fields.filter((f) => f.required && !f.hasDefault).map((f) => pyStr(f.name)), ...foreignKeys.filter((r) => r.required).map((r) => pyStr(r.alias))]),
    nullTuple: pyTuple([...fields.filter((f) => !f.required && !f.hasDefault).map((f) => pyStr(f.name)), ...foreignKeys.filter((r) => !r.required).map((r) => pyStr(r.alias))]),
    uniqueAliases: fields.filter((f) => f.unique).map((f) => pyStr(f.name)),
    /** Decimal fields of the test payload, each also sent as a JSON number (SPEC 5). */
    decimalAliases: fields.filter((f) => f.isDecimal && f.hasSample).map((f) => pyStr(f.name)).join(', '),
    defaultAsserts: fields
      .filter((f) => f.hasDefault)
      .map((f) => `assert body[${pyStr(f.name)}] ${['True', 'False', 'None'].includes(f.defaultResponse) ? 'is' : '=='} ${f.defaultResponse}`),
    checksDefaultsOrNulls: fields.some((f) => f.hasDefault) || fields.some((f) => !f.required) || foreignKeys.some((r) => !r.required),
    patchChange: patchField ? `{${pyStr(patchField.name)}: ${patchField.sampleAlt}}` : null,
    filterRequest: filterField
      ? pyCall(4, 'only = client.get', ['PATH', `params={${pyStr(filterField.name)}: ${pyStr(filterField.filterValue!)}}`, 'headers=factory.headers'])
      : null,
    linkKeys: pyTuple(manyToMany.map((r) => JSON.stringify(r.attr))),
    neverNull: pyTupleAssign(4, 'never_null = ', [...fields.filter((f) => f.required).map((f) => f.name), ...foreignKeys.filter((r) => r.required).map((r) => r.alias)].map(pyStr)),
    anyOwnedTarget: foreignKeys.some((r) => r.targetOwned) || manyToMany.some((r) => r.targetOwned),
    sortType: pyCall(0, `${e.names.pascal}Sort = Literal`, sortKeys.flatMap((k) => [JSON.stringify(k.key), JSON.stringify(`-${k.key}`)]), ']'),
    name: e.name,
    constName: e.names.upperSnake,
    module,
    /** For composed identifiers (`create_class`, `class_row`), where a keyword needs no mapping. */
    snake: e.names.snake,
    /** The SQLAlchemy class in models.py; schemas keep the user's name as their prefix (`OrderCreate`). */
    modelClass,
    model: e.names.pascal,
    title: e.names.title,
    pluralTitle: e.names.pluralTitle,
    table: e.table,
    path: e.path,
    owned: e.owned,
    fields,
    foreignKeys,
    manyToMany,
    hasForeignKeys: foreignKeys.length > 0,
    /** A response from one row, with its link lists when the entity has any. */
    readOne: manyToMany.length ? 'to_read(row, load_links(session, [row.id]))' : 'to_read(row)',
    getRow: `crud.get_row(session, Model, item_id${e.owned ? ', scope(user)' : ''})`,
    /** Whether a helper of the route module takes the session (link tables, references, unique checks). */
    usesSession: manyToMany.length > 0 || foreignKeys.length > 0 || fields.some((f) => f.unique),
    hasManyToMany: manyToMany.length > 0,
    requiredFields: fields.filter((f) => f.required),
    nonNullable: [...fields.filter((f) => f.required).map((f) => [f.attr, f.name]), ...foreignKeys.filter((r) => r.required).map((r) => [r.attr, r.alias])]
      .map(([attr, alias]) => `(${JSON.stringify(attr)}, ${JSON.stringify(alias)})`)
      .join(', '),
    uniqueFields: fields.filter((f) => f.unique),
    hasUnique: fields.some((f) => f.unique),
    filterFields: fields.filter((f) => f.filter !== null),
    sortKeys,
    sortLiteral,
    testable: e.testable,
    filterField,
    patchField,
    inbound,
    restrictInbound: inbound.filter((i) => i.restrict),
    hasRestrictInbound: inbound.some((i) => i.restrict),
    /** Everything that needs `Decimal` / `date` / ... imported in generated modules. */
    usesDecimal: e.fields.some((f) => f.isDecimal),
    usesDate: e.fields.some((f) => f.isDate),
    usesDatetime: e.fields.some((f) => f.isDatetime),
    usesJson: e.fields.some((f) => f.isJson),
    usesLiteral: e.fields.some((f) => f.isEnum),
    usesStrictBool: e.fields.some((f) => f.isBoolean),
    usesUuid: e.fields.some((f) => f.isUuid),
    usesEmailPattern: e.fields.some((f) => f.isEmail && f.pattern === null),
    usesUrlPattern: e.fields.some((f) => f.isUrl && f.pattern === null),
    usesUuidIn: e.fields.some((f) => f.isUuid) || e.hasRelations,
    usesAnnotatedField: e.fields.some((f) => ['string', 'text', 'email', 'url', 'integer', 'bigint', 'number', 'decimal'].includes(f.type)),
  };
}

/** `from module import a, b` as ruff's isort writes it (names sorted constants, classes, then functions). */
export function pyImport(module: string, names: readonly string[]): string {
  const rank = (n: string) => (/^[A-Z0-9_]+$/.test(n) ? 0 : /^[A-Z]/.test(n) ? 1 : 2);
  const sorted = [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const one = `from ${module} import ${sorted.join(', ')}`;
  if (one.length <= LINE) return one;
  return `from ${module} import (\n${sorted.map((n) => `    ${n},`).join('\n')}\n)`;
}

function schemaImports(e: EntityView): string {
  const has = (pred: (f: FieldView) => boolean) => e.fields.some(pred);
  const std: string[] = [];
  const fromDatetime = [
    ...(has((f) => f.isDatetime && f.hasDefault) ? ['UTC'] : []),
    ...(has((f) => f.isDate) ? ['date'] : []),
    ...(has((f) => f.isDatetime && f.hasDefault) ? ['datetime'] : []),
  ];
  if (fromDatetime.length > 0) std.push(pyImport('datetime', fromDatetime));
  if (has((f) => f.isDecimal)) std.push('from decimal import Decimal');
  const typing = ['Literal'];
  if (has((f) => f.isDecimal || textRule(f) !== null || (f.filterable && (f.isInteger || f.isBigint || f.isNumber)))) typing.push('Annotated');
  std.push(pyImport('typing', typing));
  const pyd = ['BaseModel', 'Field'];
  if (has((f) => f.isJson)) pyd.push('JsonValue');
  const values = ['DateTimeOut', 'InputModel', 'OutputModel', 'PatchModel'];
  if (has((f) => f.isDate)) values.push('DateIn');
  if (has((f) => f.isDatetime)) values.push('DateTimeIn');
  if (has((f) => f.isDecimal)) values.push('DecimalOut', 'decimal_input');
  if (has((f) => f.isJson)) values.push('JsonIn');
  if (has((f) => f.isUuid) || e.hasRelations) values.push('UuidIn');
  if (has((f) => f.isEmail && f.pattern === null)) values.push('EMAIL_TEXT');
  if (has(hasTextPattern)) values.push('TextPattern');
  if (has((f) => f.isUrl && f.pattern === null)) values.push('URL_TEXT');
  return [std.join('\n'), pyImport('pydantic', pyd), pyImport('app.values', values)].join('\n\n');
}

const requirementName = (req: string): string => req.split(/[=<>~![; ]/)[0].replace(/\[.*\]$/, '');

export function pythonView(view: ViewModel): Record<string, unknown> {
  const versions = readVersions();
  const runtime = [...versions.runtime];
  if (view.database.isPostgres) runtime.push(...versions.postgres);
  if (view.database.isMysql) runtime.push(...versions.mysql);
  if (view.auth.jwt) runtime.push(...versions.jwt);
  runtime.sort((a, b) => (requirementName(a) < requirementName(b) ? -1 : 1));
  const dev = [...versions.dev].sort((a, b) => (requirementName(a) < requirementName(b) ? -1 : 1));
  const testable = new Set(view.entities.filter((e) => e.testable).map((e) => e.name));
  const classes = pyModelClasses(view.entities.map((e) => e.names.pascal));
  const entities = view.entities.map((e) => pyEntity(e, testable, classes));
  const schema = view.database.schema;
  const seedable = entities.filter((e) => e.testable);
  const seedRows = seedable.map((e) => ({
    var: `${e.snake}_row`,
    model: e.modelClass,
    create: `${e.model}Create`,
    entries: [
      ...e.sampleEntries,
      ...e.foreignKeys.filter((r) => r.required).map((r) => `${pyStr(r.alias)}: ${r.targetSnake}_row.id`),
    ],
    exclude: e.manyToMany.length ? `exclude={${e.manyToMany.map((r) => pyStr(r.attr)).join(', ')}}` : '',
    owned: e.owned,
  }));
  const seedImports = [
    'from app import models',
    'from app.config import DatabaseSettings, describe_error',
    'from app.db import Database',
    'from app.ids import uuid7',
    ...[...seedable].sort((a, b) => (a.module < b.module ? -1 : 1)).map((e) => pyImport(`app.schemas.${e.module}`, [`${e.model}Create`])),
    'from app.sqltypes import utc_now',
  ].join('\n');
  return {
    package: 'app',
    pythonVersion: '3.11',
    runtimeDependencies: runtime,
    devDependencies: dev,
    buildRequires: versions.build,
    entities,
    seedRows,
    seedImports,
    routeImports: pyImport('app.routes', [...(view.auth.jwt ? ['auth'] : []), 'health', ...entities.map((e) => e.module)].sort()),
    usesDecimal: view.entities.some((e) => e.fields.some((f) => f.isDecimal)),
    usesJson: view.entities.some((e) => e.fields.some((f) => f.isJson)),
    byName: Object.fromEntries(entities.map((e) => [e.name, e])),
    /** Name forms of file paths (`__entity_module__`): entity modules are Python identifiers. */
    entityNames: Object.fromEntries(entities.map((e) => [e.name, { module: e.module }])),
    migrationUp: schema ? schema.up.map(pyStr) : [],
    migrationDown: schema ? schema.down.map(pyStr) : [],
    driverNote: view.database.isPostgres
      ? 'psycopg 3 (binary wheels)'
      : view.database.isMysql
        ? 'PyMySQL (pure Python)'
        : 'the standard library sqlite3 module',
  };
}

const onPath = (file: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, file)));

const PYTHON_HINT = 'install Python 3.11 or newer (https://www.python.org/downloads/) so that python3 is on PATH, then run: python3 -m venv .venv && .venv/bin/python -m pip install -e ".[dev]"';

export const pythonStack: StackDescriptor = {
  id: 'python',
  label: STACK_LABELS.python,
  databases: STACK_DATABASES.python,
  packs: ['python'],
  extendView: pythonView,
  commands: () => {
    return {
      install: 'python3 -m venv .venv && .venv/bin/python -m pip install -e ".[dev]"',
      migrate: '.venv/bin/alembic upgrade head',
      start: '.venv/bin/python -m app',
      test: '.venv/bin/pytest',
      lint: '.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy',
    };
  },
  container: {
    start: ['python', '-m', 'app'],
    migrate: ['alembic', 'upgrade', 'head'],
    uid: 10001,
    urlEncodePassword: `python -c 'import os, urllib.parse; print(urllib.parse.quote(os.environ["DB_PASSWORD"], safe=""), end="")'`,
    env: { APP_ENV: 'production', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: (): readonly InstallCommand[] =>
    onPath('uv')
      ? [
          { file: 'uv', args: ['venv', '.venv'], missingHint: 'install uv (https://docs.astral.sh/uv/) or Python 3.11+' },
          { file: 'uv', args: ['pip', 'install', '--python', '.venv/bin/python', '-e', '.[dev]'], missingHint: 'install uv (https://docs.astral.sh/uv/)' },
        ]
      : [
          { file: 'python3', args: ['-m', 'venv', '.venv'], missingHint: PYTHON_HINT },
          { file: '.venv/bin/python', args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-e', '.[dev]'], missingHint: PYTHON_HINT },
        ],
};
