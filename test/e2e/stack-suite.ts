import { describe, it } from 'vitest';
import { join } from 'node:path';
import type { StackId } from '../../src/config/options.js';
import { REPO, databaseAvailable, e2eMatrix, runE2E } from './harness.js';

/**
 * For one stack and every database it supports (MongoDB on FerretDB): generate the 6-entity fixture (every field type, every
 * relation kind, auth with an owned entity), install for real, run the project's tests, migrate, start, and
 * check the HTTP contract. Without a database server (no CB_*_ADMIN_URL or CB_MONGODB_URL), its cases are skipped locally and
 * fail in CI, where .ci/run always starts the servers. One file per stack (stacks-<id>.test.ts), so that the
 * e2e layer's two workers share the stacks evenly.
 */
const log = (s: string) => process.stderr.write(`  ${s}\n`);
const forStack = (stack: StackId, fixture: string) => e2eMatrix(join(REPO, 'test/fixtures', fixture)).filter((c) => c.stack === stack);

export function stackSuite(stack: StackId): void {
  describe(`${stack}: generated projects end to end`, () => {
    for (const c of forStack(stack, 'shop.yaml')) {
      const skip = !databaseAvailable(c.database) && !process.env.CI;
      it.skipIf(skip)(`${c.label}: install, own tests, migrate, serve, HTTP contract`, () => runE2E(c, log));
    }
    if (stack === 'node' && forStack(stack, 'shop.yaml').length) {
      it('node default (--yes): the embedded example on SQLite', () => runE2E({ stack: 'node', database: 'sqlite', label: 'node-default' }, log));
    }
    // SPEC 3's own example (an owned Pet with a relation named owner), as a new user would first try it.
    for (const c of forStack(stack, 'spec-example.yaml').filter((m) => m.database === 'sqlite')) {
      it(`${c.stack}: the SPEC example model on SQLite`, () => runE2E({ ...c, label: `${c.stack}-spec-example`, schemathesis: undefined }, log));
    }
    // Patterned fields (required, unique, with a default, unanchored, with lookaheads) beside email and url: the
    // samples the CLI derives from each pattern must pass every stack's own tests, the contract and schemathesis.
    for (const c of forStack(stack, 'patterns.yaml').filter((m) => m.database === 'sqlite')) {
      it(`${c.stack}: patterned fields on SQLite`, () => runE2E({ ...c, label: `${c.stack}-patterns` }, log));
    }
  });
}
