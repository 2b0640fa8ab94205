import type { FieldType } from '../../config/options.js';
import { ACCOUNTS_TABLE } from '../../config/reserved.js';
import { rubyPattern } from '../../model/pattern-dialects.js';
import { TEXT_FORMATS } from '../../model/text-formats.js';
import type { EntityView, FieldView, RelationView, ViewModel } from '../../model/view-model.js';
import { rubyCall, rubyLiteral, rubyNumber, rubyString, rubyStrings } from './syntax.js';
import { gemLine, rubyVersions } from './versions.js';

/** Gems every project requires, those only one database needs, and the development group's. */
const COMMON = ['bigdecimal', 'puma', 'rack', 'rake', 'sequel', 'sinatra'];
const AUTH = ['bcrypt', 'jwt'];
const DRIVER: Record<string, readonly string[]> = { sqlite: ['sqlite3'], postgres: ['pg', 'sequel_pg'], mysql: ['mysql2'] };
const DEVELOPMENT = ['rack-test', 'rspec', 'rubocop'];

/**
 * Constants of Ruby and of the gems a project loads, which a project module of the same name would reopen (a
 * project called `json` or `set`): such a project's module takes an `App` suffix.
 */
const TAKEN_CONSTANTS = new Set([
  'Object', 'Module', 'Class', 'Kernel', 'Comparable', 'Enumerable', 'Array', 'Hash', 'String', 'Symbol', 'Integer', 'Float',
  'Numeric', 'Set', 'Struct', 'Time', 'Date', 'DateTime', 'File', 'Dir', 'IO', 'Process', 'Signal', 'Thread', 'Queue', 'Mutex',
  'Logger', 'Random', 'Range', 'Regexp', 'Proc', 'Method', 'Math', 'Rational', 'Complex', 'Encoding', 'Exception', 'Error',
  'Json', 'JSON', 'URI', 'Net', 'OpenSSL', 'Digest', 'Base64', 'SecureRandom', 'BigDecimal', 'Timeout', 'Socket', 'IPAddr',
  'Sequel', 'Sinatra', 'Rack', 'Puma', 'Rake', 'RSpec', 'RuboCop', 'BCrypt', 'JWT', 'PG', 'Mysql2', 'SQLite3', 'Gem', 'Bundler',
  'Resource', 'Catalog', 'Web', 'Auth', 'Config', 'Database', 'Openapi', 'OpenAPI', 'Seed', 'App',
]);

const rubyModule = (pascal: string): string => (TAKEN_CONSTANTS.has(pascal) ? `${pascal}App` : pascal);

export function rubyView(view: ViewModel): Record<string, unknown> {
  const { image, runtimeImage } = rubyVersions();
  const runtime = [...COMMON, ...(DRIVER[view.database.id] ?? []), ...(view.auth.jwt ? AUTH : [])].sort();
  const lib = view.project.names.snake;
  return {
    module: rubyModule(view.project.names.pascal),
    /** The folder under lib/ (and the file lib/<lib>.rb that requires it). */
    lib,
    pathTokens: { rubyLib: lib },
    image,
    runtimeImage,
    rubyRequirement: rubyVersions().ruby,
    gems: runtime.map(gemLine),
    developmentGems: DEVELOPMENT.map(gemLine),
    accountsTable: ACCOUNTS_TABLE,
    localUrl: rubyString(view.database.localUrl),
    /** The email and url rules in Onigmo's dialect, as Ruby string literals for Regexp.new. */
    textFormats: { email: rubyString(TEXT_FORMATS.email.ruby), url: rubyString(TEXT_FORMATS.url.ruby) },
    catalog: view.entities.map(constantOf),
    entityTests: entityTests(view),
    /** Whether the specs need the shared examples of unique values and of owned rows. */
    entityTestsHaveUnique: view.entities.some((e) => e.testable && e.hasUnique),
    entityTestsHaveOwned: view.entities.some((e) => e.testable && e.owned),
  };
}

/** The constant naming one entity's description in the catalog (`ORDER_ITEM`). */
const constantOf = (e: Pick<EntityView, 'names'>): string => e.names.snake.toUpperCase();

