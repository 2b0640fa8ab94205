import { generate, manifestFile, MANIFEST_PATH, type GenerateInput, type GenerateResult } from './generate.js';
import { formatTree } from './format.js';

/**
 * What a project gets, and what `update` compares against: the render, formatted by the stack's bundled
 * formatter when it declares one, with the manifest hashing the formatted files. `create` and both renders of
 * `update` (the new one and the base re-rendered from the manifest) go through here, so all three are formatted
 * alike. A project tool's formatter runs later, on the installed project (src/steps/format.ts).
 */
export function generateProject(input: GenerateInput): GenerateResult {
  const result = generate(input);
  const formatter = input.stack.formatter;
  if (formatter?.kind !== 'bundled') return result;
  formatTree(result.tree, formatter, result.origin);
  result.tree.set(MANIFEST_PATH, manifestFile(result.tree.entries(), input.packs, input.generatorVersion, input.config));
  return result;
}
