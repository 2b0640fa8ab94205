import { STACK_DATABASES } from '../../src/stacks/capabilities.js';

/**
 * CB_E2E_KEYWORDS selects how deep the keyword model runs per stack × database pair: unset → every pair
 * static; `full` → every pair full; `full:java-sqlite,node-mysql` → those pairs full, the others static (CI's
 * time budget holds a few full cases, not nine). A value it does not understand is an error, not a silent
 * static run that would look like a pass.
 */
export type KeywordDepth = 'full' | 'static';

export function keywordDepth(value: string | undefined, pairs: readonly string[] = allPairs()): (label: string) => KeywordDepth {
  const raw = value?.trim() ?? '';
  if (raw === '' || raw === 'static') return () => 'static';
  if (raw === 'full') return () => 'full';
  const match = /^full:(.+)$/.exec(raw);
  if (!match) throw new Error(`CB_E2E_KEYWORDS="${raw}" is not understood; use full, static or full:<stack>-<database>,... (e.g. full:java-sqlite,node-mysql)`);
  const chosen = match[1]!.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = chosen.filter((p) => !pairs.includes(p));
  if (unknown.length) throw new Error(`CB_E2E_KEYWORDS names unknown pairs ${unknown.join(', ')}; the pairs are ${pairs.join(', ')}`);
  return (label) => (chosen.includes(label) ? 'full' : 'static');
}

/** Every stack-database pair the e2e matrix can hold, whatever CB_E2E_STACKS narrows a run to. */
function allPairs(): string[] {
  return Object.entries(STACK_DATABASES).flatMap(([stack, databases]) => databases.filter((d) => d !== 'mongodb').map((d) => `${stack}-${d}`));
}
