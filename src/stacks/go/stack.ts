import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldType } from '../../config/options.js';
import { ACCOUNTS_TABLE } from '../../config/reserved.js';
import type { ViewModel } from '../../model/view-model.js';
import type { StackDescriptor } from '../types.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * Versions of every module a generated Go project requires live in one real manifest,
 * `templates/go/versions/go.mod`, so `go list -m -u all` there shows what to bump.
 */
const VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/go/versions/go.mod');

export interface GoVersions {
  readonly go: string;
  readonly modules: Readonly<Record<string, string>>;
}

/** The `go` directive and the `require` lines of the versions manifest. */
export function readGoVersions(text: string = readFileSync(VERSIONS_FILE, 'utf8')): GoVersions {
  const go = /^go (\S+)$/m.exec(text)?.[1];
  if (!go) throw new Error('go versions: no go directive in templates/go/versions/go.mod');
  const modules: Record<string, string> = {};
  for (const [, path, version] of text.matchAll(/^\s+(\S+) (v\S+)$/gm)) modules[path!] = version!;
  return { go, modules };
}

/** Modules every project requires, and those only one database needs. */
const COMMON = ['github.com/go-chi/chi/v5', 'github.com/google/uuid', 'github.com/pressly/goose/v3'];
const AUTH = ['github.com/golang-jwt/jwt/v5', 'golang.org/x/crypto'];
const DRIVER: Record<string, readonly string[]> = {
  sqlite: ['modernc.org/sqlite'],
  postgres: ['github.com/jackc/pgx/v5'],
  mysql: ['github.com/go-sql-driver/mysql'],
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
  const versions = readGoVersions();
  const required = [...COMMON, ...(DRIVER[view.database.id] ?? []), ...(view.auth.jwt ? AUTH : [])].sort();
  return {
    goVersion: versions.go,
    /** The module path; every internal import starts with it. */
    module: view.project.names.kebab,
    requires: required.map((path) => {
      const version = versions.modules[path];
      if (!version) throw new Error(`go versions: ${path} is not pinned in templates/go/versions/go.mod`);
      return { path, version };
    }),
    staticcheck: versions.modules['honnef.co/go/tools'],
    accountsTable: ACCOUNTS_TABLE,
    kinds: KINDS,
    /**
     * Name forms of file paths (`__entity_goFile__`): always ending in `_entity`, so that no entity name turns a
     * file into a test (`unit_test.go`) or gives it a build constraint (`system_linux.go`).
     */
    entityNames: Object.fromEntries(view.entities.map((e) => [e.name, { goFile: `${e.names.snake}_entity` }])),
  };
}

export const goStack: StackDescriptor = {
  id: 'go',
  label: STACK_LABELS.go,
  databases: STACK_DATABASES.go,
  packs: ['go'],
  extendView: goView,
  commands: () => ({
    install: 'go mod tidy',
    migrate: 'go run ./cmd/server migrate',
    start: 'go run ./cmd/server',
    test: 'go test ./...',
    build: 'go build ./...',
    lint: 'go vet ./... && test -z "$(gofmt -l .)"',
  }),
  installCommands: () => [{ file: 'go', args: ['mod', 'tidy'], missingHint: 'install Go 1.26 or newer (https://go.dev/dl)' }],
};
