/**
 * One wording per validation rule on every stack (issue 13): for each rule, the first entity with a field it
 * applies to gets a body that breaks only that rule, and the 400 must list the field (its wire name) with
 * exactly the canonical message.
 */
import type { EntitySpec, FieldSpec } from '../../../../src/config/types.js';
import type { HttpResponse } from '../client.js';
import type { Context } from '../context.js';
import type { Body } from '../fixtures.js';
import { collectionPath, dependencyOrder, mustBeSent } from '../model.js';
import { expectProblem, type ProblemError } from '../problem.js';
import { searchMatches } from '../regex-example.js';
import type { Probe } from '../report.js';
import { validValue } from '../values.js';

interface Rule {
  readonly name: string;
  /** Whether the rule applies to the field; the first entity with such a field is probed. */
  readonly applies: (field: FieldSpec) => boolean;
  readonly value: (field: FieldSpec) => unknown;
  readonly message: (field: FieldSpec) => string;
}

/** A bigint's range on every stack: the integers a JSON number holds exactly. */
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * A value of a patterned text field that matches, followed by a newline, when the pattern then no longer
 * matches (`$` ends the value in ECMA-262; Python's and Java's engines would also let it match before a final
 * newline).
 */
function matchWithNewline(f: FieldSpec): string | undefined {
  if (f.pattern === undefined || (f.type !== 'string' && f.type !== 'text')) return undefined;
  const valid = validValue(f, 0);
  if (!valid.ok || typeof valid.value !== 'string') return undefined;
  const value = `${valid.value}\n`;
  return searchMatches(f.pattern, value) || value.length > (f.maxLength ?? Infinity) ? undefined : value;
}

/** Plain text fields, whose only other rules are length rules: a pattern or format would add a second error. */
const plainText = (f: FieldSpec): boolean => (f.type === 'string' || f.type === 'text') && f.pattern === undefined;

export const RULES: readonly Rule[] = [
  { name: 'missing required', applies: mustBeSent, value: () => undefined, message: () => 'is required' },
  { name: 'a number for a string', applies: plainText, value: () => 12345, message: () => 'must be a string' },
  { name: 'a string for an integer', applies: (f) => f.type === 'integer', value: () => '12', message: () => 'must be an integer' },
  { name: 'a string for a boolean', applies: (f) => f.type === 'boolean', value: () => 'yes', message: () => 'must be a boolean' },
  {
    name: 'a string over maxLength',
    applies: (f) => plainText(f) && f.maxLength !== undefined && (f.minLength ?? 0) <= f.maxLength,
    value: (f) => 'x'.repeat(f.maxLength! + 1),
    message: (f) => `must be at most ${f.maxLength} characters`,
  },
  {
    name: 'an integer over max',
    applies: (f) => f.type === 'integer' && f.max !== undefined && Number.isInteger(f.max) && f.max < 2 ** 31 - 1,
    value: (f) => f.max! + 1,
    message: (f) => `must be at most ${f.max}`,
  },
  {
    name: 'a bigint above 2^53 - 1',
    applies: (f) => f.type === 'bigint' && f.max === undefined,
    value: () => SAFE + 1,
    message: () => `must be at most ${SAFE}`,
  },
  {
    name: 'a bigint below -(2^53 - 1)',
    applies: (f) => f.type === 'bigint' && f.min === undefined,
    value: () => -SAFE - 1,
    message: () => `must be at least ${-SAFE}`,
  },
  {
    name: 'a pattern match with a newline after it',
    applies: (f) => matchWithNewline(f) !== undefined,
    value: (f) => matchWithNewline(f),
    message: (f) => `must match the pattern ${f.pattern}`,
  },
  {
    name: 'a value outside the enum',
    applies: (f) => f.type === 'enum',
    value: (f) => `not-${f.values!.join('-')}`,
    message: (f) => `must be one of: ${f.values!.join(', ')}`,
  },
];

const UNKNOWN = 'notAKnownName';

export async function checkMessages(ctx: Context): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const entities = dependencyOrder(ctx.config).filter((e) => !fixtures.unsupportedReason(e));
  if (entities.length === 0) {
    rec.skip('validation messages', 'no entity whose rows can be generated');
    return;
  }

  for (const rule of RULES) {
    const entity = entities.find((e) => e.fields.some(rule.applies));
    if (!entity) {
      rec.skip(`validation message for ${rule.name}`, 'no entity has a field this rule applies to');
      continue;
    }
    const field = entity.fields.find(rule.applies)!;
    const expected = rule.message(field);
    await rec.run(`${entity.name}: ${rule.name} (${field.name}) → "${expected}"`, async (p: Probe) => {
      const body: Body = await fixtures.body(entity);
      const value = rule.value(field);
      if (value === undefined) delete body[field.name];
      else body[field.name] = value;
      expectMessage(p, await client.post(collectionPath(entity), body), field.name, expected);
    });
  }

  const first: EntitySpec = entities[0]!;
  const path = collectionPath(first);
  await rec.run(`${first.name}: an unknown body field → "is not a known field"`, async (p: Probe) => {
    const body = { ...(await fixtures.body(first)), [UNKNOWN]: 1 };
    expectMessage(p, await client.post(path, body), UNKNOWN, 'is not a known field');
  });
  await rec.run(`${first.name}: an unknown query parameter → "is not a known query parameter"`, async (p: Probe) => {
    expectMessage(p, await client.get(`${path}?${UNKNOWN}=1`), UNKNOWN, 'is not a known query parameter');
  });
  await rec.run(`${first.name}: a malformed JSON body → body "malformed JSON"`, async (p: Probe) => {
    expectMessage(p, await client.request('POST', path, { raw: '{"broken":' }), 'body', 'malformed JSON');
  });
}

/** A 400 problem whose `errors` has an entry for exactly `field` with exactly `message`. */
function expectMessage(p: Probe, res: HttpResponse, field: string, message: string): void {
  expectProblem(p, res, 400, { field });
  const errors = (res.body as { errors?: ProblemError[] } | undefined)?.errors ?? [];
  const forField = Array.isArray(errors) ? errors.filter((e) => e.field === field) : [];
  p.check(
    forField.some((e) => e.message === message),
    `expected errors[] to hold {"field":"${field}","message":"${message}"}, got ${JSON.stringify(errors).slice(0, 300)}`,
  );
}
