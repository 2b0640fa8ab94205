import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first, across all layers, so CI's two workers finish together. Vitest's own order runs projects in
 * alphabetical order and, without a results cache (a clean checkout), larger files first: the stack files are
 * a few lines each (they call stack-suite.ts) yet run longest, so they would start last and run alone.
 * Update the table when a file's cost changes a lot.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  // Seconds each file took in the stop-21 rehearsal, sharing the two cores (only their order matters here).
  'stacks-java': 1300,
  update: 1300, // on the shared machine: go 48, node 184, python 281, java-postgres 319, java-sqlite 472
  keywords: 970, // static on twelve pairs, contract depth on node-mysql and python-sqlite
  'stacks-node': 940,
  'stacks-python': 830,
  'update-equivalence': 810, // node and python 280, java 465 (175, 111, 179), go 68
  checkov: 250, // 343 with five project names, now three
  import: 280,
  random: 225,
  'stacks-go': 190,
  'java-format': 100,
};

function expectedSeconds(spec: TestSpecification): number {
  const name = spec.moduleId.replace(/^.*\//, '').replace(/\.test\.ts$/, '');
  return EXPECTED_SECONDS[name] ?? 0;
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const vitestOrder = await super.sort(files);
    // Array.prototype.sort is stable: files without an entry keep vitest's order after the long ones.
    return vitestOrder.sort((a, b) => expectedSeconds(b) - expectedSeconds(a));
  }
}
