import { EMAIL_PATTERN, URL_PATTERN } from '../pattern/formats.js';
import { goPattern, javaPattern, pythonPattern, rubyPattern } from './pattern-dialects.js';

/*
 * The email and url rules themselves (ECMA-262) live beside the pattern sampler, which makes sample values of a
 * field with its own pattern satisfy them too (src/pattern/formats.ts); here they meet each engine's dialect.
 */

/** The message each stack answers a value that breaks the rule with. */
export const TEXT_FORMAT_MESSAGES = { email: 'must be an email address', url: 'must be a URL' } as const;

export interface TextFormatRule {
  /** The ECMA-262 pattern, as documents show it and as JavaScript checks it. */
  readonly pattern: string;
  readonly python: string;
  readonly java: string;
  readonly go: string;
  readonly ruby: string;
  readonly message: string;
}

const rule = (pattern: string, message: string): TextFormatRule => ({
  pattern,
  python: pythonPattern(pattern),
  java: javaPattern(pattern),
  go: goPattern(pattern),
  ruby: rubyPattern(pattern),
  message,
});

/** The rules in each engine's dialect, for the templates (view.textFormats). */
export const TEXT_FORMATS: { readonly email: TextFormatRule; readonly url: TextFormatRule } = {
  email: rule(EMAIL_PATTERN, TEXT_FORMAT_MESSAGES.email),
  url: rule(URL_PATTERN, TEXT_FORMAT_MESSAGES.url),
};
