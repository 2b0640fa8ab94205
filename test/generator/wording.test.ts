import { describe, expect, it } from 'vitest';
import { render } from './support.js';

/** Generated prose reads as written by a person: articles before vowels, titles with their acronyms. */
const ENTITIES = {
  Owner: { fields: { name: 'string!' } },
  Item: { fields: { label: 'string!' }, relations: { owner: { kind: 'many-to-one' as const, to: 'Owner' } } },
  User: { fields: { email: 'email!' } },
};

describe.each(['node', 'python', 'java'] as const)('%s README and API summaries', (stack) => {
  it('say "an Owner", never "a Owner", and title the project "My API"', async () => {
    const tree = await render({ name: 'my-api', stack, database: 'sqlite', cloud: [], auth: 'none', entities: ENTITIES });
    const readme = tree.get('README.md')!.toString();
    expect(readme.split('\n')[0]).toBe('# My API');
    // Java's controller summaries belong to the Java sources' owners; its README is checked here.
    const prose = stack === 'java' ? /\.md$/ : /\.(md|ts|py)$/;
    for (const path of tree.paths().filter((p) => prose.test(p))) {
      const text = tree.get(path)!.toString();
      expect(text, path).not.toMatch(/\b[aA] (Owner|Item)\b/);
      expect(text, path).not.toMatch(/\ban User\b/);
      expect(text, path).not.toMatch(/My Api\b/);
    }
  });
});
