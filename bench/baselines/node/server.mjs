// The hand-written baseline of the Node stack: the same framework and driver as the generated server (Fastify,
// Kysely on pg, copied into the generated project so that it runs on the same installed versions) serving the
// same two endpoints with the same SQL and the same JSON, and nothing else: no logging, no plugins, no schemas.
// Env: DATABASE_URL, PORT, HOST.
import Fastify from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v); // a date stays YYYY-MM-DD, as in the generated API
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) }) });

const book = (r) => ({ id: r.id, title: r.title, isbn: r.isbn, publishedAt: r.published_at, authorId: r.author_id, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const app = Fastify();
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
