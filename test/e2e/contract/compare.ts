/**
 * Type-aware equality and ordering of field values as a server returns them. Servers legitimately change the
 * representation (decimal "12.50" → "12.5", datetime offset → Z, json key order, uuid case); the instant,
 * number or structure must stay the same.
 */
import type { FieldSpec } from '../../../src/config/types.js';
import { isRealDate, isRealDateTime } from './values.js';

/** Canonical text of a decimal string: no sign on zero, no leading zeros, no trailing fractional zeros. */
export function normalizeDecimal(s: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const whole = m[2].replace(/^0+/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return body === '0' ? '0' : `${m[1] === '-' ? '-' : ''}${body}`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  return deepEqual(ka, kb) && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Whether the value the server returned (`got`) means the same as what was sent (`sent`). */
export function sameFieldValue(field: FieldSpec, sent: unknown, got: unknown): boolean {
  if (sent === null || sent === undefined || got === null || got === undefined) return sent == null && got == null;
  switch (field.type) {
    case 'decimal':
      return typeof got === 'string' && normalizeDecimal(String(sent)) !== undefined
        && normalizeDecimal(String(sent)) === normalizeDecimal(got);
    case 'datetime':
      return typeof got === 'string' && Date.parse(String(sent)) === Date.parse(got);
    case 'number':
      return typeof got === 'number' && Math.abs(got - Number(sent)) <= 1e-9 * Math.max(1, Math.abs(Number(sent)));
    case 'bigint':
      // SPEC 3 does not say whether bigint travels as a JSON number or string; accept both, compare exactly.
      return (typeof got === 'number' || typeof got === 'string') && safeBigInt(got) === safeBigInt(sent)
        && safeBigInt(got) !== undefined;
    case 'uuid':
      return typeof got === 'string' && got.toLowerCase() === String(sent).toLowerCase();
    case 'json':
      return deepEqual(sent, got);
    default:
      return sent === got;
  }
}

function safeBigInt(x: unknown): bigint | undefined {
  try {
    return BigInt(x as string);
  } catch {
    return undefined;
  }
}

/** What is wrong with the JSON representation of a non-null field value in a response, if anything. */
export function representationProblem(field: FieldSpec, got: unknown): string | undefined {
  const typeName = Array.isArray(got) ? 'array' : typeof got;
  const want = (expected: string): string | undefined => (typeName === expected ? undefined : `is a ${typeName}, expected a ${expected}`);
  switch (field.type) {
    case 'integer':
      return typeof got === 'number' && Number.isInteger(got) ? undefined : `is ${JSON.stringify(got)}, expected an integer`;
    case 'bigint':
      return (typeof got === 'number' && Number.isInteger(got)) || (typeof got === 'string' && /^-?\d+$/.test(got))
        ? undefined : `is ${JSON.stringify(got)}, expected an integer`;
    case 'number':
      return want('number');
    case 'boolean':
      return want('boolean');
    case 'decimal':
      return typeof got === 'string' && normalizeDecimal(got) !== undefined ? undefined : `is ${JSON.stringify(got)}, expected a decimal as a JSON string`;
    case 'date':
      return typeof got === 'string' && isRealDate(got) ? undefined : `is ${JSON.stringify(got)}, expected YYYY-MM-DD`;
    case 'datetime':
      return typeof got === 'string' && isRealDateTime(got) ? undefined : `is ${JSON.stringify(got)}, expected an RFC 3339 date-time`;
    case 'json':
      return undefined;
    default:
      return want('string');
  }
}

/**
 * Order of two non-null values as every database would agree on, or undefined when collations could
 * disagree (mixed case, punctuation decides) or the type has no obvious order (enum, boolean, json).
 */
export function portableCompare(field: FieldSpec, a: unknown, b: unknown): number | undefined {
  switch (field.type) {
    case 'integer':
    case 'number':
      return Math.sign(Number(a) - Number(b));
    case 'bigint': {
      const x = safeBigInt(a);
      const y = safeBigInt(b);
      return x === undefined || y === undefined ? undefined : x < y ? -1 : x > y ? 1 : 0;
    }
    case 'decimal':
      return compareDecimal(String(a), String(b));
    case 'date':
    case 'datetime':
      return Math.sign(Date.parse(String(a)) - Date.parse(String(b)));
    case 'string':
    case 'text':
    case 'email':
    case 'url':
    case 'uuid':
      return typeof a === 'string' && typeof b === 'string' ? collationSafeCompare(a, b) : undefined;
    default:
      return undefined;
  }
}

function compareDecimal(a: string, b: string): number | undefined {
  const x = normalizeDecimal(a);
  const y = normalizeDecimal(b);
  if (x === undefined || y === undefined) return undefined;
  // Scale both to the same number of fraction digits and compare as big integers: exact at any precision.
  const digits = Math.max(x.split('.')[1]?.length ?? 0, y.split('.')[1]?.length ?? 0);
  const units = (s: string): bigint => {
    const [whole, fraction = ''] = s.replace('-', '').split('.');
    const n = BigInt(whole + fraction.padEnd(digits, '0'));
    return s.startsWith('-') ? -n : n;
  };
  const d = units(x) - units(y);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function collationSafeCompare(a: string, b: string): number | undefined {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) {
    if (a.length === b.length) return 0;
    // A strict prefix sorts first everywhere, unless the rest is ignorable punctuation in ICU/glibc collations.
    const rest = (a.length > b.length ? a : b).slice(i);
    return /^[a-z0-9]/i.test(rest) ? Math.sign(a.length - b.length) : undefined;
  }
  const classOf = (ch: string): string => (/[0-9]/.test(ch) ? 'digit' : /[a-z]/.test(ch) ? 'lower' : /[A-Z]/.test(ch) ? 'upper' : 'other');
  const ca = classOf(a[i]);
  const cb = classOf(b[i]);
  if (ca === 'other' || cb === 'other') return undefined;
  // Digits before letters in ASCII and in linguistic collations; letters of different case are not portable.
  if (ca !== cb && ca !== 'digit' && cb !== 'digit') return undefined;
  return a[i] < b[i] ? -1 : 1;
}
