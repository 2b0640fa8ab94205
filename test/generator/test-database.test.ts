import { describe, expect, it } from 'vitest';
import { render } from './support.js';

/**
 * Issue 13: a project's tests must never empty the development database. They run on TEST_DATABASE_URL only,
 * whose default is the local database with `_test` appended, and never read DATABASE_URL as their database.
 */
const STACKS = ['node', 'python', 'java', 'go', 'ruby'] as const;
const SERVER_DATABASES = ['postgres', 'mysql'] as const;
const model = (stack: (typeof STACKS)[number], database: 'sqlite' | 'postgres' | 'mysql') => ({
  name: 'pet-clinic',
  stack,
  database,
  auth: 'none' as const,
  entities: { Pet: { fields: { name: 'string!' } } },
});
/** Where each stack's tests pick their database, and how its test code would read an environment variable. */
const TEST_DATABASE_MODULE = { node: 'test/test-database.ts', python: 'tests/database.py', java: 'src/test/java/com/example/petclinic/TestDatabase.java', go: 'internal/app/testdb_test.go', ruby: 'spec/support/test_database.rb' };
const TEST_SOURCES = { node: /^test\//, python: /^tests\//, java: /^src\/test\//, go: /_test\.go$/, ruby: /^spec\// };
const READS_DATABASE_URL = /process\.env\.DATABASE_URL|environ(?:\.get)?\(\s*["']DATABASE_URL|environ\[["']DATABASE_URL|[gG]etenv\("DATABASE_URL"\)|ENV(?:\.fetch\(|\[)\s*["']DATABASE_URL/;

const databaseName = (url: string) => new URL(url).pathname.slice(1);
const envValue = (text: string, name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(text)?.[1];

describe.each(STACKS)('%s', (stack) => {
  describe.each(SERVER_DATABASES)('on %s', (database) => {
    it('tests default to a database of their own, beside the development one, and refuse to share it', async () => {
      const tree = await render(model(stack, database));
      const text = (path: string) => {
        const file = tree.get(path);
        if (!file) throw new Error(`${stack}/${database}: ${path} is not generated`);
        return file.toString();
      };
      const env = text('.env.example');
      const devUrl = envValue(env, 'DATABASE_URL')!;
      const testUrl = envValue(env, 'TEST_DATABASE_URL')!;
      expect(databaseName(devUrl)).toBe('pet_clinic');
      expect(databaseName(testUrl)).toBe('pet_clinic_test');
      expect(testUrl.replace('pet_clinic_test', 'pet_clinic')).toBe(devUrl);

      const module = text(TEST_DATABASE_MODULE[stack]);
      expect(module).toContain(`"${testUrl}"`.replace(/"/g, stack === 'node' || stack === 'ruby' ? "'" : '"'));
      expect(module).toContain('TEST_DATABASE_URL');
      expect(module).toMatch(/both name the database/);
      expect(module).toMatch(database === 'postgres' ? /CREATE DATABASE / : /CREATE DATABASE IF NOT EXISTS /);

      // Only the refusal looks at DATABASE_URL; no other test source takes its database from it.
      for (const [path, file] of tree.entries()) {
        if (TEST_SOURCES[stack].test(path) && path !== TEST_DATABASE_MODULE[stack]) {
          expect(file.toString(), path).not.toMatch(READS_DATABASE_URL);
        }
      }

      const ci = text('.github/workflows/ci.yml');
      const ciTestUrl = /^\s+TEST_DATABASE_URL: (\S+)$/m.exec(ci)?.[1];
      expect(ciTestUrl, 'CI sets TEST_DATABASE_URL').toBeDefined();
      const ciDevUrl = /^\s+DATABASE_URL: (\S+)$/m.exec(ci)?.[1];
      if (ciDevUrl) expect(databaseName(ciDevUrl)).not.toBe(databaseName(ciTestUrl!));

      expect(text('README.md')).toContain(`\`${testUrl}\``);
      if (database === 'mysql') {
        // The app user of the MySQL/MariaDB image may use only its own database: compose's init script creates
        // and grants the test database.
        expect(text('compose.yaml')).toContain('./compose/initdb:/docker-entrypoint-initdb.d:ro');
        const init = text('compose/initdb/test-database.sql');
        expect(init).toContain('CREATE DATABASE IF NOT EXISTS `pet_clinic_test`');
        expect(init).toContain("GRANT ALL PRIVILEGES ON `pet_clinic_test`.* TO 'app'@'%'");
      } else {
        expect(tree.has('compose/initdb/test-database.sql')).toBe(false);
      }
    });
  });

  it('on sqlite the tests keep their temporary file: no test database module, no TEST_DATABASE_URL', async () => {
    const tree = await render(model(stack, 'sqlite'));
    expect(tree.has(TEST_DATABASE_MODULE[stack])).toBe(false);
    expect(tree.get('.env.example')!.toString()).not.toContain('TEST_DATABASE_URL');
    for (const [path, file] of tree.entries()) {
      if (TEST_SOURCES[stack].test(path)) expect(file.toString(), path).not.toMatch(READS_DATABASE_URL);
    }
  });
});
