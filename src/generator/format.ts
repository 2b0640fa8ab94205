import { posix } from 'node:path';
import type { Pack } from './packs.js';
import type { VirtualTree } from './tree.js';

/**
 * A stack whose projects check their own formatting declares it here, and its render is formatted with that
 * tool before it is hashed and written: line breaks depend on name lengths, so templates alone cannot produce
 * formatter-clean code for every model, and a project whose `format:check` failed right after generation (or
 * whose formatter rewrote generated files, which `update` would then take for the user's edits) is not done.
 */
export interface ProjectFormatter {
  readonly tool: 'prettier';
  /**
   * The project's own prettier configuration, a path in the rendered tree. Its options are the ones used here,
   * so the project's `prettier --check .` agrees with the CLI; its `.prettierignore` must leave out every kind
   * of file prettier reads that is not JavaScript, TypeScript or JSON (only those parsers are loaded here).
   */
  readonly configFile: string;
  /** Paths (a file or a folder ending in `/`) the project's check ignores and that are not formatted here. */
  readonly ignore: readonly string[];
}

/** A rendered file that prettier cannot parse: the template (the pack) that produced it is broken. */
export class FormatError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
    /** The pack the file came from (its folder), to tell a broken in-house template from a bug of ours. */
    readonly packDir?: string,
  ) {
    super(`${path} does not parse, so it cannot be formatted: ${firstLine(cause)}`);
    this.name = 'FormatError';
  }
}

function firstLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!;
}

type Prettier = typeof import('prettier/standalone');
type Plugin = import('prettier').Plugin;
let loaded: Promise<{ prettier: Prettier; plugins: Plugin[]; extensions: Set<string>; filenames: Set<string> }> | undefined;

/**
 * Prettier's standalone build with the JavaScript, TypeScript and JSON parsers: loaded only when a stack that
 * formats is rendered (it is the largest part of such a run), and without prettier's config-file search, which
 * would read the disk; the options come from the rendered tree instead.
 */
function loadPrettier() {
  loaded ??= (async () => {
    const [prettier, babel, estree, typescript] = await Promise.all([
      import('prettier/standalone'),
      import('prettier/plugins/babel'),
      import('prettier/plugins/estree'),
      import('prettier/plugins/typescript'),
    ]);
    const plugins = [babel, estree, typescript] as Plugin[];
    // The files prettier's CLI would pick for these parsers, by extension or by exact name (`package.json`).
    const languages = plugins.flatMap((p) => p.languages ?? []);
    const extensions = new Set(languages.flatMap((l) => l.extensions ?? []));
    const filenames = new Set(languages.flatMap((l) => l.filenames ?? []));
    return { prettier, plugins, extensions, filenames };
  })();
  return loaded;
}

/**
 * Formats, in place, every file of the tree that prettier reads with the loaded parsers, with the options of the
 * tree's own configuration file. `origin` names the pack each path was rendered from, for errors.
 * Returns the paths it formatted.
 */
export async function formatTree(tree: VirtualTree, formatter: ProjectFormatter, origin: ReadonlyMap<string, Pack>): Promise<string[]> {
  const { prettier, plugins, extensions, filenames } = await loadPrettier();
  const options = projectOptions(tree, formatter.configFile, origin.get(formatter.configFile)?.dir);
  const formatted: string[] = [];
  for (const [path, content] of tree.entries()) {
    if (ignored(path, formatter.ignore)) continue;
    const name = posix.basename(path);
    const extension = posix.extname(name);
    if (!filenames.has(name) && !(extension && extensions.has(extension))) continue;
    let output: string;
    try {
      // `filepath` lets prettier infer the parser exactly as its CLI does (package.json is JSON.stringify-style).
      output = await prettier.format(content.toString('utf8'), { ...options, filepath: path, plugins });
    } catch (err) {
      throw new FormatError(path, err, origin.get(path)?.dir);
    }
    tree.set(path, output);
    formatted.push(path);
  }
  return formatted;
}

function ignored(path: string, ignore: readonly string[]): boolean {
  return ignore.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));
}

function projectOptions(tree: VirtualTree, configFile: string, packDir: string | undefined): Record<string, unknown> {
  const raw = tree.get(configFile);
  if (!raw) throw new FormatError(configFile, new Error('the stack formats its files with prettier, but the template packs render no prettier configuration there'), packDir);
  try {
    const options = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error('expected a JSON object of prettier options');
    // Per-path overrides would apply in the project's check but not here: refused rather than silently differing.
    if ('overrides' in options) throw new Error('"overrides" is not supported in the generated configuration; set the options for every file');
    return options as Record<string, unknown>;
  } catch (err) {
    throw new FormatError(configFile, err, packDir);
  }
}
