import { DEFAULT_DECIMAL, DEFAULT_STRING_MAX, FIELD_TYPES, type FieldType } from './options.js';
import type { EntitySpec, FieldSpec, JsonValue, RelationSpec } from './types.js';
import type { FieldInput, SpecInput } from './input-schema.js';
import { didYouMean, problem, type Problem } from './problems.js';

/**
 * Expands shorthands and fills per-field defaults, turning the entities of a structurally valid spec into
 * EntitySpecs. Problems found while expanding (an unknown shorthand type) are returned, not thrown.
 */
type EntitiesInput = NonNullable<SpecInput['entities']>;

const SHORTHAND = /^\s*([A-Za-z]+)\s*(!)?\s*$/;
/** SPEC 3: an email address is at most 254 characters (RFC 5321's path limit less its brackets), a URL 2048. */
const DEFAULT_MAX_LENGTH: Partial<Record<FieldType, number>> = { string: DEFAULT_STRING_MAX, email: 254, url: 2048, enum: DEFAULT_STRING_MAX };

export function expandEntities(entities: EntitiesInput): { entities: EntitySpec[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const out = Object.entries(entities).map(([name, e]): EntitySpec => ({
    name,
    owned: e.owned ?? false,
    fields: Object.entries(e.fields ?? {}).flatMap(([fieldName, input]) => {
      const field = expandField(fieldName, input, `entities.${name}.fields.${fieldName}`, problems);
      return field ? [field] : [];
    }),
    relations: Object.entries(e.relations ?? {}).map(([relName, r]): RelationSpec => ({
      name: relName,
      kind: r.kind,
      to: r.to,
      required: r.required ?? false,
      onDelete: r.onDelete ?? 'restrict',
    })),
    ...(e.renamedFrom !== undefined ? { renamedFrom: e.renamedFrom } : {}),
  }));
  return { entities: out, problems };
}

function expandField(name: string, input: FieldInput, path: string, problems: Problem[]): FieldSpec | undefined {
  if (typeof input === 'string') {
    const m = SHORTHAND.exec(input);
    const type = m?.[1] as FieldType | undefined;
    if (!m || !FIELD_TYPES.includes(type!)) {
      const word = m?.[1] ?? input;
      problems.push(problem('field-type-known', path, `unknown field type "${input}"`, `${didYouMean(word, FIELD_TYPES)} (append "!" for required)`));
      return undefined;
    }
    if (type === 'enum') {
      problems.push(problem('enum-values', path, 'an enum field needs its values', `write { type: enum, values: [a, b]${m[2] ? ', required: true' : ''} }`));
      return undefined;
    }
    return withDefaults({ name, type: type!, required: Boolean(m[2]), unique: false, index: false });
  }
  const { type, required, unique, index, ...rest } = input;
  return withDefaults({
    name,
    type,
    required: required ?? false,
    unique: unique ?? false,
    index: index ?? false,
    ...(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<FieldSpec>),
  });
}

function withDefaults(f: FieldSpec): FieldSpec {
  const maxLength = f.maxLength ?? DEFAULT_MAX_LENGTH[f.type];
  const decimal = f.type === 'decimal'
    ? { precision: f.precision ?? Math.max(DEFAULT_DECIMAL.precision, f.scale ?? 0), scale: f.scale ?? Math.min(DEFAULT_DECIMAL.scale, f.precision ?? DEFAULT_DECIMAL.scale) }
    : {};
  return { ...f, ...(maxLength !== undefined ? { maxLength } : {}), ...decimal, ...(f.default !== undefined ? { default: f.default as JsonValue } : {}) };
}

/**
 * `--entity "Pet: name:string! age:integer owner:Owner vets:Vet[]"`: fields with a lower-case type, relations
 * with an entity name (many-to-one; `[]` for many-to-many; `!` for required).
 */
export function parseEntityFlag(text: string, index: number): { name?: string; entity?: EntitiesInput[string]; problems: Problem[] } {
  const path = `--entity[${index}]`;
  const m = /^\s*([^:\s]+)\s*:(.*)$/.exec(text);
  if (!m) {
    return { problems: [problem('entity-flag-syntax', path, `cannot read --entity "${text}"`, 'write "Name: field:type field2:type! relation:Target"')] };
  }
  const [, name, rest] = m;
  const fields: Record<string, FieldInput> = {};
  const relations: Record<string, { kind: 'many-to-one' | 'many-to-many'; to: string; required?: boolean }> = {};
  const problems: Problem[] = [];
  for (const token of rest.trim().split(/\s+/).filter(Boolean)) {
    const t = /^([^:]+):([A-Za-z]+)(\[\])?(!)?$/.exec(token);
    if (!t) {
      problems.push(problem('entity-flag-syntax', `${path}.${token}`, `cannot read "${token}" in --entity "${text}"`, 'each item is name:type, name:type! (required), name:Entity or name:Entity[]'));
      continue;
    }
    const [, fieldName, type, many, bang] = t;
    if (/^[A-Z]/.test(type)) relations[fieldName] = { kind: many ? 'many-to-many' : 'many-to-one', to: type, ...(bang && !many ? { required: true } : {}) };
    else if (many) problems.push(problem('entity-flag-syntax', `${path}.${fieldName}`, `"${token}": only entity names take []`, 'use name:Entity[] for a many-to-many relation'));
    else fields[fieldName] = `${type}${bang ? '!' : ''}`;
  }
  return { name, entity: { fields, ...(Object.keys(relations).length ? { relations } : {}) }, problems };
}
