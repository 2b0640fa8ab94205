import { generate, manifestFile, MANIFEST_PATH, type GenerateInput, type GenerateResult } from './generate.js';
import { formatTree } from './format.js';

/**
 * What a project gets, and what `update` compares against: the render, formatted by the stack's formatter when
 * it declares one, with the manifest hashing the formatted files. `create` and both renders of `update` (the
 * new one and the base re-rendered from the manifest) go through here, so all three are formatted alike.
 */
export async function generateProject(input: GenerateInput): Promise<GenerateResult> {
  const result = generate(input);
  const formatter = input.stack.formatter;
  if (!formatter) return result;
  await formatTree(result.tree, formatter, result.origin);
  result.tree.set(MANIFEST_PATH, manifestFile(result.tree, input.packs, input.generatorVersion, input.config));
  return result;
}
