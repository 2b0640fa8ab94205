import { STACK_DATABASES } from '../../src/stacks/capabilities.js';

/**
 * CB_E2E_KEYWORDS selects how deep the keyword model runs per stack × database pair:
 * - unset or empty: CI's mix, `contract` on DEFAULT_CONTRACT_PAIRS and `static` on the others;
 * - `static`, `contract` or `full`: every pair at that depth;
 * - `<depth>:<pairs>`, e.g. `full:java-sqlite,node-mysql`: those pairs at that depth, the others static;
 *   clauses join with `;` (`contract:node-mysql;full:java-sqlite`).
 * `contract` is static plus the build, a served project and the HTTP contract; `full` adds the project's own
 * tests (10 to 15 minutes a pair on two cores). A value it does not understand is an error, not a silent static
 * run that would look like a pass.
 */
export type KeywordDepth = 'full' | 'contract' | 'static';

/**
 * The pairs CI serves the keyword model on, within its ~4 minutes for this: contract depth adds about 140 s on
 * node-mysql (build 97 s, contract 45 s), 120 s on python-sqlite (contract 113 s) and 20 s on go-mysql (the whole
 * case 35 s: build and contract 21 s) and about 105 s on java-postgres (the case 148 s: start 38 s, contract 66 s;
 * Java's /health waits for the OpenAPI document, so the contract's first GET /openapi.json no longer races
 * springdoc) on the 2-core machine. The whole matrix at contract depth (12 SQL pairs) would add about
 * 3 × (140 + 120 + 20 + 105) s ≈ 19 minutes.
 */
export const DEFAULT_CONTRACT_PAIRS = ['node-mysql', 'python-sqlite', 'go-mysql', 'java-postgres'] as const;

const DEPTHS: readonly KeywordDepth[] = ['static', 'contract', 'full'];

export function keywordDepth(value: string | undefined, pairs: readonly string[] = allPairs()): (label: string) => KeywordDepth {
  const raw = value?.trim() ?? '';
  if (raw === '') return keywordDepth(`contract:${DEFAULT_CONTRACT_PAIRS.join(',')}`, pairs);
  if ((DEPTHS as readonly string[]).includes(raw)) return () => raw as KeywordDepth;
  const chosen = new Map<string, KeywordDepth>();
  for (const clause of raw.split(';').map((c) => c.trim()).filter(Boolean)) {
    const match = /^(static|contract|full):(.+)$/.exec(clause);
    if (!match) {
      throw new Error(`CB_E2E_KEYWORDS="${raw}" is not understood; use static, contract, full or <depth>:<stack>-<database>,... (e.g. full:java-sqlite,node-mysql)`);
    }
    const named = match[2]!.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = named.filter((p) => !pairs.includes(p));
    if (unknown.length) throw new Error(`CB_E2E_KEYWORDS names unknown pairs ${unknown.join(', ')}; the pairs are ${pairs.join(', ')}`);
    for (const pair of named) chosen.set(pair, match[1] as KeywordDepth);
  }
  return (label) => chosen.get(label) ?? 'static';
}

/** Every stack-database pair the e2e matrix can hold, whatever CB_E2E_STACKS narrows a run to. */
function allPairs(): string[] {
  return Object.entries(STACK_DATABASES).flatMap(([stack, databases]) => databases.map((d) => `${stack}-${d}`));
}
