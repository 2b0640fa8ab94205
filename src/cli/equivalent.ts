import type { ResolvedConfig } from '../config/types.js';
import { DEFAULT_STRING_MAX } from '../config/options.js';

/**
 * The non-interactive command that reproduces an interactive run. Entities go into `--entity` shorthands when
 * they say nothing the shorthand cannot; otherwise the command points at the project's own backend.yaml.
 */
export function equivalentCommand(config: ResolvedConfig, directory: string): string {
  const flags = [
    `npx create-backend ${quote(directory)}`,
    `--stack ${config.stack}`,
    `--database ${config.database}`,
    `--cloud ${config.cloud.length ? config.cloud.join(',') : 'none'}`,
    `--auth ${config.auth}`,
    // Only AWS has a choice of infrastructure code, so the flag appears with the aws target.
    ...(config.cloud.includes('aws') ? [`--iac ${config.iac}`] : []),
  ];
  const simple = config.entities.every((e) =>
    !e.owned &&
    e.fields.every((f) => f.type !== 'enum' && !f.unique && !f.index && f.default === undefined && f.min === undefined && f.max === undefined && f.minLength === undefined && f.pattern === undefined && f.precision === undefined && (f.maxLength === undefined || f.maxLength === (f.type === 'url' ? 2048 : DEFAULT_STRING_MAX))) &&
    e.relations.every((r) => r.kind !== 'one-to-one' && r.onDelete === 'restrict'),
  );
  if (!simple) return [...flags, `--config ${quote(`${directory}/backend.yaml`)}`, '--yes'].join(' ');
  for (const e of config.entities) {
    const parts = [
      ...e.fields.map((f) => `${f.name}:${f.type}${f.required ? '!' : ''}`),
      ...e.relations.map((r) => `${r.name}:${r.to}${r.kind === 'many-to-many' ? '[]' : r.required ? '!' : ''}`),
    ];
    flags.push(`--entity ${quote(`${e.name}: ${parts.join(' ')}`)}`);
  }
  return [...flags, '--yes'].join(' ');
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
