import { describe, it } from 'vitest';
import { join } from 'node:path';
import { REPO, databaseAvailable, e2eMatrix, runE2E } from './harness.js';

/**
 * `--config model.jdl|.prisma|.sql` end to end: the CLI imports the model and generates in one step, then the
 * project is installed, checked, tested, migrated and its HTTP contract verified, like any backend.yaml.
 * Every source file on the node stack and SQLite (the import is stack-independent; the stacks are covered by
 * the other e2e files), without schemathesis, to keep CI within its budget.
 */
// library.mysql.sql is covered by the unit and CLI import tests; its e2e would add minutes for the same importer path.
const MODELS = ['blog.jh', 'blog.prisma', 'shop.sql'];
const log = (s: string) => process.stderr.write(`  ${s}\n`);

describe('imported models end to end', () => {
  for (const model of MODELS) {
    const spec = join(REPO, 'test/fixtures/import', model);
    for (const c of e2eMatrix(spec).filter((m) => m.database === 'sqlite' && m.stack === 'node')) {
      const skip = !databaseAvailable(c.database) && !process.env.CI;
      it.skipIf(skip)(`${c.label}: ${model}`, () => runE2E({ ...c, label: `${c.label}-import-${model.replace(/\W+/g, '-')}`, schemathesis: undefined }, log));
    }
  }
});
