/**
 * The rules of email and url fields (JSON Schema formats `email` and `uri`), the same on every stack of
 * create-backend (README, "Field types"): no whitespace or control character, one @ and a dotted domain; an
 * absolute http(s) URL with a host. ajv-formats' own rules differ from the other stacks' on the edges (IDN
 * addresses, `mailto:`), so these replace them.
 */
/* eslint-disable no-control-regex, no-useless-escape -- both rules are the shared texts of src/model/text-formats.ts in create-backend, character for character, and refuse control characters */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the rule refuses
export const EMAIL_RULE =
  /^[^\s\x00-\x1F\x7F-\x9F@]+@[^\s\x00-\x1F\x7F-\x9F@.]+(?:\.[^\s\x00-\x1F\x7F-\x9F@.]+){1,126}$/u;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the rule refuses
export const URL_RULE =
  /^https?:\/\/(?:[^\s\x00-\x1F\x7F-\x9F@/?#\[\]]+@)?(?:\[(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}|:(?:(?::[0-9A-Fa-f]{1,4}){1,7}|:))\]|[^\s\x00-\x1F\x7F-\x9F@/?#\[\]:]+)(?::[0-9]{1,5})?(?:[/?#][^\s\x00-\x1F\x7F-\x9F]*)?$/u;
