import { describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, e2eMatrix, runE2E } from './harness.js';
import { writeRandomSpec } from '../fixtures/random-model.js';

/**
 * The generative test, CI layer (issue #11 §2): random valid models (test/fixtures/random-model.ts) on every
 * stack × SQLite, generated with the real CLI and installed, then the project's static checks (Java compiles
 * here), its own tests and a migration (harness depth `own-tests`; the HTTP contract is the fixed models' job).
 * CB_RANDOM_MODELS=n runs seeds 1..n per stack (default 2, since a Java case costs 2 to 3 minutes on the CI
 * machine); CB_RANDOM_FIRST=k starts at seed k, to replay one seed or spread seeds over runs. A failure names its
 * seed: the spec is .e2e/random-<seed>.json, or `writeRandomSpec(path, seed)`.
 */
const count = Number(process.env.CB_RANDOM_MODELS ?? 2);
const first = Number(process.env.CB_RANDOM_FIRST ?? 1);
const seeds = Array.from({ length: count }, (_, i) => first + i);
mkdirSync(WORK, { recursive: true });
const log = (s: string) => process.stderr.write(`  ${s}\n`);

describe('random valid models end to end', () => {
  for (const c of e2eMatrix('').filter((m) => m.database === 'sqlite')) {
    for (const seed of seeds) {
      it(`${c.stack}-sqlite: random model, seed ${seed} (own tests)`, () => {
        const spec = writeRandomSpec(join(WORK, `random-${seed}.json`), seed);
        return runE2E({ ...c, spec, label: `${c.label}-random-${seed}`, schemathesis: undefined, depth: 'own-tests' }, log);
      });
    }
  }
});
