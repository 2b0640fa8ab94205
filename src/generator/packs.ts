import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * A template pack: a folder with `pack.json` (name, version, conditions) and `files/`, whose tree mirrors the
 * generated project. Packs are layered: a later pack's file replaces an earlier pack's file at the same path.
 * `partials/*.hbs` are registered as Handlebars partials by file name (later packs replace them too).
 */
export interface PackManifest {
  readonly name: string;
  readonly version: string;
  /** glob → view-model path (or list, all must hold; a leading `!` negates) deciding whether files render. */
  readonly when?: Readonly<Record<string, string | readonly string[]>>;
}

export interface PackFile {
  /** Path inside `files/`, POSIX separators, as written by the pack author (`src/__entity_kebab__.ts.hbs`). */
  readonly source: string;
  readonly absolute: string;
  /** The file is executable in the pack (git and npm keep that bit), so the generated file is too. */
  readonly executable: boolean;
}

export interface Pack {
  readonly dir: string;
  readonly manifest: PackManifest;
  readonly files: readonly PackFile[];
  readonly partials: ReadonlyMap<string, string>;
}

export class PackError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'PackError';
  }
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  // A symlinked files/ or partials/ would pull in whatever it points at, outside the pack: refused like a
  // symlinked file inside it.
  if (lstatSync(root).isSymbolicLink()) throw new PackError(`template pack folder ${root} is a symbolic link`, 'packs must contain plain files only');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile()) out.push(abs);
      else if (entry.isSymbolicLink()) throw new PackError(`template pack file ${abs} is a symbolic link`, 'packs must contain plain files only');
    }
  };
  walk(root);
  return out;
}

export function loadPack(dir: string): Pack {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new PackError(`template pack ${dir} is not a folder`, 'pass a folder with pack.json and files/, or an installed npm package name');
  }
  const manifestPath = join(dir, 'pack.json');
  let manifest: PackManifest = { name: dir.split(sep).pop() ?? 'pack', version: '0.0.0' };
  if (existsSync(manifestPath)) {
    try {
      manifest = { ...manifest, ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<PackManifest>) };
    } catch (err) {
      throw new PackError(`${manifestPath} is not valid JSON: ${(err as Error).message}`, 'fix the JSON syntax of pack.json');
    }
  }
  const filesDir = join(dir, 'files');
  if (!existsSync(filesDir) && !existsSync(join(dir, 'partials'))) {
    throw new PackError(`template pack ${dir} has no files/ folder`, 'put the templates under files/, mirroring the project tree');
  }
  const files = listFiles(filesDir).map((absolute) => ({
    absolute,
    source: relative(filesDir, absolute).split(sep).join('/'),
    executable: (statSync(absolute).mode & 0o100) !== 0,
  }));
  for (const file of files) refuseGitPath(dir, file.source);
  const partials = new Map(
    listFiles(join(dir, 'partials'))
      .filter((p) => p.endsWith('.hbs'))
      .map((p) => [relative(join(dir, 'partials'), p).split(sep).join('/').replace(/\.hbs$/, ''), readFileSync(p, 'utf8')]),
  );
  return { dir, manifest, files, partials };
}

/**
 * A file under `.git/` (written `_git/` or `.git/` in a pack, any case, at any depth) would become git's own
 * config or hooks, which our `git init`/`git add` then run (`core.fsmonitor`, hooks) even with --no-install.
 */
function refuseGitPath(dir: string, source: string): void {
  if (source.split('/').some((segment) => /^[._]git$/i.test(segment))) {
    throw new PackError(
      `template pack ${dir} has files/${source}, which would be written into git's own .git folder`,
      'a pack cannot write .git/ (its config and hooks run commands); remove that file from the pack',
    );
  }
}

/** `**` matches across folders, `*` within one path segment. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
