import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Built-in templates precompiled at build time (scripts/precompile-templates.mjs writes
 * dist/precompiled-templates.json). Parsing and code generation were most of a run's time; a precompiled
 * template only needs V8 to read its function. Entries are keyed by a hash of the template text and the
 * compile options, so an edited, in-house or unknown template simply compiles at run time as before.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

let specs: Record<string, string> | undefined;

export function templateKey(source: string): string {
  return createHash('sha256').update(JSON.stringify(COMPILE_OPTIONS)).update('\0').update(source).digest('hex');
}

/** The precompiled specification of this exact template text, or undefined. */
export function precompiledSpec(source: string): object | undefined {
  if (specs === undefined) {
    try {
      specs = JSON.parse(readFileSync(new URL('../precompiled-templates.json', import.meta.url), 'utf8')) as Record<string, string>;
    } catch {
      specs = {};
    }
  }
  const spec = specs[templateKey(source)];
  // The spec is JavaScript produced by Handlebars.precompile from our own templates at build time.
  return spec === undefined ? undefined : (new Function(`return ${spec}`)() as object);
}
