import type { ClientSession } from 'mongodb';
import { badRequest } from '../errors.js';
import type { Db } from './database.js';

/**
 * Checks that every id exists in `collection` (and belongs to `ownerId` when given), so that a reference to a
 * missing document is a 400 naming the field, as a foreign key makes it on SQL databases.
 */
export async function assertReferences(
  db: Db,
  collection: string,
  ids: readonly string[],
  field: string,
  { ownerId, session }: { ownerId?: string; session?: ClientSession } = {},
): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const filter = ownerId === undefined ? { _id: { $in: wanted } } : { _id: { $in: wanted }, ownerUserId: ownerId };
  const found = await db.mongo
    .collection<{ _id: string }>(collection)
    .find(filter, { projection: { _id: 1 }, session })
    .toArray();
  const present = new Set(found.map((doc) => doc._id));
  const missing = wanted.filter((id) => !present.has(id));
  if (missing.length > 0) {
    throw badRequest('A referenced resource does not exist.', missing.map((id) => ({ field, message: `no resource with id ${id}` })));
  }
}
