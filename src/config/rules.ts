import { javaPackageProblem } from './java-package.js';
import { FIELD_TYPES, isPlanned, SAMPLE_ROWS, type FieldType } from './options.js';
import type { EntitySpec, FieldSpec, JsonValue, ResolvedConfig } from './types.js';
import { ACCOUNTS_TABLE, IMPLICIT_FIELDS } from './reserved.js';
import { didYouMean, nearest, problem, type Problem } from './problems.js';
import { STACK_DATABASES, isStackAvailable } from '../stacks/capabilities.js';
import { names, singularize } from './naming.js';
import { textFormatOf } from '../pattern/formats.js';
import { samplePattern } from '../pattern/sample.js';
import { unportableConstructs } from './pattern-subset.js';

/**
 * Model and compatibility rules. Each is a pure function of the resolved config with a stable id and returns
 * every problem it finds, each with its path and a hint. `validate` and generation run all of them.
 */
type Rule = (config: ResolvedConfig) => Problem[];

const PROJECT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
/** Cloud targets this version generates files for (templates/cloud/<target>). */
export const AVAILABLE_CLOUDS: readonly string[] = ['aws', 'gcp', 'azure', 'kubernetes'];
const NUMERIC: FieldType[] = ['integer', 'bigint', 'number', 'decimal'];
const LENGTHED: FieldType[] = ['string', 'text', 'email', 'url'];
const INT32 = { min: -2147483648, max: 2147483647 };

const fieldPath = (e: EntitySpec, f: FieldSpec, key?: string) => `entities.${e.name}.fields.${f.name}${key ? `.${key}` : ''}`;

const projectName: Rule = (c) => {
  if (PROJECT_NAME.test(c.name) && c.name.length <= 64) return [];
  const suggestion = names(c.name).kebab.replace(/^[^a-z]+/, '');
  return [problem('project-name', 'name', `project name "${c.name}" must be kebab-case: lower-case letters and digits separated by "-", starting with a letter, at most 64 characters`, suggestion ? `try "${suggestion}"` : 'for example "pet-clinic"')];
};

const stackAvailable: Rule = (c) => {
  if (!isStackAvailable(c.stack)) {
    const ready = Object.keys(STACK_DATABASES).filter((s) => isStackAvailable(s as ResolvedConfig['stack']));
    return [problem('stack-available', 'stack', `the ${c.stack} stack is planned but not available in this version of create-backend`, `available stacks: ${ready.join(', ')}`)];
  }
  if (!STACK_DATABASES[c.stack].includes(c.database)) {
    return [problem('stack-supports-database', 'database', isPlanned(c.database) ? `the ${c.database} database is planned but not available in this version of create-backend` : `the ${c.stack} stack does not support the ${c.database} database yet`, `choose one of: ${STACK_DATABASES[c.stack].join(', ')}`)];
  }
  return [];
};

const cloudAvailable: Rule = (c) =>
  c.cloud.filter((t) => !AVAILABLE_CLOUDS.includes(t)).map((t) =>
    problem('cloud-available', 'cloud', `cloud target "${t}" is not available in this version of create-backend`, 'use --cloud none; the Dockerfile and compose.yaml are always generated'),
  );

/** Cloud containers are stateless and replicated: an embedded SQLite file would be lost or split between replicas. */
const cloudNeedsServerDatabase: Rule = (c) =>
  c.cloud.length > 0 && c.database === 'sqlite'
    ? [problem('cloud-needs-server-database', 'database', `cloud target${c.cloud.length > 1 ? 's' : ''} ${c.cloud.join(', ')} need${c.cloud.length > 1 ? '' : 's'} a database server: SQLite keeps its data in the container, which the cloud replaces and replicates`, 'use --database postgres, mysql or mongodb')]
    : [];

/**
 * MongoDB deploys to every target (DocumentDB on AWS, Cosmos DB for MongoDB vCore on Azure, a connection string from
 * a secret on GCP and Kubernetes), but not through the AWS CDK flavour: CloudFormation's AWS::DocDB::DBCluster returns
 * no ARN for the master secret DocumentDB manages, so the tasks could not read it, and a secret of the app's own would
 * need a rotation Lambda, which the CDK app never deploys.
 */
