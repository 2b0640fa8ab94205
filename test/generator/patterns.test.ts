import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACKS } from '../../src/config/options.js';
import { finish, gather, withDefaults } from '../../src/config/resolve.js';
import { generate } from '../../src/generator/generate.js';
import { loadPack } from '../../src/generator/packs.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { loadStack } from '../../src/stacks/index.js';

/**
 * The patterned fields of test/fixtures/patterns.yaml get sample values that match their patterns in the file
 * each stack's tests and seed read them from (issue #11: Node rendered `null` for a required patterned string).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/patterns.yaml');
const SAMPLE_FILES: Partial<Record<string, string>> = {
  node: 'src/db/samples.ts',
  python: 'tests/factories.py',
  java: 'src/test/java/com/example/patternshop/ApiTestSupport.java',
};
const READY = STACKS.filter((s) => STACK_DATABASES[s].length > 0 && existsSync(join(ROOT, 'templates', s, 'pack.json')) && SAMPLE_FILES[s]);

describe.each(READY)('%s: samples of patterned fields', async (stack) => {
  const gathered = gather({ config: FIXTURE });
  const { config, problems } = finish(withDefaults({ ...gathered.partial, stack }), gathered, {});
  const descriptor = await loadStack(stack);
  const tree = generate({ config: config!, stack: descriptor, packs: descriptor.packs.map((p) => loadPack(join(ROOT, 'templates', p))), generatorVersion: '0.0.0-test' }).tree;
  const text = tree.get(SAMPLE_FILES[stack]!)!.toString('utf8');
  const patterned = config!.entities.flatMap((e) => e.fields.filter((f) => f.pattern !== undefined).map((f) => ({ entity: e.name, ...f })));

  it('the fixture is valid and has patterned fields', () => {
    expect(problems).toEqual([]);
    expect(patterned.length).toBeGreaterThan(5);
  });

  it.each(patterned.map((f) => [`${f.entity}.${f.name}`, f] as const))('%s: every sample matches the pattern and fits the length', (_, f) => {
    // `name: "v"` (TypeScript), `"name": "v"` (Python), `\"name\":\"v\"` (JSON inside a Java string).
    const pair = new RegExp(`(?:^|[\\s{,])\\\\?"?${f.name}\\\\?"?\\s*:\\s*(null|\\\\?"((?:[^"\\\\]|\\\\[^"])*)\\\\?")`, 'g');
    const values = [...text.matchAll(pair)].map((m) => (m[1] === 'null' ? null : m[2]!));
    expect(values.length, `samples of ${f.name} in ${SAMPLE_FILES[stack]}`).toBeGreaterThanOrEqual(2);
    for (const v of values) {
      expect(v, `${f.name} has no sample`).not.toBeNull();
      expect(new RegExp(f.pattern!, 'u').test(v!), `${JSON.stringify(v)} ~ ${f.pattern}`).toBe(true);
      expect(v!.length).toBeLessThanOrEqual(f.maxLength ?? Infinity);
      expect(v!.length).toBeGreaterThanOrEqual(f.minLength ?? 0);
    }
    if (f.unique) expect(new Set(values).size, `${f.name} is unique`).toBe(values.length);
  });
});
