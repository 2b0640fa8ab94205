import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { conflict, HttpError, retryLater } from '../errors.js';
import { problemResponses, retryProblem } from '../http/schemas.js';
import { createAccount, findAccount } from './accounts.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, timingDummyHash, verifyPassword } from './passwords.js';
import { issueAccessToken } from './tokens.js';

const Credentials = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    password: Type.String({ minLength: 8, maxLength: 1024 }),
  },
  { title: 'Credentials', additionalProperties: false },
);

const LoginBody = Type.Object(
  { email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) },
  { title: 'Login', additionalProperties: false },
);

const User = Type.Object(
  { id: Type.String({ format: 'uuid' }), email: Type.String({ format: 'email' }), createdAt: Type.String({ format: 'date-time' }) },
  { title: 'User' },
);

const Token = Type.Object(
  { accessToken: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer({ description: 'Seconds until the token expires' }) },
  { title: 'AccessToken' },
);

const INVALID_CREDENTIALS = 'Invalid email or password.';

const busy = retryProblem('Too many passwords are being hashed at once; retry after Retry-After seconds.');

/**
 * Sign-up and log-in; both public, both rate limited like every route. Passwords are hashed and verified
 * while no database connection is held (the argon2 work takes tens of milliseconds each), at most one per core
 * at a time (see passwords.ts); failed logins are throttled per email and per client address.
 */
export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; config: Config; throttle: LoginThrottle }> = async (app, { db, config, throttle }) => {
  app.post(
    '/signup',
    { schema: { tags: ['auth'], summary: 'Create an account', body: Credentials, response: { 201: User, 503: busy, ...problemResponses } } },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const account = await createAccount(db, email, await hashPassword(request.body.password));
      if (!account) throw conflict('An account with this email already exists.', [{ field: 'email', message: 'is already taken' }]);
      request.log.info({ userId: account.id }, 'user signed up');
      return reply.code(201).send(account);
    },
  );

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange email and password for an access token',
        body: LoginBody,
        response: {
          200: Token,
          429: retryProblem('Too many failed logins for this email or from this address in 15 minutes; retry after Retry-After seconds.'),
          503: busy,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const email = request.body.email.trim().toLowerCase();
      // Before any hashing or database work: a throttled flood costs the server next to nothing.
      const wait = throttle.retryAfterSeconds(email, request.ip);
      if (wait > 0) throw retryLater(429, `Too many failed logins; retry in ${wait} s.`, wait);
      const user = await findAccount(db, email);
      const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), request.body.password);
      if (!user || !ok) {
        throttle.recordFailure(email, request.ip);
        request.log.info('login failed');
        throw new HttpError(401, INVALID_CREDENTIALS);
      }
      throttle.recordSuccess(email);
      request.log.info({ userId: user.id }, 'user logged in');
      return { accessToken: await issueAccessToken(config.jwt, user.id), tokenType: 'Bearer' as const, expiresIn: config.jwt.expiresIn };
    },
  );
};
