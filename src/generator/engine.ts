import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import runtime from 'handlebars/runtime.js';
import { COMPILE_OPTIONS, precompiledSpec } from './precompiled.js';
import { conditionBlock, recordBlock, wrapBlock } from './java-wrap.js';

// Rendering needs only the Handlebars runtime; the compiler (and its source-map dependency) is loaded only
// for a template that was not precompiled at build time, such as an in-house one. In the bundled CLI the
// compiler is a separate chunk that `loadCompiler()` imports before such templates are rendered; running
// from the sources (tests, scripts) it can also be required on first use, as a devDependency.
let compiler: typeof Handlebars | undefined;

export async function loadCompiler(): Promise<void> {
  compiler ??= (await import('handlebars')).default;
}

const compilerNow = (): typeof Handlebars => (compiler ??= createRequire(import.meta.url)('handlebars') as typeof Handlebars);

/**
 * Our own Handlebars instance: strict (a missing variable is an error, never an empty string), no HTML
 * escaping (we emit code), and a small, named set of helpers. Logic belongs in the view model, not here.
 */
export type Engine = typeof Handlebars;

export function createEngine(): Engine {
  const hbs = (runtime as unknown as typeof Handlebars).create();
  hbs.registerHelper('json', (value: unknown, options?: unknown) =>
    JSON.stringify(value, null, typeof options === 'number' ? options : undefined),
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('join', (list: unknown, sep: unknown) =>
    Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : '',
  );
  /** A string as a single-quoted TypeScript literal, as the generated code writes every other string. */
  hbs.registerHelper('quote', (value: unknown) => `'${JSON.stringify(String(value)).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`);
  /**
   * `{{#object}}a: 1, {{#if b}}b: 2, {{/if}}{{/object}}` renders `{ a: 1, b: 2 }`, or nothing when no entry was
   * rendered: an options argument written as a person would, without a trailing `, }` or an empty `{ }`.
   */
  hbs.registerHelper('object', function (this: unknown, options: Handlebars.HelperOptions) {
    const entries = options.fn(this).trim().replace(/,$/, '');
    return entries ? `{ ${entries} }` : '';
  });
  /** `{{#array}}'a', {{#if b}}'b', {{/if}}{{/array}}` renders `['a', 'b']`, or `[]`: the list form of `object`. */
  hbs.registerHelper('array', function (this: unknown, options: Handlebars.HelperOptions) {
    return `[${options.fn(this).trim().replace(/,$/, '')}]`;
  });
  /** `{{#wrap 4}}head(\n{{#each}}item\n{{/each}}tail{{/wrap}}`: one Java list laid out as palantir-java-format would (java-wrap.ts). */
  hbs.registerHelper('wrap', function (this: unknown, n: number, options: Handlebars.HelperOptions) {
    return wrapBlock(n, options.fn(this));
  });
  /** `{{#record 0}}public record R(\n{{#each}}component\n{{/each}}) {{/record}}`: a record header as palantir lays it out. */
  hbs.registerHelper('record', function (this: unknown, n: number, options: Handlebars.HelperOptions) {
    return recordBlock(n, options.fn(this));
  });
  /** `{{#condition 8}}if (\na\nb\n) {{{/condition}}`: `a && b`, broken before each `&&` when too long (java-wrap.ts). */
  hbs.registerHelper('condition', function (this: unknown, n: number, options: Handlebars.HelperOptions) {
    return conditionBlock(n, options.fn(this));
  });
  /** Indents every non-empty line of the block by `n` spaces (for nesting generated code). */
  hbs.registerHelper('indent', function (this: unknown, n: number, options: Handlebars.HelperOptions) {
    const pad = ' '.repeat(n);
    return options.fn(this).replace(/^(?=.)/gm, pad);
  });
  return hbs;
}

export class TemplateError extends Error {
  constructor(
    readonly template: string,
    cause: unknown,
    /** The pack folder the template came from: tells a broken in-house template from a bug of ours. */
    readonly packDir?: string,
    source?: string,
  ) {
    super(`template ${template}${describeCause(cause, source)}`);
    this.name = 'TemplateError';
  }
}

/**
 * Strict mode reports a missing variable as `"nmae" not defined in [object Object] - 2:2` (the object it looked
 * in, stringified): name the line and the expression as written in the template instead.
 */
function describeCause(cause: unknown, source: string | undefined): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const missing = /^"([^"]+)" not defined in [\s\S]* - (\d+):(\d+)$/.exec(message);
  if (!missing) return `: ${message}`;
  const [, name, line, column] = missing;
  const written = source?.split('\n')[Number(line) - 1]?.slice(Number(column)).match(/^[\w@./-]+/)?.[0];
  const expression = written && written !== name ? ` (in {{${written}}})` : '';
  return `, line ${line}: unknown variable "${name}"${expression}`;
}

/**
 * Templates that were not precompiled at build time, compiled once per process and text: running from the
 * sources (tests, scripts) every render would otherwise parse every template again, several hundred
 * milliseconds a project. A compiled specification is shared between engines, as the precompiled ones are.
 */
const runTimeSpecs = new Map<string, object>();

function compiledAtRunTime(source: string): object {
  let spec = runTimeSpecs.get(source);
  if (spec === undefined) {
    spec = new Function(`return ${compilerNow().precompile(source, { ...COMPILE_OPTIONS })}`)() as object;
    runTimeSpecs.set(source, spec);
  }
  return spec;
}

/**
 * The render function of one template. Handlebars calls a registered partial with its runtime options (the
 * caller's helpers, partials and data); they must reach the template, or every partial call sets up a fresh
 * root render (helpers re-wrapped, access control rebuilt), which was a large share of rendering time.
 */
export function compile(engine: Engine, source: string, template: string, packDir?: string): (context: unknown, options?: Handlebars.RuntimeOptions) => string {
  let fn: Handlebars.TemplateDelegate;
  try {
    const spec = precompiledSpec(source, packDir) ?? compiledAtRunTime(source);
    fn = engine.template(spec as Parameters<Engine['template']>[0]);
  } catch (err) {
    throw new TemplateError(template, err, packDir, source);
  }
  return (context, options) => {
    try {
      return fn(context, options);
    } catch (err) {
      throw new TemplateError(template, err, packDir, source);
    }
  };
}
