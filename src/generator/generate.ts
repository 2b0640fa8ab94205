import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ResolvedConfig } from '../config/types.js';
import type { StackDescriptor } from '../stacks/types.js';
import type { EntityView, ViewModel } from '../model/view-model.js';
import { prepareViewModel } from '../model/view-model.js';
import { compile, createEngine } from './engine.js';
import { globToRegExp, type Pack } from './packs.js';
import { VirtualTree, type FileMode } from './tree.js';
import { specObject, toSpecYaml } from '../model/spec-yaml.js';

/**
 * The pure generator: resolved config + template packs → in-memory tree. No disk writes, no network, no
 * prompts. Tests call it directly; `--dry-run` prints its file list; the writer flushes it.
 */
export interface GenerateInput {
  readonly config: ResolvedConfig;
  readonly stack: StackDescriptor;
  /** Built-in packs of the stack, then in-house packs, in layer order. */
  readonly packs: readonly Pack[];
  readonly generatorVersion: string;
}

export interface GenerateResult {
  readonly tree: VirtualTree;
  readonly view: ViewModel;
  /** The pack each rendered file came from (not backend.yaml and the manifest, which are ours). */
  readonly origin: ReadonlyMap<string, Pack>;
}

const ENTITY_TOKEN = /__entity_([a-zA-Z]+)__/g;
const HAS_ENTITY_TOKEN = /__entity_[a-zA-Z]+__/;
export const MANIFEST_PATH = '.create-backend/manifest.json';
/** The user's input: generated once, then read (and by `add` edited) but never rewritten by `update`. */
export const SPEC_PATH = 'backend.yaml';