/**
 * The field's kind, a symbol of the Resource::Field kinds (lib/<lib>/resource/field.rb). Names of tables and
 * columns are strings (a column `false` as a symbol reads as a mistake), made symbols by the catalog's classes.
 */
const kind = (type: FieldType): string => `:${type}`;

function fieldArgs(f: FieldView): string[] {
  const args = [rubyString(f.name), rubyString(f.column), kind(f.type)];
  if (f.required) args.push('required: true');
  if (f.uniqueConstraint) args.push(`unique: ${rubyString(f.uniqueConstraint)}`);
  if (f.default !== null) args.push(`default: ${rubyLiteral(f.default)}`);
  if (f.min !== null) args.push(`min: ${rubyNumber(f.min)}`);
  if (f.max !== null) args.push(`max: ${rubyNumber(f.max)}`);
  if (f.minLength !== null) args.push(`min_length: ${f.minLength}`);
  if (f.maxLength !== null) args.push(`max_length: ${f.maxLength}`);
  if (f.pattern !== null) args.push(`pattern: ${rubyString(f.pattern)}`, `matcher: Regexp.new(${rubyString(rubyPattern(f.pattern))})`);
  if (f.values) args.push(`values: ${rubyStrings(f.values)}`);
  if (f.isDecimal) args.push(`precision: ${f.precision ?? 12}`, `scale: ${f.scale ?? 2}`);
  return args;
}

function referenceArgs(r: RelationView): string[] {
  const args = [rubyString(r.fkField!), rubyString(r.fkColumn!), rubyString(r.target.table)];
  if (r.required) args.push('required: true');
  if (r.uniqueConstraint) args.push(`unique: ${rubyString(r.uniqueConstraint)}`);
  if (r.target.owned) args.push('target_owned: true');
  return args;
}

function linkArgs(r: RelationView): string[] {
  const args = [rubyString(r.idsField!), rubyString(r.target.table), `join_table: ${rubyString(r.joinTable!)}`, `source_column: ${rubyString(r.joinSourceColumn!)}`, `target_column: ${rubyString(r.joinTargetColumn!)}`];
  if (r.target.owned) args.push('target_owned: true');
  return args;
}

/** One entity's catalog entry as Ruby source lines: each field, reference and link a call at 8 spaces. */
export function rubyEntityView(entity: EntityView): Record<string, unknown> {
  return {
    constant: constantOf(entity),
    fields: entity.fields.map((f) => rubyCall('Resource::Field.new', fieldArgs(f), 8)),
    references: entity.foreignKeys.map((r) => rubyCall('Resource::Reference.new', referenceArgs(r), 8)),
    links: entity.manyToMany.map((r) => rubyCall('Resource::Link.new', linkArgs(r), 8)),
  };
}

/**
 * The rows of the table-driven entity specs (spec/entities_spec.rb): every entity whose rows tests can create,
 * with the samples, invalid values and required keys the shared view model computed for it, as Ruby literals.
 */
function entityTests(view: ViewModel) {
  const parse = (json: string): string => rubyLiteral(JSON.parse(json));
  const hash = (entries: ReadonlyArray<readonly [string, string]>): string =>
    entries.length ? `{ ${entries.map(([k, v]) => `${rubyString(k)} => ${v}`).join(', ')} }` : '{}';
  return view.entities
    .filter((e) => e.testable)
    .map((e) => {
      const sampled = e.fields.filter((f) => f.sampleJson !== null);
      return {
        name: e.name,
        unique: e.hasUnique,
        owned: e.owned,
        /** Sample rows 0 and 1 as Ruby hashes of wire name => value. */
        rows: [0, 1].map((i) => hash(sampled.map((f) => [f.name, parse(f.samples[i]!)] as const))),
        /** Required references: wire name => the entity whose rows they point at. */
        references: hash(e.foreignKeys.filter((r) => r.required).map((r) => [r.fkField!, rubyString(r.target.name)] as const)),
        invalid: e.fields.flatMap((f) => f.invalidSamples.map((i) => `[${rubyString(f.name)}, ${parse(i.json)}, ${rubyString(i.message)}]`)),
        mustSend: rubyStrings(e.mustSendFields.map((f) => f.name)),
      };
    });
}
