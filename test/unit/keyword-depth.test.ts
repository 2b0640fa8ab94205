import { describe, expect, it } from 'vitest';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { allPairs, CI_DEPTHS, keywordDepth } from '../e2e/keyword-depth.js';

describe('CB_E2E_KEYWORDS: the keyword model depth per pair', () => {
  it('runs CI_DEPTHS when unset or empty, static on the pairs it does not name', () => {
    for (const value of [undefined, '', '  ']) {
      const depth = keywordDepth(value);
      for (const pair of allPairs()) expect(depth(pair), pair).toBe(CI_DEPTHS[pair] ?? 'static');
    }
  });

  it('names only real pairs in CI_DEPTHS, and serves every stack the contract on one pair at least', () => {
    const pairs = allPairs();
    expect(Object.keys(CI_DEPTHS).filter((p) => !pairs.includes(p))).toEqual([]);
    const served = new Set(Object.entries(CI_DEPTHS).filter(([, d]) => d !== 'static').map(([p]) => p.split('-')[0]));
    const databases = Object.keys(CI_DEPTHS).map((p) => p.split('-')[1]);
    expect(databases).toContain('sqlite');
    expect(databases.some((d) => d !== 'sqlite')).toBe(true);
    expect([...served].sort()).toEqual(Object.keys(STACK_DATABASES).sort());
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
