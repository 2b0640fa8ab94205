import * as codec from '../db/codec.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { newId } from '../db/ids.js';

/** An account as sign-up answers it. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly createdAt: string;
}

/** Creates an account for an email (lower case already); undefined when the email is taken. */
export async function createAccount(db: Db, email: string, passwordHash: string): Promise<Account | undefined> {
  const id = newId();
  const timestamp = codec.now();
  try {
    await db.insertInto('auth_accounts').values({ id, email, password_hash: passwordHash, created_at: timestamp, updated_at: timestamp }).execute();
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
  return { id, email, createdAt: codec.read.datetime(timestamp) };
}

/** The account with this email (lower case already), with its password hash. */
export async function findAccount(db: Db, email: string): Promise<{ id: string; passwordHash: string } | undefined> {
  const account = await db.selectFrom('auth_accounts').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
  return account && { id: account.id, passwordHash: account.password_hash };
}
