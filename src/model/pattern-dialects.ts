import { visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { parsePattern, wholeValuePattern } from './pattern-sample.js';

/**
 * A `pattern` means what ECMA-262 says (SPEC 3): `$` without the multiline flag matches only at the very end
 * of the value. Python's `re` and java.util.regex also match `$` before a final line terminator, so
 * `^[A-Z]{2}$` would accept "AB\n" there. The servers check a translation in which every end-of-input
 * assertion is the engine's own "end of text" (`\Z` in Python, `\z` in Java); the OpenAPI documents and the
 * error messages keep the pattern as the user wrote it.
 *
 * The pattern is parsed, so `\$` and `[$]` (literal dollar signs) are left alone. Every other construct is
 * read alike by the three engines (`src/config/pattern-subset.ts` refuses the rest).
 */
function withEndOfText(pattern: string, endOfText: string): string {
  let ast: AST.Pattern;
  try {
    ast = parsePattern(pattern);
  } catch {
    return pattern;
  }
  const ends: AST.Assertion[] = [];
  visitRegExpAST(ast, {
    onAssertionEnter(node) {
      if (node.kind === 'end') ends.push(node);
    },
  });
  let out = pattern;
  for (const node of ends.sort((a, b) => b.start - a.start)) out = out.slice(0, node.start) + endOfText + out.slice(node.end);
  return out;
}

/** The pattern for Python's `re.search`, with ECMA-262's meaning. */
export const pythonPattern = (pattern: string): string => withEndOfText(pattern, '\\Z');

/**
 * The pattern for Bean Validation's `@Pattern` (java.util.regex, whole-value `matches`), with ECMA-262's meaning.
 * One anchored at both ends stays as written (`matches` leaves no final newline for `$` to stand before); in
 * the search form of any other, `$` becomes `(?![\\s\\S])`, "no character follows", which springdoc copies
 * into the document and which every engine reads alike (`\\z` is no ECMA-262).
 */
export function javaPattern(pattern: string): string {
  const whole = wholeValuePattern(pattern);
  return whole === pattern ? pattern : withEndOfText(whole, '(?![\\s\\S])');
}
