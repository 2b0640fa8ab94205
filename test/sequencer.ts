import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first, across all layers, so CI's two workers finish together. Vitest's own order runs projects in
 * alphabetical order and, without a results cache (a clean checkout), larger files first: the stack files are
 * a few lines each (they call stack-suite.ts) yet run longest, so they would start last and run alone.
 * Update the table when a file's cost changes a lot.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  // Seconds each file took in the stop-22 rehearsal, sharing the two cores, less what uv (python installs of
  // 50-130 s now take about 10), C1-only Java servers (about half a start) and the single secret scan save, measured
  // per case (only their order matters here). Files that failed early there keep their stop-21 figure.
  // Keyed by layer and name: test/cli/update.test.ts (100 s) and test/e2e/update.test.ts are different files.
  'e2e/stacks-java': 1500, // java-mongodb 174 alone (install 46, own tests 51, contract 27, schemathesis 13)
  'e2e/update': 1100, // go 42, node 184, python 102 (170 with pip), java-sqlite 173 (with its contract on v2), java-postgres 240
  'e2e/stacks-node': 940,
  // The keyword model, one file per stack at CI_DEPTHS, from each case's `e2e time` on a shared machine.
  'e2e/keywords-java': 870, // full on all four: sqlite 279, postgres 163, mysql 249, mongodb 174
  'e2e/keywords-python': 470, // 77 + 99 + 142 + 155
  'e2e/keywords-node': 400, // 74 + 90 + 95 + 140
  'e2e/keywords-go': 270, // 46 + 55 + 70 + 97
  'e2e/keywords-ruby': 230, // 70-79 each
  'e2e/stacks-python': 790, // python-mongodb 355 with its install; own tests about 110 s less since one app per session
  'e2e/update-equivalence': 370, // node 40-53, python 35 with uv (68-76 with pip), java-mysql 69, go 15-24
  'e2e/import': 280,
  'e2e/stacks-go': 420, // six cases, go-mongodb among them
  'e2e/stacks-ruby': 380, // sqlite 128, postgres 77, mysql 74, spec example 38, patterns 63
  'cloud/checkov': 190, // one secrets-only scan of every case under three names: about 60 s of it
  'e2e/random': 160,
  'cli/update': 100,
  'e2e/java-format': 100,
  'generator/random': 40,
  'cloud/cdk': 30,
  'e2e/package': 25,
  'cloud/kubernetes': 20,
};

/** The files the table expects a cost of (`e2e/stacks-java`), so a test can tell a renamed file from a listed one. */
export const listedFiles = (): string[] => Object.keys(EXPECTED_SECONDS);

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
