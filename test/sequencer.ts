import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first, across all layers, so CI's two workers finish together. Vitest's own order runs projects in
 * alphabetical order and, without a results cache (a clean checkout), larger files first: the stack files are
 * a few lines each (they call stack-suite.ts) yet run longest, so they would start last and run alone.
 * Seconds measured alone on CI's 2-core machine (stop 19); update them when a file's cost changes a lot.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  'stacks-java': 760,
  'stacks-python': 740,
  'stacks-node': 600,
  'update-equivalence': 480,
  keywords: 410,
  random: 330,
  update: 550,
  import: 180,
  checkov: 120,
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
