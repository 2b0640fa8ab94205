import { TEXT_FORMATS } from '../../model/text-formats.js';
import type { MongoIndex } from '../../model/mongo.js';
import type { EntityView, ViewModel } from '../../model/view-model.js';
import { schemaModel } from '../../update/table-model.js';
import { initialRevision } from './alembic.js';
import { pyEntity } from './entity-view.js';
import { pyModelClasses } from './names.js';
import { pyImport, pyRegex, pyStr, pyTupleBlock } from './syntax.js';
import { readVersions, requirementName } from './versions.js';

/** The one pinned `uv==x.y.z` of the versions file's `[uv]` group. */
function uvVersion(group: readonly string[] | undefined): string {
  const version = group?.length === 1 ? /^uv==(\S+)$/.exec(group[0])?.[1] : undefined;
  if (!version) throw new Error(`python versions: the [uv] group must hold exactly one uv==<version>, not ${JSON.stringify(group)}`);
  return version;
}

export function pythonView(view: ViewModel): Record<string, unknown> {
  const versions = readVersions();
  const runtime = [...versions.runtime, ...(view.database.isMongodb ? versions.mongodb : versions.sql)];
  if (view.database.isPostgres) runtime.push(...versions.postgres);
  if (view.database.isMysql) runtime.push(...versions.mysql);
  if (view.auth.jwt) runtime.push(...versions.jwt);
  runtime.sort((a, b) => (requirementName(a) < requirementName(b) ? -1 : 1));
  const dev = [...versions.dev].sort((a, b) => (requirementName(a) < requirementName(b) ? -1 : 1));
  const testable = new Set(view.entities.filter((e) => e.testable).map((e) => e.name));
  const classes = pyModelClasses(view.entities.map((e) => e.names.pascal));
  const entities = view.entities.map((e) => pyEntity(e, testable, classes));
  const dialect = view.database.id === 'mongodb' ? null : view.database.id;
  const seedable = entities.filter((e) => e.testable);
  // Rows a later row refers to are kept in a variable; the others are only inserted.
  const referenced = new Set(seedable.flatMap((e) => e.foreignKeys.filter((r) => r.required).map((r) => r.targetSnake)));
  const seedRows = seedable.map((e) => ({
    var: `${e.snake}_row`,
    model: e.modelClass,
    create: `${e.model}Create`,
    entries: [
      ...e.sampleEntries,
      ...e.foreignKeys.filter((r) => r.required).map((r) => `${pyStr(r.alias)}: ${r.targetSnake}_row.id`),
    ],
    exclude: e.manyToMany.length ? `exclude={${e.manyToMany.map((r) => pyStr(r.attr)).join(', ')}}` : '',
    owned: e.owned,
    needsUser: e.needsUser,
    repository: e.constName,
    isReferenced: referenced.has(e.snake),
  }));
  const seedImports = [
    'from app import models',
    'from app.config import DatabaseSettings, describe_error',
    'from app.db import Database',
    'from app.ids import uuid7',
    ...[...seedable].sort((a, b) => (a.module < b.module ? -1 : 1)).map((e) => pyImport(`app.schemas.${e.module}`, [`${e.model}Create`])),
    'from app.timestamps import utc_now',
  ].join('\n');
  const bySeedModule = [...seedable].sort((a, b) => (a.module < b.module ? -1 : 1));
  const mongoSeedImports = [
    ...(view.auth.jwt ? ['from app.accounts import create_account'] : []),
    'from app.config import DatabaseSettings, describe_error',
    'from app.db import Database',
    ...bySeedModule.map((e) => pyImport(`app.repositories.${e.module}`, [e.constName])),
    ...bySeedModule.map((e) => pyImport(`app.schemas.${e.module}`, [`${e.model}Create`])),
  ].join('\n');
  return {
    /** The email and url rules (app/values.py): as documents show them, and as `re.search` reads them. */
    textFormats: {
      email: { pattern: pyRegex(TEXT_FORMATS.email.pattern), search: pyRegex(TEXT_FORMATS.email.python) },
      url: { pattern: pyRegex(TEXT_FORMATS.url.pattern), search: pyRegex(TEXT_FORMATS.url.python) },
    },
    package: 'app',
    pythonVersion: '3.11',
    runtimeDependencies: runtime,
    devDependencies: dev,
    buildRequires: versions.build,
    /** uv's version, for the Dockerfile and the generated CI (`uv==0.13.9` → `0.13.9`). */
    uvVersion: uvVersion(versions.uv),
    entities,
    seedRows,
    seedImports,
    /** MongoDB: the seed's imports (repositories instead of models). */
    mongoSeedImports,
    routeImports: pyImport('app.routes', [...(view.auth.jwt ? ['auth'] : []), 'health', ...entities.map((e) => e.module)].sort()),
    usesDecimal: view.entities.some((e) => e.fields.some((f) => f.isDecimal)),
    usesJson: view.entities.some((e) => e.fields.some((f) => f.isJson)),
    /** models.py imports `relationship` when some entity has a relation. */
    hasRelationships: entities.some((e) => e.relationships.length > 0),
    /** Name forms of file paths (`__entity_module__`): entity modules are Python identifiers. */
    entityNames: Object.fromEntries(entities.map((e) => [e.name, { module: e.module }])),
    /** The first Alembic revision's `op.*` operations (migrations/versions/0001_init.py), or null on MongoDB. */
    migration: dialect ? initialRevision(schemaModel(dialect, view.entities, view.auth.jwt)) : null,
    /** MongoDB: each collection and its indexes as app/migrate.py lists them, in ruff's layout. */
    mongoCollections: (view.database.mongo?.collections ?? []).map((c) => ({
      name: pyStr(c.name),
      indexes: pyTupleBlock(8, '', c.indexes.map((i) => ({ head: 'Index', args: mongoIndexArgs(i) }))),
    })),
    /** MongoDB: what app/integrity.py follows on a delete, per referenced collection, in ruff's layout. */
    mongoReferencedBy: (view.database.mongo?.collections ?? [])
      .filter((c) => c.referencedBy.length > 0)
      .map((c) => pyTupleBlock(4, `${pyStr(c.name)}: `, c.referencedBy.map((r) => ({ head: 'InboundReference', args: [r.collection, r.field, r.onDelete].map(pyStr) })))),
    driverNote: view.database.isPostgres
      ? 'psycopg 3 (binary wheels)'
      : view.database.isMysql
        ? 'PyMySQL (pure Python)'
        : 'the standard library sqlite3 module',
  };
}

function mongoIndexArgs(index: MongoIndex): string[] {
  const keys = index.keys.map(pyStr);
  const args = [pyStr(index.name), keys.length === 1 ? `(${keys[0]},)` : `(${keys.join(', ')})`];
  if (index.unique) args.push('unique=True');
  if (index.sparse) args.push('sparse=True');
  return args;
}

/** One entity's part of the view (`entity.lang` in per-entity templates): its entry in `lang.entities`. */
export function pythonEntityView(entity: EntityView, lang: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const own = (lang.entities as Array<ReturnType<typeof pyEntity>>).find((e) => e.name === entity.name);
  if (!own) throw new Error(`no view of entity ${entity.name} in the stack's view`);
  return own;
}