const cloudSupportsDatabase: Rule = (c) =>
  c.database === 'mongodb' && c.iac === 'cdk' && c.cloud.includes('aws')
    ? [problem('cloud-supports-database', 'iac', 'iac "cdk" cannot deploy the mongodb database to AWS: CloudFormation does not expose the master secret DocumentDB manages, which the tasks read', 'drop iac: cdk (the Terraform flavour deploys MongoDB to Amazon DocumentDB), or use --database postgres or mysql with the CDK app')]
    : [];

/** The CDK app is AWS infrastructure only: without the aws target there is nothing for it to describe. */
const iacNeedsAws: Rule = (c) =>
  c.iac === 'cdk' && !c.cloud.includes('aws')
    ? [problem('iac-needs-aws', 'iac', `iac "cdk" writes the AWS infrastructure (infra/aws) as a CDK app, but aws is not among the cloud targets${c.cloud.length ? ` (${c.cloud.join(', ')})` : ''}`, 'add aws to the cloud targets (--cloud aws), or drop iac: cdk (gcp, azure and kubernetes are written as Terraform and Helm)')]
    : [];

const hasEntities: Rule = (c) =>
  c.entities.length ? [] : [problem('entities-required', 'entities', 'the model has no entities', 'add one under entities:, pass --entity "Item: name:string!", or use --yes for an example entity')];

/** SPEC 3: more than 1,000 entities is refused (generation and the generated projects are not built for it). */
export const MAX_ENTITIES = 1000;
const entitiesAtMost: Rule = (c) =>
  c.entities.length > MAX_ENTITIES
    ? [problem('entities-at-most', 'entities', `the model has ${c.entities.length} entities; at most ${MAX_ENTITIES} are allowed`, 'split the model into several services')]
    : [];

/**
 * Names are never refused for being a keyword somewhere (SPEC 3): each stack maps them. Only real collisions
 * are: two entities that become one table or route, and a table the generator itself creates.
 */
const entityNames: Rule = (c) => {
  const out: Problem[] = [];
  const tables = new Map<string, string>();
  const claimTable = (table: string, owner: string, path: string) => {
    const other = tables.get(table);
    if (other && other !== owner) out.push(problem('entity-name-collision', path, `${owner} collides with ${other}: both become table "${table}"`, 'rename one of them'));
    else tables.set(table, owner);
  };
  if (c.auth === 'jwt') tables.set(ACCOUNTS_TABLE, 'the accounts of auth: jwt');
  for (const e of c.entities) {
    const path = `entities.${e.name}`;
    if (!PASCAL.test(e.name)) {
      out.push(problem('entity-name-format', path, `entity name "${e.name}" must be PascalCase (letters and digits, starting with an upper-case letter)`, `try "${names(e.name).pascal || 'Item'}"`));
      continue;
    }
    if (e.name.length > 40) out.push(problem('entity-name-length', path, `entity name "${e.name}" is longer than 40 characters`, 'table and constraint names must fit database limits'));
    const n = names(e.name);
    // The singular snake form names files and modules; the plural one the table and (as kebab) the route.
    for (const key of new Set([n.snake, n.pluralSnake])) claimTable(key, `entity "${e.name}"`, path);
    if (e.fields.length === 0 && e.relations.length === 0) out.push(problem('entity-not-empty', path, `entity "${e.name}" has no fields or relations`, 'add at least one field, for example name: string!'));
  }
  // Join tables are named <entity>_<relation>; one must not take an entity's table or another join table.
  for (const e of c.entities) {
    for (const r of e.relations) {
      if (r.kind !== 'many-to-many' || !PASCAL.test(e.name) || !CAMEL.test(r.name)) continue;
      claimTable(`${names(e.name).snake}_${names(r.name).snake}`, `the join table of ${e.name}.${r.name}`, `entities.${e.name}.relations.${r.name}`);
    }
  }
  return out;
};

