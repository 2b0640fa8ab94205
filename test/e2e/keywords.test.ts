import { describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, databaseAvailable, e2eMatrix, runE2E } from './harness.js';
import { keywordDepth } from './keyword-depth.js';
import { writeKeywordSpec } from '../fixtures/keywords.js';

/**
 * The keyword model (test/fixtures/keywords.ts: every keyword of every language and SQL dialect as an entity,
 * field, relation or enum name, every field type and relation kind, auth with an entity `User`) on every stack
 * and database: generate, install (Java compiles here), the static checks (lint, type checks) and a migration
 * of an empty database; on the pairs CI_DEPTHS names (CI's time budget, keyword-depth.ts) also the served
 * project and the HTTP contract, and at full depth the project's own tests. CB_E2E_KEYWORDS=full runs every
 * pair at full depth, CB_E2E_KEYWORDS=full:java-sqlite,node-mysql chosen pairs (see keyword-depth.ts).
 */
const depthOf = keywordDepth(process.env.CB_E2E_KEYWORDS);
mkdirSync(WORK, { recursive: true });
const spec = writeKeywordSpec(join(WORK, 'keywords.json'));
// Timestamped: a full case's cost is spread over install, tests, build and contract, and CI's budget is planned from it.
const log = (s: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${s}\n`);
// A full case runs the project's tests and the contract over ~300 fields: the Java tests alone passed the
// harness's 10-minute step limit beside another case on two cores, and the whole case the layer's 15 minutes.
const FULL_STEP_TIMEOUT_SCALE = 2;
const FULL_TIMEOUT = 2_400_000;

describe('the keyword model end to end', () => {
  for (const c of e2eMatrix(spec)) {
    const skip = !databaseAvailable(c.database) && !process.env.CI;
    const depth = depthOf(c.label);
    it.skipIf(skip)(
      `${c.label}: every keyword as a name (${depth})`,
      () => runE2E({ ...c, label: `${c.label}-keywords`, schemathesis: undefined, depth, stepTimeoutScale: depth === 'full' ? FULL_STEP_TIMEOUT_SCALE : 1 }, log),
      depth === 'full' ? FULL_TIMEOUT : undefined,
    );
  }
});
