import { basename, resolve as resolvePath } from 'node:path';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { AUTHS, CLOUDS, DATABASES, DEFAULTS, IACS, PACKAGE_MANAGERS, STACKS, offered, type AuthId, type CloudId, type DatabaseId, type IacId, type PackageManager, type StackId } from './options.js';
import type { EntitySpec, ResolvedConfig } from './types.js';
import type { SpecInput } from './input-schema.js';
import { checkStructure } from './structure.js';
import { expandEntities, parseEntityFlag } from './normalize.js';
import { checkRules } from './rules.js';
import { didYouMean, problem, type Problem } from './problems.js';
import { parseSpecBytes, type SpecSource } from './spec-source.js';
import { kebabCase } from './naming.js';
import { defaultJavaPackage } from './java-package.js';

/**
 * Turns flags, an optional spec file and (when interactive) prompt answers into one ResolvedConfig, or the
 * complete list of problems. Precedence: flags, then the spec file, then answers, then defaults (--yes, or a
 * spec file, which is a complete answer by itself).
 */
export interface CliInput {
  readonly directory?: string;
  readonly config?: string;
  readonly stack?: string;
  readonly database?: string;
  readonly cloud?: string;
  readonly auth?: string;
  readonly iac?: string;
  readonly entity?: readonly string[];
  readonly packageManager?: string;
  readonly yes?: boolean;
  /** The spec text when it does not come from reading `config` as YAML (a model imported from Prisma or SQL). */
  readonly configText?: string;
}

/** Answers the prompts may supply for whatever flags and the spec file left open. */
export interface Answers {
  name?: string;
  stack?: StackId;
  database?: DatabaseId;
  cloud?: CloudId[];
  auth?: AuthId;
  iac?: IacId;
  entities?: NonNullable<SpecInput['entities']>;
  /** `java.package` of the spec file; never prompted for (the default follows the project name). */
  javaPackage?: string;
}

export interface Gathered {
  /** What flags and the spec file say, before prompts and defaults. */
  readonly partial: Answers;
  readonly source?: SpecSource;
  readonly problems: Problem[];
}

const EXAMPLE_ENTITIES: NonNullable<SpecInput['entities']> = {
  Item: {
    fields: {
      name: { type: 'string', required: true, maxLength: 120 },
      description: 'text',
      quantity: { type: 'integer', min: 0, default: 0 },
      price: { type: 'decimal', precision: 10, scale: 2, min: 0 },
      active: { type: 'boolean', default: true },
    },
  },
};

function choice<T extends string>(flag: string, value: string | undefined, options: readonly T[], problems: Problem[]): T | undefined {
  if (value === undefined) return undefined;
  if ((options as readonly string[]).includes(value)) return value as T;
  problems.push(problem('flag-valid-option', flag, `"${value}" is not a valid value for ${flag}`, didYouMean(value, offered(options))));
  return undefined;
}

function parseCloud(value: string | readonly string[] | undefined, path: string, problems: Problem[]): CloudId[] | undefined {
  if (value === undefined) return undefined;
  const list = (typeof value === 'string' ? value.split(',') : [...value]).map((s) => s.trim()).filter(Boolean);
  const out: CloudId[] = [];
  for (const item of list) {
    const c = choice(path, item, CLOUDS, problems);
    if (c) out.push(c);
  }
  if (out.includes('none') && out.length > 1) problems.push(problem('cloud-none-exclusive', path, '"none" cannot be combined with other cloud targets', 'pass either none or a list of targets'));
  return [...new Set(out.filter((c) => c !== 'none'))];
}

/** Reads flags and the spec file. Reports every problem; never prompts. */
export function gather(input: CliInput): Gathered {
  const problems: Problem[] = [];
  let spec: SpecInput = {};
  let source: SpecSource | undefined;
  if (input.config !== undefined) {
    const file = resolvePath(input.config);
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push(problem('config-file', '--config', `spec file ${input.config} does not exist`, 'pass the path of a backend.yaml or .json file'));
    } else {
      const parsed = parseSpecBytes(input.configText !== undefined ? Buffer.from(input.configText, 'utf8') : readFileSync(file), input.config);
      problems.push(...parsed.problems);
      if (parsed.source) {
        source = parsed.source;
        const checked = checkStructure(parsed.source.data);
        problems.push(...checked.problems.map((p) => locate(p, parsed.source!)));
        spec = checked.spec ?? {};
      }
    }
  }

  const entities = { ...(spec.entities ?? {}) };
  (input.entity ?? []).forEach((text, i) => {
    const parsed = parseEntityFlag(text, i);
    problems.push(...parsed.problems);
    if (parsed.name && parsed.entity) {
      if (entities[parsed.name]) problems.push(problem('entity-duplicate', `--entity[${i}]`, `entity ${parsed.name} is defined twice`, 'define each entity once, in the spec file or with --entity'));
      entities[parsed.name] = parsed.entity;
    }
  });
  if (input.packageManager !== undefined) choice('--package-manager', input.packageManager, PACKAGE_MANAGERS, problems);

  const dirName = input.directory ? kebabCase(basename(resolvePath(input.directory))) : undefined;
  const partial: Answers = {
    name: spec.name ?? dirName,
    stack: choice('--stack', input.stack, STACKS, problems) ?? spec.stack,
    database: choice('--database', input.database, DATABASES, problems) ?? spec.database,
    cloud: parseCloud(input.cloud, '--cloud', problems) ?? parseCloud(spec.cloud as string | string[] | undefined, 'cloud', problems),
    auth: choice('--auth', input.auth, AUTHS, problems) ?? spec.auth,
    iac: choice('--iac', input.iac, IACS, problems) ?? spec.iac,
    // An explicit `entities:` in the file is an answer even when empty (the entities-required rule reports it).
    entities: spec.entities !== undefined || Object.keys(entities).length ? entities : undefined,
    javaPackage: spec.java?.package,
  };
  if (input.auth === undefined && spec.auth === undefined && Object.values(entities).some((e) => e.owned)) partial.auth = 'jwt';
  return { partial, source, problems };
}