const fieldNames: Rule = (c) => {
  const out: Problem[] = [];
  for (const e of c.entities) {
    const taken = new Map<string, string>();
    const claim = (apiName: string, path: string, what: string) => {
      const key = names(apiName).snake;
      const other = taken.get(key);
      if (other) out.push(problem('field-name-collision', path, `${what} "${apiName}" of ${e.name} collides with "${other}" (both become column "${key}")`, 'rename one of them'));
      else taken.set(key, apiName);
    };
    for (const implicit of IMPLICIT_FIELDS) taken.set(names(implicit).snake, implicit);
    for (const f of e.fields) {
      const path = fieldPath(e, f);
      if (!CAMEL.test(f.name)) {
        out.push(problem('field-name-format', path, `field name "${f.name}" must be camelCase (letters and digits, starting with a lower-case letter)`, `try "${names(f.name).camel || 'value'}"`));
        continue;
      }
      if (IMPLICIT_FIELDS.has(f.name)) {
        out.push(problem('field-name-reserved', path, `field name "${f.name}" is generated for every entity`, 'remove it: id, createdAt and updatedAt are always present (and ownerUserId is kept for owned rows)'));
        continue;
      }
      claim(f.name, path, 'field');
    }
    for (const r of e.relations) {
      const path = `entities.${e.name}.relations.${r.name}`;
      if (!CAMEL.test(r.name)) {
        out.push(problem('relation-name-format', path, `relation name "${r.name}" must be camelCase`, `try "${names(r.name).camel || 'parent'}"`));
        continue;
      }
      const apiName = r.kind === 'many-to-many' ? `${singularize(r.name)}Ids` : `${r.name}Id`;
      if (IMPLICIT_FIELDS.has(r.name) || IMPLICIT_FIELDS.has(apiName)) {
        out.push(problem('relation-name-reserved', path, `relation name "${r.name}" would add "${IMPLICIT_FIELDS.has(r.name) ? r.name : apiName}", which is generated for every entity`, `choose another name, for example "${r.name}Ref"`));
        continue;
      }
      claim(r.name, path, 'relation');
      claim(apiName, path, 'relation field');
    }
  }
  return out;
};

const relations: Rule = (c) => {
  const out: Problem[] = [];
  const entityNamesList = c.entities.map((e) => e.name);
  for (const e of c.entities) {
    for (const r of e.relations) {
      const path = `entities.${e.name}.relations.${r.name}`;
      if (!entityNamesList.includes(r.to)) {
        const near = nearest(r.to, entityNamesList);
        out.push(problem('relation-target-exists', `${path}.to`, `relation ${e.name}.${r.name} points to "${r.to}", which is not an entity of the model`, near ? `did you mean "${near}"? Entities: ${entityNamesList.join(', ')}` : `add an entity named ${r.to}, or use one of: ${entityNamesList.join(', ')}`));
      }
      if (r.kind === 'many-to-many' && (r.required || r.onDelete !== 'restrict')) {
        out.push(problem('relation-many-to-many-options', path, `many-to-many relation ${e.name}.${r.name} takes neither required nor onDelete`, 'its join rows are always deleted with either side; remove those keys'));
      }
      if (r.onDelete === 'set-null' && r.required) {
        out.push(problem('relation-set-null-required', `${path}.onDelete`, `relation ${e.name}.${r.name} is required, so onDelete cannot be set-null`, 'use cascade or restrict, or make the relation optional'));
      }
      if (r.to === e.name && r.required) {
        out.push(problem('relation-self-required', `${path}.required`, `relation ${e.name}.${r.name} points to its own entity and is required, so no first row could ever be created`, 'make it optional'));
      }
    }
  }
  return out;
};

/**
 * A cycle of required to-one relations between different entities (A requires a B, B requires an A): no row
 * of any of them can be created first. One problem per cycle, at the relation that starts it.
 */
