/**
 * Valid and invalid JSON values for one field, derived from its FieldSpec alone (type and constraints), so the
 * checker never needs to know anything about a stack. Valid values depend on a seed: different seeds give
 * different values (unique constraints, ordering and filter probes rely on it) and the run tag keeps string
 * values apart between runs against the same database.
 */
import type { FieldSpec } from '../../../src/config/types.js';
import { compilePattern, fullyMatches, searchMatches, UnsupportedPattern } from './regex-example.js';

export type ValidValue = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

export interface InvalidValue {
  /** Which rule the value breaks, e.g. `maxLength 80`, `wrong type (object)`. */
  readonly rule: string;
  readonly value: unknown;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const DEFAULT_DECIMAL = { precision: 12, scale: 2 };
const DAY_MS = 86_400_000;

/** Fixed-width base-26 letters: same width for every seed, so lexicographic order equals seed order. */
export function letters(n: number, width: number): string {
  let out = '';
  let rest = Math.abs(Math.trunc(n));
  for (let i = 0; i < width; i++) {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26);
  }
  return out;
}

/** A valid value of `field` for `seed`; `tag` is a few lower-case letters unique to the run. */
export function validValue(field: FieldSpec, seed: number, tag = 'tst'): ValidValue {
  try {
    const value = generate(field, seed, tag);
    const broken = invalidReason(field, value);
    return broken ? { ok: false, reason: broken } : { ok: true, value };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

function generate(field: FieldSpec, seed: number, tag: string): unknown {
  switch (field.type) {
    case 'string':
    case 'text':
      return field.pattern !== undefined ? patternString(field, seed) : sizedString(field, tag + letters(seed, 7));
    case 'email':
      return withPattern(field, sizedAround(field, tag + letters(seed, 7), '@example.com'));
    case 'url':
      return withPattern(field, sizedAround(field, `https://example.com/${tag}`, letters(seed, 7)));
    case 'uuid':
      return withPattern(field, uuidFor(seed, tag));
    case 'integer':
      return integerIn(field, seed, INT32_MIN, INT32_MAX);
    case 'bigint':
      // ±1e15 rather than ±2^53: the offset arithmetic below must stay exact in a double.
      return integerIn(field, seed, -1e15, 1e15);
    case 'number':
      return numberIn(field, seed);
    case 'decimal':
      return decimalIn(field, seed);
    case 'boolean':
      return seed % 2 === 1;
    case 'date':
      return new Date(Date.UTC(2001, 0, 1) + (seed % 36_500) * DAY_MS).toISOString().slice(0, 10);
    case 'datetime':
      // Whole seconds: MySQL DATETIME without fractional precision must not change the instant.
      return new Date(Date.UTC(2001, 0, 1) + (seed % 200_000) * 3_600_000 + (seed % 60) * 1000)
        .toISOString().replace('.000Z', 'Z');
    case 'enum': {
      const values = field.values ?? [];
      if (values.length === 0) throw new Error('enum without values');
      return values[seed % values.length];
    }
    case 'json':
      return { tag, seed, list: [1, 'two', null, true], nested: { ok: true, half: seed + 0.5 } };
  }
}

/** Cuts from the left (the seed letters are at the right) and pads at the right: width stays fixed. */
function sizedString(field: FieldSpec, core: string): string {
  const max = field.maxLength ?? Infinity;
  const min = field.minLength ?? 0;
  let s = core.length > max ? core.slice(core.length - max) : core;
  if (s.length < min) s += 'a'.repeat(min - s.length);
  return s;
}

/** Fits `prefix + middle` padding/truncating the prefix's tail, keeping the fixed suffix (e.g. the domain). */
function sizedAround(field: FieldSpec, head: string, tail: string): string {
  const max = field.maxLength ?? Infinity;
  const min = field.minLength ?? 0;
  let s = head + tail;
  if (s.length > max) {
    const room = max - tail.length;
    if (room < 1) throw new Error(`maxLength ${max} is too short for a ${field.type}`);
    s = head.slice(head.length - room) + tail;
  }
  if (s.length < min) s = head + 'a'.repeat(min - s.length) + tail;
  return s;
}

function withPattern(field: FieldSpec, value: string): string {
  if (field.pattern === undefined || fullyMatches(field.pattern, value)) return value;
  if (typeof field.default === 'string' && fullyMatches(field.pattern, field.default)) return field.default;
  throw new Error(`no ${field.type} value matching pattern ${field.pattern} could be generated`);
}

function patternString(field: FieldSpec, seed: number): string {
  const pattern = field.pattern as string;
  const fits = (s: string): boolean =>
    fullyMatches(pattern, s) && s.length <= (field.maxLength ?? Infinity) && s.length >= (field.minLength ?? 0);
  try {
    const example = compilePattern(pattern);
    for (let attempt = 0; attempt < 40; attempt++) {
      const candidate = example(seed * 7919 + attempt);
      if (fits(candidate)) return candidate;
    }
  } catch (error) {
    if (!(error instanceof UnsupportedPattern)) throw error;
  }
  if (typeof field.default === 'string' && fits(field.default)) return field.default;
  throw new Error(`no value matching pattern ${pattern} could be generated`);
}

function uuidFor(seed: number, tag: string): string {
  const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  let hash = 2166136261;
  for (const ch of tag) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return `${hex(seed, 8)}-${hex(hash, 4)}-4${hex(hash >>> 4, 3)}-8${hex(seed >>> 8, 3)}-${hex(hash, 8)}${hex(seed, 4)}`;
}

/** Walks the allowed range from 0 (or its nearest end) by seed, wrapping: distinct for distinct seeds. */
function integerIn(field: FieldSpec, seed: number, floor: number, ceiling: number): number {
  const lo = Math.max(Math.ceil(field.min ?? floor), floor);
  const hi = Math.min(Math.floor(field.max ?? ceiling), ceiling);
  if (lo > hi) throw new Error(`no integer between ${field.min} and ${field.max}`);
  const span = hi - lo + 1;
  const start = Math.min(Math.max(0, lo), hi);
  return lo + ((start - lo + seed) % span);
}

function numberIn(field: FieldSpec, seed: number): number {
  const lo = field.min ?? -1e9;
  const hi = field.max ?? 1e9;
  if (lo > hi) throw new Error(`no number between ${lo} and ${hi}`);
  const width = Math.floor(hi - lo);
  if (width < 1) return lo + ((hi - lo) * ((seed % 97) + 1)) / 98;
  const start = Math.min(Math.max(0, lo), hi);
  // + 0.5 keeps a fractional part (a double really is stored) and stays strictly inside the range.
  return lo + ((Math.floor(start - lo) + seed) % width) + 0.5;
}

function decimalIn(field: FieldSpec, seed: number): string {
  const precision = field.precision ?? DEFAULT_DECIMAL.precision;
  const scale = field.scale ?? DEFAULT_DECIMAL.scale;
  const unit = 10n ** BigInt(scale);
  const largest = 10n ** BigInt(precision) - 1n; // in units of 10^-scale
  const lo = field.min === undefined ? -largest : maxBig(-largest, ceilUnits(field.min, scale));
  const hi = field.max === undefined ? largest : minBig(largest, floorUnits(field.max, scale));
  if (lo > hi) throw new Error(`no decimal(${precision},${scale}) between ${field.min} and ${field.max}`);
  const span = hi - lo + 1n;
  const start = 0n < lo ? lo : 0n > hi ? hi : 0n;
  // Stride of one whole unit plus a fraction, so the fractional digits vary too.
  const stride = unit + (scale > 0 ? 1n : 0n);
  return formatUnits(lo + ((start - lo + BigInt(seed) * stride) % span), scale);
}

function ceilUnits(x: number, scale: number): bigint {
  return BigInt(Math.ceil(Number((x * 10 ** scale).toPrecision(15))));
}
function floorUnits(x: number, scale: number): bigint {
  return BigInt(Math.floor(Number((x * 10 ** scale).toPrecision(15))));
}
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/**
 * Values that break exactly one rule of `field` each (as far as possible), labelled by that rule.
 * Wrong types come in two flavours: an object (never coercible) and the JSON type a lax parser would coerce
 * (a number for a string, a numeric string for an integer); SPEC 5 makes both a 400.
 */
export function invalidValues(field: FieldSpec): InvalidValue[] {
  const out: InvalidValue[] = [];
  const add = (rule: string, value: unknown): void => {
    out.push({ rule, value });
  };
  if (field.type !== 'json') add('wrong type (object)', {});
  switch (field.type) {
    case 'string':
    case 'text':
    case 'email':
    case 'url':
    case 'uuid':
    case 'enum':
      add('wrong type (number)', 12345);
      break;
    case 'date':
    case 'datetime':
      add('wrong type (number)', 20240101);
      break;
    case 'integer':
    case 'bigint':
    case 'number':
      add('wrong type (numeric string)', '12');
      break;
    case 'decimal':
      add('wrong type (boolean)', true);
      break;
    case 'boolean':
      add('wrong type (string)', 'true');
      break;
    case 'json':
      break;
  }
  if (field.required) add('null for a required field', null);

  const hasLength = ['string', 'text', 'email', 'url'].includes(field.type);
  if (hasLength && field.maxLength !== undefined) add(`maxLength ${field.maxLength}`, tooLong(field));
  if (hasLength && field.minLength !== undefined && field.minLength > 0) {
    add(`minLength ${field.minLength}`, 'a'.repeat(field.minLength - 1));
  }
  if (field.pattern !== undefined && ['string', 'text'].includes(field.type)) {
    const mismatch = nonMatching(field);
    if (mismatch !== undefined) add(`pattern ${field.pattern}`, mismatch);
  }

  switch (field.type) {
    case 'integer':
      add('not an integer (1.5)', 1.5);
      add('above the 32-bit range', INT32_MAX + 1);
      add('below the 32-bit range', INT32_MIN - 1);
      if (field.min !== undefined && Math.ceil(field.min) - 1 >= INT32_MIN) add(`min ${field.min}`, Math.ceil(field.min) - 1);
      if (field.max !== undefined && Math.floor(field.max) + 1 <= INT32_MAX) add(`max ${field.max}`, Math.floor(field.max) + 1);
      break;
    case 'bigint':
      add('not an integer (1.5)', 1.5);
      if (field.min !== undefined) add(`min ${field.min}`, Math.ceil(field.min) - 1);
      if (field.max !== undefined) add(`max ${field.max}`, Math.floor(field.max) + 1);
      break;
    case 'number':
      if (field.min !== undefined) add(`min ${field.min}`, field.min - 1);
      if (field.max !== undefined) add(`max ${field.max}`, field.max + 1);
      break;
    case 'decimal': {
      const precision = field.precision ?? DEFAULT_DECIMAL.precision;
      const scale = field.scale ?? DEFAULT_DECIMAL.scale;
      add('not a numeric string', 'abc');
      add(`more than ${precision - scale} integer digits (precision ${precision})`, '9'.repeat(precision - scale + 1));
      add(`more than ${scale} decimal places (scale ${scale})`, scale > 0 ? `1.${'1'.repeat(scale + 1)}` : '1.5');
      if (field.min !== undefined) add(`min ${field.min}`, formatUnits(ceilUnits(field.min, scale) - 10n ** BigInt(scale), scale));
      if (field.max !== undefined) add(`max ${field.max}`, formatUnits(floorUnits(field.max, scale) + 10n ** BigInt(scale), scale));
      break;
    }
    case 'enum': {
      let bad = 'not-a-value';
      while ((field.values ?? []).includes(bad)) bad += '-x';
      add('not one of the enum values', bad);
      break;
    }
    case 'email':
      add('not an email', 'not-an-email');
      break;
    case 'url':
      add('not a url', 'not a url');
      break;
    case 'uuid':
      add('not a uuid', 'not-a-uuid');
      break;
    case 'date':
      add('impossible date 2024-13-45', '2024-13-45');
      add('impossible date 2023-02-30', '2023-02-30');
      add('not a date', 'not-a-date');
      break;
    case 'datetime':
      add('impossible datetime', '2024-13-45T10:00:00Z');
      add('not a datetime', 'not-a-datetime');
      break;
    default:
      break;
  }
  return out;
}

function tooLong(field: FieldSpec): string {
  const max = field.maxLength as number;
  if (field.type === 'email') return 'a'.repeat(Math.max(1, max + 1 - '@example.com'.length)) + '@example.com';
  if (field.type === 'url') return 'https://example.com/' + 'a'.repeat(Math.max(1, max + 1 - 'https://example.com/'.length));
  return 'a'.repeat(max + 1);
}

/** A string that fails the pattern even as a search, ideally within the length limits. */
function nonMatching(field: FieldSpec): string | undefined {
  const pattern = field.pattern as string;
  const candidates = ['!', '~~~~', 'zzzz', '0000', 'ZZZZ', '__', ' ', '!!!!!!!!', 'a b c', ''];
  const fitsLength = (s: string): boolean =>
    s.length <= (field.maxLength ?? Infinity) && s.length >= (field.minLength ?? 0);
  const failing = candidates.filter((s) => !searchMatches(pattern, s));
  return failing.find(fitsLength) ?? failing[0];
}

/** Why `value` is not a valid value of `field`, or undefined when it is (used to double-check generators). */
export function invalidReason(field: FieldSpec, value: unknown): string | undefined {
  if (value === null || value === undefined) return field.required ? 'required' : undefined;
  const isString = typeof value === 'string';
  switch (field.type) {
    case 'string': case 'text': case 'email': case 'url': case 'uuid': case 'enum': case 'date': case 'datetime': case 'decimal':
      if (!isString) return 'not a string';
      break;
    case 'integer': case 'bigint':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'not an integer';
      if (field.type === 'integer' && (value < INT32_MIN || value > INT32_MAX)) return 'outside 32 bits';
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not a number';
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return 'not a boolean';
      break;
    case 'json':
      return undefined;
  }
  if (isString) {
    const s = value;
    if (field.maxLength !== undefined && s.length > field.maxLength) return `longer than ${field.maxLength}`;
    if (field.minLength !== undefined && s.length < field.minLength) return `shorter than ${field.minLength}`;
    if (field.pattern !== undefined && !fullyMatches(field.pattern, s)) return `does not match ${field.pattern}`;
    if (field.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)) return 'not an email';
    if (field.type === 'url' && !/^https?:\/\/[^\s/]+/.test(s)) return 'not a url';
    if (field.type === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) return 'not a uuid';
    if (field.type === 'enum' && !(field.values ?? []).includes(s)) return 'not an enum value';
    if (field.type === 'date' && !isRealDate(s)) return 'not a date';
    if (field.type === 'datetime' && !isRealDateTime(s)) return 'not a datetime';
    if (field.type === 'decimal') return decimalReason(field, s);
  }
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min) return `below ${field.min}`;
    if (field.max !== undefined && value > field.max) return `above ${field.max}`;
  }
  return undefined;
}

