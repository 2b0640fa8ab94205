/**
 * The security contract of issue 13, black-box: JSON nesting depth, response headers, token claims and the
 * login throttle (per email, and per client address with forwarded headers NOT trusted by default).
 */
import { createHmac } from 'node:crypto';
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe, type HttpResponse } from '../client.js';
import { jwt, type Context } from '../context.js';
import { collectionPath } from '../model.js';
import { expectProblem } from '../problem.js';

const MAX_DEPTH = 32;
const NESTING_DETAIL = `JSON nesting deeper than ${MAX_DEPTH} levels`;
/** LOGIN_MAX_FAILURES' default; the address key allows ten times as many. */
const LOGIN_MAX_FAILURES = 10;
/** Documentation addresses (RFC 5737): only ever sent as header values, never connected to. */
const spoofedAddress = (i: number): string => `203.0.113.${i % 250}`;

export async function checkSecurity(ctx: Context): Promise<void> {
  await checkNesting(ctx);
  await checkHeaders(ctx);
  if (jwt(ctx)) {
    await checkTokenClaims(ctx);
    await checkEmailThrottle(ctx);
  }
}

/** A first entity whose rows the fixtures can build: its collection is where bodies are posted. */
function postableEntity(ctx: Context): EntitySpec | undefined {
  return ctx.config.entities.find((e) => !ctx.fixtures.unsupportedReason(e));
}

const nestedArrays = (depth: number, inner = '1'): string => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObjects = (depth: number): string => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

async function checkNesting(ctx: Context): Promise<void> {
  const { client, rec } = ctx;
  const entity = postableEntity(ctx);
  if (!entity) return rec.skip('security: JSON nesting', 'no entity accepts generated rows');
  const path = collectionPath(entity);

  // 50,000 levels overflow any recursive walk (a stack overflow answered 500 on node before the fix).
  await rec.run(`security: POST ${path} with arrays nested 50,000 deep → 400 "${NESTING_DETAIL}"`, async (p: Probe) => {
    expectProblem(p, await client.request('POST', path, { raw: nestedArrays(50_000) }), 400, { mention: NESTING_DETAIL });
  });
  await rec.run(`security: POST ${path} with objects nested ${MAX_DEPTH + 1} deep → 400 "${NESTING_DETAIL}"`, async (p: Probe) => {
    expectProblem(p, await client.request('POST', path, { raw: nestedObjects(MAX_DEPTH + 1) }), 400, { mention: NESTING_DETAIL });
  });

  const withJson = ctx.config.entities.find((e) => e.fields.some((f) => f.type === 'json') && !ctx.fixtures.unsupportedReason(e));
  const field = withJson?.fields.find((f) => f.type === 'json');
  if (!withJson || !field) return rec.skip('security: a json field value nested 30 deep is accepted', 'the model has no json field');
  // The body object is one level, the value 30 more: 31 levels, within the limit.
  await rec.run(`security: POST ${collectionPath(withJson)} with ${field.name} nested 30 deep → 201`, async (p: Probe) => {
    const body = await ctx.fixtures.body(withJson);
    body[field.name] = JSON.parse(nestedArrays(30));
    const res = await client.post(collectionPath(withJson), body);
    p.check(res.status === 201, `expected 201, got ${describe(res)}`);
  });
}

