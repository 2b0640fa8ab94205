import { Long } from 'mongodb';

/**
 * The one place where API values and MongoDB document values are converted into each other (the storage every
 * stack shares on MongoDB): decimals are exact strings with exactly `scale` fraction digits (FerretDB has no
 * Decimal128, and a double is not exact) beside an order key, dates YYYY-MM-DD strings, date-times BSON dates,
 * bigints 64-bit integers, JSON values their JSON text (a document cannot hold every JSON object: keys with a `$`
 * or a dot are refused), UUIDs lower case. An optional value that is null is left out of the document.
 */

/** `"007.5"` → `"7.50"` for scale 2; exact (string arithmetic, no floating point). */
export function normalizeDecimal(value: string, scale: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new TypeError(`not a decimal: ${value}`);
  const [, sign = '', int = '0', frac = ''] = match;
  const integer = int.replace(/^0+(?=\d)/, '');
  const fraction = frac.padEnd(scale, '0').slice(0, scale);
  const isZero = /^0*$/.test(integer + fraction);
  return `${isZero ? '' : sign}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}

/**
 * A string whose byte order is the numeric order of the decimals of one field (fixed precision and scale), kept
 * under `_order` and used for sorting: `p` + the digits zero-padded for zero and positive values, `n` + their
 * nines' complement for negative ones (`12.5` → `p001250`, `-12.5` → `n998749` for precision 6, scale 2).
 */
export function decimalOrderKey(value: string, precision: number, scale: number): string {
  const normalized = normalizeDecimal(value, scale);
  const negative = normalized.startsWith('-');
  const [int = '0', frac = ''] = normalized.replace('-', '').split('.');
  const digits = int.padStart(precision - scale, '0') + frac;
  return negative ? `n${[...digits].map((d) => String(9 - Number(d))).join('')}` : `p${digits}`;
}

/** A bigint as stored (a 64-bit integer); the driver reads it back as a number when it fits, as API values do. */
export type Int64 = Long | number;

/** API value → document value. Callers leave out null (an absent optional field). */
export const write = {
  string: (v: string): string => v,
  text: (v: string): string => v,
  email: (v: string): string => v,
  url: (v: string): string => v,
  enum: <T extends string>(v: T): T => v,
  uuid: (v: string): string => v.toLowerCase(),
  id: (v: string): string => v.toLowerCase(),
  integer: (v: number): number => v,
  bigint: (v: number): Long => Long.fromNumber(v),
  number: (v: number): number => v,
  decimal: (v: string, scale: number): string => normalizeDecimal(v, scale),
  boolean: (v: boolean): boolean => v,
  date: (v: string): string => v,
  datetime: (v: string): Date => new Date(v),
  json: (v: unknown): string => JSON.stringify(v),
};

/** Document value → API value. Callers map an absent field to null. */
export const read = {
  string: (v: string): string => v,
  text: (v: string): string => v,
  email: (v: string): string => v,
  url: (v: string): string => v,
  enum: <T extends string>(v: string): T => v as T,
  uuid: (v: string): string => v,
  integer: (v: number): number => Number(v),
  bigint: (v: Int64): number => Number(v),
  number: (v: number): number => Number(v),
  decimal: (v: string): string => v,
  boolean: (v: boolean): boolean => v,
  date: (v: string): string => v,
  datetime: (v: Date): string => v.toISOString(),
  json: (v: string): unknown => JSON.parse(v) as unknown,
};

/** The current time for createdAt / updatedAt, to the millisecond the API shows. */
export const now = (): Date => new Date();
