import { Lexer, createToken, type IToken } from 'chevrotain';

/**
 * The tokens of JHipster's JDL, on chevrotain (the library JHipster's own JDL parser is built on). The
 * grammar over them is in jdl.ts; comments and whitespace, commas included where JDL makes them optional,
 * are kept out of the token stream except where the grammar needs them.
 */
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
const Comment = createToken({ name: 'Comment', pattern: /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*/, group: Lexer.SKIPPED });
export const Regex = createToken({ name: 'Regex', pattern: /\/(?:[^/\\\n]|\\.)+\//, longer_alt: undefined });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\]|\\.)*"/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d+(\.\d+)?/ });
export const Name = createToken({ name: 'Name', pattern: /[A-Za-z_][\w.-]*/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LSquare = createToken({ name: 'LSquare', pattern: /\[/ });
export const RSquare = createToken({ name: 'RSquare', pattern: /]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Equals = createToken({ name: 'Equals', pattern: /=/ });
export const At = createToken({ name: 'At', pattern: /@/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });

const lexer = new Lexer([WhiteSpace, Comment, Regex, StringLiteral, NumberLiteral, Name, LCurly, RCurly, LParen, RParen, LSquare, RSquare, Comma, Equals, At, Star, Colon], { positionTracking: 'full' });

export function tokenize(text: string): { tokens: IToken[]; error?: { line: number; column: number; message: string } } {
  const result = lexer.tokenize(text);
  const e = result.errors[0];
  return e ? { tokens: [], error: { line: e.line ?? 1, column: e.column ?? 1, message: e.message } } : { tokens: result.tokens };
}