function decimalReason(field: FieldSpec, s: string): string | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return 'not a numeric string';
  const precision = field.precision ?? DEFAULT_DECIMAL.precision;
  const scale = field.scale ?? DEFAULT_DECIMAL.scale;
  if ((m[2] ?? '').length > scale) return `more than ${scale} decimal places`;
  if (m[1].replace(/^0+/, '').length > precision - scale) return `more than ${precision - scale} integer digits`;
  const n = Number(s);
  if (field.min !== undefined && n < field.min) return `below ${field.min}`;
  if (field.max !== undefined && n > field.max) return `above ${field.max}`;
  return undefined;
}

export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRealDateTime(s: string): boolean {
  const m = RFC3339.exec(s);
  return Boolean(m) && isRealDate(m![1]) && Number(m![2]) < 24 && Number(m![3]) < 60 && Number(m![4]) < 61
    && !Number.isNaN(Date.parse(s));
}

/** RFC 3339 in UTC, as SPEC 5 requires for createdAt/updatedAt. */
export function isRfc3339Utc(s: unknown): boolean {
  return typeof s === 'string' && isRealDateTime(s) && /([Zz]|\+00:00)$/.test(s);
}

const NUL = '\u0000';
const TEXTUAL = new Set(['string', 'text', 'email', 'url', 'uuid', 'enum', 'decimal', 'date', 'datetime']);

