import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadStack } from '../../src/stacks/index.js';
import { localSetup } from '../../src/stacks/local-setup.js';
import { render } from './support.js';

/**
 * A new user's first hour: the "Next:" lines after `create` and the README's first command must set up what
 * `migrate` and the server need (a `.env` where the server reads one, a JWT secret, the database container), and
 * the two must agree, or the first command a user copies stops at "JWT_SECRET is required".
 */
const STACKS = ['node', 'python', 'java', 'go', 'ruby'] as const;
const PAIRS = [...STACKS.flatMap((stack) => (['sqlite', 'postgres'] as const).map((database) => ({ stack, database }))), { stack: 'node', database: 'mongodb' } as const, { stack: 'python', database: 'mongodb' } as const];
const CASES = PAIRS.flatMap((pair) => (['none', 'jwt'] as const).map((auth) => ({ ...pair, auth })));

describe.each(CASES)('$stack on $database, auth $auth', ({ stack, database, auth }) => {
  const model = { name: 'pet-clinic', stack, database, auth, entities: { Pet: { fields: { name: 'string!' } } } };

  it('the README and the Next lines set up the same things', async () => {
    const readme = (await render(model)).get('README.md')!.toString();
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    const descriptor = await loadStack(stack);
    const steps = localSetup(model, descriptor.readsDotEnv);

    expect(firstBlock.includes('docker compose up -d db')).toBe(database !== 'sqlite');
    expect(steps.includes('docker compose up -d db')).toBe(database !== 'sqlite');
    expect(firstBlock.includes('cp .env.example .env')).toBe(descriptor.readsDotEnv);
    expect(steps.some((s) => s.startsWith('cp .env.example .env'))).toBe(descriptor.readsDotEnv);
    if (database !== 'sqlite') {
      // `docker compose up -d db` must give the host the server that .env.example's DATABASE_URL names.
      const tree = await render(model);
      const url = new URL(/^DATABASE_URL=(.*)$/m.exec(tree.get('.env.example')!.toString())![1]!);
      const compose = parse(tree.get('compose.yaml')!.toString()) as { services: { db: { ports?: string[] } } };
      expect(compose.services.db.ports).toContain(`127.0.0.1:${url.port}:${url.port}`);
    }
    if (auth === 'jwt') {
      expect(readme).toMatch(/JWT_SECRET[^\n]*openssl rand -base64 48|openssl rand -base64 48[^\n]*JWT_SECRET/);
      expect(steps.join('\n')).toContain('JWT_SECRET');
    } else {
      expect(steps.join('\n')).not.toContain('JWT_SECRET');
    }
  });
});
