import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Problem } from './problems.js';

/**
 * A spec file's text parsed into plain data, keeping where each value came from so that every problem can
 * name its line and column. JSON is valid YAML, so one parser serves both formats.
 */
export interface SpecSource {
  readonly file: string;
  readonly data: unknown;
  /** 1-based line and column of the value (or, for a missing key, its parent) at `path`. */
  locate(path: readonly (string | number)[], atKey?: boolean): { line: number; column: number } | undefined;
}

/** SPEC 3: a spec over 1 MiB is refused before it is parsed (a large YAML file took minutes). */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** Aliases expanded when the YAML is turned into data; a few hundred "billion laughs" aliases are refused. */
const MAX_ALIASES = 100;
/** Keys that would reach or replace an object's prototype once the spec is plain data. */
const PROTOTYPE_KEYS = new Set(['__proto__']);

/**
 * A spec file's bytes: refused when over 1 MiB or not UTF-8, then parsed as text. A `.json` file is read as
 * strict JSON first (YAML would accept a trailing comma or a comment that JSON does not allow).
 */
export function parseSpecBytes(bytes: Uint8Array, file: string): { source?: SpecSource; problems: Problem[] } {
  if (bytes.length > MAX_SPEC_BYTES) {
    return { problems: [{ rule: 'spec-size', path: '', file, message: `${file} is ${bytes.length} bytes; a spec may be at most 1 MiB (${MAX_SPEC_BYTES} bytes)`, hint: 'split the model, or remove data that is not part of it' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const pos = positionOf(new TextDecoder('utf-8').decode(bytes.subarray(0, at)), at === 0 ? 0 : Infinity);
    return { problems: [{ rule: 'spec-encoding', path: '', file, message: `${file} is not UTF-8 text: byte ${at} (0x${bytes[at].toString(16).padStart(2, '0')}) is not valid UTF-8`, hint: 'save the file as UTF-8', ...pos }] };
  }
  if (/\.json$/i.test(file)) {
    const json = strictJsonProblem(text, file);
    if (json) return { problems: [json] };
  }
  return parseSpecText(text, file);
}

/**
 * An unclosed quote or flow collection is reported where the parser gave up, often the end of the file; the user
 * needs the line where it was opened: the start of the innermost quoted scalar or [ ] / { } spanning the error.
 */
function unclosedAt(doc: Document, errorAt: number): number | undefined {
  let start: number | undefined;
  const spans = (node: { range?: [number, number, number] | null }) => node.range != null && node.range[0] < errorAt && node.range[1] >= errorAt;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && spans(node)) start = node.range![0];
    },
    Map(_, node) {
      if (node.flow && spans(node)) start = node.range![0];
    },
    Seq(_, node) {
      if (node.flow && spans(node)) start = node.range![0];
    },
  });
  return start;
}

export function parseSpecText(text: string, file: string): { source?: SpecSource; problems: Problem[] } {
  const lines = new LineCounter();
  // Duplicate keys are found by keysProblems (it names the key and both lines), so the parser does not stop there.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, strict: true });
  const problems: Problem[] = doc.errors.map((err) => {
    const opener = unclosedAt(doc, err.pos[0]);
    const pos = opener !== undefined ? lines.linePos(opener) : (err.linePos?.[0] ?? lines.linePos(err.pos[0]));
    // The library's message ends with where it gave up (" at line 6, column 1:"), which the problem's own location replaces.
    const why = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return {
      rule: 'spec-syntax',
      path: '',
      message: `${file} is not valid YAML or JSON: ${why}`,
      hint: opener !== undefined ? 'the quote or bracket opened here is not closed where it should be' : 'check indentation, quotes and brackets at that line',
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    };
  });
  if (problems.length) return { problems };
  problems.push(...keysProblems(doc, lines, file));
  if (problems.length) return { problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
  } catch (err) {
    // The yaml library throws a ReferenceError for an alias bomb; any other failure here is also bad input.
    const why = err instanceof Error && /alias/i.test(err.message) ? `expands more than ${MAX_ALIASES} aliases` : 'cannot be read as data';
    return { problems: [{ rule: 'spec-aliases', path: '', file, message: `${file} ${why}`, hint: 'write the values out instead of repeating anchors (&name) with aliases (*name)', line: 1, column: 1 }] };
  }
  return { source: { file, data, locate: (path, atKey) => locate(doc, lines, path, atKey) }, problems };
}

