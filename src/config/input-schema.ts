import { z } from 'zod';
import { AUTHS, CLOUDS, DATABASES, IACS, FIELD_TYPES, ON_DELETE, RELATION_KINDS, STACKS, offered } from './options.js';

/**
 * The spec file as users write it (SPEC 3): everything optional, unknown keys rejected. The resolved config
 * (src/config/types.ts) is what remains after shorthands, flags, prompts and defaults are applied.
 * `create-backend schema` prints this schema as JSON Schema, so editors can validate backend.yaml.
 */
const jsonValue: z.ZodType = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const FieldObjectSchema = z.strictObject({
  type: z.enum(FIELD_TYPES).describe('field type'),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  index: z.boolean().optional(),
  default: jsonValue.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(1).optional(),
  pattern: z.string().optional(),
  values: z.array(z.string()).optional(),
  precision: z.int().min(1).max(38).optional(),
  scale: z.int().min(0).max(38).optional(),
  renamedFrom: z.string().optional().describe('the field\'s previous name: `update` renames the column and keeps its values'),
});

/** `name: string!` is shorthand for `{ type: string, required: true }`. */
export const FieldSchema = z.union([
  z.string().describe('shorthand: a field type, with a trailing "!" when required'),
  FieldObjectSchema,
]);

export const RelationSchema = z.strictObject({
  kind: z.enum(RELATION_KINDS),
  to: z.string().describe('target entity name'),
  required: z.boolean().optional(),
  onDelete: z.enum(ON_DELETE).optional(),
});

export const EntitySchema = z.strictObject({
  owned: z.boolean().optional().describe('with auth: jwt, rows belong to the user who created them'),
  fields: z.record(z.string(), FieldSchema).optional(),
  relations: z.record(z.string(), RelationSchema).optional(),
  renamedFrom: z.string().optional().describe('the entity\'s previous name: `update` renames its table and keeps its rows'),
});

export const JavaOptionsSchema = z.strictObject({
  package: z.string().optional().describe('package of the generated sources (default com.example.<name without "-">)'),
});

/**
 * Parsing accepts every known stack and database, so that the rules can say a planned one is not available yet;
 * the schema published to editors lists only what this version generates.
 */
const specSchema = <S extends string, D extends string, C extends string>(stacks: readonly [S, ...S[]], databases: readonly [D, ...D[]], clouds: readonly [C, ...C[]]) =>
  z.strictObject({
    $schema: z.string().optional(),
    name: z.string().optional().describe('kebab-case project name'),
    stack: z.enum(stacks).optional(),
    database: z.enum(databases).optional(),
    cloud: z.union([z.enum(clouds), z.array(z.enum(clouds))]).optional(),
    auth: z.enum(AUTHS).optional(),
    iac: z.enum(IACS).optional().describe('infrastructure as code for aws: terraform (default) or cdk (AWS CDK, TypeScript)'),
    entities: z.record(z.string(), EntitySchema).optional(),
    java: JavaOptionsSchema.optional().describe('options of the java stack'),
  });

export const SpecSchema = specSchema(STACKS, DATABASES, CLOUDS);

export type SpecInput = z.infer<typeof SpecSchema>;
export type FieldInput = z.infer<typeof FieldSchema>;

/** Known keys per location, for "did you mean" hints on unknown keys. */
export const KNOWN_KEYS = {
  spec: Object.keys(SpecSchema.shape),
  entity: Object.keys(EntitySchema.shape),
  field: Object.keys(FieldObjectSchema.shape),
  relation: Object.keys(RelationSchema.shape),
  java: Object.keys(JavaOptionsSchema.shape),
} as const;

function nonEmpty<T>(list: readonly T[]): readonly [T, ...T[]] {
  if (!list.length) throw new Error('an option list offers nothing');
  return list as unknown as readonly [T, ...T[]];
}

export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specSchema(nonEmpty(offered(STACKS)), nonEmpty(offered(DATABASES)), nonEmpty(offered(CLOUDS))), { io: 'input', unrepresentable: 'any' }),
    title: 'create-backend spec (backend.yaml)',
  };
}
