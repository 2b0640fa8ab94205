import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldType } from '../../config/options.js';
import { ACCOUNTS_TABLE } from '../../config/reserved.js';
import type { MongoInboundReference } from '../../model/mongo.js';
import type { ViewModel } from '../../model/view-model.js';
import type { StackDescriptor } from '../types.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { POSIX_SH_URL_ENCODE, PRIVATE_NETWORKS } from '../../model/deployment.js';
import { PACKAGE_ROOT } from '../../version.js';
import { TEXT_FORMATS } from '../../model/text-formats.js';

/**
 * Versions of every module a generated Go project requires live in one real manifest,
 * `templates/go/versions/go.mod`, so `go list -m -u all` there shows what to bump.
 */
const VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/go/versions/go.mod');

export interface GoVersions {
  readonly go: string;
  readonly modules: Readonly<Record<string, string>>;
}

let versions: GoVersions | undefined;
/** The versions manifest, read once per process. */
const goVersions = (): GoVersions => (versions ??= readGoVersions());

/** The `go` directive and the `require` lines of the versions manifest. */
export function readGoVersions(text: string = readFileSync(VERSIONS_FILE, 'utf8')): GoVersions {
  const go = /^go (\S+)$/m.exec(text)?.[1];
  if (!go) throw new Error('go versions: no go directive in templates/go/versions/go.mod');
  const modules: Record<string, string> = {};
  for (const [, path, version] of text.matchAll(/^\s+(\S+) (v\S+)$/gm)) modules[path!] = version!;
  return { go, modules };
}

/** Modules every project requires, and those only one database needs (goose: the SQL migrations). */
const COMMON = ['github.com/dlclark/regexp2', 'github.com/go-chi/chi/v5', 'github.com/google/uuid'];
const AUTH = ['github.com/golang-jwt/jwt/v5', 'golang.org/x/crypto'];
const DRIVER: Record<string, readonly string[]> = {
  sqlite: ['modernc.org/sqlite', 'github.com/pressly/goose/v3'],
  postgres: ['github.com/jackc/pgx/v5', 'github.com/pressly/goose/v3'],
  mysql: ['github.com/go-sql-driver/mysql', 'github.com/pressly/goose/v3'],
  mongodb: ['go.mongodb.org/mongo-driver/v2'],
};

/** The `resource.onDelete` constant of each inbound reference's action on MongoDB (internal/resource/integrity.go). */
const MONGO_ON_DELETE: Readonly<Record<MongoInboundReference['onDelete'], string>> = {
  restrict: 'restrict',
  cascade: 'cascade',
  'set-null': 'setNull',
  unlink: 'unlink',
};

/** The `resource.Kind` constant of each field type (internal/resource/field.go). */
const KINDS: Readonly<Record<FieldType, string>> = {
  string: 'KindString',
  text: 'KindText',
  integer: 'KindInteger',
  bigint: 'KindBigint',
  number: 'KindNumber',
  decimal: 'KindDecimal',
  boolean: 'KindBoolean',
  date: 'KindDate',
  datetime: 'KindDatetime',
  uuid: 'KindUUID',
  email: 'KindEmail',
  url: 'KindURL',
  enum: 'KindEnum',
  json: 'KindJSON',
};

export function goView(view: ViewModel): Record<string, unknown> {
  const { go, modules } = goVersions();
  const required = [...COMMON, ...(DRIVER[view.database.id] ?? []), ...(view.auth.jwt ? AUTH : [])].sort();
  return {
    goVersion: go,
    /** The module path; every internal import starts with it. */
    module: view.project.names.kebab,
    requires: required.map((path) => {
      const version = modules[path];
      if (!version) throw new Error(`go versions: ${path} is not pinned in templates/go/versions/go.mod`);
      return { path, version };
    }),
    staticcheck: modules['honnef.co/go/tools'],
    accountsTable: ACCOUNTS_TABLE,
    /** Which helpers the seed command needs (staticcheck reports an unused one). */
    seed: {
      references: view.entities.some((e) => e.testable && e.foreignKeys.length > 0),
      links: view.entities.some((e) => e.testable && e.manyToMany.length > 0),
    },
    entityTests: entityTests(view),
    /** Whether TestUniqueConflict has a row (an empty one would test nothing). */
    entityTestsHaveUnique: view.entities.some((e) => e.testable && e.hasUnique),
    entityTestsHaveOwned: view.entities.some((e) => e.testable && e.owned),
    kinds: KINDS,
    mongoOnDelete: MONGO_ON_DELETE,
    /** The email and url rules in RE2's dialect (internal/resource/formats.go). */
    textFormats: { email: TEXT_FORMATS.email.go, url: TEXT_FORMATS.url.go },
    /**
     * Name forms of file paths (`__entity_goFile__`): always ending in `_entity`, so that no entity name turns a
     * file into a test (`unit_test.go`) or gives it a build constraint (`system_linux.go`).
     */
    entityNames: Object.fromEntries(view.entities.map((e) => [e.name, { goFile: `${e.names.snake}_entity` }])),
  };
}

/**
 * The rows of the table-driven entity tests (internal/app/entities_test.go): every entity whose rows tests can
 * create, with the samples, invalid values and required keys the shared view model computed for it.
 */
function entityTests(view: ViewModel) {
  return view.entities
    .filter((e) => e.testable)
    .map((e) => ({
      name: e.name,
      path: e.path,
      unique: e.hasUnique,
      owned: e.owned,
      samples: e.fields.filter((f) => f.sampleJson !== null).map((f) => ({ field: f.name, first: f.sampleJson, second: f.sampleAltJson })),
      references: e.foreignKeys.filter((r) => r.required).map((r) => ({ field: r.fkField, entity: r.target.name })),
      invalid: e.fields.flatMap((f) => f.invalidSamples.map((i) => ({ field: f.name, reason: i.reason, value: i.json, message: i.message }))),
      mustSend: e.mustSendFields.map((f) => f.name),
    }));
}

/**
 * staticcheck at the pinned version, built from its module by `go run` on first use and then run from Go's
 * build cache, so a project needs no tool installed beside Go and cannot drift to another version.
 */
const staticcheck = (): string => `go run honnef.co/go/tools/cmd/staticcheck@${goVersions().modules['honnef.co/go/tools']}`;

export const goStack: StackDescriptor = {
  id: 'go',
  label: STACK_LABELS.go,
  databases: STACK_DATABASES.go,
  packs: ['go'],
  databasePacks: { mongodb: ['go-mongodb'] },
  extendView: goView,
  commands: () => ({
    install: 'go mod tidy',
    migrate: 'go run ./cmd/server migrate',
    start: 'go run ./cmd/server',
    test: 'go test ./...',
    build: 'go build ./...',
    lint: `go vet ./... && ! gofmt -l . | grep . && ${staticcheck()} ./...`,
  }),
  readsDotEnv: true,
  container: {
    start: ['/server'],
    migrate: ['/server', 'migrate'],
    // The image is `scratch`, with no account database: 65532 is the id distroless images give `nonroot`.
    uid: 65532,
    // The image has no runtime besides the binary: busybox's sh, carried only where a launcher needs it (AWS).
    urlEncodePassword: POSIX_SH_URL_ENCODE,
    env: { TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: () => [{ file: 'go', args: ['mod', 'tidy'], missingHint: 'install Go 1.26 or newer (https://go.dev/dl)' }],
};
