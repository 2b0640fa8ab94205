/**
 * What an `email` and a `url` field accept, on every stack alike (README, "Field types"): each rule is one
 * ECMA-262 pattern that every server checks through its engine's translation (src/model/text-formats.ts), so a
 * value one stack takes is taken by all. A library's notion (ajv-formats, Hibernate's @Email, Go's net/mail and net/url,
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

export type TextFormat = 'email' | 'url';

/**
 * Each rule, and the text a match of a field's own pattern can be wrapped in to satisfy it, tried in order. `N`
 * stands for a number that keeps values apart where the pattern alone admits few ('' first, then 1, 2, …).
 */
export const FORMAT_RULES: Readonly<Record<TextFormat, { readonly pattern: string; readonly affixes: readonly (readonly [string, string])[] }>> = {
  email: {
    pattern: EMAIL_PATTERN,
    affixes: [['', ''], ['', 'N@example.com'], ['userN', ''], ['userN.', '@example.com'], ['userN@', '.example.com'], ['userN@', '.com'], ['userN@example.', '']],
  },
  url: {
    pattern: URL_PATTERN,
    affixes: [['', ''], ['', 'exampleN.com'], ['https://example.com/N', ''], ['https://', '.exampleN.com'], ['https://', '.com/N'], ['https://', ''], ['https://example.com/?q=N', '']],
  },
};

/** The rule besides its own pattern that a field's values satisfy: an email or url field's format. */
export const textFormatOf = (field: { readonly type: string }): TextFormat | undefined =>
  field.type === 'email' || field.type === 'url' ? field.type : undefined;
