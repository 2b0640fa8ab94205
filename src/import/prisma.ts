import { getSchema } from '@mrleebo/prisma-ast';
import { ImportSyntaxError, ModelBuilder, isBuiltInColumn, lineAt, type FieldOut } from './model.js';

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Prisma schema → model. Scalars with their `@db` attributes, `@unique`, constant `@default`s, enums, and
 * relations: the side with `@relation(fields: …)` carries the foreign key (many-to-one, or one-to-one when that
 * key is `@unique`); two list sides without fields are an implicit many-to-many.
 */
export function importPrisma(text: string, file: string): ModelBuilder {
  let schema: Node;
  try {
    schema = getSchema(text) as Node;
  } catch (err) {
    const token = (err as { token?: { startLine?: number; startColumn?: number } }).token;
    throw new ImportSyntaxError(`${file} is not a valid Prisma schema: ${(err as Error).message.split('\n')[0]}`, token?.startLine ?? 1, token?.startColumn ?? 1);
  }
  const b = new ModelBuilder();
  const enums = new Map<string, string[]>();
  const models = new Map<string, Node>();
  for (const block of schema.list) {
    if (block.type === 'enum') enums.set(block.name, block.enumerators.filter((e: Node) => e.type === 'enumerator').map((e: Node) => e.name));
    if (block.type === 'model') models.set(block.name, block);
    if (block.type === 'type' || block.type === 'view') b.warn(blockLine(text, block.type, block.name), `${block.type} ${block.name} has no equivalent; skipped`);
  }
  for (const name of models.keys()) b.entity(name);
  for (const [name, model] of models) {
    const entity = b.entity(name);
    const fields: Node[] = model.properties.filter((p: Node) => p.type === 'field');
    const line = (f: string) => fieldLine(text, name, f);
    // Scalar fields that are a relation's foreign key become that relation, not fields.
    const foreignKeys = new Set(fields.flatMap((f) => relationArg(f, 'fields') ?? []));
    for (const p of model.properties) {
      if (p.type !== 'attribute') continue;
      const cols: string[] = p.args?.[0]?.value?.args ?? [];
      if (p.name === 'map') continue; // our table naming applies; the mapping has no meaning there
      if (p.name === 'unique' && cols.length === 1) continue; // handled per field below
      if (p.name === 'index' && cols.length === 1) continue;
      b.warn(attributeLine(text, name, p.name), `@@${p.name}(${cols.join(', ')}) of ${name} has no equivalent${p.name === 'id' ? ': every entity gets a surrogate id' : ''}`);
    }
    const blockUnique = new Set(model.properties.filter((p: Node) => p.type === 'attribute' && p.name === 'unique' && p.args?.[0]?.value?.args?.length === 1).map((p: Node) => String(p.args[0].value.args[0])));
    const blockIndex = new Set(model.properties.filter((p: Node) => p.type === 'attribute' && p.name === 'index' && p.args?.[0]?.value?.args?.length === 1).map((p: Node) => String(p.args[0].value.args[0])));
    for (const f of fields) {
      const attrs: Node[] = f.attributes ?? [];
      const has = (a: string) => attrs.some((x) => x.name === a && !x.group);
      const fieldType = typeof f.fieldType === 'string' ? f.fieldType : String(f.fieldType?.name ?? 'Unsupported');
      if (models.has(fieldType)) {
        importRelation(f, fieldType, name, models, b, line(f.name));
        continue;
      }
      if (foreignKeys.has(f.name)) continue;
      if (isBuiltInColumn(f.name) && (has('id') || has('updatedAt') || f.name !== 'id')) continue;
      if (has('id')) b.warn(line(f.name), `@id on ${name}.${f.name}: every entity gets a surrogate id; the field is kept as a unique field`);
      if (f.array) {
        b.warn(line(f.name), `${name}.${f.name} is a list of ${fieldType}; scalar lists have no equivalent (use a json field or an entity)`);
        continue;
      }
      const type = mapType(fieldType, attrs, enums);
      if (!type) {
        b.warn(line(f.name), `${name}.${f.name}: type ${fieldType} has no equivalent${fieldType === 'Bytes' ? ' (binary data belongs in object storage)' : ''}; the field is not imported`);
        continue;
      }
      const field: FieldOut = { ...type, ...(f.optional ? {} : { required: true }) };
      if (has('unique') || has('id') || blockUnique.has(f.name)) field.unique = true;
      if (blockIndex.has(f.name)) field.index = true;
      const def = attrs.find((a) => a.name === 'default')?.args?.[0]?.value;
      if (def !== undefined) {
        const v = defaultValue(def, type.type);
        if (v !== undefined) field.default = v;
        else if (!(def.type === 'function' && (def.name === 'now' || def.name === 'autoincrement' || (def.name === 'uuid' && type.type === 'uuid')))) b.warn(line(f.name), `${name}.${f.name}: default ${def.name ?? JSON.stringify(def)}() is not a constant and is not kept`);
      }
      entity.fields.set(f.name, field);
    }
  }
  return b;
}

