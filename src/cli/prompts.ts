import { AUTHS, CLOUDS, DATABASES, FIELD_TYPES, IACS, ON_DELETE, RELATION_KINDS, STACKS, type CloudId, type FieldType } from '../config/options.js';
import { finish, withDefaults, type Answers } from '../config/resolve.js';
import type { SpecInput } from '../config/input-schema.js';
import { IMPLICIT_FIELDS } from '../config/reserved.js';
import { STACK_DATABASES, STACK_LABELS, isStackAvailable } from '../stacks/capabilities.js';
import { AVAILABLE_CLOUDS } from '../config/rules.js';

/**
 * Interactive mode: asks only what flags and the spec file left open, offers only compatible choices, and
 * checks each answer against the rules as soon as it is given, so a conflict is re-asked with the rule's own
 * message instead of being reported after the whole model was typed.
 */
type Entities = NonNullable<SpecInput['entities']>;
type EntityInput = Entities[string];
type FieldObject = Exclude<NonNullable<EntityInput['fields']>[string], string>;
type Validate<T> = (value: T) => true | string;

/** The four kinds of question, so that tests can answer them without a terminal. */
export interface Prompter {
  input(q: { message: string; default?: string; validate?: Validate<string> }): Promise<string>;
  select<T extends string>(q: { message: string; choices: Array<{ name: string; value: T }>; default?: T }): Promise<T>;
  checkbox<T extends string>(q: { message: string; choices: Array<{ name: string; value: T }>; validate?: Validate<readonly T[]> }): Promise<T[]>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/** The terminal's prompts (@inquirer/prompts, loaded only in interactive mode). */
async function terminalPrompter(): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  return {
    input: (q) => inquirer.input(q),
    select: (q) => inquirer.select(q),
    checkbox: (q) => inquirer.checkbox({ ...q, validate: q.validate && ((chosen) => q.validate!(chosen.map((c) => c.value))) }),
    confirm: (q) => inquirer.confirm(q),
  };
}

/**
 * The first rule problem an answer causes, as the message to re-ask with, or true. Answers not given yet take
 * their defaults (or a placeholder model), and only problems at the paths this answer decides count.
 */
function ruleCheck(answers: Answers, decides: (path: string) => boolean): true | string {
  const { problems } = finish(withDefaults(answers), {}, {});
  const hit = problems.find((p) => decides(p.path));
  return hit ? `${hit.message}${hit.hint ? ` (${hit.hint})` : ''}` : true;
}

const validEntityName = (taken: string[]) => (v: string) => {
  if (v === '') return true;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(v)) return 'PascalCase, e.g. OrderItem';
  if (taken.includes(v)) return `${v} is already defined`;
  return true;
};
const validFieldName = (taken: string[]) => (v: string) => {
  if (v === '') return true;
  if (!/^[a-z][A-Za-z0-9]*$/.test(v)) return 'camelCase, e.g. birthDate';
  if (IMPLICIT_FIELDS.has(v)) return `${v} is generated for every entity`;
  if (taken.includes(v)) return `${v} is already used in this entity`;
  return true;
};
const optionalNumber = (v: string) => v.trim() === '' || !Number.isNaN(Number(v)) || 'a number, or empty for none';
const both = <T>(first: Validate<T>, second: Validate<T>): Validate<T> => (v) => {
  const r = first(v);
  return r === true ? second(v) : r;
};

export async function ask(start: Answers, prompter?: Prompter): Promise<Answers> {
  const p = prompter ?? (await terminalPrompter());
  const a: Answers = { ...start };
  a.name ??= await p.input({ message: 'Project name', default: 'my-backend', validate: (v) => ruleCheck({ ...a, name: v }, (path) => path === 'name') });
  a.stack ??= await p.select({
    message: 'Stack',
    choices: STACKS.filter(isStackAvailable).map((s) => ({ name: STACK_LABELS[s], value: s })),
  });
  const stack = a.stack;
  // A cloud target needs a database server (rule cloud-needs-server-database): with one chosen, SQLite is not offered.
  const cloudless = (d: string) => d === 'sqlite';
  a.database ??= await p.select({
    message: 'Database',
    choices: DATABASES.filter((d) => STACK_DATABASES[stack].includes(d) && !(cloudless(d) && a.cloud?.length))
      .map((d) => ({ name: d === 'sqlite' ? 'sqlite (embedded, nothing to start; no cloud targets)' : d, value: d })),
  });
  if (!a.cloud) {
    const available = CLOUDS.filter((c) => c !== 'none' && AVAILABLE_CLOUDS.includes(c));
    // SQLite lives in the container, which a cloud replaces and replicates.
    a.cloud = available.length && !cloudless(a.database)
      ? await p.checkbox<CloudId>({
          message: 'Cloud targets (none selected = Docker only)',
          choices: available.map((c) => ({ name: c, value: c })),
          validate: (chosen) => ruleCheck({ ...a, cloud: [...chosen] }, (path) => ['cloud', 'database', 'iac'].includes(path)),
        })
      : [];
  }
  if (a.cloud.includes('aws') && !a.iac) {
    // Only the flavours the rules accept for this database (cloud-supports-database: MongoDB on AWS is Terraform's).
    const iacs = IACS.filter((v) => ruleCheck({ ...a, iac: v }, (path) => path === 'iac') === true);
    a.iac = iacs.length === 1 ? iacs[0] : await p.select({ message: 'AWS infrastructure as code', choices: iacs.map((v) => ({ name: v === 'cdk' ? 'cdk (AWS CDK app in TypeScript)' : 'terraform', value: v })) });
  }
  a.auth ??= await p.select({ message: 'Authentication', choices: AUTHS.map((v) => ({ name: v === 'jwt' ? 'jwt (sign-up, login, bearer tokens)' : 'none', value: v })) });
  a.entities ??= await askEntities(p, a);
  return a;
}

