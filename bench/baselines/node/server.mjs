// The hand-written baseline of the Node stack: the same framework and driver as the generated server (Fastify,
// Kysely on pg, copied into the generated project so that it runs on the same installed versions) serving the
// same two endpoints with the same SQL and the same JSON, and nothing else: no logging, no plugins, no schemas.
// With BENCH_FRAME=1 it also does the frame SPEC 5 requires of every response, and still nothing else: the
// generated server's response headers on these endpoints (names and values; bench/servers.mjs compares them on the
// wire), a request id kept from X-Request-Id or made fresh, and one JSON access line per request with that id,
// from Fastify's own pino logger to stdout.
// Env: DATABASE_URL, PORT, HOST, BENCH_FRAME.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

const FRAME = process.env.BENCH_FRAME ?? '';
if (!['', '1'].includes(FRAME)) throw new Error(`BENCH_FRAME is "${FRAME}": set it to 1 for the frame, or leave it unset`);

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v); // a date stays YYYY-MM-DD, as in the generated API
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) }) });

const book = (r) => ({ id: r.id, title: r.title, isbn: r.isbn, publishedAt: r.published_at, authorId: r.author_id, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The generated server's headers besides the request id and those of the body: its own security-header table (this
 * file runs inside the generated project, beside its build) plus the Cache-Control its API routes set.
 */
const FRAME_HEADERS = FRAME
  ? { 'cache-control': 'no-store', ...(await import('./dist/http/security-headers.js')).SECURITY_HEADERS }
  : {};

/** One access line per request, when it completes (Fastify's default writes two: incoming and completed). */
class AccessLine extends LogController {
  incomingRequest() {}
  requestCompleted(error, request, reply) {
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

const app = FRAME
  ? Fastify({
      logger: true, // pino, JSON lines to stdout; request.log carries the request id (reqId)
      logController: new AccessLine(),
      genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
      keepAliveTimeout: 10_000, // the generated server's, so that the keep-alive header says the same
    })
  : Fastify();
if (FRAME) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(FRAME_HEADERS);
    reply.header('x-request-id', request.id);
    done();
  });
}
app.get('/api/books/:id', async (req, reply) => {
  if (!UUID.test(req.params.id)) return reply.code(404).send({ status: 404 });
  const row = await db.selectFrom('books').selectAll().where('id', '=', req.params.id).executeTakeFirst();
  return row ? book(row) : reply.code(404).send({ status: 404 });
});
app.get('/api/books', async (req) => {
  const limit = Math.min(Number(req.query.limit ?? 20), 100);
  const offset = Number(req.query.offset ?? 0);
  let q = db.selectFrom('books');
  if (req.query.authorId) q = q.where('author_id', '=', req.query.authorId);
  const { total } = await q.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit).offset(offset).execute();
  return { items: rows.map(book), total: Number(total), limit, offset };
});
app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
const stop = async () => { await app.close(); await db.destroy(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
