/** Java source text: literals as javac reads them, and sorted import lists. */

/** A Java string literal. */
export const javaString = (s: string): string =>
  '"' +
  s.replace(/[\\"\n\r\t\u0000-\u001f\u2028\u2029]/g, (c) =>
    ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ) +
  '"';

const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
export const longLiteral = (n: number): string => (n < INT_MIN || n > INT_MAX ? `${n}L` : String(n));
/**
 * A Bean Validation message attribute: `{`, `}`, `$` and `\\` are interpolation syntax there, so a message that
 * quotes a pattern escapes them to reach the client as written.
 */
export const messageString = (s: string): string => javaString(s.replace(/[{}$\\]/g, '\\$&'));

/** Imports as the formatter sorts them (by code point), each once. */
export function imports(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}
