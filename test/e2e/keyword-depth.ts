import { STACK_DATABASES } from '../../src/stacks/capabilities.js';

/**
 * CB_E2E_KEYWORDS selects how deep the keyword model runs per stack × database pair:
 * - unset or empty: CI's mix, CI_DEPTHS (static on the pairs it does not name);
 * - `static`, `contract` or `full`: every pair at that depth;
 * - `<depth>:<pairs>`, e.g. `full:java-sqlite,node-mysql`: those pairs at that depth, the others static;
 *   clauses join with `;` (`contract:node-mysql;full:java-sqlite`).
 * `contract` is static plus the build, a served project and the HTTP contract; `full` adds the project's own
 * tests and a second start with a small rate limit. A value it does not understand is an error, not a silent
 * static run that would look like a pass.
 */
export type KeywordDepth = 'full' | 'contract' | 'static';

/**
 * The depth CI runs each pair at, chosen from measured costs on the shared 2-core machine (each case's
 * `e2e time` log line). Go is full everywhere: its own tests run in-process in 12-22 s and its contract in
 * 15-44 s, so a full case costs 46 s (SQLite), 55 s (PostgreSQL), 70 s (MariaDB) and 97 s (MongoDB), about
 * 35-70 s more than static. The other stacks serve the contract where it was first measured (node × MariaDB
 * +140 s: build 97 s, contract 45 s; python × SQLite +120 s; java × PostgreSQL +105 s) and stay static
 * elsewhere: the whole matrix at full depth would add far more than CI's budget (README, "what runs where").
 */
export const CI_DEPTHS: Readonly<Record<string, KeywordDepth>> = {
  'go-sqlite': 'full',
  'go-postgres': 'full',
  'go-mysql': 'full',
  'go-mongodb': 'full',
  'node-mysql': 'contract',
  'python-sqlite': 'contract',
  'java-postgres': 'contract',
};

const DEPTHS: readonly KeywordDepth[] = ['static', 'contract', 'full'];

export function keywordDepth(value: string | undefined, pairs: readonly string[] = allPairs()): (label: string) => KeywordDepth {
  const raw = value?.trim() ?? '';
  if (raw === '') return (label) => CI_DEPTHS[label] ?? 'static';
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
export function allPairs(): string[] {
  return Object.entries(STACK_DATABASES).flatMap(([stack, databases]) => databases.map((d) => `${stack}-${d}`));
}
