import { stringify } from 'yaml';
import type { EntitySpec, FieldSpec, ResolvedConfig } from '../config/types.js';

/**
 * The resolved spec as the project's `backend.yaml`: every default made explicit, keys in a fixed order, so
 * the file regenerates the same project and is byte-identical for the same input.
 */
export function specObject(config: ResolvedConfig): Record<string, unknown> {
  return {
    name: config.name,
    stack: config.stack,
    database: config.database,
    cloud: config.cloud.length ? [...config.cloud] : 'none',
    auth: config.auth,
    // iac says how the aws target is written; without aws it has no meaning, so it is not recorded.
    ...(config.cloud.includes('aws') ? { iac: config.iac } : {}),
    ...(config.java ? { java: { package: config.java.package } } : {}),
    entities: Object.fromEntries(config.entities.map((e) => [e.name, entityObject(e)])),
  };
}

function entityObject(e: EntitySpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.owned) out.owned = true;
  out.fields = Object.fromEntries(e.fields.map((f) => [f.name, fieldObject(f)]));
  if (e.relations.length) {
    out.relations = Object.fromEntries(
      e.relations.map((r) => [
        r.name,
        r.kind === 'many-to-many'
          ? { kind: r.kind, to: r.to }
          : { kind: r.kind, to: r.to, required: r.required, onDelete: r.onDelete },
      ]),
    );
  }
  return out;
}

const FIELD_KEYS = ['type', 'required', 'unique', 'index', 'default', 'min', 'max', 'minLength', 'maxLength', 'pattern', 'values', 'precision', 'scale'] as const;

function fieldObject(f: FieldSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    const value = f[key];
    // `required: false` and the like are the defaults and left out; `default: false` is a value and kept.
    if (value === undefined || (value === false && key !== 'default')) continue;
    // An enum's column width is derived from its values' room, not a spec option: the rules refuse maxLength on it.
    if (key === 'maxLength' && f.type === 'enum') continue;
    out[key] = value;
  }
  return out;
}

export function toSpecYaml(config: ResolvedConfig): string {
  // The header says how to apply an edit in place; regenerating with --config here would nest a second project.
  const header = [
    '# The model of this project, every default made explicit by create-backend.',
    '# After editing it, run `npx create-backend update` in this folder: the code follows, your edits are kept and',
    '# a new migration is added. `npx create-backend add --entity "Vet: name:string!"` adds an entity the same way.',
  ];
  return `${header.join('\n')}\n${stringify(specObject(config), { lineWidth: 0 })}`;
}
