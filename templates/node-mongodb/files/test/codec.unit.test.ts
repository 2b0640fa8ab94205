import { describe, expect, it } from 'vitest';
import { decimalOrderKey, normalizeDecimal } from '../src/db/codec.js';

// A name no entity's test file can have (entity names have no dot).
describe('decimals as stored on MongoDB', () => {
  it('keeps the exact value, normalised to the scale', () => {
    expect(normalizeDecimal('007.5', 2)).toBe('7.50');
    expect(normalizeDecimal('-0.00', 2)).toBe('0.00');
    expect(normalizeDecimal('12345678901234567890.12', 2)).toBe('12345678901234567890.12');
  });

  it('orders by value through the order key, negatives included', () => {
    const values = ['-12.5', '-1', '-0.01', '0', '0.01', '1', '9.99', '10', '12.5', '9999.99'];
    const shuffled = [...values].reverse();
    const byKey = shuffled.sort((a, b) => {
      const [x, y] = [decimalOrderKey(a, 6, 2), decimalOrderKey(b, 6, 2)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    expect(byKey).toEqual(values);
  });

  it('writes one key per value whatever its spelling', () => {
    expect(decimalOrderKey('12.5', 6, 2)).toBe('p001250');
    expect(decimalOrderKey('012.50', 6, 2)).toBe('p001250');
    expect(decimalOrderKey('-12.5', 6, 2)).toBe('n998749');
    expect(decimalOrderKey('-0', 6, 2)).toBe(decimalOrderKey('0', 6, 2));
  });
});
