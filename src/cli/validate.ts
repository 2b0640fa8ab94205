import { finish, gather, withDefaults } from '../config/resolve.js';
import { specObject } from '../model/spec-yaml.js';
import { Output } from './output.js';

/** `create-backend validate <file>`: every problem of a spec at once; exit 0 or 2. Writes nothing. */
export function runValidate(file: string, json: boolean): number {
  const out = new Output(json);
  const gathered = gather({ config: file });
  const problems = [...gathered.problems];
  // A spec is validated as it would generate: open choices take their defaults. Rules run even when the file
  // had structural problems, on the parts that were valid, so one run reports everything.
  if (!problems.some((p) => p.rule === 'spec-syntax' || p.rule === 'config-file')) {
    const { config, problems: ruleProblems } = finish(withDefaults(gathered.partial), gathered, {});
    problems.push(...ruleProblems);
    if (config && !problems.length) {
      out.result({ ok: true, file, config: specObject(config) });
      out.info(`✔ ${file} is valid: ${config.entities.length} entities, stack ${config.stack}, database ${config.database}`);
      return 0;
    }
  }
  out.problems(problems, 2, false);
  return 2;
}
