import { describe, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, e2eMatrix, runE2E } from './harness.js';
import { writeRandomSpec } from '../fixtures/random-model.js';

/**
 * The generative test, CI layer (issue #11 §2): random valid models (test/fixtures/random-model.ts) on every
 * stack × SQLite, generated with the real CLI and installed, then the project's static checks (Java compiles
 * here), its own tests and a migration (harness depth `own-tests`; the HTTP contract is the fixed models' job).
 * Each stack gets its own models: with CB_RANDOM_MODELS=n (default 1, since a Java case costs 2 to 3 minutes on
 * the CI machine) stack i of the matrix runs seeds first + i·n … first + i·n + n − 1, so four stacks exercise four
 * different models for the price of one each. CB_RANDOM_FIRST=k (default 1) moves the window, to replay a seed
 * or spread seeds over runs. A failure names its seed: the spec is .e2e/random-<seed>.json, or
 * `writeRandomSpec(path, seed)`.
 */
const count = Number(process.env.CB_RANDOM_MODELS ?? 1);
const first = Number(process.env.CB_RANDOM_FIRST ?? 1);
const seedsOf = (stackIndex: number) => Array.from({ length: count }, (_, i) => first + stackIndex * count + i);
mkdirSync(WORK, { recursive: true });
const log = (s: string) => process.stderr.write(`  ${s}\n`);

describe('random valid models end to end', () => {
  for (const [stackIndex, c] of e2eMatrix('').filter((m) => m.database === 'sqlite').entries()) {
    for (const seed of seedsOf(stackIndex)) {
      it(`${c.stack}-sqlite: random model, seed ${seed} (own tests)`, () => {
        const spec = writeRandomSpec(join(WORK, `random-${seed}.json`), seed);
        return runE2E({ ...c, spec, label: `${c.label}-random-${seed}`, schemathesis: undefined, depth: 'own-tests' }, log);
      });
    }
  }
});
