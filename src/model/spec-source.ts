import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../config/problems.js';

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

export function parseSpecText(text: string, file: string): { source?: SpecSource; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems: Problem[] = doc.errors.map((err) => {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    return {
      rule: 'spec-syntax',
      path: '',
      message: `${file} is not valid YAML or JSON: ${err.message.split('\n')[0]}`,
      hint: err.code === 'DUPLICATE_KEY' ? 'each key may appear only once in a mapping' : 'check indentation, quotes and brackets at that line',
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    };
  });
  if (problems.length) return { problems };
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return { source: { file, data, locate: (path, atKey) => locate(doc, lines, path, atKey) }, problems };
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

