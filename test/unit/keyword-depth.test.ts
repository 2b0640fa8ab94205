import { describe, expect, it } from 'vitest';
import { keywordDepth } from '../e2e/keyword-depth.js';

describe('CB_E2E_KEYWORDS: the keyword model depth per pair', () => {
  it('is static everywhere when unset, empty or static', () => {
    for (const value of [undefined, '', 'static']) expect(keywordDepth(value)('java-sqlite')).toBe('static');
  });

  it('is full everywhere with full', () => {
    expect(keywordDepth('full')('node-mysql')).toBe('full');
    expect(keywordDepth('full')('python-postgres')).toBe('full');
  });

  it('is full for the chosen pairs only with full:<pairs>', () => {
    const depth = keywordDepth('full:java-sqlite, node-mysql');
    expect(depth('java-sqlite')).toBe('full');
    expect(depth('node-mysql')).toBe('full');
    expect(depth('node-sqlite')).toBe('static');
    expect(depth('python-postgres')).toBe('static');
  });

  it('rejects a pair no stack generates, naming it and the valid pairs', () => {
    expect(() => keywordDepth('full:java-sqlite,node-mongo')).toThrow(/unknown pairs node-mongo; the pairs are .*java-sqlite/);
  });

  it('rejects a value it does not understand rather than running static silently', () => {
    expect(() => keywordDepth('yes')).toThrow(/CB_E2E_KEYWORDS="yes" is not understood; use full, static or full:/);
  });
});
