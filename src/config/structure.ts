import type { z } from 'zod';
import { FieldSchema, KNOWN_KEYS, RelationSchema, SpecSchema, type SpecInput } from './input-schema.js';
import { didYouMean, type Problem } from './problems.js';
import { offered } from './options.js';

/**
 * Checks the shape of a parsed spec against the input schema and turns every schema issue into a Problem
 * with a dotted path and a hint. Semantic checks (names, relations, constraints) are in rules.ts.
 */
export function checkStructure(data: unknown): { spec?: SpecInput; problems: Problem[] } {
  if (data === null || data === undefined) return { spec: {}, problems: [] };
  const whole = SpecSchema.safeParse(data, { reportInput: true });
  if (whole.success) return { spec: whole.data, problems: [] };
  // Report every schema issue, then keep the parts that are valid on their own (top-level options, entities,
  // fields, relations) so the semantic rules can still report their problems in the same run.
  const problems = whole.error.issues.flatMap((issue) => toProblems(issue, data));
  if (typeof data !== 'object' || Array.isArray(data)) return { problems };
  return { spec: salvage(data as Record<string, unknown>), problems };
}

function salvage(data: Record<string, unknown>): SpecInput {
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'entities') continue;
    // Own keys only: a top-level key such as "constructor" must not find Object.prototype's.
    const field = Object.hasOwn(SpecSchema.shape, key) ? (SpecSchema.shape as Record<string, z.ZodType>)[key] : undefined;
    if (field?.safeParse(value).success) spec[key] = value;
  }
  if (data.entities && typeof data.entities === 'object' && !Array.isArray(data.entities)) {
    const entities: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(data.entities as Record<string, unknown>)) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const e = raw as Record<string, unknown>;
      const keep = (group: unknown, schema: z.ZodType) =>
        group && typeof group === 'object' && !Array.isArray(group)
          ? Object.fromEntries(Object.entries(group).flatMap(([k, v]) => {
              const kept = salvageEntry(v, schema);
              return kept === undefined ? [] : [[k, kept]];
            }))
          : undefined;
      entities[name] = {
        ...(typeof e.owned === 'boolean' ? { owned: e.owned } : {}),
        fields: keep(e.fields, FieldSchema) ?? {},
        ...(e.relations !== undefined ? { relations: keep(e.relations, RelationSchema) ?? {} } : {}),
      };
    }
    spec.entities = entities;
  }
  return spec as SpecInput;
}

/**
 * An entry that is valid as written, or its valid options only: `{ type: string, required: yes }` is kept as
 * `{ type: string }`, so the one bad option is the only problem (not also "entity has no fields").
 */
function salvageEntry(value: unknown, schema: z.ZodType): unknown {
  if (schema.safeParse(value).success) return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let kept: Record<string, unknown> | undefined;
  const entries = Object.entries(value);
  // The keys that identify the entry (type, kind, to) first, then each option that keeps it valid.
  entries.sort(([a], [b]) => Number(!['type', 'kind', 'to', 'values'].includes(a)) - Number(!['type', 'kind', 'to', 'values'].includes(b)));
  const candidate: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    candidate[k] = v;
    if (schema.safeParse(candidate).success) kept = { ...candidate };
    else if (kept) delete candidate[k];
  }
  return kept;
}

export const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

function keysFor(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return KNOWN_KEYS.spec;
  if (path[0] === 'entities' && path.length === 2) return KNOWN_KEYS.entity;
  if (path[0] === 'entities' && path[2] === 'fields' && path.length === 4) return KNOWN_KEYS.field;
  if (path[0] === 'entities' && path[2] === 'relations' && path.length === 4) return KNOWN_KEYS.relation;
  if (path[0] === 'java' && path.length === 1) return KNOWN_KEYS.java;
  return [];
}

/** Entities, fields and relations are keyed by their names; a list there is the commonest first mistake. */
const KEYED_BY_NAME: Readonly<Record<string, string>> = {
  entities: 'key each entity by its name, e.g. entities: { Pet: { fields: { name: string! } } }',
  fields: 'key each field by its name, e.g. fields: { name: string!, born: date }',
  relations: 'key each relation by its name, e.g. relations: { owner: { kind: many-to-one, to: Owner } }',
};

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : JSON.stringify(value);

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function toProblems(issue: z.core.$ZodIssue, data: unknown): Problem[] {
  const path = issue.path as PropertyKey[];
  const at = dotted(path);
  const last = String(path[path.length - 1] ?? 'spec');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        rule: 'spec-known-keys',
        path: dotted([...path, key]),
        message: `unknown key "${key}"${path.length ? ` in ${at}` : ''}`,
        hint: didYouMean(key, keysFor(path)),
      }));
    case 'invalid_value':
      // A missing required key is reported once, by its invalid_type issue, not also as "undefined is not a valid …".
      if (valueAt(data, path) === undefined) return [{ rule: 'spec-shape', path: at, message: `${last} is missing`, hint: `set ${last} to one of: ${offered(issue.values.map(String)).join(', ')}` }];
      return [{
        rule: 'spec-valid-option',
        path: at,
        message: `${describe(valueAt(data, path))} is not a valid ${last}`,
        hint: didYouMean(String(valueAt(data, path)), offered(issue.values.map(String))),
      }];
    case 'invalid_union': {
      // A field is a shorthand string or a mapping: report the branch that matches what the user wrote.
      const value = valueAt(data, path);
      const branch = issue.errors.find((errs) => errs.every((e) => e.code !== 'invalid_type' || e.path.length > 0));
      if (branch && value && typeof value === 'object' && !Array.isArray(value)) {
        return branch.flatMap((e) => toProblems({ ...e, path: [...path, ...e.path] } as z.core.$ZodIssue, data));
      }
      return [{
        rule: 'spec-shape',
        path: at,
        message: `${at} is ${describe(value)}, which is not allowed here`,
        hint: path[2] === 'fields' ? 'write a type such as "string!" or a mapping like { type: string, required: true }' : path[0] === 'cloud' ? 'use one target or a list of targets' : undefined,
      } as Problem];
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      const mapping = issue.expected === 'object' || issue.expected === 'record';
      const expected = mapping ? 'a mapping' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
      return [{
        rule: 'spec-shape',
        path: at,
        // The path is printed before the message, so the message names only the last key.
        message: value === undefined ? `${last} is missing` : `${last} must be ${expected}, not ${describe(value)}`,
        hint: path.length === 0 ? 'the spec file must be a mapping with keys such as name, stack, entities' : mapping && Array.isArray(value) ? KEYED_BY_NAME[last] : undefined,
      } as Problem];
    }
    case 'too_small':
    case 'too_big':
      return [{
        rule: 'spec-range',
        path: at,
        message: `${at} ${issue.code === 'too_small' ? `must be at least ${String(issue.minimum)}` : `must be at most ${String(issue.maximum)}`}, not ${describe(valueAt(data, path))}`,
        hint: issue.code === 'too_small' ? `use ${String(issue.minimum)} or more` : `use ${String(issue.maximum)} or less`,
      }];
    default:
      return [{ rule: 'spec-shape', path: at, message: `${at}: ${issue.message}` }];
  }
}
