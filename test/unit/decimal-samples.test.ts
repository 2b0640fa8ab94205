import { describe, expect, it } from 'vitest';
import { invalidSamples } from '../../src/model/view-model.js';
import type { FieldSpec } from '../../src/config/types.js';

describe('the invalid values every stack posts for a decimal (SPEC 5: a JSON number is a decimal too)', () => {
  const price: FieldSpec = { name: 'price', type: 'decimal', required: true, unique: false, index: false, precision: 10, scale: 2 };
  const samples = invalidSamples(price).map((s) => ({ value: JSON.parse(s.json) as unknown, message: s.message }));
  const shape = 'must be a decimal number with at most 10 digits, 2 after the point';

  it('never posts a well-formed JSON number as invalid', () => {
    const numbers = samples.filter((s) => typeof s.value === 'number').map((s) => s.value as number);
    expect(numbers.every((n) => String(n).split('.')[1]!.length > 2)).toBe(true);
  });

  it('refuses a JSON number with too many fraction digits and a boolean, with the decimal message', () => {
    expect(samples).toContainEqual({ value: 1.111, message: shape });
    expect(samples).toContainEqual({ value: true, message: shape });
  });
});
