import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { AUTHS, CLOUDS, DATABASES, FIELD_TYPES, IACS, ON_DELETE, RELATION_KINDS, STACKS, type CloudId, type FieldType } from '../config/options.js';
import type { Answers } from '../config/resolve.js';
import type { SpecInput } from '../config/input-schema.js';
import { IMPLICIT_FIELDS } from '../config/reserved.js';
import { STACK_DATABASES, STACK_LABELS, isStackAvailable } from '../stacks/capabilities.js';
import { AVAILABLE_CLOUDS } from '../config/rules.js';

/**
 * Interactive mode: asks only what flags and the spec file left open, offers only compatible choices, and
 * validates names as they are typed with the same checks as the rules.
 */
type Entities = NonNullable<SpecInput['entities']>;
type EntityInput = Entities[string];
type FieldObject = Exclude<NonNullable<EntityInput['fields']>[string], string>;

const validProjectName = (v: string) => /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(v) || 'kebab-case: lower-case letters and digits separated by "-", e.g. pet-clinic';
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

export async function ask(start: Answers): Promise<Answers> {
  const a: Answers = { ...start };
  a.name ??= await input({ message: 'Project name', default: 'my-backend', validate: validProjectName });
  a.stack ??= await select({
    message: 'Stack',
    choices: STACKS.filter(isStackAvailable).map((s) => ({ name: STACK_LABELS[s], value: s })),
  });
  const stack = a.stack;
  a.database ??= await select({
    message: 'Database',
    choices: DATABASES.filter((d) => STACK_DATABASES[stack].includes(d)).map((d) => ({ name: d === 'sqlite' ? 'sqlite (embedded, nothing to start)' : d, value: d })),
  });
  if (!a.cloud) {
    const available = CLOUDS.filter((c) => c !== 'none' && AVAILABLE_CLOUDS.includes(c));
    a.cloud = available.length ? await checkbox<CloudId>({ message: 'Cloud targets (none selected = Docker only)', choices: available.map((c) => ({ name: c, value: c })) }) : [];
  }
  if (a.cloud.includes('aws')) {
    a.iac ??= await select({ message: 'AWS infrastructure as code', choices: IACS.map((v) => ({ name: v === 'cdk' ? 'cdk (AWS CDK app in TypeScript)' : 'terraform', value: v })) });
  }
  a.auth ??= await select({ message: 'Authentication', choices: AUTHS.map((v) => ({ name: v === 'jwt' ? 'jwt (sign-up, login, bearer tokens)' : 'none', value: v })) });
  a.entities ??= await askEntities(a.auth === 'jwt');
  return a;
}

async function askEntities(withAuth: boolean): Promise<Entities> {
  const entities: Entities = {};
  for (;;) {
    const defined = Object.keys(entities);
    const name = await input({
      message: defined.length ? 'Another entity (empty to finish)' : 'First entity name (PascalCase, e.g. Pet)',
      validate: (v) => (defined.length === 0 && v === '' ? 'define at least one entity' : validEntityName(defined)(v)),
    });
    if (name === '') return entities;
    const entity: EntityInput = { fields: {} };
    if (withAuth) entity.owned = await confirm({ message: `Do ${name} rows belong to the user who creates them?`, default: false });
    const fields = entity.fields!;
    for (;;) {
      const fieldName = await input({ message: `${name}: field name (empty to finish fields)`, validate: validFieldName(Object.keys(fields)) });
      if (fieldName === '') break;
      fields[fieldName] = await askField(fieldName);
    }
    const relations: NonNullable<EntityInput['relations']> = {};
    for (;;) {
      const relName = await input({ message: `${name}: relation name (empty for none), e.g. owner`, validate: validFieldName([...Object.keys(fields), ...Object.keys(relations)]) });
      if (relName === '') break;
      const kind = await select({ message: `${name}.${relName}: kind`, choices: RELATION_KINDS.map((k) => ({ name: k, value: k })) });
      const to = await input({ message: `${name}.${relName}: target entity (defined or to be defined)`, validate: (v) => /^[A-Z][A-Za-z0-9]*$/.test(v) || 'an entity name in PascalCase' });
      if (kind === 'many-to-many') relations[relName] = { kind, to };
      else {
        const required = await confirm({ message: `${name}.${relName}: required?`, default: false });
        const onDelete = await select({ message: `When the ${to} is deleted`, choices: ON_DELETE.filter((o) => !(required && o === 'set-null')).map((o) => ({ name: o, value: o })) });
        relations[relName] = { kind, to, required, onDelete };
      }
    }
    if (Object.keys(relations).length) entity.relations = relations;
    entities[name] = entity;
  }
}

async function askField(fieldName: string): Promise<FieldObject> {
  const type = await select<FieldType>({ message: `${fieldName}: type`, choices: FIELD_TYPES.map((t) => ({ name: t, value: t })), default: 'string' });
  const field: FieldObject = { type };
  if (type === 'enum') {
    const raw = await input({ message: `${fieldName}: values, comma-separated`, validate: (v) => v.split(',').map((s) => s.trim()).filter(Boolean).length > 0 || 'at least one value' });
    field.values = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  }
  field.required = await confirm({ message: `${fieldName}: required?`, default: false });
  if (!['text', 'json', 'boolean'].includes(type)) field.unique = await confirm({ message: `${fieldName}: unique?`, default: false });
  if (type === 'string') {
    const max = await input({ message: `${fieldName}: max length`, default: '255', validate: (v) => /^[1-9]\d*$/.test(v) || 'a positive whole number' });
    field.maxLength = Number(max);
  }
  if (['integer', 'bigint', 'number', 'decimal'].includes(type)) {
    const min = await input({ message: `${fieldName}: minimum (empty for none)`, validate: optionalNumber });
    const max = await input({ message: `${fieldName}: maximum (empty for none)`, validate: (v) => optionalNumber(v) === true && (v.trim() === '' || min.trim() === '' || Number(v) >= Number(min)) ? true : 'a number not below the minimum, or empty' });
    if (min.trim() !== '') field.min = Number(min);
    if (max.trim() !== '') field.max = Number(max);
  }
  return field;
}
