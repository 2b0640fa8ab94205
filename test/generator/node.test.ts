import { describe, expect, it } from 'vitest';
import { renderer, resolveSpec } from '../fixtures/render.js';

/** Node-specific generation: file paths that entity names must not take from the project's own files. */
describe('node: entities named App and Auth', () => {
  const spec = { name: 'clash', auth: 'jwt', entities: { App: { fields: { title: 'string!' } }, Auth: { fields: { code: 'string!' } }, Note: { fields: { body: 'text' } } } };

  it('keep the project tests at test/app.test.ts and test/auth.test.ts, their own beside them', async () => {
    const { config, problems } = resolveSpec(spec, { stack: 'node', database: 'sqlite' });
    expect(problems).toEqual([]);
    const tree = (await renderer('node'))(config!);
    const text = (path: string) => tree.get(path)?.toString('utf8') ?? `(no ${path})`;
    expect(text('test/app.test.ts')).toContain('/health');
    expect(text('test/auth.test.ts')).toContain('/auth/signup');
    expect(text('test/app.entity.test.ts')).toContain('/api/apps');
    expect(text('test/auth.entity.test.ts')).toContain('/api/auths');
    expect(text('test/note.test.ts')).toContain('/api/notes');
  });
});

describe('node: a datetime default', () => {
  it('is asserted as an instant, since the server writes it back with milliseconds (random model seed 2)', async () => {
    const spec = { name: 'stamps', entities: { Event: { fields: { title: 'string!', startsAt: { type: 'datetime', default: '2024-01-31T12:00:00Z' } } } } };
    const { config, problems } = resolveSpec(spec, { stack: 'node', database: 'sqlite' });
    expect(problems).toEqual([]);
    const test = (await renderer('node'))(config!).get('test/event.test.ts')!.toString('utf8');
    expect(test).toContain('expect(Date.parse(res.body.startsAt)).toBe(Date.parse("2024-01-31T12:00:00Z"));');
    expect(test).not.toContain('expect(res.body.startsAt).toEqual("2024-01-31T12:00:00Z")');
  });
});
