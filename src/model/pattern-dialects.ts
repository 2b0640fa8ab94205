import { visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { parsePattern, wholeValuePattern } from '../pattern/sample.js';

/**
 * A `pattern` means what ECMA-262 says (SPEC 3, `u` mode): `$` without the multiline flag matches only at the
 * very end of the value; `\d`, `\w` and `\b` are ASCII; `\s` is ECMA-262's WhiteSpace and LineTerminator
 * (Unicode spaces included); `.` is anything but the four line terminators. Each server engine reads some of
 * these differently:
 *
 * | construct | Python `re` (str)               | java.util.regex (JDK 17)       | Go regexp (RE2)           |
 * |-----------|---------------------------------|--------------------------------|---------------------------|
 * | `$`       | also before a final `\n`        | also before a final terminator | end of text (as ECMA)     |
 * | `\d` `\w` | Unicode digits and letters      | ASCII (as ECMA)                | ASCII (as ECMA)           |
 * | `\b`      | Unicode word characters         | Unicode letters and digits     | ASCII (as ECMA)           |
 * | `\s`      | str.isspace(): adds \x1c-\x1f, \x85; lacks \uFEFF | ASCII only   | ASCII, without \x0B      |
 * | `.`       | all but `\n`                    | all but `\n` `\r` `\x85` `\u2028` `\u2029` | all but `\n` |
 *
 * Ruby's Onigmo reads `^` and `$` as line anchors (so `^a$` matches "x\na"), `\b` over Unicode word characters,
 * `\s` as ASCII only and `.` as anything but `\n`; `\d` and `\w` are ASCII there, as in ECMA-262.
 *
 * The servers check a translation that spells out each construct an engine reads differently (explicit
 * classes, lookaround word boundaries, the engine's own end of text), so every stack accepts exactly what
 * JavaScript accepts. The OpenAPI documents and the error messages keep the pattern as the user wrote it.
 * The pattern is parsed, so escaped and in-class literals (`\$`, `[$]`, `[.]`) are left alone; every other
 * construct is read alike by the engines (`src/config/pattern-subset.ts` refuses the rest).
 *
 * Go needs: `\s`, `\S` and `.` spelled out (GO_DIALECT below); `$`, `\d`, `\w`, `\b` stay. RE2 has no
 * lookaround, so a pattern with `(?=`/`(?!` cannot be checked by Go's regexp at all: a Go stack must refuse
 * it at `validate` or check it another way. Go's `regexp.MatchString` searches, as JSON Schema means it.
 */
interface Dialect {
  /** The construct kinds that this engine reads unlike ECMA-262 and that are spelled out. */
  readonly rewrite: ReadonlySet<'digit' | 'word' | 'space' | 'any' | 'boundary'>;
  /** A code point inside a character class, in the engine's escape syntax. */
  readonly escape: (codePoint: number) => string;
}

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');
const isPlain = (cp: number): boolean => /^[A-Za-z0-9_]$/.test(String.fromCodePoint(cp));

const PYTHON_DIALECT: Dialect = {
  rewrite: new Set(['digit', 'word', 'space', 'any', 'boundary']),
  escape: (cp) => (isPlain(cp) ? String.fromCodePoint(cp) : cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`),
};

const JAVA_DIALECT: Dialect = {
  rewrite: new Set(['space', 'any', 'boundary']),
  escape: (cp) => (isPlain(cp) ? String.fromCodePoint(cp) : cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\x{${hex(cp, 1)}}`),
};

const RUBY_DIALECT: Dialect = {
  rewrite: new Set(['space', 'any', 'boundary']),
  escape: (cp) => (isPlain(cp) ? String.fromCodePoint(cp) : `\\u{${hex(cp, 1)}}`),
};

const GO_DIALECT: Dialect = {
  rewrite: new Set(['space', 'any']),
  escape: (cp) => (isPlain(cp) ? String.fromCodePoint(cp) : cp < 0x100 ? `\\x${hex(cp, 2)}` : `\\x{${hex(cp, 1)}}`),
};

/** A set of code points as sorted, disjoint, inclusive ranges. */
type Ranges = Array<readonly [number, number]>;
const MAX_CODE_POINT = 0x10ffff;

function normalize(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const union = (...sets: Ranges[]): Ranges => normalize(sets.flat());
const intersect = (a: Ranges, b: Ranges): Ranges => complement(union(complement(a), complement(b)));

/** ECMA-262's `\s`: WhiteSpace (tab, VT, FF, ZWNBSP, every Zs space) and LineTerminator. */
const SPACE: Ranges = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f],
  [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = normalize([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
/** What `.` matches without the dotAll flag: anything but a line terminator. */
const NOT_LINE_TERMINATOR: Ranges = complement([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);

const ESCAPE_SETS: Record<'digit' | 'space' | 'word', Ranges> = { digit: DIGIT, space: SPACE, word: WORD };

/** A class in the engine's syntax: `[…]` for the set, or `[^…]` for its complement when that is shorter. */
function renderClass(set: Ranges, dialect: Dialect): string {
  const body = (ranges: Ranges) =>
    ranges.map(([lo, hi]) => (lo === hi ? dialect.escape(lo) : hi === lo + 1 ? dialect.escape(lo) + dialect.escape(hi) : `${dialect.escape(lo)}-${dialect.escape(hi)}`)).join('');
  const inverse = complement(set);
  // Any character and none (an empty class is no valid syntax in Python or Java): a set and its complement
  // cover everything whatever each engine reads as `\s`.
  if (inverse.length === 0) return '[\\s\\S]';
  if (set.length === 0) return '[^\\s\\S]';
  return inverse.length < set.length ? `[^${body(inverse)}]` : `[${body(set)}]`;
}

/** The code points one class element stands for. */
function elementSet(e: AST.CharacterClassElement): Ranges {
  if (e.type === 'Character') return [[e.value, e.value]];
  if (e.type === 'CharacterClassRange') return [[e.min.value, e.max.value]];
  if (e.type === 'CharacterSet' && (e.kind === 'digit' || e.kind === 'space' || e.kind === 'word')) {
    return e.negate ? complement(ESCAPE_SETS[e.kind]) : ESCAPE_SETS[e.kind];
  }
  throw new Error(`no portable set for the class element ${e.raw}`);
}

const WORD_CLASS = '[A-Za-z0-9_]';
const BOUNDARY = `(?:(?<=${WORD_CLASS})(?!${WORD_CLASS})|(?<!${WORD_CLASS})(?=${WORD_CLASS}))`;
const NOT_BOUNDARY = `(?:(?<=${WORD_CLASS})(?=${WORD_CLASS})|(?<!${WORD_CLASS})(?!${WORD_CLASS}))`;

/**
 * The pattern with every construct this engine reads unlike ECMA-262 spelled out, `$` as `endOfText` and `^` as
 * `startOfText` (each left alone when null).
 */
function translate(pattern: string, dialect: Dialect, endOfText: string | null, startOfText: string | null = null): string {
  let ast: AST.Pattern;
  try {
    ast = parsePattern(pattern);
  } catch {
    return pattern;
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const needs = (e: AST.Node): boolean =>
    e.type === 'CharacterSet' && (e.kind === 'digit' || e.kind === 'word' || e.kind === 'space') && dialect.rewrite.has(e.kind);
  visitRegExpAST(ast, {
    onAssertionEnter(node) {
      if (node.kind === 'end' && endOfText !== null) edits.push({ start: node.start, end: node.end, text: endOfText });
      if (node.kind === 'start' && startOfText !== null) edits.push({ start: node.start, end: node.end, text: startOfText });
      if (node.kind === 'word' && dialect.rewrite.has('boundary')) edits.push({ start: node.start, end: node.end, text: node.negate ? NOT_BOUNDARY : BOUNDARY });
    },
    onCharacterClassEnter(node) {
      if (!node.elements.some(needs)) return;
      const set = union(...node.elements.map((e) => elementSet(e as AST.CharacterClassElement)));
      edits.push({ start: node.start, end: node.end, text: renderClass(node.negate ? complement(set) : set, dialect) });
    },
    onCharacterSetEnter(node) {
      if (node.parent.type === 'CharacterClass') return;
      if (node.kind === 'any' && dialect.rewrite.has('any')) edits.push({ start: node.start, end: node.end, text: renderClass(NOT_LINE_TERMINATOR, dialect) });
      else if (needs(node)) edits.push({ start: node.start, end: node.end, text: renderClass(elementSet(node as AST.EscapeCharacterSet), dialect) });
    },
  });
  let out = pattern;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The pattern for Python's `re.search` on str, with ECMA-262's meaning. */
export const pythonPattern = (pattern: string): string => translate(pattern, PYTHON_DIALECT, '\\Z');

/** The pattern for Ruby's `Regexp#match?` (Onigmo), with ECMA-262's meaning: `^` and `$` become `\\A` and `\\z`. */
export const rubyPattern = (pattern: string): string => translate(pattern, RUBY_DIALECT, '\\z', '\\A');

/** The pattern for Go's `regexp.MatchString` (RE2), with ECMA-262's meaning; lookarounds have none (see above). */
export const goPattern = (pattern: string): string => translate(pattern, GO_DIALECT, null);

/**
 * The pattern for Bean Validation's `@Pattern` (java.util.regex, whole-value `matches`), with ECMA-262's meaning.
 * One anchored at both ends keeps its anchors (`matches` leaves no final newline for `$` to stand before); in
 * the search form of any other, `$` becomes `(?![\\s\\S])`, "no character follows" (`[\\s\\S]` is any character
 * in every engine, whatever each reads as `\\s`). The document shows the user's pattern (OpenApiConfig).
 */
export function javaPattern(pattern: string): string {
  const whole = wholeValuePattern(pattern);
  return translate(whole, JAVA_DIALECT, whole === pattern ? null : '(?![\\s\\S])');
}

/** Whether a pattern reaches a Java engine unchanged, so that springdoc's copy of `@Pattern` is the user's text. */
export const javaKeepsPattern = (pattern: string): boolean => javaPattern(pattern) === pattern;
