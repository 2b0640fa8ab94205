import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/**
 * Built-in templates precompiled at build time (scripts/precompile-templates.mjs writes one CommonJS module per
 * pack, dist/precompiled/<pack>.cjs). Parsing and code generation were most of a run's time; a precompiled
 * template is code that Node's compile cache keeps. Entries are keyed by a hash of the template text and the
 * compile options, so an edited, in-house or unknown template simply compiles at run time as before.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

type Specs = Record<string, object>;
const byPack = new Map<string, Specs>();
const require = createRequire(import.meta.url);
const TEMPLATES = join(PACKAGE_ROOT, 'templates');

export function templateKey(source: string): string {
  return createHash('sha256').update(JSON.stringify(COMPILE_OPTIONS)).update('\0').update(source).digest('hex');
}

/** The precompiled specification of this exact template text from a built-in pack, or undefined. */
export function precompiledSpec(source: string, packDir: string | undefined): object | undefined {
  if (packDir === undefined) return undefined;
  const pack = relative(TEMPLATES, packDir);
  if (pack === '' || pack.startsWith('..') || isAbsolute(pack)) return undefined; // not a built-in pack
  let specs = byPack.get(pack);
  if (specs === undefined) {
    try {
      specs = require(`../precompiled/${pack.split(sep).join('/')}.cjs`) as Specs;
    } catch {
      specs = {}; // running from the sources (tests), or a pack added after the build
    }
    byPack.set(pack, specs);
  }
  return specs[templateKey(source)];
}
