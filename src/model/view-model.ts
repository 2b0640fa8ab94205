import type { DatabaseId, FieldType, OnDelete, StackId } from '../config/options.js';
import { FIELD_TYPES, SAMPLE_ROWS } from '../config/options.js';
import type { EntitySpec, FieldSpec, JsonValue, RelationSpec, ResolvedConfig } from '../config/types.js';
import { names, singularize, snakeCase, type Names } from '../config/naming.js';
import { sampleValue } from './samples.js';
import { textFormatOf } from '../pattern/formats.js';
import { patternSamples } from '../pattern/sample.js';
import { columnType, constraintName, schemaSql, type SchemaSql, type SqlDialect } from './sql.js';
import { deploymentModel, type ContainerRuntime, type DeploymentModel } from './deployment.js';
import { mongoSchema, type MongoSchema } from './mongo.js';
import { ACCOUNTS_TABLE, PAGING } from '../config/reserved.js';

/**
 * Everything templates need, computed once from the resolved config. Templates only test flags and print
 * values from here; any decision with more than one input is made in this module, never in a template.
 * Every key is always present (null when it does not apply) because templates render in strict mode.
 */
export type TypeFlags = { readonly [K in FieldType as `is${Capitalize<K>}`]: boolean };

export interface FieldView extends TypeFlags {
  readonly name: string;
  readonly names: Names;
  readonly column: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly nullable: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly hasDefault: boolean;
  /** The default as a JSON literal (`"cat"`, `3`, `true`), or null. */
  readonly defaultJson: string | null;
  readonly default: JsonValue | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
  readonly pattern: string | null;
  /** The pattern as a JSON string literal, safe to paste into most languages' source. */
  readonly patternJson: string | null;
  readonly values: readonly string[] | null;
  readonly precision: number | null;
  readonly scale: number | null;
  /** Text-like types that carry a length (string, email, url, enum). */
  readonly isVarchar: boolean;
  readonly isTextual: boolean;
  readonly isNumeric: boolean;
  readonly isTemporal: boolean;
  /** May be used as `?field=value`: every scalar type but json, except a field named limit, offset or sort (SPEC 3). */
  readonly filterable: boolean;
  readonly sortable: boolean;
  /** Valid example values as JSON literals (distinct from each other), or null when none is derivable. */
  readonly sampleJson: string | null;
  readonly sampleAltJson: string | null;
  /** SAMPLE_ROWS valid values as JSON literals, one per test row (the first two are sampleJson and sampleAltJson). */
  readonly samples: readonly (string | null)[];
  /** Every sample row has a value, so tests and seeds can fill this field. */
  readonly hasSample: boolean;
  /** Values that must be rejected with 400 (wrong type, each violated constraint), for generated tests. */
  readonly invalidSamples: readonly InvalidSample[];
  /** decimal: anchored regex for the JSON string form (sign, at most precision-scale integer and scale fraction digits). */
  readonly decimalPattern: string | null;
  /** Name of the unique index on this field's column (as created by the SQL schema), or null when not unique. */
  readonly uniqueConstraint: string | null;
  /** Column type in the project's SQL database, or null for MongoDB. */
  readonly sqlType: string | null;
  readonly isFirst: boolean;
  readonly isLast: boolean;
}

export interface InvalidSample {
  /** Why the value is invalid, in words (`longer than maxLength 80`). */
  readonly reason: string;
  /** The value as a JSON literal. */
  readonly json: string;
  /** The problem+json `errors[].message` every stack answers with for it (one wording per rule). */
  readonly message: string;
}

export interface EntityRef {
  readonly name: string;
  readonly names: Names;
  readonly table: string;
  readonly path: string;
  readonly owned: boolean;
}

