/** Checks of one returned resource against SPEC 5 (shape) and against what was sent (values). */
import type { EntitySpec } from '../../../src/config/types.js';
import { representationProblem, sameFieldValue } from './compare.js';
import type { Body } from './fixtures.js';
import { isToOne, relationKey } from './model.js';
import { isRfc3339Utc } from './values.js';

/** Shape issues: id, timestamps, every field and relation key present with the right JSON type. */
export function shapeIssues(entity: EntitySpec, resource: unknown): string[] {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return [`resource is not a JSON object: ${JSON.stringify(resource)?.slice(0, 200)}`];
  const r = resource as Body;
  const issues: string[] = [];
  if (typeof r.id !== 'string' || r.id === '') issues.push(`id is ${JSON.stringify(r.id)}, expected a non-empty JSON string`);
  for (const key of ['createdAt', 'updatedAt']) {
    if (!isRfc3339Utc(r[key])) issues.push(`${key} is ${JSON.stringify(r[key])}, expected RFC 3339 UTC (…Z or …+00:00)`);
  }
  for (const field of entity.fields) {
    if (!(field.name in r)) {
      issues.push(`field ${field.name} is missing (absent optional fields must be null)`);
      continue;
    }
    const value = r[field.name];
    if (value === null) {
      if (field.required) issues.push(`required field ${field.name} is null`);
      continue;
    }
    const problem = representationProblem(field, value);
    if (problem) issues.push(`${field.name} ${problem}`);
  }
  for (const relation of entity.relations) {
    const key = relationKey(relation);
    const value = r[key];
    if (!(key in r)) issues.push(`relation key ${key} is missing`);
    else if (isToOne(relation)) {
      if (value === null ? relation.required : typeof value !== 'string') issues.push(`${key} is ${JSON.stringify(value)}, expected ${relation.required ? 'an id string' : 'an id string or null'}`);
    } else if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      issues.push(`${key} is ${JSON.stringify(value)}, expected an array of id strings`);
    }
  }
  return issues;
}

/**
 * Value issues: every key of `expected` (fields, relation keys, optionally id/createdAt/updatedAt) must mean
 * the same in `resource`. Many-to-many id lists compare as sets.
 */
export function valueIssues(entity: EntitySpec, expected: Body, resource: unknown): string[] {
  const r = (resource ?? {}) as Body;
  const issues: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const got = r[key];
    const field = entity.fields.find((f) => f.name === key);
    const relation = entity.relations.find((rel) => relationKey(rel) === key);
    let same: boolean;
    if (field) same = sameFieldValue(field, want, got);
    else if (relation && !isToOne(relation)) same = sameIdSet(want, got);
    else if (key === 'createdAt' || key === 'updatedAt') same = typeof got === 'string' && Date.parse(got) === Date.parse(String(want));
    else same = want === got;
    if (!same) issues.push(`${key}: sent/expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  return issues;
}

export function sameIdSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const x = [...a].map(String).sort();
  const y = [...b].map(String).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The comparable part of a resource: fields, relation keys, id and timestamps (ignores extra keys). */
export function comparable(entity: EntitySpec, resource: Body): Body {
  const keys = ['id', 'createdAt', 'updatedAt', ...entity.fields.map((f) => f.name), ...entity.relations.map(relationKey)];
  return Object.fromEntries(keys.filter((k) => k in resource).map((k) => [k, resource[k]]));
}
