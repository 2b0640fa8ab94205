import { type ClientSession, type Db as MongoDb, MongoClient, type MongoClientOptions } from 'mongodb';

/**
 * The database handle every module takes: the driver's client and the database DATABASE_URL names. Pool size,
 * timeouts, TLS and credentials are the URL's options (`?maxPoolSize=20&tls=true`); the driver reads them.
 */
export interface Db {
  readonly client: MongoClient;
  readonly mongo: MongoDb;
  /** Closes every pooled connection (graceful shutdown, the end of a command). */
  destroy(): Promise<void>;
}

/** Connections per process: no request holds one while a password is hashed, so a few serve many requests. */
export const POOL_SIZE = 10;

/** Ours where DATABASE_URL sets nothing: options given to the client would override the URL's. */
function defaultsFor(url: string): MongoClientOptions {
  const defaults: MongoClientOptions = { maxPoolSize: POOL_SIZE, serverSelectionTimeoutMS: 5_000 };
  const query = url.split('?')[1] ?? '';
  const given = new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  return Object.fromEntries(Object.entries(defaults).filter(([key]) => !given.has(key.toLowerCase())));
}

export function createDb(url: string): Db {
  // Connects on first use; a server that is not there fails a request (and /health) rather than the start.
  // ignoreUndefined: a field left undefined is absent from the document, as an optional null value is stored.
  const client = new MongoClient(url, { ...defaultsFor(url), ignoreUndefined: true });
  return { client, mongo: client.db(), destroy: () => client.close() };
}

/** A cheap round trip, for the health check. */
export async function ping(db: Db): Promise<void> {
  await db.mongo.command({ ping: 1 });
}

const transactionSupport = new WeakMap<Db, Promise<boolean>>();

/**
 * Multi-document transactions need a replica set or a sharded cluster (MongoDB Atlas, a production
 * deployment); a standalone server or FerretDB has none. Asked once per handle, from the server's `hello`.
 * A failed `hello` is not remembered (as on the other stacks): the write that asked fails with it, and the next
 * one asks again, so a server that was briefly unreachable does not lose its transactions for good.
 */
export function supportsTransactions(db: Db): Promise<boolean> {
  let known = transactionSupport.get(db);
  if (!known) {
    known = db.mongo
      .command({ hello: 1 })
      .then((hello) => typeof hello.setName === 'string' || hello.msg === 'isdbgrid')
      .catch((error: unknown) => {
        transactionSupport.delete(db);
        throw error;
      });
    transactionSupport.set(db, known);
  }
  return known;
}

/**
 * Runs `work` in a transaction where the server has them, otherwise as is. Writes are ordered so that a stop
 * half way never leaves a reference to a missing document either way (see integrity.ts); the transaction adds
 * all-or-nothing and isolation from concurrent writers.
 */
export async function withTransaction<T>(db: Db, work: (session: ClientSession | undefined) => Promise<T>): Promise<T> {
  if (!(await supportsTransactions(db))) return work(undefined);
  const session = db.client.startSession();
  try {
    return await session.withTransaction(() => work(session));
  } finally {
    await session.endSession();
  }
}
