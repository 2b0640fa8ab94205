import type { DatabaseId, PackageManager, StackId } from '../config/options.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ViewModel } from '../model/view-model.js';
import type { ProjectFormatter } from '../generator/format.js';

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
  /** Stack-specific additions (type names per field, dependency versions…), available to templates as `lang`. */
  readonly extendView: (view: ViewModel) => Record<string, unknown>;
  /** The formatter the project checks itself with; the render is formatted with it before it is written. */
  readonly formatter?: ProjectFormatter;
  readonly commands: (ctx: StackContext) => ProjectCommands;
  /** The dependency install post-step, as one or more commands run in order in the project directory. */
  readonly installCommands: (ctx: StackContext) => readonly InstallCommand[];
}
