import type { JsonValue } from '../../config/types.js';
import type { FieldView } from '../../model/view-model.js';
import { pythonPattern } from '../../model/pattern-dialects.js';
import { pyAttribute } from './names.js';
import { kw, pyCall, pyLiteral, pyStr, type PyCallItem } from './syntax.js';
import { queryValue, invalidValues, wrongType } from './test-data.js';
import { enumType, filterType, hasTextPattern, inputType, mappedType, patternType, readType, sqlaType, textRules } from './types.js';

/** A field as the Python templates print it: model, schema and filter lines, its conversions and test values. */

export interface PyField {
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
  isEnum: boolean;
  sample: string;
  sampleAlt: string;
  hasSample: boolean;
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
  stored: PyCallItem;
  uniqueIndex: string | null;
}

/** How a value is kept in a MongoDB document (app/documents.py `Kind`): text types are stored as they are. */
const STORED_KINDS: Partial<Record<FieldView['type'], string>> = {
  uuid: 'uuid', integer: 'integer', bigint: 'bigint', number: 'number', decimal: 'decimal',
  boolean: 'boolean', date: 'date', datetime: 'datetime', json: 'json',
};

/** The field's entry in its MongoDB repository (templates/python-mongodb): attribute, document key, how the value is stored. */
function storedEntry(f: FieldView, attr: string): PyCallItem {
  const args = [pyStr(attr), pyStr(f.name), pyStr(STORED_KINDS[f.type] ?? 'text')];
  if (f.nullable) args.push('optional=True');
  if (f.isDecimal) args.push(`precision=${f.precision}`, `scale=${f.scale}`);
  return { head: 'Stored', args };
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

export function pyField(f: FieldView): PyField {
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
  const rules = textRules(f);
  if (rules.length > 0) {
    const text = kw([['strict', 'True'], ['min_length', f.minLength], ['max_length', f.maxLength]]);
    const one = pyCall(0, `${patternType(f)} = Annotated`, ['str', `Field(${text})`, ...rules], ']');
    // Too long for one line: one item per line, TextPattern(...) split as ruff splits a call.
    const args = [pyStr(f.pattern ?? ''), pyStr(pythonPattern(f.pattern ?? ''))];
    const split = rules.map((rule) => (rule.startsWith('TextPattern(') ? pyCall(4, 'TextPattern', args, ')', ',') : `    ${rule},`)).join('\n');
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
    isEnum: f.isEnum,
    sample: pyLiteral(sample),
    sampleAlt: pyLiteral(alt),
    hasSample: sample !== null,
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
    stored: storedEntry(f, attr),
    uniqueIndex: f.uniqueConstraint,
  };
}

