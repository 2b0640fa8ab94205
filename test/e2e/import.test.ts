import { describe, it } from 'vitest';
import { join } from 'node:path';
import { REPO, databaseAvailable, e2eMatrix, runE2E } from './harness.js';

/**
 * `--config model.jdl|.prisma|.sql` end to end: the CLI imports the model and generates in one step, then the
 * project is installed, checked, tested, migrated and its HTTP contract verified, like any backend.yaml.
 * One model per source format, on the SQLite case of each stack selected (CB_E2E_STACKS).
 */
const MODELS = ['blog.jh', 'blog.prisma', 'shop.sql', 'library.mysql.sql'];
const log = (s: string) => process.stderr.write(`  ${s}\n`);

describe('imported models end to end', () => {
  for (const model of MODELS) {
    const spec = join(REPO, 'test/fixtures/import', model);
    for (const c of e2eMatrix(spec).filter((m) => m.database === 'sqlite')) {
      const skip = !databaseAvailable(c.database) && !process.env.CI;
      it.skipIf(skip)(`${c.label}: ${model}`, () => runE2E({ ...c, label: `${c.label}-import-${model.replace(/\W+/g, '-')}` }, log));
    }
  }
});
