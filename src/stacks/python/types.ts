import type { FieldView } from '../../model/view-model.js';
import { pythonPattern } from '../../model/pattern-dialects.js';
import { pyStr } from './syntax.js';

/** The Python and SQLAlchemy types of a field: its column, mapped attribute, input, output and filter types. */

export const INT32 = [-2147483648, 2147483647] as const;
/** A bigint's range on every stack: JSON numbers are exact integers only up to 2^53 - 1. */
export const SAFE_INTEGER = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] as const;

export function sqlaType(f: FieldView): string {
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
export function mappedType(f: FieldView): string {
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

export function readType(f: FieldView): string {
  switch (f.type) {
    case 'decimal': return 'DecimalOut';
    case 'datetime': return 'DateTimeOut';
    case 'enum': return enumType(f);
    default: return storedType(f);
  }
}

export const numBounds = (f: FieldView, lo: number | string, hi: number | string): Array<[string, string | number | null]> => [
  ['ge', f.min !== null ? Math.max(f.min, Number(lo)) : lo],
  ['le', f.max !== null ? Math.min(f.max, Number(hi)) : hi],
];

export const enumType = (f: FieldView): string => `${f.names.pascal}Choice`;

/** The text type of a field with a `pattern`, or an email or url: a search with ECMA-262's meaning (see `TextPattern`). */
export const patternType = (f: FieldView): string => `${f.names.pascal}Text`;
export const hasTextPattern = (f: FieldView): boolean => f.pattern !== null && ['string', 'text', 'email', 'url'].includes(f.type);
/**
 * The text checks of a field, in order: the rule of its format (email, url), then the model's pattern. Both
 * apply, as on every stack; the document shows the last one's pattern, the model's.
 */
export function textRules(f: FieldView): string[] {
  return [
    ...(f.isEmail ? ['EMAIL_TEXT'] : []),
    ...(f.isUrl ? ['URL_TEXT'] : []),
    ...(hasTextPattern(f) ? [`TextPattern(${[pyStr(f.pattern!), pyStr(pythonPattern(f.pattern!))].join(', ')})`] : []),
  ];
}

/** The input type and the constraint keywords of `Field(...)` for one field. */
export function inputType(f: FieldView): { type: string; constraints: string[] } {
  const len: Array<[string, string | number | null]> = [['min_length', f.minLength], ['max_length', f.maxLength]];
  const c = (parts: Array<[string, string | number | null]>) =>
    parts.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`);
  switch (f.type) {
    case 'string': case 'text': case 'email': case 'url': {
      // The type holds the text rules too: the length is checked before the pattern, as on the other stacks.
      if (textRules(f).length > 0) return { type: patternType(f), constraints: [] };
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

export function filterType(f: FieldView): string | null {
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
