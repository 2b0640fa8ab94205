import { gather, resolveConfig } from '../config/resolve.js';
import { specObject } from '../model/spec-yaml.js';
import { Output } from './output.js';

/**
 * `create-backend validate <file>`: every problem of a spec at once; exit 0 or 2. Writes nothing. A spec is
 * validated as `create --config` would generate it (the same resolution, open choices at their defaults).
 */
export function runValidate(file: string, json: boolean): number {
  const out = new Output(json);
  const { config, problems } = resolveConfig(gather({ config: file }), {});
  if (config) {
    out.result({ ok: true, file, config: specObject(config) });
    out.info(`✔ ${file} is valid: ${config.entities.length} entities, stack ${config.stack}, database ${config.database}`);
    return 0;
  }
  out.problems(problems, 2, false);
  return 2;
}
