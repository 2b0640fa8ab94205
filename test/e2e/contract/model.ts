/** What SPEC 3 and 5 derive from the data model: URL paths, relation keys, creation order. */
import type { EntitySpec, FieldSpec, RelationSpec, ResolvedConfig } from '../../../src/config/types.js';
import { names, singularize } from '../../../src/config/naming.js';

export const collectionPath = (entity: EntitySpec): string => `/api/${names(entity.name).pluralKebab}`;
export const itemPath = (entity: EntitySpec, id: string): string => `${collectionPath(entity)}/${encodeURIComponent(id)}`;

export const isToOne = (relation: RelationSpec): boolean => relation.kind !== 'many-to-many';

/** `owner` → `ownerId` (many-to-one, one-to-one); `vets` → `vetIds` (many-to-many). */
export function relationKey(relation: RelationSpec): string {
  return isToOne(relation) ? `${relation.name}Id` : `${singularize(relation.name)}Ids`;
}

export function entityNamed(config: ResolvedConfig, name: string): EntitySpec {
  const entity = config.entities.find((e) => e.name === name);
  if (!entity) throw new Error(`relation to unknown entity ${name}`);
  return entity;
}

/** Required on create: `required` and no `default` the server could fill in. */
export const mustBeSent = (field: FieldSpec): boolean => field.required && field.default === undefined;

/**
 * Entities ordered so that relation targets come before the entities pointing at them (depth-first; cycles
 * are broken where they close, and the fixtures cope with optional back-references by leaving them out).
 */
export function dependencyOrder(config: ResolvedConfig): EntitySpec[] {
  const ordered: EntitySpec[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entity: EntitySpec): void => {
    if (state.get(entity.name)) return;
    state.set(entity.name, 'visiting');
    for (const relation of entity.relations) {
      if (relation.to !== entity.name) visit(entityNamed(config, relation.to));
    }
    state.set(entity.name, 'done');
    ordered.push(entity);
  };
  config.entities.forEach(visit);
  return ordered;
}

/** Relations of other entities (or this one) that point at `target`: the delete-behaviour probes need them. */
export function incomingRelations(config: ResolvedConfig, target: EntitySpec): { from: EntitySpec; relation: RelationSpec }[] {
  return config.entities.flatMap((from) =>
    from.relations.filter((relation) => relation.to === target.name).map((relation) => ({ from, relation })),
  );
}
