import type { JsonValue } from '../../config/types.js';
import type { FieldView } from '../../model/view-model.js';
import { pyLiteral } from './syntax.js';
import { INT32, numBounds, SAFE_INTEGER } from './types.js';

/** What the generated tests send: wrong and invalid values of a field with the message each gets, and filter values. */

/** A value of the wrong JSON type for the field (400 expected) and the message, or null for json (anything goes). */
export function wrongType(f: FieldView): { value: string; message: string } | null {
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
export function invalidValues(f: FieldView): Array<{ label: string; value: string; message: string }> {
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
export function queryValue(f: FieldView, v: JsonValue | null): string | null {
  if (v === null || !f.filterable) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return null;
}
