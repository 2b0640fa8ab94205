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

interface AccountDocument {
  _id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

const accounts = (db: Db) => db.mongo.collection<AccountDocument>('auth_accounts');

/** Creates an account for an email (lower case already); undefined when the email is taken (its unique index). */
export async function createAccount(db: Db, email: string, passwordHash: string): Promise<Account | undefined> {
  const timestamp = codec.now();
  const doc: AccountDocument = { _id: newId(), email, passwordHash, createdAt: timestamp, updatedAt: timestamp };
  try {
    await accounts(db).insertOne(doc);
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
  return { id: doc._id, email, createdAt: codec.read.datetime(timestamp) };
}

/** The account with this email (lower case already), with its password hash. */
export async function findAccount(db: Db, email: string): Promise<{ id: string; passwordHash: string } | undefined> {
  const account = await accounts(db).findOne({ email }, { projection: { passwordHash: 1 } });
  return account ? { id: account._id, passwordHash: account.passwordHash } : undefined;
}
