import { sql } from 'kysely';
import { badRequest } from '../errors.js';
import type { Db } from './database.js';

/**
 * Checks that every id exists in `table` (and belongs to `ownerId` when given), so that a reference to a
 * missing row is a 400 naming the field, the same on every database.
 */
export async function assertReferences(db: Db, table: string, ids: readonly string[], field: string, ownerId?: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const owner = ownerId === undefined ? sql`` : sql` and ${sql.ref('owner_user_id')} = ${ownerId}`;
  const { rows } = await sql<{ id: string }>`select ${sql.ref('id')} from ${sql.table(table)} where ${sql.ref('id')} in (${sql.join(wanted)})${owner}`.execute(db);
  const found = new Set(rows.map((r) => String(r.id).toLowerCase()));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw badRequest('A referenced resource does not exist.', missing.map((id) => ({ field, message: `no resource with id ${id}` })));
  }
}