/**
 * Names of the answers still missing, each with the flag that would supply it. Cloud and auth are opt-in
 * features: without a flag they are "none" rather than a missing answer (interactive mode still asks).
 */
export function missingAnswers(a: Answers, interactive = false): Array<{ key: keyof Answers; flag: string }> {
  const out: Array<{ key: keyof Answers; flag: string }> = [];
  if (!a.name) out.push({ key: 'name', flag: 'a directory argument' });
  if (!a.stack) out.push({ key: 'stack', flag: '--stack' });
  if (!a.database) out.push({ key: 'database', flag: '--database' });
  if (!a.entities) out.push({ key: 'entities', flag: '--entity or --config' });
  if (interactive && !a.cloud) out.push({ key: 'cloud', flag: '--cloud' });
  if (interactive && !a.auth) out.push({ key: 'auth', flag: '--auth' });
  // Only AWS has a choice of infrastructure code; without a flag it is Terraform, like every other target.
  if (interactive && !a.iac && (!a.cloud || a.cloud.includes('aws'))) out.push({ key: 'iac', flag: '--iac' });
  return out;
}

/** Fills what is still open with the documented defaults (SPEC 2: `--yes`). */
export function withDefaults(a: Answers): Answers {
  return {
    name: a.name ?? 'my-backend',
    stack: a.stack ?? DEFAULTS.stack,
    database: a.database ?? DEFAULTS.database,
    cloud: a.cloud ?? [...DEFAULTS.cloud],
    auth: a.auth ?? DEFAULTS.auth,
    iac: a.iac ?? DEFAULTS.iac,
    entities: a.entities ?? EXAMPLE_ENTITIES,
    javaPackage: a.javaPackage,
  };
}

/** A spec that could not be read at all: its rules would only report what the syntax error already explains. */
const unreadable = (problems: readonly Problem[]) => problems.some((p) => p.rule === 'spec-syntax' || p.rule === 'config-file');

/**
 * The one resolution policy of `create` and `validate`: the gathered input with the answers (by default, the
 * documented defaults for whatever is open) becomes the config, or every problem at once: those of reading the
 * flags and the file, plus the rules run on its valid parts, so one run lists everything to fix. Cloud and
 * auth are opt-in features: left open, they are none.
 */
export function resolveConfig(gathered: Gathered, flags: CliInput, answers: Answers = withDefaults(gathered.partial)): { config?: ResolvedConfig; problems: Problem[] } {
  if (unreadable(gathered.problems)) return { problems: gathered.problems };
  const result = finish({ ...answers, cloud: answers.cloud ?? [...DEFAULTS.cloud], auth: answers.auth ?? DEFAULTS.auth }, gathered, flags);
  const problems = [...gathered.problems, ...result.problems];
  return problems.length ? { problems } : result;
}

/** Builds and checks the final config from complete answers. */
export function finish(a: Answers, gathered: Pick<Gathered, 'source'>, flags: CliInput): { config?: ResolvedConfig; problems: Problem[] } {
  const expanded = expandEntities(a.entities ?? {});
  const config: ResolvedConfig = deepFreeze({
    name: a.name!,
    stack: a.stack!,
    database: a.database!,
    cloud: a.cloud ?? [],
    auth: a.auth!,
    iac: a.iac ?? DEFAULTS.iac,
    entities: expanded.entities as EntitySpec[],
    ...(a.stack === 'java' ? { java: { package: a.javaPackage ?? defaultJavaPackage(a.name!) } } : {}),
  });
  const problems = [...expanded.problems, ...checkRules(config)].map((p) => {
    // Problems about a choice made by a flag are reported against the flag, not the spec file.
    const flag = ({ stack: flags.stack && '--stack', database: flags.database && '--database', cloud: flags.cloud && '--cloud', auth: flags.auth && '--auth', iac: flags.iac && '--iac' } as Record<string, string | undefined>)[p.path];
    if (flag) return { ...p, path: flag };
    if (p.path === 'name' && !gathered.source?.locate(['name'])) return { ...p, path: flags.directory ? 'directory' : 'name' };
    return gathered.source ? locate(p, gathered.source) : p;
  });
  return problems.length ? { problems } : { config, problems };
}

function locate(p: Problem, source: SpecSource): Problem {
  if (p.line !== undefined || p.path.startsWith('--') || p.path === '') return p.file || p.path.startsWith('--') ? p : { ...p, file: source.file };
  const pos = source.locate(p.path.split('.'), p.rule === 'spec-known-keys');
  return pos ? { ...p, file: source.file, line: pos.line, column: pos.column } : { ...p, file: source.file };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
