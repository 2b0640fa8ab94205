import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { sendProblem } from '../http/problem.js';
import { ping, type Db } from '../db/database.js';

const PING_TIMEOUT_MS = 2_000;

/** Readiness: 200 when the database answers within 2 s, 503 otherwise. Never rate limited. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Health check (pings the database)',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async (request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          ping(db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
          }),
        ]);
        return { status: 'ok' as const };
      } catch (err) {
        request.log.warn({ err }, 'health check failed');
        return sendProblem(reply, 503, 'The database is not reachable.');
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