export interface RelationView {
  readonly name: string;
  readonly names: Names;
  readonly kind: RelationSpec['kind'];
  readonly isManyToOne: boolean;
  readonly isOneToOne: boolean;
  readonly isManyToMany: boolean;
  readonly isForeignKey: boolean;
  readonly target: EntityRef;
  readonly required: boolean;
  readonly nullable: boolean;
  readonly onDelete: OnDelete;
  readonly onDeleteRestrict: boolean;
  readonly onDeleteCascade: boolean;
  readonly onDeleteSetNull: boolean;
  /** many-to-one / one-to-one: the API field (`ownerId`) and its column (`owner_id`). Null for many-to-many. */
  readonly fkField: string | null;
  readonly fkNames: Names | null;
  readonly fkColumn: string | null;
  /** many-to-many: the API field (`vetIds`), the join table and its two columns. Null otherwise. */
  readonly idsField: string | null;
  readonly idsNames: Names | null;
  readonly joinTable: string | null;
  readonly joinSourceColumn: string | null;
  readonly joinTargetColumn: string | null;
  /** one-to-one: name of the unique index on the foreign key column; null otherwise. */
  readonly uniqueConstraint: string | null;
  /**
   * A foreign key that closes a cycle of tables (Employee.department ↔ Department.head): ignored when tables are
   * put in dependency order, nulled before test clean-up empties them. Always an optional relation.
   */
  readonly closesCycle: boolean;
}

/** A relation of another entity that points at this one (used for delete behaviour and tests). */
export interface InboundRelation {
  readonly source: EntityRef;
  readonly relation: RelationView;
}

export interface EntityView extends EntityRef {
  readonly fields: readonly FieldView[];
  readonly relations: readonly RelationView[];
  readonly foreignKeys: readonly RelationView[];
  readonly manyToMany: readonly RelationView[];
  readonly requiredFields: readonly FieldView[];
  /** Required fields without a default: a POST without one is a 400 (with a default, the default applies; SPEC 5). */
  readonly mustSendFields: readonly FieldView[];
  readonly uniqueFields: readonly FieldView[];
  readonly filterableFields: readonly FieldView[];
  readonly sortableFields: readonly FieldView[];
  /** Fields with a default, applied when a create leaves them out. */
  readonly defaultFields: readonly FieldView[];
  /** Decimal fields: on MongoDB each is stored with an order key beside it (src/model/mongo.ts). */
  readonly decimalFields: readonly FieldView[];
  /** Decimal fields with a min or max, checked in code (a JSON string cannot carry a numeric bound). */
  readonly boundedDecimalFields: readonly FieldView[];
  readonly hasUnique: boolean;
  readonly hasRelations: boolean;
  readonly hasForeignKeys: boolean;
  readonly hasManyToMany: boolean;
  /** Some relation of this entity points at an owned entity (references must then be checked per owner). */
  readonly referencesOwned: boolean;
  readonly referencedBy: readonly InboundRelation[];
  readonly isReferenced: boolean;
  /**
   * Other entities this entity's tests create rows of (sources of inbound relations, many-to-many targets),
   * each once even when several relations join the same two entities.
   */
  readonly relatedEntities: readonly EntityRef[];
  /** Entities this one needs to exist first (required foreign keys), for tests and seeds. */
  readonly dependsOn: readonly EntityRef[];
  /**
   * Generated tests and seeds can create rows of it: every required field has samples and every required
   * reference points at another testable entity (a required reference to itself has no first row).
   */
  readonly testable: boolean;
  /** First entity in the model, handy for README examples. */
  readonly isFirst: boolean;
  readonly isLast: boolean;
}

export interface DatabaseView {
  readonly id: DatabaseId;
  readonly isSqlite: boolean;
  readonly isPostgres: boolean;
  readonly isMysql: boolean;
  readonly isMongodb: boolean;
  readonly isSql: boolean;
  readonly label: string;
  /** DATABASE_URL for local development (compose service names are used inside compose). */
  readonly localUrl: string;
  readonly composeUrl: string;
  /**
   * The database the project's tests use by default (TEST_DATABASE_URL): the local server's database with
   * `_test` appended, so the tests never empty the one DATABASE_URL names. Null for SQLite, whose tests use
   * a temporary file.
   */
  readonly testUrl: string | null;
  /** The database name of testUrl (compose creates it for the app user on MySQL). */
  readonly testName: string | null;
  /** SQL migration for this database, or null for MongoDB. */
  readonly schema: SchemaSql | null;
  /** MongoDB: the collections and the indexes `migrate` creates (src/model/mongo.ts); null for SQL databases. */
  readonly mongo: MongoSchema | null;
  /**
   * Entity and join tables, each before the tables it refers to: the order tests delete rows in, once the
   * keys closing a cycle of tables (`closesCycle`) are cleared.
   */
  readonly deletionOrder: readonly string[];
}

