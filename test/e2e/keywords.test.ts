import { describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, databaseAvailable, e2eMatrix, runE2E } from './harness.js';
import { writeKeywordSpec } from '../fixtures/keywords.js';

/**
 * The keyword model (test/fixtures/keywords.ts: every keyword of every language and SQL dialect as an entity,
 * field, relation or enum name, every field type and relation kind, auth with an entity `User`) on every stack
 * and SQL database: generate, install, static checks, the project's own tests, migrate, the HTTP contract.
 */
mkdirSync(WORK, { recursive: true });
const spec = writeKeywordSpec(join(WORK, 'keywords.json'));
const log = (s: string) => process.stderr.write(`  ${s}\n`);

describe('the keyword model end to end', () => {
  for (const c of e2eMatrix(spec)) {
    const skip = !databaseAvailable(c.database) && !process.env.CI;
    it.skipIf(skip)(`${c.label}: every keyword as a name`, () => runE2E({ ...c, label: `${c.label}-keywords`, schemathesis: undefined }, log));
  }
});
