import type { DatabaseId, PackageManager, StackId } from '../config/options.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ContainerRuntime } from '../model/deployment.js';
import type { EntityView, ViewModel } from '../model/view-model.js';

/** The exact shell commands, run from the project root, that a user (or CI) runs on the generated project. */
export interface ProjectCommands {
  readonly install: string;
  readonly migrate: string;
  readonly start: string;
  readonly test: string;
  readonly build?: string;
  /** Static checks that must pass with zero findings (linter, formatter check, type checker). */
  readonly lint?: string;
}

/** One command of the install post-step. `file` must exist on PATH (checked before running). */
export interface InstallCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** How to install the tool when it is missing, shown with exit code 3. */
  readonly missingHint: string;
}

export interface StackContext {
  readonly config: ResolvedConfig;
  readonly packageManager: PackageManager;
}

/**
 * All a stack adds to the core: its template packs, the databases it supports, its view-model additions,
 * and how its projects are installed and run. Adding a stack means adding one of these plus templates.
 */
export interface StackDescriptor {
  readonly id: StackId;
  readonly label: string;
  /** Databases this stack generates for; others are rejected by the `stack-supports-database` rule. */
  readonly databases: readonly DatabaseId[];
  /** Template pack folders under `templates/`, in layer order (later layers replace earlier files). */
  readonly packs: readonly string[];
  /**
   * Packs layered over `packs` for one database, where its data layer differs throughout (MongoDB's collections
   * and documents instead of SQL tables): they replace the files that differ and add their own.
   */
  readonly databasePacks?: Readonly<Partial<Record<DatabaseId, readonly string[]>>>;
  /** Stack-specific additions (type names per field, dependency versions…), available to templates as `lang`. */
  readonly extendView: (view: ViewModel) => Record<string, unknown>;
  /**
   * The stack's own part of one entity (its type names, code lines, test values), which a per-entity template
   * (`__entity_<form>__` path) reads as `entity.lang`, as every template reads the stack's part of the whole
   * view as `lang`; `lang` here is what `extendView` returned. `entity` itself stays the shared view on every
   * stack, so an in-house pack's entity templates work on all of them. Node and go need no part of their own.
   */
  readonly extendEntityView?: (entity: EntityView, lang: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  readonly commands: (ctx: StackContext) => ProjectCommands;
  /** How the stack's image starts and migrates in a container: the Dockerfile, compose and every cloud target read it. */
  readonly container: ContainerRuntime;
  /** The dependency install post-step, as one or more commands run in order in the project directory. */
  readonly installCommands: (ctx: StackContext) => readonly InstallCommand[];
  /**
   * The formatter the project checks itself with. Line breaks depend on name lengths, so templates alone cannot
   * produce formatter-clean code for every model; a project whose format check failed right after generation (or
   * whose formatter rewrote generated files, which `update` would then take for the user's edits) is not done.
   */
  readonly formatter?: ProjectFormatter;
  /** Whether the generated server reads a `.env` file at start (so local setup is a copy of `.env.example`). */
  readonly readsDotEnv: boolean;
}

/**
 * Either kind formats the files `formats` selects, in a scratch folder holding those and the ones it `needs`:
 * - `bundled`: a formatter the CLI ships (Biome's native binary, a dependency of the CLI). It runs on the render
 *   in memory before anything is written (also with --no-install), and the manifest hashes its output; a file it
 *   cannot parse is a broken template.
 * - `project`: the project's own tool (palantir-java-format through Maven), which exists only after the install:
 *   create runs it then and records the formatted files as the base of `update`; `update` formats its new render
 *   the same way before merging, so formatting is never a difference between the base, the user's tree and the render.
 */
export type ProjectFormatter = BundledFormatter | ProjectToolFormatter;

interface FormatterFiles {
  /** Files the formatter may rewrite. */
  readonly formats: (path: string) => boolean;
  /** Files the formatter needs besides those it formats (its configuration, build file, wrapper). */
  readonly needs: (path: string) => boolean;
}

export interface BundledFormatter extends FormatterFiles {
  readonly kind: 'bundled';
  readonly tool: 'biome';
}

export interface ProjectToolFormatter extends FormatterFiles {
  readonly kind: 'project';
  /** Run in the project directory (or a scratch copy), installed dependencies first. */
  readonly command: InstallCommand;
  /** The same command working only from local caches, tried first by `update` (fast, and no network needed). */
  readonly offlineArgs: readonly string[];
}
