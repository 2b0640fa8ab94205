import { type Document, MongoServerError } from 'mongodb';
import { conflict, type FieldError } from '../errors.js';
import type { Db } from './database.js';

/** A unique index and the API field (document key) it guards. */
export interface UniqueKey {
  readonly field: string;
  readonly index: string;
}

/**
 * A write hit a unique index: E11000. FerretDB 1.x reports an update that does so as an internal error
 * (code 1) carrying its SQLite message, so that is recognised too.
 */
export const isUniqueViolation = (err: unknown): err is MongoServerError =>
  err instanceof MongoServerError && (err.code === 11000 || (err.code === 1 && err.message.includes('UNIQUE constraint failed')));

/**
 * The keys a duplicate hit. MongoDB names the index in its message and the fields in `keyPattern`; FerretDB
 * names the index only for updates, so otherwise the keys are found by looking for another document with the
 * value written.
 */
async function violatedKeys(err: MongoServerError, keys: readonly UniqueKey[], db: Db, collection: string, written: Document, id: string): Promise<FieldError[]> {
  const fields = Object.keys((err.keyPattern as Document | undefined) ?? {});
  let hit = keys.filter((k) => err.message.includes(k.index) || fields.includes(k.field));
  // One index name can hold another (`uq_t_sku` in `uq_t_sku_label`); the message names the longer one only.
  hit = hit.filter((k) => fields.includes(k.field) || !hit.some((other) => other !== k && other.index.includes(k.index)));
  if (hit.length === 0) {
    const taken = await Promise.all(
      keys.map(async (k) => written[k.field] !== undefined && (await db.mongo.collection<{ _id: string }>(collection).countDocuments({ [k.field]: written[k.field], _id: { $ne: id } }, { limit: 1 })) > 0),
    );
    hit = keys.filter((_, i) => taken[i]);
  }
  return hit.map((k) => ({ field: k.field, message: 'is already taken' }));
}

/**
 * A duplicate value of an insert or update (`written`, the values of document `id`) → 409 naming the field;
 * other errors are returned unchanged.
 */
export async function writeError(err: unknown, keys: readonly UniqueKey[], db: Db, collection: string, written: Document, id: string): Promise<unknown> {
  if (!isUniqueViolation(err)) return err;
  return conflict('A resource with the same unique value already exists.', await violatedKeys(err, keys, db, collection, written, id));
}
