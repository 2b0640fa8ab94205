import type { FieldSpec, JsonValue } from '../config/types.js';
import { SAMPLE_ROWS } from '../config/options.js';
import { textFormatOf } from '../pattern/formats.js';
import { patternSamples } from '../pattern/sample.js';

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
 * The seed-th of the pattern's sample values. Unique fields get distinct values (the pattern-satisfiable rule
 * makes sure there are SAMPLE_ROWS of them); other fields may repeat values when the pattern admits few.
 * Falls back to the field's default when nothing can be derived (pattern-satisfiable reports that case).
 */
function patternSample(field: FieldSpec, seed: number): JsonValue | undefined {
  const values = patternSamples(field.pattern!, field, SAMPLE_ROWS, textFormatOf(field));
  if (seed < values.length) return values[seed];
  if (values.length > 0 && !field.unique) return values[seed % values.length];
  if (values.length === 0 && typeof field.default === 'string' && new RegExp(field.pattern!, 'u').test(field.default)) return field.default;
  return undefined;
}
