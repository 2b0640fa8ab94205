/**
 * The security headers of every response, fixed at start-up. They are helmet 8's set, tightened for an API that
 * serves no HTML except the docs page (whose routes set DOCS_CSP instead). @fastify/helmet rebuilt all of them,
 * parsing the CSP, on every request: about a quarter of the server's CPU time for a GET by id.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  // JSON needs no sources at all, and no page may frame a response.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-site',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * Only on requests that arrived over TLS (directly, or per X-Forwarded-Proto from a trusted proxy): over plain
 * HTTP the header means nothing to a browser, and a local http:// server must not ask for it.
 */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The docs page runs Swagger UI's own, locally served script, styles and images, and fetches /docs/json. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
