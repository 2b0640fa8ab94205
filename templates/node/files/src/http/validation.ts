import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.js';
import { EMAIL_RULE, URL_RULE } from './formats.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const common: Options = {
  allErrors: true,
  // Unknown properties are rejected (400), never silently dropped.
  removeAdditional: false,
  useDefaults: true,
  allowUnionTypes: true,
  // Errors carry the value and the schema they failed, so each can be worded by what the field is.
  verbose: true,
};

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...common, ...options });
  addFormats(ajv, ['uuid', 'date', 'date-time']);
  ajv.addFormat('email', EMAIL_RULE);
  ajv.addFormat('uri', URL_RULE);
  ajv.addKeyword({ keyword: 'x-decimal', schemaType: 'object' });
  return ajv;
}

/** JSON bodies are validated as sent: `"5"` is not an integer. */
const bodyAjv = createAjv({ coerceTypes: false });
/** Query strings and path parameters are text, so scalar values are coerced (`?limit=5`, `?active=true`). */
const textAjv = createAjv({ coerceTypes: true });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  withoutPrototype(
    httpPart === 'body' ? acceptingDecimalNumbers(schema, rejectingNul(bodyAjv.compile(schema as object))) : rejectingNul(textAjv.compile(schema as object)),
  );

type CompiledValidator = ReturnType<FastifySchemaCompiler<unknown>>;

/**
 * A body or query loses Object's prototype before it is validated, so that a field named like an Object
 * member (`propertyIsEnumerable`, `toLocaleString`) that the client left out is absent everywhere: Ajv
 * fills in its default and checks `required` (Ajv's `ownProperties` covers the checks but not the defaults),
 * and the routes and repositories read undefined, not the inherited function (which Kysely would call).
 */
function withoutPrototype(validate: CompiledValidator): CompiledValidator {
  const check = (data: unknown, context?: unknown): boolean => {
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) Object.setPrototypeOf(data, null);
    const valid = (validate as (data: unknown, context?: unknown) => boolean)(data, context);
    result.errors = validate.errors;
    return valid;
  };
  const result: CompiledValidator = Object.assign(check, { schemaEnv: (validate as { schemaEnv?: unknown }).schemaEnv, errors: null });
  return result;
}

/** Top-level body fields whose schema is a decimal (`x-decimal`, see schemas.ts). */
function decimalFields(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { 'x-decimal'?: unknown }> }).properties ?? {};
  return Object.entries(properties)
    .filter(([, field]) => field['x-decimal'] !== undefined)
    .map(([name]) => name);
}

/**
 * A decimal may also be sent as a JSON number; it is turned into its string form before validation, so that
 * it meets the same digit and bound checks. `String(n)` gives back the digits the client wrote for up to 15
 * significant digits (all a double holds exactly); numbers that JavaScript writes in exponent form (below
 * 1e-6 or from 1e21) then fail the decimal pattern, as do values with too many digits.
 */
function acceptingDecimalNumbers(schema: unknown, validate: CompiledValidator): CompiledValidator {
  const fields = decimalFields(schema);
  if (fields.length === 0) return validate;
  const check = (data: unknown, context?: unknown): boolean => {
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const body = data as Record<string, unknown>;
      for (const field of fields) {
        const value = Object.hasOwn(body, field) ? body[field] : undefined;
        if (typeof value === 'number') body[field] = String(value);
      }
    }
    const valid = (validate as (data: unknown, context?: unknown) => boolean)(data, context);
    result.errors = validate.errors;
    return valid;
  };
  const result: CompiledValidator = Object.assign(check, { schemaEnv: (validate as { schemaEnv?: unknown }).schemaEnv, errors: null });
  return result;
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