const relationRequiredCycle: Rule = (c) => {
  const requiredEdges = new Map(c.entities.map((e) => [e.name, e.relations.filter((r) => r.required && r.kind !== 'many-to-many' && r.to !== e.name)]));
  const reported = new Set<string>();
  const out: Problem[] = [];
  for (const start of c.entities) {
    if (reported.has(start.name)) continue;
    const cycle = requiredPathBack(start.name, requiredEdges);
    if (cycle === undefined) continue;
    for (const step of cycle) reported.add(step.from);
    const [first] = cycle;
    const path = cycle.map((step) => `${step.from}.${step.relation} → ${step.to}`).join(', ');
    out.push(problem('relation-required-cycle', `entities.${first.from}.relations.${first.relation}.required`, `required relations form a cycle (${path}), so no row of ${[...new Set(cycle.map((s) => s.from))].join(' or ')} could ever be created first`, `make one of them optional, e.g. remove required from ${first.from}.${first.relation}`));
  }
  return out;
};

/** The required relations leading from an entity back to itself, or undefined when none do (depth first). */
function requiredPathBack(start: string, edges: ReadonlyMap<string, ReadonlyArray<{ name: string; to: string }>>): Array<{ from: string; relation: string; to: string }> | undefined {
  const visited = new Set<string>();
  const walk = (at: string): Array<{ from: string; relation: string; to: string }> | undefined => {
    visited.add(at);
    for (const r of edges.get(at) ?? []) {
      if (r.to === start) return [{ from: at, relation: r.name, to: r.to }];
      if (visited.has(r.to)) continue;
      const rest = walk(r.to);
      if (rest) return [{ from: at, relation: r.name, to: r.to }, ...rest];
    }
    return undefined;
  };
  return walk(start);
}

const ownedNeedsAuth: Rule = (c) =>
  c.auth === 'jwt' ? [] : c.entities.filter((e) => e.owned).map((e) =>
    problem('owned-needs-auth', `entities.${e.name}.owned`, `entity ${e.name} is owned, but auth is none`, 'set auth: jwt (or --auth jwt), or remove owned: true'));

function validDefault(f: FieldSpec, v: JsonValue): string | undefined {
  const t = f.type;
  if (t === 'json') return undefined;
  if (NUMERIC.includes(t)) {
    const n = t === 'decimal' && typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || Number.isNaN(n)) return `must be a number${t === 'decimal' ? ' or a numeric string' : ''}`;
    if ((t === 'integer' || t === 'bigint') && !Number.isInteger(n)) return 'must be a whole number';
    if (f.min !== undefined && n < f.min) return `is below min ${f.min}`;
    if (f.max !== undefined && n > f.max) return `is above max ${f.max}`;
    return undefined;
  }
  if (t === 'boolean') return typeof v === 'boolean' ? undefined : 'must be true or false';
  if (typeof v !== 'string') return 'must be a string';
  if (t === 'enum') return f.values?.includes(v) ? undefined : `must be one of ${f.values?.join(', ')}`;
  if (t === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'must be a date like 2024-01-31';
  if (t === 'datetime' && Number.isNaN(Date.parse(v))) return 'must be an RFC 3339 date-time like 2024-01-31T12:00:00Z';
  if (t === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return 'must be a UUID';
  if (f.maxLength !== undefined && v.length > f.maxLength) return `is longer than maxLength ${f.maxLength}`;
  if (f.minLength !== undefined && v.length < f.minLength) return `is shorter than minLength ${f.minLength}`;
  if (f.pattern !== undefined && safeRegExp(f.pattern)?.test(v) === false) return `does not match pattern ${f.pattern}`;
  return undefined;
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined;
  }
}