export function generate({ config, stack, packs, generatorVersion }: GenerateInput): GenerateResult {
  const base = prepareViewModel(config, generatorVersion, stack.container);
  const view = { ...base, lang: stack.extendView(base) } as ViewModel & { lang: Record<string, unknown> };
  const engine = createEngine();
  /** What a per-entity template reads as `entity`: the shared view, with the stack's part as `entity.lang`. */
  const entityContext = (entity: EntityView): EntityView | (EntityView & { lang: Record<string, unknown> }) =>
    stack.extendEntityView ? { ...entity, lang: stack.extendEntityView(entity, view.lang) } : entity;
  // Partials are registered compiled: Handlebars would otherwise recompile a partial given as source text on
  // every render that uses it (its cache lives in one render's options), which dominated generation time.
  for (const pack of packs) {
    for (const [name, source] of pack.partials) engine.registerPartial(name, compile(engine, source, `${pack.manifest.name}:partials/${name}.hbs`, pack.dir));
  }

  // Later packs replace earlier files with the same source path, so resolve the layering before rendering.
  // Keyed by output path, so `src/app.ts` in an in-house pack replaces a built-in `src/app.ts.hbs`.
  const chosen = new Map<string, { pack: Pack; source: string; absolute: string; mode: FileMode }>();
  for (const pack of packs) {
    for (const file of pack.files) {
      const key = outputPath(file.source);
      // A file whose condition is false is simply absent from its layer; an earlier layer's file stays.
      if (appliesTo(pack, file.source, view)) chosen.set(key, { pack, source: file.source, absolute: file.absolute, mode: file.executable ? 0o755 : 0o644 });
    }
  }

  const tree = new VirtualTree();
  const origin = new Map<string, Pack>();
  for (const [, { pack, source, absolute, mode }] of [...chosen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const raw = readFileSync(absolute);
    const isTemplate = source.endsWith('.hbs');
    const render = isTemplate ? compile(engine, raw.toString('utf8'), `${pack.manifest.name}:${source}`, pack.dir) : null;
    const projectSource = projectPath(source, view.lang);
    const targets: Array<{ path: string; entity: EntityView | null }> = HAS_ENTITY_TOKEN.test(source)
      ? view.entities.map((entity) => ({ path: entityPath(projectSource, entity, view.lang), entity }))
      : [{ path: projectSource, entity: null }];
    for (const { path, entity } of targets) {
      const out = outputPath(path);
      tree.set(out, render ? render(entity ? { ...view, entity: entityContext(entity) } : view) : raw, mode);
      origin.set(out, pack);
    }
  }

  tree.set(SPEC_PATH, toSpecYaml(config));
  tree.set(MANIFEST_PATH, manifestFile(tree.entries(), packs, generatorVersion, config));
  return { tree, view, origin };
}

function appliesTo(pack: Pack, source: string, view: object): boolean {
  for (const [glob, condition] of Object.entries(pack.manifest.when ?? {})) {
    if (!globToRegExp(glob).test(source)) continue;
    const conditions = Array.isArray(condition) ? condition : [condition as string];
    if (!conditions.every((c) => evaluate(c, view))) return false;
  }
  return true;
}

/** `auth.jwt`, `!database.isSqlite`: a dotted path into the view model, truthy or not. */
export function evaluate(condition: string, view: object): boolean {
  const negate = condition.startsWith('!');
  const path = negate ? condition.slice(1) : condition;
  let value: unknown = view;
  for (const key of path.split('.')) value = value == null ? undefined : (value as Record<string, unknown>)[key];
  const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
  return negate ? !truthy : truthy;
}

/**
 * `__<token>__` where the stack's `lang.pathTokens` names it: a path that depends on the project, such as the
 * Java package directory (`src/main/java/__javaPackage__/` → `src/main/java/com/example/petclinic/`).
 */
function projectPath(source: string, lang: Record<string, unknown>): string {
  const tokens = lang.pathTokens as Record<string, string> | undefined;
  if (!tokens) return source;
  return source.replace(/__([a-zA-Z]+)__/g, (whole, name: string) => (Object.hasOwn(tokens, name) ? tokens[name]! : whole));
}

/**
 * `__entity_<form>__` is a form of the entity's name (`snake`, `kebab`…), or one the stack adds in
 * `lang.entityNames` (a Python module cannot be named `class`, so the python stack maps it).
 */
function entityPath(source: string, entity: EntityView, lang: Record<string, unknown>): string {
  const own = (lang.entityNames as Record<string, Record<string, string>> | undefined)?.[entity.name] ?? {};
  return source.replace(ENTITY_TOKEN, (_, form: string) => {
    const value = Object.hasOwn(own, form) ? own[form] : (entity.names as unknown as Record<string, string>)[form];
    if (typeof value !== 'string') throw new Error(`unknown entity name form __entity_${form}__ in ${source}`);
    return value;
  });
}

/** `.hbs` is stripped; a segment such as `_gitignore` or `_github` becomes a dotfile (packs cannot ship dotfiles to npm reliably). */
export function outputPath(source: string): string {
  return source
    .replace(/\.hbs$/, '')
    .split('/')
    .map((segment) => (/^_[a-zA-Z]/.test(segment) ? `.${segment.slice(1)}` : segment))
    .join('/');
}

/**
 * What was generated and from what: the resolved spec, CLI and pack versions (enough to render the same files
 * again, the base of a later `update`) and a hash per file (to check such a render, and to tell our files
 * from the user's edits). The manifest itself is not in `files`. The hashes are of the files as written: after a
 * stack's formatter ran, of its output (src/cli/create.ts, src/update/plan.ts).
 */
export function manifestFile(tree: Iterable<readonly [string, Buffer]>, packs: readonly Pack[], generatorVersion: string, config: ResolvedConfig): string {
  const files: Record<string, string> = {};
  const sorted = [...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // the order VirtualTree.paths() gives
  for (const [path, content] of sorted) if (path !== MANIFEST_PATH) files[path] = sha256(content);
  return (
    JSON.stringify(
      {
        generator: 'create-backend',
        version: generatorVersion,
        packs: packs.map((p) => ({ name: p.manifest.name, version: p.manifest.version })),
        spec: specObject(config),
        files,
      },
      null,
      2,
    ) + '\n'
  );
}

export const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

/** The files `update` manages: all we generate except backend.yaml, which is the user's from then on. */
export function generatedFiles(tree: VirtualTree): Map<string, Buffer> {
  return new Map(tree.entries().filter(([path]) => path !== SPEC_PATH));
}
