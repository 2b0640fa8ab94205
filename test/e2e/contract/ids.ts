/**
 * Ids are opaque strings whose format is each stack's choice (SPEC 5). Unknown-id probes therefore derive a
 * well-formed unknown id from a real one, and use a separate id that no stack could accept as wrong-shaped.
 */

export const WRONG_SHAPE_ID = 'not-an-id!';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id of the same shape as `existing` that almost certainly names no row. */
export function unknownIdLike(existing: string): string {
  if (/^\d+$/.test(existing)) {
    // Large but inside 32 bits, so even an INTEGER primary key parses it and answers 404.
    return existing === '2147483000' ? '2147482999' : '2147483000';
  }
  if (UUID.test(existing)) {
    // Change the last 12 hex digits only: version and variant nibbles stay, so the UUID stays valid.
    return existing.slice(0, 24) + rotateChars(existing.slice(24));
  }
  return existing.slice(0, Math.max(0, existing.length - 6)) + rotateChars(existing.slice(-6));
}

/** Moves each character within its own class (digit, hex letter, letter), so the format survives. */
function rotateChars(s: string): string {
  return [...s].map((ch) => {
    if (/[0-9]/.test(ch)) return String((Number(ch) + 5) % 10);
    if (/[a-f]/.test(ch)) return String.fromCharCode(((ch.charCodeAt(0) - 97 + 3) % 6) + 97);
    if (/[A-F]/.test(ch)) return String.fromCharCode(((ch.charCodeAt(0) - 65 + 3) % 6) + 65);
    if (/[g-z]/.test(ch)) return String.fromCharCode(((ch.charCodeAt(0) - 103 + 7) % 20) + 103);
    if (/[G-Z]/.test(ch)) return String.fromCharCode(((ch.charCodeAt(0) - 71 + 7) % 20) + 71);
    return ch;
  }).join('');
}
