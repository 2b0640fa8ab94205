import { snakeCase } from '../config/naming.js';
import { ACCOUNTS_TABLE } from '../config/reserved.js';
import { constraintName } from './sql.js';

/**
 * The MongoDB storage every stack shares (ARCHITECTURE.md, "MongoDB"): one collection per entity named like its
 * SQL table, and the indexes each stack's `migrate` creates, under the names the SQL schema gives the same
 * constraints, so a duplicate reports the same index name on every database. Like sql.ts it names the few members
 * it reads, so it sits below the view model.
 */
export interface MongoIndex {
  readonly name: string;
  /** Document keys in index order, each ascending. */
  readonly keys: readonly string[];
  readonly unique: boolean;
  /**
   * An optional field is stored absent, never null, and its unique index is sparse: FerretDB 1.x refuses
   * `partialFilterExpression`, and a plain unique index would let only one document lack the field.
   */
  readonly sparse: boolean;
  readonly isLast: boolean;
}

/**
 * A field of another (or the same) collection that holds ids of this one, and what deleting one of them does:
 * `restrict` refuses (409), `cascade` deletes the referencing documents, `set-null` removes the field from them,
 * `unlink` pulls the id from a many-to-many array.
 */
export interface MongoInboundReference {
  readonly collection: string;
  readonly field: string;
  readonly onDelete: 'restrict' | 'cascade' | 'set-null' | 'unlink';
  readonly isLast: boolean;
}

export interface MongoCollection {
  readonly name: string;
  readonly indexes: readonly MongoIndex[];
  readonly referencedBy: readonly MongoInboundReference[];
}

export interface MongoSchema {
  /**
   * The server image of the local compose file and the project's CI workflow, on every stack, like the SQL
   * databases' `deployment.database.image`: the newest MongoDB major the generated READMEs say is supported.
   */
  readonly image: string;
  readonly collections: readonly MongoCollection[];
  /** Where `migrate` records the migrations it applied (one document per version, `_id` = version). */
  readonly migrationsCollection: string;
}

/**
 * The sub-document holding each decimal field's order key: decimals are stored as exact strings, which do not
 * sort numerically, so each has a key beside it that does (ARCHITECTURE.md, "MongoDB").
 */
export const DECIMAL_ORDER_KEY = '_order';

interface MongoField {
  readonly name: string;
  readonly column: string;
  readonly required: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly isDecimal: boolean;
}
interface MongoRelation {
  readonly target: { readonly table: string };
  readonly onDelete: 'restrict' | 'cascade' | 'set-null';
  readonly fkField: string | null;
  readonly fkColumn: string | null;
  readonly idsField: string | null;
  readonly required: boolean;
  readonly isOneToOne: boolean;
}
interface MongoEntity {
  readonly table: string;
  readonly owned: boolean;
  readonly fields: readonly MongoField[];
  readonly foreignKeys: readonly MongoRelation[];
  readonly manyToMany: readonly MongoRelation[];
}

const lastFlags = <T extends object>(items: readonly T[]): Array<T & { isLast: boolean }> => items.map((item, i) => ({ ...item, isLast: i === items.length - 1 }));

function inbound(entities: readonly MongoEntity[], table: string): MongoInboundReference[] {
  const refs: Array<Omit<MongoInboundReference, 'isLast'>> = [];
  for (const e of entities) {
    for (const r of e.foreignKeys) if (r.target.table === table) refs.push({ collection: e.table, field: r.fkField!, onDelete: r.onDelete });
    for (const r of e.manyToMany) if (r.target.table === table) refs.push({ collection: e.table, field: r.idsField!, onDelete: 'unlink' });
  }
  return lastFlags(refs);
}

export function mongoSchema(entities: readonly MongoEntity[], withUsers: boolean): MongoSchema {
  const collections: MongoCollection[] = [];
  if (withUsers) {
    // Accounts are never deleted through the API, so nothing needs their inbound references.
    collections.push({ name: ACCOUNTS_TABLE, indexes: lastFlags([{ name: constraintName('uq', ACCOUNTS_TABLE, 'email'), keys: ['email'], unique: true, sparse: false }]), referencedBy: [] });
  }
  for (const e of entities) {
    const indexes: Array<Omit<MongoIndex, 'isLast'>> = [];
    for (const f of e.fields) {
      // A decimal sorts by its order key, so that is what its plain index covers; uniqueness is of the exact value.
      if (f.unique) indexes.push({ name: constraintName('uq', e.table, f.column), keys: [f.name], unique: true, sparse: !f.required });
      else if (f.index) indexes.push({ name: constraintName('ix', e.table, f.column), keys: [f.isDecimal ? `${DECIMAL_ORDER_KEY}.${f.name}` : f.name], unique: false, sparse: false });
    }
    // Foreign keys are filters and what a delete looks up (restrict, cascade, set-null); a one-to-one is unique.
    for (const r of e.foreignKeys) {
      indexes.push({ name: constraintName(r.isOneToOne ? 'uq' : 'ix', e.table, r.fkColumn!), keys: [r.fkField!], unique: r.isOneToOne, sparse: r.isOneToOne && !r.required });
    }
    // A multikey index: deleting a target pulls its id from these arrays.
    for (const r of e.manyToMany) indexes.push({ name: constraintName('ix', e.table, snakeCase(r.idsField!)), keys: [r.idsField!], unique: false, sparse: false });
    if (e.owned) indexes.push({ name: constraintName('ix', e.table, 'owner_user_id'), keys: ['ownerUserId'], unique: false, sparse: false });
    // The default order of a list (createdAt, ties by id).
    indexes.push({ name: constraintName('ix', e.table, 'created_at'), keys: ['createdAt', '_id'], unique: false, sparse: false });
    collections.push({ name: e.table, indexes: lastFlags(indexes), referencedBy: inbound(entities, e.table) });
  }
  return { image: 'mongo:8', collections, migrationsCollection: 'schema_migrations' };
}
