import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACT_PAIRS, keywordDepth } from '../e2e/keyword-depth.js';

describe('CB_E2E_KEYWORDS: the keyword model depth per pair', () => {
  it('serves the contract on the chosen pairs when unset or empty, each on its own stack, static elsewhere', () => {
    for (const value of [undefined, '', '  ']) {
      const depth = keywordDepth(value);
      expect(DEFAULT_CONTRACT_PAIRS.map(depth)).toEqual(DEFAULT_CONTRACT_PAIRS.map(() => 'contract'));
      expect(depth('node-sqlite')).toBe('static');
      expect(depth('java-sqlite')).toBe('static');
    }
    // One pair per stack, on the embedded database and a server one at least.
    const stacks = DEFAULT_CONTRACT_PAIRS.map((p) => p.split('-')[0]);
    const databases = DEFAULT_CONTRACT_PAIRS.map((p) => p.split('-')[1]);
    expect(new Set(stacks).size).toBe(DEFAULT_CONTRACT_PAIRS.length);
    expect(databases).toContain('sqlite');
    expect(databases.some((d) => d !== 'sqlite')).toBe(true);
  });

  it('is one depth everywhere with static, contract or full', () => {
    expect(keywordDepth('static')('node-mysql')).toBe('static');
    expect(keywordDepth('contract')('java-sqlite')).toBe('contract');
    expect(keywordDepth('full')('python-postgres')).toBe('full');
  });

  it('sets the chosen pairs only with <depth>:<pairs>, clauses joined by ;', () => {
    const depth = keywordDepth('full:java-sqlite, node-mysql');
    expect(depth('java-sqlite')).toBe('full');
    expect(depth('node-mysql')).toBe('full');
    expect(depth('node-sqlite')).toBe('static');
    const mixed = keywordDepth('contract:node-mysql; full:java-sqlite');
    expect([mixed('node-mysql'), mixed('java-sqlite'), mixed('python-sqlite')]).toEqual(['contract', 'full', 'static']);
  });

  it('rejects a pair no stack generates, naming it and the valid pairs', () => {
    expect(() => keywordDepth('full:java-sqlite,node-mongo')).toThrow(/unknown pairs node-mongo; the pairs are .*java-sqlite/);
  });

  it('rejects a value it does not understand rather than running static silently', () => {
    expect(() => keywordDepth('yes')).toThrow(/CB_E2E_KEYWORDS="yes" is not understood; use static, contract, full or/);
    expect(() => keywordDepth('deep:node-mysql')).toThrow(/not understood/);
  });
});
