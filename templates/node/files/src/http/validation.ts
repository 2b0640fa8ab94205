import { Ajv, type ErrorObject, type Options } from 'ajv';
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
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);

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
