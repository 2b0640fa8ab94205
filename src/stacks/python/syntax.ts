import type { JsonValue } from '../../config/types.js';

/** Python source text as `ruff format` and ruff's isort write it, so generated code passes their checks as rendered. */

const LINE = 100;

/** `name = (a, b)` as `ruff format` writes a tuple: on one line when it fits, else one item per line. */
export function pyTupleAssign(indent: number, head: string, items: readonly string[]): string {
  const pad = ' '.repeat(indent);
  const one = `${pad}${head}(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
  if (one.length <= LINE) return one;
  return `${pad}${head}(\n${items.map((i) => `${pad}    ${i},`).join('\n')}\n${pad})`;
}

/** A tuple literal, exploded one item per line (a magic trailing comma keeps `ruff format` from joining it). */
export const pyTuple = (items: readonly string[]): string => (items.length === 0 ? '()' : items.length === 1 ? `(${items[0]},)` : `(\n${items.map((i) => `    ${i},`).join('\n')}\n)`);

/**
 * `head(arg, arg)` formatted exactly as `ruff format` would (black's right-hand split): one line when it fits,
 * else the arguments on one indented line, else one argument per line with a magic trailing comma.
 */
export function pyCall(indent: number, head: string, args: readonly string[], close = ')', tail = ''): string {
  const pad = ' '.repeat(indent);
  const open = close === ')' ? '(' : '[';
  const one = `${pad}${head}${open}${args.join(', ')}${close}${tail}`;
  if (one.length <= LINE) return one;
  // `name: Type = Field(` longer than a line: ruff parenthesizes the right-hand side instead.
  const assign = head.indexOf(' = ');
  if (`${pad}${head}${open}`.length > LINE && assign > 0) {
    const call = pyCall(indent + 4, head.slice(assign + 3), args, close);
    return `${pad}${head.slice(0, assign)} = (\n${call}\n${pad})${tail}`;
  }
  const inner = `${pad}    ${args.join(', ')}`;
  if (inner.length <= LINE && !(args.length > 1 && close === ']'))
    return `${pad}${head}${open}\n${inner}\n${pad}${close}${tail}`;
  return `${pad}${head}${open}\n${args.map((a) => `${pad}    ${a},`).join('\n')}\n${pad}${close}${tail}`;
}

/** A regular expression as Python writes one: a raw string where its text allows, else an escaped one. */
export const pyRegex = (pattern: string): string => (/["\n\r]|\\$/.test(pattern) ? pyStr(pattern) : `r"${pattern}"`);

/** A Python string literal in the quotes `ruff format` prefers (double, unless single needs fewer escapes). */
export function pyStr(value: string): string {
  const body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  return doubles > singles ? `'${body.replace(/'/g, "\\'")}'` : `"${body.replace(/"/g, '\\"')}"`;
}

/** A JSON value as a Python literal (JSON string escapes are valid Python escapes). */
export function pyLiteral(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyLiteral(x)}`).join(', ')}}`;
}

export const kw = (parts: Array<[string, string | number | null]>): string =>
  parts.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(', ');

/** `from module import a, b` as ruff's isort writes it (names sorted constants, classes, then functions). */
export function pyImport(module: string, names: readonly string[]): string {
  const rank = (n: string) => (/^[A-Z0-9_]+$/.test(n) ? 0 : /^[A-Z]/.test(n) ? 1 : 2);
  const sorted = [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const one = `from ${module} import ${sorted.join(', ')}`;
  if (one.length <= LINE) return one;
  return `from ${module} import (\n${sorted.map((n) => `    ${n},`).join('\n')}\n)`;
}

/** A call as an item of a tuple: its head and its arguments, laid out by `pyTupleBlock`. */
export interface PyCallItem {
  readonly head: string;
  readonly args: readonly string[];
}

/**
 * `head(item,)` as `ruff format` writes a tuple of calls: a single item on one line when it fits (its trailing
 * comma is no magic one), else one item per line with a trailing comma, which keeps the tuple exploded.
 */
export function pyTupleBlock(indent: number, head: string, items: readonly PyCallItem[], tail = ','): string {
  const pad = ' '.repeat(indent);
  if (items.length === 1) {
    const one = `${pad}${head}(${items[0]!.head}(${items[0]!.args.join(', ')}),)${tail}`;
    if (one.length <= LINE) return one;
  }
  const lines = items.map((item) => pyCall(indent + 4, item.head, item.args, ')', ','));
  return `${pad}${head}(\n${lines.join('\n')}\n${pad})${tail}`;
}
