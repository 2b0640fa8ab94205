import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const common: Options = {
  allErrors: true,
  // Unknown properties are rejected (400), never silently dropped.
  removeAdditional: false,
  useDefaults: true,
  allowUnionTypes: true,
  // A field named like an Object member (`constructor`, `propertyIsEnumerable`) must not find the prototype's
  // function when the body leaves it out.
  ownProperties: true,
};

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...common, ...options });
  addFormats(ajv, ['email', 'uri', 'uuid', 'date', 'date-time']);
  return ajv;
}

/** JSON bodies are validated as sent: `"5"` is not an integer. */
const bodyAjv = createAjv({ coerceTypes: false });
/** Query strings and path parameters are text, so scalar values are coerced (`?limit=5`, `?active=true`). */
const textAjv = createAjv({ coerceTypes: true });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  rejectingNul((httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object));

type CompiledValidator = ReturnType<FastifySchemaCompiler<unknown>>;

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

/** Ajv errors → `[{ field, message }]`, one entry per field and message. */
export function fieldErrors(errors: readonly ErrorObject[], context: string): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path.push(String((e.params as { missingProperty: string }).missingProperty));
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path.push(String((e.params as { additionalProperty: string }).additionalProperty));
      message = context === 'querystring' ? 'is not a supported query parameter' : 'is not an allowed field';
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    }
    const field = path.length > 0 ? path.join('.') : context;
    out.set(`${field}\u0000${message}`, { field, message });
  }
  return [...out.values()];
}
