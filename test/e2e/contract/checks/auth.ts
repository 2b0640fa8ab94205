/** `auth: jwt` (SPEC 5): signup, login, and that /api needs a valid bearer token while the rest stays public. */
import type { Probe } from '../report.js';
import { describe } from '../client.js';
import type { Context, User } from '../context.js';
import { collectionPath } from '../model.js';
import { expectProblem } from '../problem.js';

/** No row needs to exist: without a token the answer is 401 before any lookup. */
const ANY_ID = '01890000-0000-7000-8000-000000000000';

export async function checkAuth(ctx: Context): Promise<void> {
  const { client, rec, tag } = ctx;
  const newUser = (who: string): User => ({ email: `${who}-${tag}@example.com`, password: `Secret-${tag}-${who}-123` });
  const userA = newUser('alice');
  const userB = newUser('bob');

  for (const user of [userA, userB]) {
    await rec.run(`auth: signup ${user.email} → 201`, async (p: Probe) => {
      const res = await client.post('/auth/signup', { email: user.email, password: user.password }, { token: null });
      p.require(res.status === 201, `expected 201, got ${describe(res)}`);
      p.check(!res.text.includes(user.password), 'the signup response echoes the password');
      p.check(!/\$argon2|\$2[aby]\$/.test(res.text), 'the signup response contains a password hash');
    });
    await rec.run(`auth: login ${user.email} → 200 with a Bearer token`, async (p: Probe) => {
      const res = await client.post('/auth/login', { email: user.email, password: user.password }, { token: null });
      p.require(res.status === 200, `expected 200, got ${describe(res)}`);
      const body = res.body as { accessToken?: unknown; tokenType?: unknown; expiresIn?: unknown } | undefined;
      const accessToken = body?.accessToken;
      p.require(body && typeof accessToken === 'string' && accessToken.length > 0, `no accessToken in ${res.text.slice(0, 200)}`);
      p.check(body.tokenType === 'Bearer', `tokenType is ${JSON.stringify(body.tokenType)}, expected "Bearer"`);
      p.check(typeof body.expiresIn === 'number' && body.expiresIn > 0, `expiresIn is ${JSON.stringify(body.expiresIn)}, expected a positive number`);
      user.token = accessToken;
    });
  }
  ctx.userA = userA;
  ctx.userB = userB;
  client.defaultToken = userA.token;

  await rec.run('auth: signup with a taken email → 409', async (p: Probe) => {
    expectProblem(p, await client.post('/auth/signup', { email: userA.email, password: 'Another-password-1' }, { token: null }), 409);
  });
  await rec.run('auth: signup with a 7-character password → 400', async (p: Probe) => {
    expectProblem(p, await client.post('/auth/signup', { email: `short-${tag}@example.com`, password: 'Abc-123' }, { token: null }), 400);
  });
  await rec.run('auth: signup with an invalid email → 400', async (p: Probe) => {
    expectProblem(p, await client.post('/auth/signup', { email: 'not-an-email', password: 'Long-enough-123' }, { token: null }), 400);
  });
  await rec.run('auth: signup and login with an email holding U+0000 → 400 naming it', async (p: Probe) => {
    const email = `nul-${tag}\u0000@example.com`;
    expectProblem(p, await client.post('/auth/signup', { email, password: 'Long-enough-123' }, { token: null }), 400, { field: 'email' });
    expectProblem(p, await client.post('/auth/login', { email, password: 'Long-enough-123' }, { token: null }), 400, { field: 'email' });
  });
  await rec.run('auth: wrong password and unknown email → 401 with the same message', async (p: Probe) => {
    const wrong = await client.post('/auth/login', { email: userA.email, password: 'Wrong-password-123' }, { token: null });
    const unknown = await client.post('/auth/login', { email: `nobody-${tag}@example.com`, password: userA.password }, { token: null });
    expectProblem(p, wrong, 401);
    expectProblem(p, unknown, 401);
    const a = wrong.body as Record<string, unknown>;
    const b = unknown.body as Record<string, unknown>;
    // Different messages would tell an attacker which emails have accounts.
    p.check(a.title === b.title && a.detail === b.detail,
      `messages differ: wrong password ${JSON.stringify([a.title, a.detail])}, unknown email ${JSON.stringify([b.title, b.detail])}`);
  });

  const entity = ctx.config.entities[0];
  if (!entity) return;
  const path = collectionPath(entity);
  const tampered = userA.token ? userA.token.slice(0, -4) + (userA.token.endsWith('AAAA') ? 'BBBB' : 'AAAA') : 'x.y.z';
  const cases: [string, Record<string, string> | undefined, string | null][] = [
    ['no token', undefined, null],
    ['a garbage token', undefined, 'garbage'],
    ['a token with a forged signature', undefined, tampered],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`${userA.email}:${userA.password}`).toString('base64')}` }, null],
  ];
  for (const [label, headers, token] of cases) {
    await rec.run(`auth: GET ${path} with ${label} → 401`, async (p: Probe) => {
      expectProblem(p, await client.get(path, { token, headers }), 401);
    });
  }
  await rec.run(`auth: POST ${path} without a token → 401`, async (p: Probe) => {
    expectProblem(p, await client.post(path, {}, { token: null }), 401);
  });
  // Authentication comes before the body is read: what the body holds must not matter without a token.
  for (const [label, raw] of [['malformed JSON', '{"broken":'], ['an unknown field', '{"nope":1}']] as const) {
    await rec.run(`auth: POST ${path} with ${label} and no token → 401`, async (p: Probe) => {
      expectProblem(p, await client.request('POST', path, { token: null, raw }), 401);
    });
    await rec.run(`auth: PATCH ${path}/<id> with ${label} and no token → 401`, async (p: Probe) => {
      expectProblem(p, await client.request('PATCH', `${path}/${ANY_ID}`, { token: null, raw }), 401);
    });
  }
}
