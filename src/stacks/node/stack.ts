import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_NETWORKS } from '../../model/deployment.js';
import type { ViewModel } from '../../model/view-model.js';
import type { StackDescriptor } from '../types.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * Versions of everything a generated Node project depends on live in one real manifest,
 * `templates/node/versions/package.json`, so they can be bumped (and checked by `npm outdated`) in one place.
 */
interface VersionManifest {
  readonly engines: { readonly node: string };
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

let manifest: VersionManifest | undefined;
function versions(): VersionManifest {
  manifest ??= JSON.parse(
    readFileSync(join(PACKAGE_ROOT, 'templates/node/versions/package.json'), 'utf8'),
  ) as VersionManifest;
  return manifest;
}

/** Packages only some projects need, keyed by the view-model condition that needs them. */
const DRIVER: Record<string, readonly string[]> = {
  sqlite: ['better-sqlite3'],
  postgres: ['pg'],
  mysql: ['mysql2'],
  mongodb: ['mongodb'],
};
const DRIVER_TYPES: Record<string, readonly string[]> = {
  sqlite: ['@types/better-sqlite3'],
  postgres: ['@types/pg'],
  mysql: [],
  mongodb: [],
};
const ALL_DRIVERS = new Set(Object.values(DRIVER).flat());
const ALL_DRIVER_TYPES = new Set(Object.values(DRIVER_TYPES).flat());
const AUTH_ONLY = new Set(['jose', '@node-rs/argon2']);
/** The SQL query builder; MongoDB projects query through the driver. */
const SQL_ONLY = new Set(['kysely']);

type Dep = { readonly name: string; readonly version: string; readonly isLast: boolean };

function pick(all: Readonly<Record<string, string>>, keep: (name: string) => boolean): Dep[] {
  const names = Object.keys(all).filter(keep).sort();
  return names.map((name, i) => ({ name, version: all[name], isLast: i === names.length - 1 }));
}

/**
 * Test files of the project itself (templates/node/files/test). An entity's test file is test/<kebab>.test.ts,
 * so an entity `App` or `Auth` would take one of their paths; its file gets a name no entity's kebab-case can
 * have (`app.entity.test.ts`: entity names have no dot).
 */
const PROJECT_TESTS: ReadonlySet<string> = new Set(['app', 'auth']);

export function nodeView(view: ViewModel): Record<string, unknown> {
  const v = versions();
  const db = view.database.id;
  const dependencies = pick(v.dependencies, (n) => {
    if (ALL_DRIVERS.has(n)) return (DRIVER[db] ?? []).includes(n);
    if (AUTH_ONLY.has(n)) return view.auth.jwt;
    if (SQL_ONLY.has(n)) return view.database.isSql;
    return true;
  });
  const devDependencies = pick(v.devDependencies, (n) => !ALL_DRIVER_TYPES.has(n) || (DRIVER_TYPES[db] ?? []).includes(n));
  const kyselyDialect = { sqlite: 'SqliteDialect', postgres: 'PostgresDialect', mysql: 'MysqlDialect', mongodb: null }[db];
  return {
    engines: v.engines.node,
    nodeImage: 'node:24-slim',
    dependencies,
    devDependencies,
    kyselyDialect,
    /** Every table (or MongoDB collection) of the schema as a TypeScript string-literal list, for test clean-up. */
    tablesTs: JSON.stringify(view.database.schema?.tables ?? view.database.mongo?.collections.map((c) => c.name) ?? []),
    /** Name forms of file paths (`__entity_testFile__`). */
    entityNames: Object.fromEntries(view.entities.map((e) => [e.name, { testFile: PROJECT_TESTS.has(e.names.kebab) ? `${e.names.kebab}.entity` : e.names.kebab }])),
  };
}

export const nodeStack: StackDescriptor = {
  id: 'node',
  label: STACK_LABELS.node,
  databases: STACK_DATABASES.node,
  packs: ['node'],
  databasePacks: { mongodb: ['node-mongodb'] },
  extendView: nodeView,
  // The code goes to Biome's scratch folder with the project's biome.json, whose `files.includes` (the same
  // extensions, less the manifest and build output) decides, as it does for the project's own `biome format .`.
  formatter: {
    kind: 'bundled',
    tool: 'biome',
    formats: (path) => /\.(?:ts|js|json)$/.test(path),
    needs: (path) => path === 'biome.json',
  },
  commands: ({ packageManager: pm }) => ({
    install: `${pm} install`,
    migrate: `${pm} run db:migrate`,
    start: `${pm} run build && ${pm} start`,
    test: `${pm} test`,
    build: `${pm} run build`,
    lint: `${pm} run lint && ${pm} run typecheck && ${pm} run format:check`,
  }),
  readsDotEnv: true,
  container: {
    start: ['node', 'dist/server.js'],
    migrate: ['node', 'dist/db/migrate.js'],
    uid: 1000,
    urlEncodePassword: `node -e 'process.stdout.write(encodeURIComponent(process.env.DB_PASSWORD))'`,
    env: { NODE_ENV: 'production', HOST: '0.0.0.0', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: ({ packageManager: pm }) => [
    { file: pm, args: ['install'], missingHint: `install ${pm} (https://nodejs.org ships npm)` },
  ],
};
