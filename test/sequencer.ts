import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first, across all layers, so CI's two workers finish together. Vitest's own order runs projects in
 * alphabetical order and, without a results cache (a clean checkout), larger files first: the stack files are
 * a few lines each (they call stack-suite.ts) yet run longest, so they would start last and run alone.
 * Update the table when a file's cost changes a lot.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  // Seconds each file took in the stop-21 rehearsal, sharing the two cores (only their order matters here).
  // Keyed by layer and name: test/cli/update.test.ts (100 s) and test/e2e/update.test.ts are different files.
  'e2e/stacks-java': 1300,
  'e2e/keywords': 970, // static on twelve pairs, contract depth on node-mysql and python-sqlite
  'e2e/stacks-node': 940,
  'e2e/stacks-python': 830,
  'e2e/update': 1200, // on the shared machine: go 48, node 184, python 281, java-postgres 319, java-sqlite 472 (less its contract now)
  'cloud/checkov': 250, // 343 with five project names, now three
  'e2e/update-equivalence': 460, // node and python 280, java-postgres 111, go 68
  'e2e/import': 280,
  'e2e/random': 225,
  'e2e/stacks-go': 190,
  'cli/update': 100,
  'e2e/java-format': 100,
  'generator/random': 40,
  'cloud/cdk': 30,
  'e2e/package': 25,
  'cloud/kubernetes': 20,
};

/** `test/e2e/stacks-java.test.ts` → `e2e/stacks-java`. */
export function sequencerKey(moduleId: string): string {
  return moduleId.replace(/^.*\/test\//, '').replace(/\.test\.ts$/, '');
}

/** A file's expected cost in seconds; 0 for one not in the table (short ones). */
export const expectedSeconds = (moduleId: string): number => EXPECTED_SECONDS[sequencerKey(moduleId)] ?? 0;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const vitestOrder = await super.sort(files);
    // Array.prototype.sort is stable: files without an entry keep vitest's order after the long ones.
    return vitestOrder.sort((a, b) => expectedSeconds(b.moduleId) - expectedSeconds(a.moduleId));
  }
}