/** Whether a string, or any string or key nested in an array or object, contains U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item));
  return false;
}

/** JSON Pointer of each top-level field holding U+0000 (a json value counts as one field, as in the other stacks). */
function nulPaths(data: unknown): string[] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return holdsNul(data) ? [''] : [];
  return Object.entries(data)
    .filter(([key, value]) => key.includes('\u0000') || holdsNul(value))
    .map(([key]) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a string carrying it anywhere in a body, query or path is
 * a 400 naming its field, on every database alike, rather than a database error. One walk covers every field
 * type, strings nested in `json` values and the auth routes, which a per-field `pattern` (fields may have
 * their own) could not.
 */
function rejectingNul(validate: ValidateFunction): CompiledValidator {
  const check = (data: unknown, context?: Parameters<ValidateFunction>[1]): boolean => {
    const valid = validate(data, context);
    const nul = nulPaths(data).map(
      (instancePath): ErrorObject => ({ keyword: 'nul', instancePath, schemaPath: '#', params: {}, message: NUL_MESSAGE }),
    );
    result.errors = nul.length > 0 ? [...(validate.errors ?? []), ...nul] : validate.errors;
    return valid && nul.length === 0;
  };
  // Fastify hands Ajv the parent object through schemaEnv, so that defaults can be set on the root value.
  const result: CompiledValidator = Object.assign(check, { schemaEnv: validate.schemaEnv, errors: null });
  return result;
}

/** One wording per rule, the same on every stack. */
const TYPE_MESSAGES: Readonly<Record<string, string>> = {
  string: 'must be a string',
  integer: 'must be an integer',
  number: 'must be a number',
  boolean: 'must be a boolean',
  object: 'must be an object',
  array: 'must be an array',
};
const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  email: 'must be an email address',
  uri: 'must be a URL',
  uuid: 'must be a UUID',
  date: 'must be a date (YYYY-MM-DD)',
  'date-time': 'must be an RFC 3339 date-time',
};

interface FieldSchema {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly 'x-decimal'?: { readonly precision: number; readonly scale: number };
}

/** What a value of this field must look like, when its type alone does not say (a UUID, a date, a choice). */
function shapeMessage(schema: FieldSchema): string | undefined {
  const decimal = schema['x-decimal'];
  if (decimal) return `must be a decimal number with at most ${decimal.precision} digits, ${decimal.scale} after the point`;
  if (schema.enum) return `must be one of: ${schema.enum.filter((v) => v !== null).map(String).join(', ')}`;
  if (schema.format) return FORMAT_MESSAGES[schema.format];
  return undefined;
}

function message(e: ErrorObject, context: string): string {
  const schema = (e.parentSchema ?? {}) as FieldSchema;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return context === 'querystring' ? 'is not a known query parameter' : 'is not a known field';
    case 'type': {
      if (e.data === null) return 'must not be null';
      const expected = String(params.type).split(',').find((t) => t !== 'null') ?? '';
      // An email or URL is first a string; a UUID, date, choice or decimal is named by what it must be, as on
      // every other stack, whatever JSON type was sent instead.
      const named = expected === 'string' && schema.format !== 'email' && schema.format !== 'uri' ? shapeMessage(schema) : undefined;
      return named ?? TYPE_MESSAGES[expected] ?? `must be ${expected}`;
    }
    case 'enum':
      return e.data === null ? 'must not be null' : (shapeMessage(schema) ?? 'must be one of the allowed values');
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? `must be a valid ${String(params.format)}`;
    case 'pattern':
      return shapeMessage(schema) ?? `must match the pattern ${String(params.pattern)}`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return 'must not repeat an item';
    default:
      return e.message ?? 'is invalid';
  }
}

/** Ajv errors → `[{ field, message }]`, one entry per field and message; field is the wire name, dotted when nested. */
export function fieldErrors(errors: readonly ErrorObject[], context: string): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') path.push(String((e.params as { missingProperty: string }).missingProperty));
    if (e.keyword === 'additionalProperties') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
    const field = path.length > 0 ? path.join('.') : context;
    const text = message(e, context);
    out.set(`${field}\u0000${text}`, { field, message: text });
  }
  return [...out.values()];
}
