import { join, resolve } from 'node:path';
import { finish, withDefaults, type Answers } from '../../src/config/resolve.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { generate } from '../../src/generator/generate.js';
import { builtInPacks } from '../../src/generator/layers.js';
import { loadPack } from '../../src/generator/packs.js';
import type { VirtualTree } from '../../src/generator/tree.js';
import { loadStack } from '../../src/stacks/index.js';

/** Renders a project in memory from answers (defaults for the rest), for tests that read the generated text. */
export const ROOT = resolve(import.meta.dirname, '../..');

export function configOf(answers: Answers): ResolvedConfig {
  const { config, problems } = finish(withDefaults(answers), {}, {});
  if (!config || problems.length) throw new Error(`test model is invalid: ${JSON.stringify(problems)}`);
  return config;
}

export async function render(answers: Answers): Promise<VirtualTree> {
  const config = configOf(answers);
  const stack = await loadStack(config.stack);
  const packs = builtInPacks(stack, config).map((p) => loadPack(join(ROOT, 'templates', p)));
  return generate({ config, stack, packs, generatorVersion: '0.0.0-test' }).tree;
}
