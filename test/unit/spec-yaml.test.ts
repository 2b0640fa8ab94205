import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { finish, withDefaults } from '../../src/config/resolve.js';
import { expandEntities } from '../../src/config/normalize.js';
import { toSpecYaml } from '../../src/model/spec-yaml.js';
import type { ResolvedConfig } from '../../src/config/types.js';

/** The backend.yaml written into a project must itself be a valid spec that regenerates the same project. */
const MODEL = { Pet: { fields: { name: 'string!', kind: { type: 'enum' as const, values: ['cat', 'dog'] } } } };

function resolved(cloud: ResolvedConfig['cloud']): ResolvedConfig {
  const { config, problems } = finish(withDefaults({ name: 'pets', stack: 'node', database: cloud.length ? 'postgres' : 'sqlite', cloud, auth: 'none', entities: MODEL }), {}, {});
  expect(problems).toEqual([]);
  return config!;
}

describe('backend.yaml written into a project', () => {
  it('records iac only with the aws target it describes', () => {
    expect(parse(toSpecYaml(resolved([])))).not.toHaveProperty('iac');
    expect(parse(toSpecYaml(resolved(['gcp'])))).not.toHaveProperty('iac');
    expect(parse(toSpecYaml(resolved(['aws'])))).toHaveProperty('iac', 'terraform');
  });

  it('puts no maxLength on an enum, which the rules would refuse on the next run', () => {
    const spec = parse(toSpecYaml(resolved([]))) as { entities: Record<string, { fields: Record<string, Record<string, unknown>> }> };
    expect(spec.entities.Pet.fields.kind).toEqual({ type: 'enum', values: ['cat', 'dog'] });
    expect(spec.entities.Pet.fields.name).toMatchObject({ type: 'string', required: true, maxLength: 255 });
    expect(expandEntities(spec.entities as never).problems).toEqual([]);
  });

  it('reads back as a spec with no problems', () => {
    const spec = parse(toSpecYaml(resolved(['aws']))) as Record<string, never>;
    expect(finish(withDefaults({ ...spec, cloud: ['aws'] }), {}, {}).problems).toEqual([]);
  });
});