const fieldConstraints: Rule = (c) => {
  const out: Problem[] = [];
  for (const e of c.entities) {
    for (const f of e.fields) {
      const at = (key: string) => fieldPath(e, f, key);
      const notFor = (key: keyof FieldSpec, allowed: FieldType[], hint: string) => {
        if (f[key] !== undefined && !allowed.includes(f.type)) out.push(problem('constraint-applies', at(key), `${key} does not apply to ${/^[aeio]/.test(f.type) ? 'an' : 'a'} ${f.type} field`, hint));
      };
      notFor('min', NUMERIC, 'min and max apply to integer, bigint, number and decimal fields');
      notFor('max', NUMERIC, 'min and max apply to integer, bigint, number and decimal fields');
      notFor('minLength', LENGTHED, 'minLength applies to string, text, email and url fields');
      if (f.maxLength !== undefined && !['string', 'text', 'email', 'url', 'enum'].includes(f.type)) notFor('maxLength', LENGTHED, 'maxLength applies to string, text, email and url fields');
      notFor('pattern', ['string', 'text'], 'pattern applies to string and text fields');
      notFor('values', ['enum'], 'values apply to enum fields only');
      notFor('precision', ['decimal'], 'precision and scale apply to decimal fields only');
      notFor('scale', ['decimal'], 'precision and scale apply to decimal fields only');
      if (f.type === 'enum') {
        const values = f.values ?? [];
        if (values.length === 0) out.push(problem('enum-values', at('values'), `enum field ${e.name}.${f.name} needs a non-empty list of values`, 'for example values: [draft, published]'));
        const dup = values.find((v, i) => values.indexOf(v) !== i);
        if (dup !== undefined) out.push(problem('enum-values', at('values'), `enum value "${dup}" appears twice`, 'each value must be unique'));
        const bad = values.find((v) => !/^[A-Za-z][A-Za-z0-9_-]*$/.test(v));
        if (bad !== undefined) out.push(problem('enum-values', at('values'), `enum value "${bad}" is not a plain identifier`, 'use letters, digits, "_" and "-", starting with a letter'));
      }
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) out.push(problem('constraint-order', at('min'), `min ${f.min} is greater than max ${f.max}`, 'swap them or fix one'));
      if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) out.push(problem('constraint-order', at('minLength'), `minLength ${f.minLength} is greater than maxLength ${f.maxLength}`, 'swap them or fix one'));
      if (f.type === 'string' && f.maxLength !== undefined && f.maxLength > 10000) out.push(problem('constraint-range', at('maxLength'), `maxLength ${f.maxLength} is too long for a string column`, 'use type text for long content'));
      if (f.type === 'integer') {
        for (const key of ['min', 'max'] as const) {
          const v = f[key];
          if (v !== undefined && (!Number.isInteger(v) || v < INT32.min || v > INT32.max)) out.push(problem('constraint-range', at(key), `${key} ${v} is not a 32-bit integer`, 'use type bigint for larger numbers'));
        }
      }
      if (f.type === 'decimal' && (f.scale ?? 0) > (f.precision ?? 0)) out.push(problem('constraint-order', at('scale'), `scale ${f.scale} is greater than precision ${f.precision}`, 'precision counts all digits, scale those after the point'));
      if (f.pattern !== undefined && !safeRegExp(f.pattern)) out.push(problem('pattern-valid', at('pattern'), `pattern ${JSON.stringify(f.pattern)} is not a valid regular expression`, 'write an ECMAScript regular expression without slashes or flags, for example ^[A-Z]{3}$'));
      if (f.default !== undefined && f.default !== null) {
        const why = validDefault(f, f.default);
        if (why) out.push(problem('default-valid', at('default'), `default ${JSON.stringify(f.default)} of ${e.name}.${f.name} ${why}`, 'the default must satisfy the field type and its constraints'));
      }
      if (f.unique && (f.type === 'text' || f.type === 'json')) out.push(problem('unique-type', at('unique'), `a ${f.type} field cannot be unique`, 'use a string field with a maxLength for unique values'));
      if (f.unique && f.type === 'string' && (f.maxLength ?? 0) > 768) out.push(problem('unique-type', at('unique'), `a unique string longer than 768 characters cannot be indexed on MySQL`, 'lower maxLength to 768 or less'));
      if (!FIELD_TYPES.includes(f.type)) out.push(problem('field-type-known', at('type'), `unknown field type "${f.type}"`, didYouMean(f.type, FIELD_TYPES)));
    }
  }
  return out;
};

/** SPEC 3: only what JavaScript, Python and Java read alike, so every stack validates the same values. */
const patternSubset: Rule = (c) =>
  c.entities.flatMap((e) =>
    e.fields.flatMap((f) =>
      f.pattern === undefined || !safeRegExp(f.pattern)
        ? []
        : unportableConstructs(f.pattern).map((u) =>
            problem('pattern-subset', fieldPath(e, f, 'pattern'), `pattern ${JSON.stringify(f.pattern)} uses ${u.construct} at character ${u.at}, which JavaScript, Python and Java do not read alike`, u.hint),
          ),
    ),
  );

