import Type, { type Static, type TSchema } from 'typebox';
import { badRequest, type FieldError } from '../errors.js';

/** RFC 9457 problem details, the body of every error response. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI identifying the problem type (about:blank for plain HTTP status problems).' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  },
  { title: 'Problem' },
);
export type Problem = Static<typeof Problem>;

/** Allows `null` besides the schema's own type (optional fields: absent or null means no value). */
export function Nullable<T extends TSchema>(schema: T) {
  const raw = schema as unknown as { type?: string | string[]; enum?: unknown[] };
  if (raw.type === undefined) return schema;
  return Type.Unsafe<Static<T> | null>({
    ...raw,
    type: [...(Array.isArray(raw.type) ? raw.type : [raw.type]), 'null'],
    ...(raw.enum ? { enum: [...raw.enum, null] } : {}),
  });
}

/**
 * Any JSON value except `null`: a required `json` field never holds null (Nullable adds it for optional ones).
 * additionalProperties and items are spelled out because the response serialiser writes an object schema
 * without them as `{}`.
 */
export const Json = (options: object = {}) =>
  Type.Unsafe<unknown>({ type: ['object', 'array', 'string', 'number', 'boolean'], additionalProperties: true, items: {}, ...options });

/** A string enum, as a plain JSON Schema `enum` with its TypeScript union type. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/**
 * Decimals travel as strings so that no precision is lost in JSON. `x-decimal` keeps the digits the pattern
 * allows, so a rejected value is told them in words rather than as a regular expression. A JSON number is
 * accepted too: the body validator turns it into its string form first (see validation.ts).
 */
export const Decimal = (precision: number, scale: number, pattern: string, options: object = {}) =>
  Type.String({ pattern, 'x-decimal': { precision, scale }, description: 'A decimal number as a string', examples: ['12.50'], ...options });

/** Path parameter of every item route. A malformed id is a 404, like any other unknown id (see app.ts). */
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1-100)' });
export const Offset = Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0, description: 'Items to skip' });

/** The error responses every route may give, documented once with their real media type. */
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: Problem } } };
export const problemResponses = { '4xx': problem, '5xx': problem };

/** A problem that tells the client when to retry (429, 503), with the Retry-After header documented. */
export const retryProblem = (description: string) => ({
  ...problem,
  description,
  // @fastify/swagger turns each entry (a JSON schema) into an OpenAPI header object.
  headers: { 'Retry-After': { type: 'integer', minimum: 1, description: 'Whole seconds to wait before retrying' } },
});

/** Throws a 400 naming every decimal field outside its min/max. */
export function checkDecimalBounds(
  body: Readonly<Record<string, unknown>>,
  bounds: ReadonlyArray<{ field: string; min: number | null; max: number | null }>,
): void {
  const errors: FieldError[] = [];
  for (const { field, min, max } of bounds) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    if (min !== null && Number(value) < min) errors.push({ field, message: `must be at least ${min}` });
    if (max !== null && Number(value) > max) errors.push({ field, message: `must be at most ${max}` });
  }
  if (errors.length > 0) throw badRequest('The request body is invalid.', errors);
}