/** Duplicate keys (named, with both lines) and prototype keys, in every mapping of the document. */
function keysProblems(doc: Document, lines: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node) => {
    const pos = node.range ? lines.linePos(node.range[0]) : undefined;
    return pos ? { line: pos.line, column: pos.col } : {};
  };
  visit(doc, {
    Map(_, map, path) {
      const seen = new Map<string, Node>();
      const where = dotted(path);
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const dottedKey = where ? `${where}.${key}` : key;
        if (PROTOTYPE_KEYS.has(key)) {
          problems.push({ rule: 'spec-key-name', path: dottedKey, file, message: `the key "${key}" is not allowed`, hint: 'rename it: it names the prototype of an object in JavaScript', ...at(pair.key) });
        }
        const first = seen.get(key);
        if (first) {
          const firstLine = at(first).line;
          problems.push({ rule: 'spec-duplicate-key', path: dottedKey, file, message: `the key "${key}" appears twice${where ? ` in ${where}` : ''}: line ${firstLine} and line ${at(pair.key).line ?? '?'}`, hint: 'each key may appear only once in a mapping: merge or rename one of them', ...at(pair.key) });
        } else seen.set(key, pair.key);
      }
    },
  });
  return problems;
}

/** The dotted spec path of a node from the ancestors `visit` passes (pairs give their key's name). */
function dotted(path: readonly unknown[]): string {
  return path.filter((n): n is { key: unknown } => isPair(n)).map((p) => (isScalar(p.key) ? String(p.key.value) : '?')).join('.');
}

function strictJsonProblem(text: string, file: string): Problem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = /position (\d+)/.exec(message);
    const before = offset ? text.slice(0, Number(offset[1])) : '';
    const trailingComma = /,\s*$/.test(before);
    // A trailing comma is reported where the comma is, not at the bracket after it.
    const pos = offset ? positionOf(text, trailingComma ? before.lastIndexOf(',') : Number(offset[1])) : {};
    return {
      rule: 'spec-syntax',
      path: '',
      file,
      message: `${file} is not valid JSON: ${trailingComma ? 'a trailing comma before a closing bracket' : message.split('\n')[0]}`,
      hint: trailingComma ? 'remove the comma after the last entry (JSON allows none), or rename the file to .yaml' : 'check quotes, commas and brackets at that line (JSON allows no comments or trailing commas)',
      ...pos,
    };
  }
}

/** 1-based line and column of a character offset (the end of the text for Infinity). */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search for the longest valid prefix; a prefix cut inside a multi-byte character is retried with up to 3 more bytes.
  let lo = 0;
  let hi = bytes.length;
  const valid = (n: number) => [0, 1, 2, 3].some((extra) => {
    if (n + extra > bytes.length) return false;
    try {
      decoder.decode(bytes.subarray(0, n + extra));
      return true;
    } catch {
      return false;
    }
  });
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The value at `path` (or the deepest node that exists). With `atKey`, the key of the last mapping entry
 * instead: an unknown key is reported where the key is written, a bad value where the value is.
 */
function locate(doc: Document, lines: LineCounter, path: readonly (string | number)[], atKey = false) {
  let node: Node | null | undefined = doc.contents as Node | null;
  let found = node;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      found = (pair.value as Node | null) ?? (pair.key as Node);
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      depth++;
      if (!node) {
        found = pair.key as Node;
        break;
      }
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
      if (!node) break;
      found = node;
    } else break;
  }
  if (atKey && keyNode && depth === path.length) found = keyNode;
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

