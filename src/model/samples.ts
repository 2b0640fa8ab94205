import type { FieldSpec, JsonValue } from '../config/types.js';

/**
 * Deterministic example values that satisfy a field's constraints. Generated tests, seeds and README
 * examples use them; `seed` makes successive values distinct (unique fields, ordering checks).
 * Returns undefined when no value can be derived (a `pattern` we cannot satisfy and no usable default).
 */
export function sampleValue(field: FieldSpec, seed: number): JsonValue | undefined {
  if (field.pattern !== undefined) return patternSample(field, seed);
  switch (field.type) {
    case 'string':
    case 'text':
      return fitLength(`${field.name} ${seed + 1}`, field, seed);
    case 'email':
      return `user${seed + 1}.${field.name.toLowerCase()}@example.com`;
    case 'url':
      return `https://example.com/${field.name.toLowerCase()}/${seed + 1}`;
    case 'uuid':
      return `00000000-0000-4000-8000-${String(seed + 1).padStart(12, '0')}`;
    case 'integer':
    case 'bigint':
      return numberIn(field, seed, true);
    case 'number': {
      const n = numberIn(field, seed, false);
      return n + 0.5 <= (field.max ?? Infinity) ? n + 0.5 : n;
    }
    case 'decimal':
      return decimalSample(field, seed);
    case 'boolean':
      return seed % 2 === 0;
    case 'date':
      return `2024-01-${String((seed % 28) + 1).padStart(2, '0')}`;
    case 'datetime':
      return `2024-01-${String((seed % 28) + 1).padStart(2, '0')}T10:${String(seed % 60).padStart(2, '0')}:00.000Z`;
    case 'enum':
      return field.values![seed % field.values!.length];
    case 'json':
      return { note: `sample ${seed + 1}`, tags: ['a', 'b'] };
  }
}

function numberIn(field: FieldSpec, seed: number, integer: boolean): number {
  const lo = field.min ?? (field.max !== undefined ? Math.min(0, field.max - 100) : 1);
  const hi = field.max ?? lo + 1000;
  const lower = integer ? Math.ceil(lo) : lo;
  const span = Math.max(0, Math.floor(hi) - lower);
  return lower + (span === 0 ? 0 : (seed * 7 + 3) % (span + 1));
}

/** A decimal string with exactly `scale` fraction digits that fits `precision` and min/max. */
function decimalSample(field: FieldSpec, seed: number): string {
  const scale = field.scale ?? 2;
  const intDigits = (field.precision ?? 12) - scale;
  let n = numberIn(field, seed, true);
  if (intDigits <= 0) n = 0;
  else if (String(Math.abs(n)).length > intDigits) n = n % 10 ** intDigits;
  const half = scale > 0 && n + 0.5 <= (field.max ?? Infinity);
  return scale > 0 ? `${n}.${(half ? '5' : '0').padEnd(scale, '0')}` : String(n);
}

function fitLength(base: string, field: FieldSpec, seed: number): string {
  const min = field.minLength ?? 0;
  const max = field.maxLength ?? Infinity;
  let s = base;
  while (s.length < min) s += 'x';
  if (s.length > max) {
    const suffix = String(seed + 1);
    s = (field.name.slice(0, Math.max(0, max - suffix.length)) + suffix).slice(-max);
    while (s.length < min) s = 'x' + s;
  }
  return s;
}

/**
 * A string matching `pattern`, for the simple shapes specs use (character classes, literals, quantifiers
 * {n}, {n,m}, ?, +, *, anchors, one level of alternation). Falls back to the field's default.
 */
function patternSample(field: FieldSpec, seed: number): JsonValue | undefined {
  const re = safeRegExp(field.pattern!);
  if (!re) return undefined;
  const candidate = exampleFor(field.pattern!, seed);
  if (candidate !== undefined && re.test(candidate) && lengthOk(candidate, field)) return candidate;
  if (typeof field.default === 'string' && re.test(field.default)) return field.default;
  return undefined;
}

const lengthOk = (s: string, f: FieldSpec): boolean =>
  s.length >= (f.minLength ?? 0) && s.length <= (f.maxLength ?? Infinity);

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

function exampleFor(pattern: string, seed: number): string | undefined {
  let out = '';
  let i = 0;
  const src = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const pick = (chars: string, n: number): string => {
    let s = '';
    for (let k = 0; k < n; k++) s += chars[(seed + k) % chars.length];
    return s;
  };
  while (i < src.length) {
    let atom: string;
    const c = src[i];
    if (c === '[') {
      const end = src.indexOf(']', i);
      if (end < 0) return undefined;
      atom = expandClass(src.slice(i + 1, end));
      i = end + 1;
    } else if (c === '\\') {
      const e = src[i + 1];
      atom = e === 'd' ? '0123456789' : e === 'w' ? 'abcxyz' : e === 's' ? ' ' : e;
      i += 2;
    } else if (c === '(' || c === ')' || c === '|') {
      return undefined;
    } else if (c === '.') {
      atom = 'abc';
      i += 1;
    } else {
      atom = c;
      i += 1;
    }
    let count = 1;
    const q = /^(\{(\d+)(?:,(\d*))?\}|\?|\+|\*)/.exec(src.slice(i));
    if (q) {
      i += q[0].length;
      if (q[2] !== undefined) count = Number(q[2]) || (q[3] ? Math.min(Number(q[3]) || 1, 1) : 0);
      else count = q[0] === '?' || q[0] === '*' ? 0 : 1;
      if (q[0] === '+' || q[0] === '*') count = Math.max(count, 3);
    }
    out += atom.length === 1 ? atom.repeat(count) : pick(atom, count);
  }
  return out;
}

function expandClass(body: string): string {
  if (body.startsWith('^')) return 'abc';
  let chars = '';
  for (let k = 0; k < body.length; k++) {
    if (body[k + 1] === '-' && body[k + 2] !== undefined) {
      for (let c = body.charCodeAt(k); c <= body.charCodeAt(k + 2); c++) chars += String.fromCharCode(c);
      k += 2;
    } else if (body[k] === '\\') {
      const e = body[++k];
      chars += e === 'd' ? '0123456789' : e === 'w' ? 'abc' : e;
    } else chars += body[k];
  }
  return chars || 'a';
}