/** `default-src 'none'` → ["'none'"]; directives by lower-cased name. */
function cspDirectives(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

function checkStrictHeaders(p: Probe, res: HttpResponse): void {
  const csp = res.headers.get('content-security-policy');
  const directives = cspDirectives(csp);
  p.check(directives.get('default-src')?.join(' ') === "'none'" && directives.get('frame-ancestors')?.join(' ') === "'none'",
    `${res.method} ${res.path}: Content-Security-Policy is ${JSON.stringify(csp)}, expected "default-src 'none'; frame-ancestors 'none'"`);
  const referrer = res.headers.get('referrer-policy');
  p.check(referrer === 'no-referrer', `${res.method} ${res.path}: Referrer-Policy is ${JSON.stringify(referrer)}, expected "no-referrer"`);
  const hsts = res.headers.get('strict-transport-security');
  p.check(hsts === null, `${res.method} ${res.path}: Strict-Transport-Security ${JSON.stringify(hsts)} over plain HTTP`);
}

async function checkHeaders(ctx: Context): Promise<void> {
  const { client, rec } = ctx;
  const entity = ctx.config.entities[0];
  const path = entity ? collectionPath(entity) : '/health';

  await rec.run(`security: GET ${path} and a 404 carry CSP and Referrer-Policy, no HSTS over HTTP`, async (p: Probe) => {
    const json = await client.get(path);
    p.require(json.status === 200, `expected 200, got ${describe(json)}`);
    checkStrictHeaders(p, json);
    checkStrictHeaders(p, await client.get(`/no-such-route-${ctx.tag}`, { token: null }));
  });
  // Forwarded headers are trusted only from TRUSTED_PROXIES, which is empty by default.
  await rec.run('security: X-Forwarded-Proto: https from an untrusted client → no HSTS', async (p: Probe) => {
    const res = await client.get('/health', { token: null, headers: { 'x-forwarded-proto': 'https', forwarded: 'proto=https' } });
    const hsts = res.headers.get('strict-transport-security');
    p.check(hsts === null, `Strict-Transport-Security ${JSON.stringify(hsts)}: the forwarded scheme was trusted`);
  });
  await rec.run('security: /docs has a CSP without remote sources and with frame-ancestors \'none\'', async (p: Probe) => {
    const res = await client.get('/docs', { token: null });
    if (res.status === 404) p.skip('/docs is switched off');
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    const csp = res.headers.get('content-security-policy');
    const directives = cspDirectives(csp);
    p.check(directives.get('frame-ancestors')?.join(' ') === "'none'", `Content-Security-Policy ${JSON.stringify(csp)} lacks frame-ancestors 'none'`);
    p.check(directives.get('default-src')?.join(' ') === "'none'", `Content-Security-Policy ${JSON.stringify(csp)} lacks default-src 'none'`);
    const remote = [...directives.values()].flat().filter((v) => /^(\*|https?:|[\w-]+\.[\w.-]+)/i.test(v));
    p.check(remote.length === 0, `Content-Security-Policy ${JSON.stringify(csp)} allows remote sources ${remote.join(', ')}`);
  });
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  if (header.alg === 'none') return `${input}.`;
  const hash = header.alg === 'HS512' ? 'sha512' : 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

function decodePart(token: string, index: number): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[index];
    return part ? (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function checkTokenClaims(ctx: Context): Promise<void> {
  const { client, rec, config } = ctx;
  const token = ctx.userA?.token;
  const entity = config.entities[0];
  if (!token || !entity) return rec.skip('security: token claims', 'no logged-in user or no entity');
  const path = collectionPath(entity);
  const issuer = config.name;
  const audience = `${config.name}-api`;

  const payload = decodePart(token, 1);
  await rec.run(`security: login token is HS256 with sub, iat, exp, iss "${issuer}", aud "${audience}"`, async (p: Probe) => {
    const header = decodePart(token, 0);
    p.require(payload && header, `the token is not a JWT: ${token.slice(0, 60)}`);
    p.check(header.alg === 'HS256', `alg is ${JSON.stringify(header.alg)}, expected "HS256"`);
    for (const claim of ['sub', 'iat', 'exp']) p.check(payload[claim] !== undefined, `claim ${claim} is missing`);
    p.check(payload.iss === issuer, `iss is ${JSON.stringify(payload.iss)}, expected "${issuer}"`);
    const aud = payload.aud;
    p.check(aud === audience || (Array.isArray(aud) && aud.includes(audience)), `aud is ${JSON.stringify(aud)}, expected "${audience}"`);
  });

  const secret = ctx.options.jwtSecret;
  if (!secret || !payload) return rec.skip('security: forged tokens', 'the harness passed no jwtSecret, or the login token is not a JWT');
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...payload, iat: now, exp: now + 600, iss: issuer, aud: audience };
  const hs256 = { alg: 'HS256', typ: 'JWT' };

  // The control: our own signature with the right claims is accepted, so each 401 below is about its one change.
  let controlOk = false;
  await rec.run('security: a token we sign with JWT_SECRET and the right claims → 200 (control)', async (p: Probe) => {
    const res = await client.get(path, { token: sign(hs256, claims, secret) });
    p.require(res.status === 200, `expected 200, got ${describe(res)}: the forged-token probes below prove nothing`);
    controlOk = true;
  });
  const { exp: _exp, ...withoutExp } = claims;
  const forged: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['no exp', hs256, withoutExp],
    ['an expired exp', hs256, { ...claims, iat: now - 7200, exp: now - 3600 }],
    ['another iss', hs256, { ...claims, iss: `not-${issuer}` }],
    ['no iss', hs256, { ...claims, iss: undefined }],
    ['another aud', hs256, { ...claims, aud: `not-${audience}` }],
    ['no aud', hs256, { ...claims, aud: undefined }],
    ['alg none', { alg: 'none', typ: 'JWT' }, claims],
    ['alg HS512', { alg: 'HS512', typ: 'JWT' }, claims],
  ];
  for (const [label, header, body] of forged) {
    await rec.run(`security: a correctly signed token with ${label} → 401`, async (p: Probe) => {
      if (!controlOk) p.skip('the control token was refused');
      expectProblem(p, await client.get(path, { token: sign(header, body, secret) }), 401);
    });
  }
}

const login = (ctx: Context, email: string, password: string, headers?: Record<string, string>): Promise<HttpResponse> =>
  ctx.client.post('/auth/login', { email, password }, { token: null, headers });

function expectThrottled(p: Probe, res: HttpResponse): void {
  expectProblem(p, res, 429);
  const retry = res.headers.get('retry-after');
  p.check(retry !== null && /^\d+$/.test(retry) && Number(retry) >= 1, `Retry-After is ${JSON.stringify(retry)}, expected whole seconds ≥ 1`);
}

async function checkEmailThrottle(ctx: Context): Promise<void> {
  const { client, rec, tag } = ctx;
  const email = `throttle-${tag}@example.com`;
  const password = `Secret-${tag}-throttle-123`;
  await rec.run(`security: ${LOGIN_MAX_FAILURES} wrong logins for one email, then the right password → 429 with Retry-After`, async (p: Probe) => {
    const signup = await client.post('/auth/signup', { email, password }, { token: null });
    p.require(signup.status === 201, `signup: expected 201, got ${describe(signup)}`);
    for (let i = 1; i <= LOGIN_MAX_FAILURES; i++) {
      // Every other attempt in upper case: the key is the lower-cased email.
      const res = await login(ctx, i % 2 ? email : email.toUpperCase(), 'Wrong-password-123');
      p.require(res.status === 401, `wrong login ${i}: expected 401, got ${describe(res)}`);
    }
    expectThrottled(p, await login(ctx, email, password));
  });
  const other = ctx.userB;
  if (other) {
    await rec.run('security: another account still logs in while one email is throttled', async (p: Probe) => {
      const res = await login(ctx, other.email, other.password);
      p.check(res.status === 200, `expected 200, got ${describe(res)}`);
    });
  }
}

/**
 * Run last: it locks the test client's own address for 15 minutes. Each wrong login is for a new unknown
 * email and claims another client address; a server that believed those headers would never count 100
 * failures for one address.
 */
export async function checkAddressThrottle(ctx: Context): Promise<void> {
  const limit = LOGIN_MAX_FAILURES * 10;
  await ctx.rec.run(`security: wrong logins for distinct emails with spoofed X-Forwarded-For → 429 by the ${limit + 1}st`, async (p: Probe) => {
    for (let i = 1; i <= limit + 1; i++) {
      const address = spoofedAddress(i);
      const res = await login(ctx, `spoof-${i}-${ctx.tag}@example.com`, 'Wrong-password-123', {
        'x-forwarded-for': address,
        'x-real-ip': address,
        forwarded: `for=${address}`,
      });
      if (res.status === 429) {
        expectThrottled(p, res);
        return `throttled at attempt ${i}`;
      }
      p.require(res.status === 401, `attempt ${i}: expected 401 or 429, got ${describe(res)}`);
    }
    p.fail(`no 429 after ${limit + 1} failed logins from one socket address: a forwarded header was trusted, or the address key is missing`);
  });
}
