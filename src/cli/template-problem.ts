import { join, relative } from 'node:path';
import { problem, type Problem } from '../config/problems.js';
import { TemplateError } from '../generator/engine.js';
import { FormatError } from '../generator/format.js';
import { PACKAGE_ROOT } from '../version.js';

/**
 * A template that fails to render, or renders code the stack's formatter cannot parse, as the problem to report
 * (exit 2) when it comes from an in-house pack, the user's input; undefined for a built-in one, our bug.
 */
export function inHouseTemplateProblem(err: unknown): Problem | undefined {
  if (!(err instanceof TemplateError || err instanceof FormatError)) return undefined;
  const inHouse = err.packDir !== undefined && relative(join(PACKAGE_ROOT, 'templates'), err.packDir).startsWith('..');
  if (!inHouse) return undefined;
  return err instanceof FormatError
    ? problem('template-format', '--template', err.message, `fix the in-house template that renders ${err.path}: this stack formats its code with Biome, which must be able to parse it`)
    : problem('template-render', '--template', err.message, 'fix the template; the view model is documented in README.md');
}