/**
 * Every stack needs sample values for its tests and seeds: a pattern no value of the allowed length matches is
 * refused, and so is a unique field whose pattern admits fewer distinct values than the tests insert rows.
 */
const patternSatisfiable: Rule = (c) => {
  const out: Problem[] = [];
  for (const e of c.entities) {
    for (const f of e.fields) {
      if (f.pattern === undefined || !['string', 'text', 'email', 'url'].includes(f.type) || !safeRegExp(f.pattern) || unportableConstructs(f.pattern).length) continue;
      const at = fieldPath(e, f, 'pattern');
      const length = `${f.minLength ?? 0}..${f.maxLength ?? 'any'} characters`;
      const format = textFormatOf(f);
      const { values, exhaustive } = samplePattern(f.pattern, f, SAMPLE_ROWS, format);
      if (values.length === 0 && format !== undefined) {
        // Every value must be an email address (a URL) and match the pattern: a field none can fill is a mistake.
        const what = format === 'email' ? 'an email address' : 'an http(s) URL';
        out.push(problem('pattern-satisfiable', at, `create-backend finds no value of ${length} that is ${what} and matches pattern ${JSON.stringify(f.pattern)} of ${e.name}.${f.name}`, `make the pattern admit ${what} (${format === 'email' ? 'e.g. ^[a-z.]+@example\\.com$' : 'e.g. ^https://example\\.com/'}), or make the field a string`));
      } else if (values.length === 0 && exhaustive) {
        out.push(problem('pattern-satisfiable', at, `no value of ${length} matches pattern ${JSON.stringify(f.pattern)} of ${e.name}.${f.name}`, 'widen maxLength/minLength or change the repetition counts in the pattern'));
      } else if (values.length === 0) {
        // An optional field can be left out of samples; a required one falls back on its default (default-valid).
        if (!f.required || typeof f.default === 'string') continue;
        out.push(problem('pattern-satisfiable', at, `create-backend cannot derive a value that matches pattern ${JSON.stringify(f.pattern)} of ${e.name}.${f.name} (${length}), which the generated tests and seed data need`, 'simplify the pattern (lookaheads are checked only on finished values), or give the field a default that matches it'));
      } else if (f.unique && values.length < SAMPLE_ROWS && exhaustive) {
        out.push(problem('pattern-satisfiable', at, `unique field ${e.name}.${f.name} admits only ${values.length} distinct value${values.length === 1 ? '' : 's'} (${values.map((v) => JSON.stringify(v)).join(', ')}); the generated tests insert up to ${SAMPLE_ROWS} rows`, 'drop unique, or widen the pattern so it admits more values'));
      }
    }
  }
  return out;
};

export const RULES: Readonly<Record<string, Rule>> = {
  'project-name': projectName,
  'stack-available': stackAvailable,
  'cloud-available': cloudAvailable,
  'cloud-needs-server-database': cloudNeedsServerDatabase,
  'cloud-supports-database': cloudSupportsDatabase,
  'iac-needs-aws': iacNeedsAws,
  'entities-required': hasEntities,
  'entities-at-most': entitiesAtMost,
  'entity-names': entityNames,
  'field-names': fieldNames,
  relations,
  'relation-required-cycle': relationRequiredCycle,
  'owned-needs-auth': ownedNeedsAuth,
  'field-constraints': fieldConstraints,
  'pattern-subset': patternSubset,
  'pattern-satisfiable': patternSatisfiable,
  'java-package-format': javaPackage,
};

function javaPackage(c: ResolvedConfig): Problem[] {
  const why = c.java && javaPackageProblem(c.java.package);
  return why ? [problem('java-package-format', 'java.package', `Java package "${c.java!.package}" ${why}`, 'use a reversed domain you own, for example org.acme.clinic')] : [];
}

export function checkRules(config: ResolvedConfig): Problem[] {
  return Object.values(RULES).flatMap((rule) => rule(config));
}