function relationArg(f: Node, key: string): string[] | undefined {
  const rel = (f.attributes ?? []).find((a: Node) => a.name === 'relation');
  const arg = rel?.args?.find((a: Node) => a.value?.type === 'keyValue' && a.value.key === key);
  return arg?.value?.value?.args?.map(String) ?? (arg ? [String(arg.value.value)] : undefined);
}

function importRelation(f: Node, target: string, owner: string, models: Map<string, Node>, b: ModelBuilder, line: number): void {
  const fk = relationArg(f, 'fields');
  const entity = b.entity(owner);
  if (fk) {
    const model = models.get(owner)!;
    const fkField = model.properties.find((p: Node) => p.type === 'field' && p.name === fk[0]);
    const unique = (fkField?.attributes ?? []).some((a: Node) => a.name === 'unique');
    if (fk.length > 1) b.warn(line, `relation ${owner}.${f.name} uses a composite foreign key (${fk.join(', ')}); it is imported as a single relation`);
    const action = relationArg(f, 'onDelete')?.[0];
    const onDelete = action === 'Cascade' ? 'cascade' : action === 'SetNull' ? 'set-null' : undefined;
    if (action && !onDelete && action !== 'Restrict' && action !== 'NoAction') b.warn(line, `onDelete: ${action} of ${owner}.${f.name} has no equivalent; restrict is used`);
    entity.relations.set(f.name, { kind: unique ? 'one-to-one' : 'many-to-one', to: target, ...(f.optional ? {} : { required: true }), ...(onDelete ? { onDelete } : {}) });
    return;
  }
  if (!f.array) return; // the other side of a one-to-one: the foreign key is on the other model
  const back = (models.get(target)!.properties as Node[]).filter((p) => p.type === 'field' && p.fieldType === owner);
  const implicit = back.length > 0 && back.every((p) => p.array && !relationArg(p, 'fields'));
  // An implicit many-to-many is written once, on the model that sorts first (the other side is its inverse).
  if (implicit && (owner < target || (owner === target && f.name <= back[0].name))) entity.relations.set(f.name, { kind: 'many-to-many', to: target });
}

function mapType(t: string, attrs: Node[], enums: Map<string, string[]>): FieldOut | undefined {
  const db = attrs.find((a) => a.group === 'db');
  const dbName = db?.name as string | undefined;
  const dbArgs = (db?.args ?? []).map((a: Node) => Number(a.value));
  const isDefault = (fn: string) => attrs.some((a) => a.name === 'default' && a.args?.[0]?.value?.type === 'function' && a.args[0].value.name === fn);
  switch (t) {
    case 'String':
      if (dbName === 'Uuid' || isDefault('uuid')) return { type: 'uuid' };
      if (dbName === 'Text' || dbName === 'LongText' || dbName === 'MediumText') return { type: 'text' };
      if ((dbName === 'VarChar' || dbName === 'Char') && dbArgs[0] > 0) return { type: 'string', maxLength: dbArgs[0] };
      return { type: 'string' };
    case 'Int':
      return { type: 'integer' };
    case 'BigInt':
      return { type: 'bigint' };
    case 'Float':
      return { type: 'number' };
    case 'Decimal':
      return { type: 'decimal', ...(dbName === 'Decimal' && dbArgs.length === 2 ? { precision: dbArgs[0], scale: dbArgs[1] } : {}) };
    case 'Boolean':
      return { type: 'boolean' };
    case 'DateTime':
      return { type: dbName === 'Date' ? 'date' : 'datetime' };
    case 'Json':
      return { type: 'json' };
    default:
      return enums.has(t) ? { type: 'enum', values: enums.get(t)! } : undefined;
  }
}

function defaultValue(v: Node | string, type: string): unknown {
  if (typeof v !== 'string') return undefined;
  if (type === 'boolean') return v === 'true' ? true : v === 'false' ? false : undefined;
  if (/^"/.test(v)) return JSON.parse(v) as string;
  if (['integer', 'bigint', 'number'].includes(type) && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (type === 'decimal' && /^-?\d+(\.\d+)?$/.test(v)) return v;
  if (type === 'enum') return v;
  return undefined;
}

function blockLine(text: string, kind: string, name: string): number {
  const m = new RegExp(`^\\s*${kind}\\s+${name}\\b`, 'm').exec(text);
  return m ? lineAt(text, m.index + m[0].search(/\S/)) : 1;
}

/** Line of a model's `@@name` attribute. */
function attributeLine(text: string, model: string, attribute: string): number {
  const start = new RegExp(`^\\s*model\\s+${model}\\b`, 'm').exec(text);
  if (!start) return 1;
  const at = text.indexOf(`@@${attribute}`, start.index);
  return at >= 0 ? lineAt(text, at) : lineAt(text, start.index);
}

function fieldLine(text: string, model: string, field: string): number {
  const start = new RegExp(`^\\s*model\\s+${model}\\b`, 'm').exec(text);
  if (!start) return 1;
  const m = new RegExp(`^[ \\t]*${field}\\s`, 'm').exec(text.slice(start.index + start[0].length));
  return m ? lineAt(text, start.index + start[0].length + m.index + m[0].search(/\S/)) : lineAt(text, start.index);
}
