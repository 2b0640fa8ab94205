import type { JsonValue } from '../../config/types.js';

/**
 * Ruby source text as RuboCop's default style writes it: single-quoted strings unless a character needs an
 * escape, `%w[]` for arrays of plain words, `{ 'key' => value }` hashes.
 */

/** A string literal: single-quoted unless a character needs an escape there, then double-quoted. */
export function rubyString(text: string): string {
  // Control characters, and a single quote (RuboCop prefers "it's" to 'it\'s'), need the double-quoted form.
  if (!/[\u0000-\u001f\u007f'\u2028\u2029]/.test(text)) {
    return `'${text.replace(/\\/g, '\\\\')}'`;
  }
  // JSON's escapes are Ruby's too (\n, \t, \uXXXX, \\, \"); only interpolation (#{, #$, #@) needs one more.
  return JSON.stringify(text).replace(/#(?=[{$@])/g, '\\#');
}

/** A word `%w[]` can hold as it is. */
const PLAIN_WORD = /^[^\s\\[\]]+$/;

/** An array of strings: `%w[a b]` when every item is a plain word (RuboCop's Style/WordArray), else `['a b']`. */
export function rubyStrings(items: readonly string[]): string {
  if (items.length > 1 && items.every((i) => PLAIN_WORD.test(i))) return `%w[${items.join(' ')}]`;
  return `[${items.map(rubyString).join(', ')}]`;
}

/**
 * A number as Ruby reads it (an Integer, or a Float with a fraction or exponent), its integer part in groups of
 * three digits from five digits on (RuboCop's Style/NumericLiterals).
 */
export function rubyNumber(n: number): string {
  const text = Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
  const [mantissa = '', exponent] = text.split(/e\+?/);
  const [whole = '', fraction] = mantissa.split('.');
  const digits = whole.replace('-', '');
  const grouped = digits.length >= 5 ? digits.replace(/\B(?=(\d{3})+$)/g, '_') : digits;
  const number = `${whole.startsWith('-') ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
  // Ruby needs a fraction before an exponent: 1e21 is written 1.0e21.
  return exponent === undefined ? number : `${number}${fraction === undefined ? '.0' : ''}e${exponent}`;
}

/** A JSON value as a Ruby literal (objects with string keys). */
export function rubyLiteral(value: JsonValue): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return rubyString(value);
  if (typeof value === 'number') return rubyNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string') ? rubyStrings(value as string[]) : `[${value.map(rubyLiteral).join(', ')}]`;
  }
  const entries = Object.entries(value).map(([k, v]) => `${rubyString(k)} => ${rubyLiteral(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/**
 * A method call with keyword arguments, on one line when it fits `width`, else one argument per line
 * (RuboCop's Layout/LineLength and Layout/FirstArgumentIndentation).
 */
export function rubyCall(head: string, args: readonly string[], indent: number, width = 120): string {
  const line = `${head}(${args.join(', ')})`;
  if (indent + line.length + 1 <= width) return line;
  const pad = ' '.repeat(indent + 2);
  return `${head}(\n${args.map((a) => pad + a).join(',\n')}\n${' '.repeat(indent)})`;
}