export interface ViewModel {
  readonly project: {
    readonly name: string;
    readonly names: Names;
    readonly title: string;
    /** The java stack's options (its source package), null for other stacks. */
    readonly java: { readonly package: string } | null;
  };
  readonly stack: StackId;
  readonly database: DatabaseView;
  readonly auth: { readonly jwt: boolean; readonly none: boolean };
  readonly cloud: { readonly any: boolean; readonly list: readonly string[]; readonly aws: boolean; readonly gcp: boolean; readonly azure: boolean; readonly kubernetes: boolean };
  readonly entities: readonly EntityView[];
  readonly hasOwnedEntities: boolean;
  /** Deployment model shared by the Dockerfile, compose and every cloud target (src/model/deployment.ts). */
  readonly deployment: DeploymentModel;
  readonly generator: { readonly name: string; readonly version: string };
}

const DB_LABEL: Record<DatabaseId, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MySQL', mongodb: 'MongoDB' };

type DatabaseUrls = Pick<DatabaseView, 'localUrl' | 'composeUrl' | 'testUrl' | 'testName'>;

function databaseUrls(db: DatabaseId, project: Names): DatabaseUrls {
  const dbName = project.snake;
  const testName = `${dbName}_test`;
  switch (db) {
    case 'sqlite':
      return { localUrl: `file:./data/${project.kebab}.db`, composeUrl: `file:/data/${project.kebab}.db`, testUrl: null, testName: null };
    case 'postgres':
      return {
        localUrl: `postgres://app:app@localhost:5432/${dbName}`,
        composeUrl: `postgres://app:\${POSTGRES_PASSWORD}@db:5432/${dbName}`,
        testUrl: `postgres://app:app@localhost:5432/${testName}`,
        testName,
      };
    case 'mysql':
      return {
        localUrl: `mysql://app:app@localhost:3306/${dbName}`,
        composeUrl: `mysql://app:\${MYSQL_PASSWORD}@db:3306/${dbName}`,
        testUrl: `mysql://app:app@localhost:3306/${testName}`,
        testName,
      };
    case 'mongodb':
      // The mongo image creates its user in the admin database (MONGO_INITDB_ROOT_USERNAME), so that is where it authenticates.
      return {
        localUrl: `mongodb://app:app@localhost:27017/${dbName}?authSource=admin`,
        composeUrl: `mongodb://app:\${MONGO_PASSWORD}@db:27017/${dbName}?authSource=admin`,
        testUrl: `mongodb://app:app@localhost:27017/${testName}?authSource=admin`,
        testName,
      };
  }
}

const typeFlags = (type: FieldType): TypeFlags =>
  Object.fromEntries(FIELD_TYPES.map((t) => [`is${t[0].toUpperCase()}${t.slice(1)}`, t === type])) as unknown as TypeFlags;

const json = (v: JsonValue | undefined): string | null => (v === undefined ? null : JSON.stringify(v));

function fieldView(f: FieldSpec, dialect: SqlDialect | null, i: number, count: number): FieldView {
  const samples = Array.from({ length: SAMPLE_ROWS }, (_, seed) => json(sampleValue(f, seed)));
  const base = {
    ...typeFlags(f.type),
    name: f.name,
    names: names(f.name),
    column: snakeCase(f.name),
    type: f.type,
    required: f.required,
    nullable: !f.required,
    unique: f.unique,
    index: f.index,
    hasDefault: f.default !== undefined,
    default: f.default ?? null,
    defaultJson: json(f.default),
    min: f.min ?? null,
    max: f.max ?? null,
    minLength: f.minLength ?? null,
    maxLength: f.maxLength ?? null,
    pattern: f.pattern ?? null,
    patternJson: f.pattern === undefined ? null : JSON.stringify(f.pattern),
    values: f.values ?? null,
    precision: f.precision ?? null,
    scale: f.scale ?? null,
    isVarchar: ['string', 'email', 'url', 'enum'].includes(f.type),
    isTextual: ['string', 'text', 'email', 'url', 'enum', 'uuid'].includes(f.type),
    isNumeric: ['integer', 'bigint', 'number', 'decimal'].includes(f.type),
    isTemporal: f.type === 'date' || f.type === 'datetime',
    filterable: f.type !== 'json' && !PAGING.has(f.name),
    sortable: f.type !== 'json',
    sampleJson: samples[0],
    sampleAltJson: samples[1],
    samples,
    hasSample: samples.every((v) => v !== null),
    invalidSamples: invalidSamples(f),
    decimalPattern: f.type === 'decimal' ? decimalPattern(f.precision ?? 12, f.scale ?? 2) : null,
    uniqueConstraint: null,
    isFirst: i === 0,
    isLast: i === count - 1,
  };
  return { ...base, sqlType: null };
}

