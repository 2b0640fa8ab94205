import type { FastifyInstance, RouteOptions } from 'fastify';
import { HttpError } from '../errors.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Fastify answers 404 for a known path with an unknown method. HTTP says 405 with an `Allow` header, so
 * this records every route as it is added and, once all are in, adds a 405 route for the missing methods
 * of each path. Call `track` before registering routes and `install` after.
 */
export function methodNotAllowed(app: FastifyInstance) {
  const paths = new Map<string, Set<string>>();
  const ignore = (url: string) => url.includes('*') || url.startsWith('/docs');
  return {
    track(): void {
      app.addHook('onRoute', (route: RouteOptions) => {
        if (ignore(route.url)) return;
        const methods = paths.get(route.url) ?? new Set<string>();
        for (const m of [route.method].flat()) methods.add(m);
        paths.set(route.url, methods);
      });
    },
    install(): void {
      for (const [url, methods] of [...paths]) {
        if (methods.has('GET')) methods.add('HEAD');
        const allow = METHODS.filter((m) => methods.has(m));
        const missing = METHODS.filter((m) => !methods.has(m));
        if (missing.length === 0) continue;
        app.route({
          method: missing,
          url,
          schema: { hide: true },
          handler: async (_request, reply) => {
            reply.header('allow', allow.join(', '));
            throw new HttpError(405, `This resource supports ${allow.join(', ')}.`);
          },
        });
      }
    },
  };
}
