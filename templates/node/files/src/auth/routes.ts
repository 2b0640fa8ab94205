import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Config } from '../config.js';
import * as codec from '../db/codec.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';
import { conflict, HttpError } from '../errors.js';
import { problemResponses } from '../http/schemas.js';
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

/** Sign-up and log-in; both public, both rate limited like every route. */
export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.post(
    '/signup',
    { schema: { tags: ['auth'], summary: 'Create an account', body: Credentials, response: { 201: User, ...problemResponses } } },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const id = newId();
      const timestamp = codec.now();
      try {
        await db
          .insertInto('auth_accounts')
          .values({ id, email, password_hash: await hashPassword(request.body.password), created_at: timestamp, updated_at: timestamp })
          .execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict('An account with this email already exists.', [{ field: 'email', message: 'is already taken' }]);
        throw err;
      }
      request.log.info({ userId: id }, 'user signed up');
      return reply.code(201).send({ id, email, createdAt: codec.read.datetime(timestamp) });
    },
  );

  app.post(
    '/login',
    { schema: { tags: ['auth'], summary: 'Exchange email and password for an access token', body: LoginBody, response: { 200: Token, ...problemResponses } } },
    async (request) => {
      const email = request.body.email.trim().toLowerCase();
      const user = await db.selectFrom('auth_accounts').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? (await timingDummyHash()), request.body.password);
      if (!user || !ok) {
        request.log.info('login failed');
        throw new HttpError(401, INVALID_CREDENTIALS);
      }
      request.log.info({ userId: user.id }, 'user logged in');
      return { accessToken: await issueAccessToken(config.jwt, user.id), tokenType: 'Bearer' as const, expiresIn: config.jwt.expiresIn };
    },
  );
};
