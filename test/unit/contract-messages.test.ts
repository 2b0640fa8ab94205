import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/config/types.js';
import { RULES } from '../e2e/contract/checks/messages.js';
import { validValue } from '../e2e/contract/values.js';

const field = (over: Partial<FieldSpec> & Pick<FieldSpec, 'type'>): FieldSpec => ({ name: 'f', required: false, unique: false, index: false, ...over });
const rule = (name: string) => RULES.find((r) => r.name === name)!;

/** The message probe's rules: which fields they pick, and that each sends a value breaking exactly that rule. */
describe('contract message rules', () => {
  it('probes missing fields only where the server cannot fill in a default', () => {
    expect(rule('missing required').applies(field({ type: 'string', required: true }))).toBe(true);
    expect(rule('missing required').applies(field({ type: 'enum', values: ['a'], required: true, default: 'a' }))).toBe(false);
  });

  it('probes lengths and JSON types on plain text only, where no pattern or format adds a second error', () => {
    const tooLong = rule('a string over maxLength');
    expect(tooLong.applies(field({ type: 'string', maxLength: 4 }))).toBe(true);
    expect(tooLong.applies(field({ type: 'string', maxLength: 4, pattern: '^[a-z]+$' }))).toBe(false);
    expect(tooLong.applies(field({ type: 'email', maxLength: 254 }))).toBe(false);
    expect(tooLong.value(field({ type: 'string', maxLength: 4 }))).toBe('xxxxx');
    expect(tooLong.message(field({ type: 'string', maxLength: 4 }))).toBe('must be at most 4 characters');
    expect(rule('a number for a string').applies(field({ type: 'uuid' }))).toBe(false);
  });

  it('prints bounds and enum values as the spec wrote them', () => {
    const over = rule('an integer over max');
    const rating = field({ type: 'integer', min: 1, max: 5 });
    expect(over.value(rating)).toBe(6);
    expect(over.message(rating)).toBe('must be at most 5');
    expect(over.applies(field({ type: 'integer', max: 2 ** 31 - 1 }))).toBe(false);
    const status = field({ type: 'enum', values: ['draft', 'published'] });
    expect(rule('a value outside the enum').message(status)).toBe('must be one of: draft, published');
    expect(rule('a value outside the enum').value(status)).not.toBeOneOf(['draft', 'published']);
  });

  it('probes one past each end of the bigint range, ±(2^53 - 1), unless the model narrows it', () => {
    const above = rule('a bigint above 2^53 - 1');
    const below = rule('a bigint below -(2^53 - 1)');
    expect([above.value(field({ type: 'bigint' })), above.message(field({ type: 'bigint' }))]).toEqual([9007199254740992, 'must be at most 9007199254740991']);
    expect([below.value(field({ type: 'bigint' })), below.message(field({ type: 'bigint' }))]).toEqual([-9007199254740992, 'must be at least -9007199254740991']);
    expect(above.applies(field({ type: 'bigint', max: 10 }))).toBe(false);
    expect(below.applies(field({ type: 'integer' }))).toBe(false);
  });

  it('sends a match with a newline after it where $ ends the pattern', () => {
    const newline = rule('a pattern match with a newline after it');
    const code = field({ type: 'string', pattern: '^[A-Z]{2}$', maxLength: 10 });
    expect(newline.value(code)).toMatch(/^[A-Z]{2}\n$/);
    expect(newline.message(code)).toBe('must match the pattern ^[A-Z]{2}$');
    // A newline does not stop a match of an unanchored pattern, nor of one that ends in \s*.
    expect(newline.applies(field({ type: 'string', pattern: '[A-Z]{2}' }))).toBe(false);
    expect(newline.applies(field({ type: 'string', pattern: '^[A-Z]{2}\\s*$' }))).toBe(false);
    expect(newline.applies(field({ type: 'string', pattern: '^[A-Z]{2}$', maxLength: 2 }))).toBe(false);
  });

  it('sends values that are wrong for the field and valid values that are right', () => {
    for (const [name, f] of [
      ['a number for a string', field({ type: 'text' })],
      ['a string for an integer', field({ type: 'integer' })],
      ['a string for a boolean', field({ type: 'boolean' })],
    ] as const) {
      const valid = validValue(f, 1);
      expect(valid.ok && typeof valid.value).not.toBe(typeof rule(name).value(f));
    }
  });
});