/**
 * `valid` (a valid value of `field`) with U+0000 in it, or undefined for a field whose JSON type carries no text.
 * Strings keep their length (the middle character is replaced), so only the NUL breaks a rule; a json value
 * gets it in nested strings. PostgreSQL cannot store NUL, and SPEC 5 needs the same 400 on every database.
 */
export function withNul(field: FieldSpec, valid: unknown): unknown {
  if (field.type === 'json') return { text: `a${NUL}b`, list: [1, [`c${NUL}`]] };
  if (!TEXTUAL.has(field.type) || typeof valid !== 'string') return undefined;
  const middle = Math.floor(valid.length / 2);
  return valid.length === 0 ? NUL : `${valid.slice(0, middle)}${NUL}${valid.slice(middle + 1)}`;
}

/** Text of a value in a query string (equality filters). */
export function queryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** How many distinct values a field can take (small domains cannot carry a unique constraint through a run). */
export function domainSize(field: FieldSpec): number {
  switch (field.type) {
    case 'boolean': return 2;
    case 'enum': return field.values?.length ?? 0;
    case 'integer': case 'bigint':
      return field.min !== undefined && field.max !== undefined ? Math.floor(field.max) - Math.ceil(field.min) + 1 : Infinity;
    case 'string': case 'text':
      return field.pattern === undefined && field.maxLength !== undefined && field.maxLength < 3 ? 26 ** field.maxLength : Infinity;
    default:
      return Infinity;
  }
}
