import { visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { parsePattern } from '../pattern/sample.js';

/**
 * A `pattern` is checked by JavaScript (Node), Python (`re`, pydantic) and Java (`java.util.regex`). Only the
 * part of ECMA-262 those three read alike is accepted; each construct outside it is named with its position.
 */
export interface UnportableConstruct {
  /** What it is, in words, with the text as written: `a named group "(?<year>"`. */
  readonly construct: string;
  /** 1-based position in the pattern. */
  readonly at: number;
  readonly hint: string;
}

/** Character-class operators that Java reads as set operations (`&&`) and Python warns about. */
const CLASS_OPERATORS = ['&&', '||', '--', '~~'];

/** Every unportable construct in a pattern that is valid ECMA-262 in `u` mode (others fail pattern-valid). */
export function unportableConstructs(pattern: string): UnportableConstruct[] {
  let ast: AST.Pattern;
  try {
    ast = parsePattern(pattern);
  } catch {
    return [];
  }
  const out: UnportableConstruct[] = [];
  const add = (node: AST.Node, construct: string, hint: string, raw = node.raw) =>
    out.push({ construct: `${construct} ${JSON.stringify(raw)}`, at: node.start + 1, hint });
  visitRegExpAST(ast, {
    onAssertionEnter(node) {
      if (node.kind === 'lookbehind') add(node, 'a lookbehind', 'Java limits what a lookbehind may contain and Python needs a fixed width; match the text itself instead, or use a lookahead', node.raw.slice(0, 4));
    },
    onCapturingGroupEnter(node) {
      if (node.name !== null) add(node, 'a named group', 'Python writes named groups as (?P<name>…); use a plain group (…) or (?:…)', node.raw.slice(0, node.name.length + 4));
    },
    onBackreferenceEnter(node) {
      add(node, 'a backreference', 'repeat the sub-pattern itself instead of referring back to a group');
    },
    onGroupEnter(node) {
      if (node.modifiers) add(node, 'an inline modifier', 'inline flags differ between JavaScript, Python and Java; spell out both cases, e.g. [Aa] instead of (?i:a)', node.raw.slice(0, node.modifiers.end - node.start + 1));
    },
    onCharacterSetEnter(node) {
      if (node.kind === 'property') add(node, 'a Unicode property escape', "Python's re has no \\p{…}; list the characters or ranges, e.g. [A-Za-zÀ-ÿ]");
    },
    onCharacterEnter(node) {
      const inClass = node.parent.type === 'CharacterClass' || node.parent.type === 'CharacterClassRange';
      if (node.raw.startsWith('\\c')) add(node, 'a control-character escape', 'Python has no \\cX; write the character as \\xHH');
      else if (node.raw.startsWith('\\u{')) add(node, 'a code point escape', 'Python and Java write it differently; use \\uHHHH for characters up to U+FFFF');
      else if (node.raw === '\\v') add(node, 'the escape', 'Java reads \\v as any vertical whitespace; write \\x0B for the vertical tab');
      else if (node.raw === '\\0') add(node, 'the escape', 'Java needs octal digits after \\0; write \\x00');
      else if (inClass && node.raw === '\\b') add(node, 'a backspace escape in a class', 'Java reads \\b only as a word boundary; write \\x08');
      else if (inClass && node.raw === '[') add(node, 'an unescaped bracket in a class', 'Java reads it as a nested class; escape it as \\[');
    },
    onCharacterClassEnter(node) {
      if (node.elements.length === 0) add(node, 'an empty class', 'Python and Java read [] and [^] differently; remove it, or use [\\s\\S] for any character');
      const operator = CLASS_OPERATORS.find((op) => node.raw.includes(op));
      if (operator) add(node, `the doubled "${operator}" in the class`, 'Java reads && as a class intersection and Python warns about set operations; keep one of the two characters, or escape the second');
    },
  });
  return out.sort((a, b) => a.at - b.at);
}
