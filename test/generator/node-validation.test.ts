import { describe, expect, it } from 'vitest';
// The generated Node project's validator, a static file of the node pack, run as it is generated.
import { validatorCompiler } from '../../templates/node/files/src/http/validation.js';

/**
 * Fields named like Object members (the keyword model's `toLocaleString`, `propertyIsEnumerable`): a body or
 * query that leaves one out must not find the prototype's function, neither in Ajv's defaults nor in the
 * repositories that read the validated object (node-mysql keyword tests: 400 "is required" for a field with a
 * default, 500 from Kysely calling the function as an expression).
 */
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['toLocaleString'],
  properties: {
    toLocaleString: { type: 'integer', default: 0 },
    propertyIsEnumerable: { type: ['string', 'null'] },
  },
};

type Validate = (data: unknown) => boolean;
const compile = (httpPart: string) => validatorCompiler({ schema, httpPart, method: 'POST', url: '/api/sessions' }) as unknown as Validate & { errors?: unknown };

describe('node validation of fields named like Object members', () => {
  for (const httpPart of ['body', 'querystring']) {
    it(`${httpPart}: a left-out field takes its default and reads as undefined afterwards`, () => {
      const validate = compile(httpPart);
      const data: Record<string, unknown> = JSON.parse('{}');
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
      expect(data.toLocaleString).toBe(0);
      expect(data.propertyIsEnumerable).toBeUndefined();
    });
  }

  it('a field that is sent is kept', () => {
    const data: Record<string, unknown> = JSON.parse('{"toLocaleString": 3, "propertyIsEnumerable": "x"}');
    expect(compile('body')(data)).toBe(true);
    expect({ ...data }).toEqual({ toLocaleString: 3, propertyIsEnumerable: 'x' });
  });
});