/** `^-?(0|[1-9][0-9]{0,7})(\.[0-9]{1,2})?$` for precision 10, scale 2. */
export function decimalPattern(precision: number, scale: number): string {
  const intDigits = precision - scale;
  const int = intDigits <= 0 ? '0' : intDigits === 1 ? '[0-9]' : `(0|[1-9][0-9]{0,${intDigits - 1}})`;
  const frac = scale > 0 ? `(\\.[0-9]{1,${scale}})?` : '';
  return `^-?${int}${frac}$`;
}

const INT32 = { min: -2147483648, max: 2147483647 };
const SAFE = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/** The message for a value of the wrong JSON type or shape: a UUID, date, choice or decimal is named by what it must be. */
function shapeMessage(f: FieldSpec): string {
  switch (f.type) {
    case 'uuid': return 'must be a UUID';
    case 'date': return 'must be a date (YYYY-MM-DD)';
    case 'datetime': return 'must be an RFC 3339 date-time';
    case 'enum': return `must be one of: ${(f.values ?? []).join(', ')}`;
    case 'decimal': return `must be a decimal number with at most ${f.precision ?? 12} digits, ${f.scale ?? 2} after the point`;
    case 'email': return 'must be an email address';
    case 'url': return 'must be a URL';
    default: return 'must be a string';
  }
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** Values every stack must reject for this field, each with the reason and message; deterministic and in a fixed order. */
export function invalidSamples(f: FieldSpec): InvalidSample[] {
  const out: InvalidSample[] = [];
  const add = (reason: string, value: JsonValue, message: string) => out.push({ reason, json: JSON.stringify(value), message });
  if (f.required) add('null for a required field', null, 'must not be null');
  const textual = ['string', 'text', 'email', 'url', 'uuid', 'enum', 'date', 'datetime'].includes(f.type);
  // An email or URL of the wrong JSON type is first not a string; the others are named by their shape.
  if (textual) add('a number instead of a string', 12345, ['email', 'url'].includes(f.type) ? 'must be a string' : shapeMessage(f));
  const isInt = f.type === 'integer' || f.type === 'bigint';
  if (isInt || f.type === 'number') add('a string instead of a number', 'not a number', isInt ? 'must be an integer' : 'must be a number');
  if (isInt) add('a fraction for an integer', 1.5, 'must be an integer');
  if (f.type === 'boolean') add('a string instead of a boolean', 'yes', 'must be a boolean');
  if (f.type === 'email') add('not an email address', 'not-an-email', shapeMessage(f));
  if (f.type === 'url') add('not a URL', 'not a url', shapeMessage(f));
  if (f.type === 'uuid') add('not a UUID', 'not-a-uuid', shapeMessage(f));
  if (f.type === 'date') add('not a date', '2024-13-45', shapeMessage(f));
  if (f.type === 'datetime') add('not a date-time', 'yesterday', shapeMessage(f));
  if (f.type === 'enum') add('not one of the values', 'not-a-valid-value', shapeMessage(f));
  if (f.type === 'decimal') {
    const scale = f.scale ?? 2;
    const intDigits = (f.precision ?? 12) - scale;
    add('not a decimal number', 'abc', shapeMessage(f));
    add(`more than ${scale} fraction digits`, `1.${'1'.repeat(scale + 1)}`, shapeMessage(f));
    // A decimal may be sent as a JSON number too (SPEC 5), under the same digit checks; other JSON types may not.
    add(`a JSON number with more than ${scale} fraction digits`, Number(`1.${'1'.repeat(scale + 1)}`), shapeMessage(f));
    add('a boolean instead of a decimal', true, shapeMessage(f));
    add(`more than ${intDigits} integer digits`, '9'.repeat(intDigits + 1), shapeMessage(f));
  }
  if (isInt || f.type === 'number' || f.type === 'decimal') {
    const fmt = (n: number): JsonValue => (f.type === 'decimal' ? n.toFixed(f.scale ?? 2) : n);
    if (f.min !== undefined) add(`less than min ${f.min}`, fmt(isInt || f.type === 'decimal' ? Math.ceil(f.min) - 1 : f.min - 0.5), `must be at least ${f.min}`);
    if (f.max !== undefined) add(`more than max ${f.max}`, fmt(isInt || f.type === 'decimal' ? Math.floor(f.max) + 1 : f.max + 0.5), `must be at most ${f.max}`);
  }
  if (f.type === 'integer') {
    if (f.min === undefined) add('below the 32-bit integer range', INT32.min - 1, `must be at least ${INT32.min}`);
    if (f.max === undefined) add('above the 32-bit integer range', INT32.max + 1, `must be at most ${INT32.max}`);
  }
  if (f.type === 'bigint') {
    if (f.min === undefined) add('below the safe integer range', SAFE.min - 1, `must be at least ${SAFE.min}`);
    if (f.max === undefined) add('above the safe integer range', SAFE.max + 1, `must be at most ${SAFE.max}`);
  }
  if (['string', 'text', 'email', 'url'].includes(f.type)) {
    if (f.maxLength !== undefined) add(`longer than maxLength ${f.maxLength}`, 'x'.repeat(f.maxLength + 1), `must be at most ${f.maxLength} characters`);
    if (f.minLength !== undefined && f.minLength > 0) add(`shorter than minLength ${f.minLength}`, 'x'.repeat(f.minLength - 1), `must be at least ${f.minLength} characters`);
  }
  // PostgreSQL text and jsonb cannot store U+0000, so every stack refuses it on every database.
  if (f.type === 'string' || f.type === 'text') add('holding the NUL character U+0000', 'a\u0000b', NUL_MESSAGE);
  if (f.type === 'json') add('a json value holding the NUL character U+0000', { text: 'a\u0000b' }, NUL_MESSAGE);
  if (f.pattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(f.pattern, 'u');
    } catch {
      re = undefined;
    }
    // Within the length limits where possible, so that the pattern (not the length) is what the server reports.
    const fits = (c: string) => c.length >= (f.minLength ?? 0) && c.length <= (f.maxLength ?? Infinity);
    const bangs = '!'.repeat(Math.max(1, f.minLength ?? 1));
    const candidates = ['!! not matching !!', bangs, '~'.repeat(bangs.length), ' '.repeat(bangs.length), '', '\u0000'].filter((c) => re && !re.test(c));
    const candidate = candidates.find(fits) ?? candidates[0];
    if (candidate !== undefined) add(`not matching the pattern ${f.pattern}`, candidate, `must match the pattern ${f.pattern}`);
    // `$` ends the value (ECMA-262): Python's `re` and Java's regex also let it match before a final newline.
    const [match] = patternSamples(f.pattern, f, 1, textFormatOf(f));
    const newline = match === undefined ? undefined : `${match}\n`;
    if (re && newline !== undefined && !re.test(newline) && fits(newline)) {
      add(`not matching the pattern ${f.pattern} (a match with a newline after it)`, newline, `must match the pattern ${f.pattern}`);
    }
  }
  return out;
}

