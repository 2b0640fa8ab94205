import { goPattern, javaPattern, pythonPattern, rubyPattern } from './pattern-dialects.js';

/**
 * What an `email` and a `url` field accept, on every stack alike (README, "Field types"): each rule is one
 * ECMA-262 pattern that every server checks through its engine's translation (pattern-dialects.ts), so a value
 * one stack takes is taken by all. A library's notion (ajv-formats, Hibernate's @Email, Go's net/mail and net/url,
 * pydantic's EmailStr) would give four different answers on the edges: quoted local parts, IDN, `mailto:`, a
 * final newline, `http://[x`.
 *
 * email: a local part and a domain of dot-separated labels, with no whitespace, control character or second `@`
 * anywhere. Unicode is allowed on both sides (RFC 6531 addresses), and so is a quoted local part without spaces.
 * The domain has 2 to 127 labels (DNS's limit): the bound keeps java.util.regex, which recurses once per
 * repetition of a group, from overflowing its stack on a megabyte of `.a`.
 *
 * url: an absolute `http` or `https` URL: an optional user info, a host (a name of any script, or an IPv6/IPv4
 * literal in brackets), an optional port, then a path, query or fragment, with no whitespace or control
 * character anywhere. Other schemes (`mailto:`, `ftp:`, `javascript:`) are refused: a `url` field holds a
 * link a browser can follow. Both rules are unambiguous, so backtracking engines check them in linear time.
 */
/** Whitespace (ECMA-262's `\s`, Unicode spaces included) and control characters (C0, DEL and C1). */
const NOT_TEXT = '\\s\\x00-\\x1F\\x7F-\\x9F';

export const EMAIL_PATTERN = `^[^${NOT_TEXT}@]+@[^${NOT_TEXT}@.]+(?:\\.[^${NOT_TEXT}@.]+){1,126}$`;

/**
 * An IPv6 address in brackets, in the forms every engine and URL parser agrees on (eight groups, or `::` for a
 * run of zero groups; no embedded IPv4 or zone): a looser `[0-9A-Fa-f:.]+` admitted `http://[0]`, which Python's
 * urlsplit (and schemathesis, reading such a value back) rejects.
 */
const IPV6 = '(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}|:(?:(?::[0-9A-Fa-f]{1,4}){1,7}|:))';

export const URL_PATTERN =
  `^https?://(?:[^${NOT_TEXT}@/?#\\[\\]]+@)?(?:\\[${IPV6}\\]|[^${NOT_TEXT}@/?#\\[\\]:]+)(?::[0-9]{1,5})?(?:[/?#][^${NOT_TEXT}]*)?$`;

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
