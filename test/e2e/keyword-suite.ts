import { describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StackId } from '../../src/config/options.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { WORK, databaseAvailable, e2eMatrix, runE2E } from './harness.js';
import { keywordDepth } from './keyword-depth.js';
import { writeKeywordSpec } from '../fixtures/keywords.js';

/**
 * The keyword model (test/fixtures/keywords.ts: every keyword of every language and SQL dialect as an entity,
 * field, relation or enum name, every field type and relation kind, auth with an entity `User`) on one stack and
 * every database it supports: generate, install (Java compiles here), the static checks (lint, type checks) and a
 * migration of an empty database; on the pairs CI_DEPTHS names (CI's time budget, keyword-depth.ts) also the
 * served project and the HTTP contract, and at full depth the project's own tests. CB_E2E_KEYWORDS=full runs every
 * pair at full depth, CB_E2E_KEYWORDS=full:java-sqlite,node-mysql chosen pairs (see keyword-depth.ts);
 * CB_E2E_STACKS narrows the stacks as everywhere. One file per stack (keywords-<stack>.test.ts), so that the e2e
 * layer's two workers share the pairs: in one file they ran on one worker, the longest file of the layer.
 */
// Timestamped: a full case's cost is spread over install, tests, build and contract, and CI's budget is planned from it.
const log = (s: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${s}\n`);
// A full case runs the project's tests and the contract over ~300 fields: the Java tests alone passed the
// harness's 10-minute step limit beside another case on two cores, and the whole case the layer's 15 minutes.
const FULL_STEP_TIMEOUT_SCALE = 2;
const FULL_TIMEOUT = 2_400_000;

export function keywordSuite(stack: StackId): void {
  const depthOf = keywordDepth(process.env.CB_E2E_KEYWORDS);
  mkdirSync(WORK, { recursive: true });
  // A spec file per stack: two workers writing one path at once could each read the other's half-written file.
  const spec = writeKeywordSpec(join(WORK, `keywords-${stack}.json`));
  const chosen = e2eMatrix(spec);
  describe(`${stack}: the keyword model end to end`, () => {
    for (const database of STACK_DATABASES[stack]) {
      const label = `${stack}-${database}`;
      // A stack CB_E2E_STACKS leaves out is skipped rather than absent: vitest fails a file that holds no test.
      const c = chosen.find((m) => m.label === label);
      const skip = !c || (!databaseAvailable(database) && !process.env.CI);
      const depth = depthOf(label);
      it.skipIf(skip)(
        `${label}: every keyword as a name (${depth})`,
        () => runE2E({ ...c!, label: `${label}-keywords`, schemathesis: undefined, depth, stepTimeoutScale: depth === 'full' ? FULL_STEP_TIMEOUT_SCALE : 1 }, log),
        depth === 'full' ? FULL_TIMEOUT : undefined,
      );
    }
  });
}