function entityRef(e: EntitySpec, auth: boolean): EntityRef {
  const n = names(e.name);
  return { name: e.name, names: n, table: n.pluralSnake, path: `/api/${n.pluralKebab}`, owned: auth && e.owned };
}

function relationView(source: EntitySpec, r: RelationSpec, target: EntityRef, closesCycle: boolean): RelationView {
  const n = names(r.name);
  const fk = r.kind !== 'many-to-many';
  const single = singularize(r.name);
  const sourceColumn = `${snakeCase(source.name)}_id`;
  let targetColumn = `${snakeCase(single)}_id`;
  if (targetColumn === sourceColumn) targetColumn = `related_${targetColumn}`;
  return {
    name: r.name,
    names: n,
    kind: r.kind,
    isManyToOne: r.kind === 'many-to-one',
    isOneToOne: r.kind === 'one-to-one',
    isManyToMany: r.kind === 'many-to-many',
    isForeignKey: fk,
    target,
    required: fk && r.required,
    nullable: !(fk && r.required),
    onDelete: r.onDelete,
    onDeleteRestrict: r.onDelete === 'restrict',
    onDeleteCascade: r.onDelete === 'cascade',
    onDeleteSetNull: r.onDelete === 'set-null',
    fkField: fk ? `${r.name}Id` : null,
    fkNames: fk ? names(`${r.name}Id`) : null,
    fkColumn: fk ? `${snakeCase(r.name)}_id` : null,
    idsField: fk ? null : `${single}Ids`,
    idsNames: fk ? null : names(`${single}Ids`),
    joinTable: fk ? null : `${names(source.name).pluralSnake}_${snakeCase(r.name)}`,
    joinSourceColumn: fk ? null : sourceColumn,
    joinTargetColumn: fk ? null : targetColumn,
    uniqueConstraint: r.kind === 'one-to-one' ? constraintName('uq', names(source.name).pluralSnake, `${snakeCase(r.name)}_id`) : null,
    closesCycle,
  };
}