async function askEntities(p: Prompter, a: Answers): Promise<Entities> {
  const withAuth = a.auth === 'jwt';
  const entities: Entities = {};
  /** Rule problems of the model so far with `entity` in it, at `path` exactly or below it. */
  const check = (name: string, entity: EntityInput, path: string) =>
    ruleCheck({ ...a, entities: { ...entities, [name]: entity } }, (at) => at === path || at.startsWith(`${path}.`));
  for (;;) {
    const defined = Object.keys(entities);
    const name = await p.input({
      message: defined.length ? 'Another entity (empty to finish)' : 'First entity name (PascalCase, e.g. Pet)',
      validate: (v) => {
        if (defined.length === 0 && v === '') return 'define at least one entity';
        const local = validEntityName(defined)(v);
        return local !== true || v === '' ? local : ruleCheck({ ...a, entities: { ...entities, [v]: { fields: { name: 'string' } } } }, (at) => at === `entities.${v}`);
      },
    });
    if (name === '') return entities;
    const entity: EntityInput = { fields: {} };
    if (withAuth) entity.owned = await p.confirm({ message: `Do ${name} rows belong to the user who creates them?`, default: false });
    const fields = entity.fields!;
    for (;;) {
      const fieldName = await p.input({
        message: `${name}: field name (empty to finish fields)`,
        validate: both(validFieldName(Object.keys(fields)), (v) => v === '' || check(name, { ...entity, fields: { ...fields, [v]: 'string' } }, `entities.${name}.fields.${v}`)),
      });
      if (fieldName === '') break;
      fields[fieldName] = await askField(p, fieldName, (field) => check(name, { ...entity, fields: { ...fields, [fieldName]: field } }, `entities.${name}.fields.${fieldName}`));
    }
    const relations: NonNullable<EntityInput['relations']> = {};
    for (;;) {
      const relName = await p.input({ message: `${name}: relation name (empty for none), e.g. owner`, validate: validFieldName([...Object.keys(fields), ...Object.keys(relations)]) });
      if (relName === '') break;
      const kind = await p.select({ message: `${name}.${relName}: kind`, choices: RELATION_KINDS.map((k) => ({ name: k, value: k })) });
      const to = await p.input({ message: `${name}.${relName}: target entity (defined or to be defined)`, validate: (v) => /^[A-Z][A-Za-z0-9]*$/.test(v) || 'an entity name in PascalCase' });
      if (kind === 'many-to-many') relations[relName] = { kind, to };
      else {
        const required = await p.confirm({ message: `${name}.${relName}: required?`, default: false });
        const onDelete = await p.select({ message: `When the ${to} is deleted`, choices: ON_DELETE.filter((o) => !(required && o === 'set-null')).map((o) => ({ name: o, value: o })) });
        relations[relName] = { kind, to, required, onDelete };
      }
    }
    if (Object.keys(relations).length) entity.relations = relations;
    entities[name] = entity;
  }
}

/** One field's type and options; `check` runs the rules on the field as answered so far. */
async function askField(p: Prompter, fieldName: string, check: (field: FieldObject) => true | string): Promise<FieldObject> {
  const type = await p.select<FieldType>({ message: `${fieldName}: type`, choices: FIELD_TYPES.map((t) => ({ name: t, value: t })), default: 'string' });
  const field: FieldObject = { type };
  if (type === 'enum') {
    const raw = await p.input({ message: `${fieldName}: values, comma-separated`, validate: (v) => v.split(',').map((s) => s.trim()).filter(Boolean).length > 0 || 'at least one value' });
    field.values = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  }
  field.required = await p.confirm({ message: `${fieldName}: required?`, default: false });
  if (!['text', 'json', 'boolean'].includes(type)) field.unique = await p.confirm({ message: `${fieldName}: unique?`, default: false });
  if (type === 'string') {
    const max = await p.input({
      message: `${fieldName}: max length`,
      default: '255',
      validate: (v) => (/^[1-9]\d*$/.test(v) ? check({ ...field, maxLength: Number(v) }) : 'a positive whole number'),
    });
    field.maxLength = Number(max);
  }
  if (['integer', 'bigint', 'number', 'decimal'].includes(type)) {
    const withBound = (base: FieldObject, key: 'min' | 'max', v: string): FieldObject => (v.trim() === '' ? base : { ...base, [key]: Number(v) });
    const min = await p.input({ message: `${fieldName}: minimum (empty for none)`, validate: both(optionalNumber, (v) => check(withBound(field, 'min', v))) });
    const withMin = withBound(field, 'min', min);
    const max = await p.input({ message: `${fieldName}: maximum (empty for none)`, validate: both(optionalNumber, (v) => check(withBound(withMin, 'max', v))) });
    if (min.trim() !== '') field.min = Number(min);
    if (max.trim() !== '') field.max = Number(max);
  }
  return field;
}
