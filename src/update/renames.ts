import type { ResolvedConfig } from '../config/types.js';
import type { ViewModel } from '../model/view-model.js';
import type { Renames } from './schema-diff.js';

/**
 * The `renamedFrom` of the new spec as table and column renames for the schema diff: old names are looked up
 * in the old model (its table and column names), new ones in the new model, so naming rules apply to both.
 */
export function renamesOf(config: ResolvedConfig, before: ViewModel, after: ViewModel): Renames {
  const tables: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const spec of config.entities) {
    const now = after.entities.find((e) => e.name === spec.name);
    const was = before.entities.find((e) => e.name === (spec.renamedFrom ?? spec.name));
    if (!now || !was) continue;
    if (spec.renamedFrom !== undefined && was.table !== now.table) tables[now.table] = was.table;
    for (const f of spec.fields) {
      if (f.renamedFrom === undefined) continue;
      const column = now.fields.find((x) => x.name === f.name)?.column;
      const old = was.fields.find((x) => x.name === f.renamedFrom)?.column;
      if (column !== undefined && old !== undefined && column !== old) columns[`${now.table}.${column}`] = old;
    }
  }
  return { tables, columns };
}