/** Orders entities so that targets of required foreign keys come first (spec order otherwise). */
function dependencyOrder(entities: readonly EntitySpec[]): EntitySpec[] {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: EntitySpec[] = [];
  const visit = (e: EntitySpec) => {
    if (done.has(e.name) || visiting.has(e.name)) return;
    visiting.add(e.name);
    for (const r of e.relations) {
      const t = byName.get(r.to);
      if (t && t !== e && r.kind !== 'many-to-many' && r.required) visit(t);
    }
    visiting.delete(e.name);
    done.add(e.name);
    out.push(e);
  };
  entities.forEach(visit);
  return out;
}

/**
 * The foreign keys (`Entity.relation`) that close a cycle between different tables: those pointing forward in
 * dependency order at an entity that leads back. Required keys always point backward (a cycle of required
 * relations is refused by validate), so only optional ones are picked, and the rest of the graph is acyclic.
 */
function cycleClosingKeys(ordered: readonly EntitySpec[]): Set<string> {
  const position = new Map(ordered.map((e, i) => [e.name, i]));
  const targets = new Map(ordered.map((e) => [e.name, e.relations.filter((r) => r.kind !== 'many-to-many' && r.to !== e.name).map((r) => r.to)]));
  const reaches = (from: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === goal) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(targets.get(at) ?? []));
    }
    return false;
  };
  const closing = new Set<string>();
  for (const e of ordered) {
    for (const r of e.relations) {
      if (r.kind === 'many-to-many' || r.to === e.name || position.get(r.to)! < position.get(e.name)!) continue;
      if (reaches(r.to, e.name)) closing.add(`${e.name}.${r.name}`);
    }
  }
  return closing;
}

/**
 * The stack-independent view of a config; `container` is the stack descriptor's (null for a view of the schema
 * alone), read by the deployment model.
 */
