import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Config } from '../config.js';
import { unauthorized } from '../errors.js';
import { verifyAccessToken } from './tokens.js';

export interface AuthUser {
  readonly id: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

/** onRequest hook: requires `Authorization: Bearer <access token>`; 401 otherwise. */
export function authenticate(config: Config): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header);
    const userId = match?.[1] ? await verifyAccessToken(config.jwt, match[1]) : undefined;
    if (!userId) {
      reply.header('www-authenticate', 'Bearer');
      throw unauthorized();
    }
    request.user = { id: userId };
  };
}

/** The authenticated user of a request that went through `authenticate`. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}
