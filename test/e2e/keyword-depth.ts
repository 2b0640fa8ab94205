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
 * `e2e time` log line; a static case costs 15-40 s on go, ruby and java, more with node's and python's installs):
 * - go, full on all four databases: own tests 12-22 s in-process, contract 15-44 s; a case 46 s (SQLite),
 *   55 s (PostgreSQL), 70 s (MariaDB), 97 s (MongoDB).
 * - ruby, full on all three: own tests 16-19 s, contract 28-45 s; a case 70-79 s.
 * - java, full on all four databases: SQLite 279 s (own tests 99 s, start 40 s, contract 75 s, the rate-limit
 *   restart 27 s); PostgreSQL 163 s (own tests 40 s, contract 73 s, restart 19 s); MariaDB 249 s (own tests 83 s,
 *   contract 85 s); MongoDB 174 s (own tests 59 s, contract 61 s). Raising the last three from contract, static and
 *   static added about 430 s of CI time (the own tests and restart on PostgreSQL, 59 s; start, contract, own tests
 *   and restart on MariaDB and MongoDB, 219 s and 155 s), which the keyword e2e's split into one file per stack
 *   (keywords-<stack>.test.ts) lets the two workers share.
 * - node, full on SQLite, PostgreSQL and MariaDB: own tests (1,038) 30 s, 50 s and 46 s, a case 74 s, 90 s and
 *   95 s; raising them cost about 49 s (SQLite), 66 s (PostgreSQL) and 47 s (MariaDB, which ran at contract depth)
 *   more than before, paid by the node tests no longer signing up and logging in over HTTP per test (their
 *   helper writes the account and signs the token; test/helpers.ts in a node project): on SQLite the own tests
 *   took 102 s before. node × MongoDB, full too: 140 s a case (own tests 71 s, contract 23 s), about 108 s more
 *   than static.
 * - python, full on SQLite, PostgreSQL and MariaDB: its 1,138 own tests share one app, TestClient and login per
 *   session (they took 448 s on SQLite when each built its own), 24-29 s; a case 77 s (SQLite), 99 s
 *   (PostgreSQL), 142 s (MariaDB), that is 28 s, 83 s and 110 s more than the static case (SQLite was at
 *   contract depth). Paid for by the shop, SPEC example and patterns cases' own tests (about 110 s less in
 *   stacks-python) and 111 s more. python × MongoDB, full too: 155 s, 128 s more (its own tests 64 s on FerretDB,
 *   emptying every collection per test).
 * The figures above were taken on a machine shared with other work; the stop-25 rehearsal on a quiet machine ran
 * the then single keyword file in 880 s, every case about half as long. Every pair now runs at full depth in CI
 * (README, "what runs where"); CB_E2E_KEYWORDS=static or contract gives a quicker local run.
 */
export const CI_DEPTHS: Readonly<Record<string, KeywordDepth>> = {
  'go-sqlite': 'full',
  'go-postgres': 'full',
  'go-mysql': 'full',
  'go-mongodb': 'full',
  'ruby-sqlite': 'full',
  'ruby-postgres': 'full',
  'ruby-mysql': 'full',
  'java-sqlite': 'full',
  'java-postgres': 'full',
  'java-mysql': 'full',
  'java-mongodb': 'full',
  'node-sqlite': 'full',
  'node-postgres': 'full',
  'node-mysql': 'full',
  'python-sqlite': 'full',
  'python-postgres': 'full',
  'python-mysql': 'full',
  'node-mongodb': 'full',
  'python-mongodb': 'full',
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