export function prepareViewModel(config: ResolvedConfig, generatorVersion: string, container: ContainerRuntime | null): ViewModel {
  const jwt = config.auth === 'jwt';
  const dialect: SqlDialect | null = config.database === 'mongodb' ? null : config.database;
  const ordered = dependencyOrder(config.entities);
  const refs = new Map(ordered.map((e) => [e.name, entityRef(e, jwt)]));
  const closing = cycleClosingKeys(ordered);

  const partial = ordered.map((e, ei) => {
    const fields = e.fields.map((f, i) => {
      const fv = fieldView(f, dialect, i, e.fields.length);
      const v = f.unique ? { ...fv, uniqueConstraint: constraintName('uq', refs.get(e.name)!.table, fv.column) } : fv;
      return dialect ? { ...v, sqlType: columnType(dialect, v) } : v;
    });
    const relations = e.relations.map((r) => relationView(e, r, refs.get(r.to)!, closing.has(`${e.name}.${r.name}`)));
    const foreignKeys = relations.filter((r) => r.isForeignKey);
    const manyToMany = relations.filter((r) => r.isManyToMany);
    return {
      ...refs.get(e.name)!,
      fields,
      relations,
      foreignKeys,
      manyToMany,
      requiredFields: fields.filter((f) => f.required),
      mustSendFields: fields.filter((f) => f.required && !f.hasDefault),
      defaultFields: fields.filter((f) => f.hasDefault),
      decimalFields: fields.filter((f) => f.isDecimal),
      boundedDecimalFields: fields.filter((f) => f.isDecimal && (f.min !== null || f.max !== null)),
      uniqueFields: fields.filter((f) => f.unique),
      filterableFields: fields.filter((f) => f.filterable),
      sortableFields: fields.filter((f) => f.sortable),
      hasUnique: fields.some((f) => f.unique),
      hasRelations: relations.length > 0,
      hasForeignKeys: foreignKeys.length > 0,
      hasManyToMany: manyToMany.length > 0,
      referencesOwned: relations.some((r) => r.target.owned),
      dependsOn: foreignKeys.filter((r) => r.required && r.target.name !== e.name).map((r) => r.target),
      isFirst: ei === 0,
      isLast: ei === ordered.length - 1,
    };
  });
  const linked = partial.map((e) => {
    const referencedBy = partial.flatMap((s) =>
      s.foreignKeys.filter((r) => r.target.name === e.name).map((relation) => ({ source: refs.get(s.name)!, relation })),
    );
    const related = new Map<string, EntityRef>();
    for (const ref of [...referencedBy.map((r) => r.source), ...e.manyToMany.map((r) => r.target)]) {
      if (ref.name !== e.name && !related.has(ref.name)) related.set(ref.name, ref);
    }
    return { ...e, referencedBy, isReferenced: referencedBy.length > 0, relatedEntities: [...related.values()] };
  });
  const testable = testableEntities(partial);
  const entities: EntityView[] = linked.map((e) => ({ ...e, testable: testable.has(e.name) }));

  const projectNames = names(config.name);
  return deepFreeze({
    project: { name: config.name, names: projectNames, title: projectNames.title, java: config.java ?? null },
    stack: config.stack,
    database: {
      id: config.database,
      isSqlite: config.database === 'sqlite',
      isPostgres: config.database === 'postgres',
      isMysql: config.database === 'mysql',
      isMongodb: config.database === 'mongodb',
      isSql: dialect !== null,
      label: DB_LABEL[config.database],
      ...databaseUrls(config.database, projectNames),
      schema: dialect ? schemaSql(dialect, entities, jwt) : null,
      mongo: dialect ? null : mongoSchema(entities, jwt),
      deletionOrder: deletionOrder(entities),
    },
    auth: { jwt, none: !jwt, accountsTable: ACCOUNTS_TABLE },
    cloud: {
      any: config.cloud.length > 0,
      list: [...config.cloud],
      aws: config.cloud.includes('aws'),
      gcp: config.cloud.includes('gcp'),
      azure: config.cloud.includes('azure'),
      kubernetes: config.cloud.includes('kubernetes'),
    },
    entities,
    hasOwnedEntities: entities.some((e) => e.owned),
    deployment: deploymentModel(config, container),
    generator: { name: 'create-backend', version: generatorVersion },
  });
}



type Testing = Pick<EntityView, 'name' | 'foreignKeys'> & { readonly fields: readonly Pick<FieldView, 'required' | 'hasSample'>[] };

/** The names of the entities generated tests can create rows of (see EntityView.testable). */
function testableEntities(entities: readonly Testing[]): Set<string> {
  const ok = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of entities) {
      if (ok.has(e.name)) continue;
      const fieldsOk = e.fields.every((f) => f.hasSample || !f.required);
      const depsOk = e.foreignKeys.every((r) => !r.required || (r.target.name !== e.name && ok.has(r.target.name)));
      if (fieldsOk && depsOk) {
        ok.add(e.name);
        changed = true;
      }
    }
  }
  return ok;
}

/** Entity and join tables, each before the tables it refers to, ignoring the keys that close a cycle. */
function deletionOrder(entities: readonly EntityView[]): string[] {
  const refs = new Map<string, Set<string>>();
  for (const e of entities) {
    refs.set(e.table, new Set(e.foreignKeys.filter((r) => !r.closesCycle).map((r) => r.target.table).filter((t) => t !== e.table)));
    for (const r of e.manyToMany) refs.set(r.joinTable!, new Set([e.table, r.target.table]));
  }
  const order: string[] = [];
  const left = new Set(refs.keys());
  while (left.size > 0) {
    const free = [...left].filter((t) => ![...left].some((o) => o !== t && refs.get(o)!.has(t)));
    if (free.length === 0) throw new Error(`tables in a cycle no closing key breaks: ${[...left].join(', ')}`);
    for (const t of free) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
