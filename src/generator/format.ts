import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { BundledFormatter } from '../stacks/types.js';
import { withScratch } from '../steps/format.js';
import type { Pack } from './packs.js';
import type { VirtualTree } from './tree.js';

/** A rendered file the bundled formatter cannot parse: the template (the pack) that produced it is broken. */
export class FormatError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    /** The pack the file came from (its folder), to tell a broken in-house template from a bug of ours. */
    readonly packDir?: string,
  ) {
    super(`${path} does not parse, so it cannot be formatted: ${reason}`);
    this.name = 'FormatError';
  }
}

/** Biome's native binary for this platform, one of the optional dependencies of the `@biomejs/biome` package. */
const BIOME_BINARIES: Readonly<Record<string, readonly string[]>> = {
  'linux-x64': ['@biomejs/cli-linux-x64/biome', '@biomejs/cli-linux-x64-musl/biome'],
  'linux-arm64': ['@biomejs/cli-linux-arm64/biome', '@biomejs/cli-linux-arm64-musl/biome'],
  'darwin-x64': ['@biomejs/cli-darwin-x64/biome'],
  'darwin-arm64': ['@biomejs/cli-darwin-arm64/biome'],
  'win32-x64': ['@biomejs/cli-win32-x64/biome.exe'],
  'win32-arm64': ['@biomejs/cli-win32-arm64/biome.exe'],
};

let biomeBinary: string | undefined;

/**
 * The binary of the CLI's own `@biomejs/biome` dependency (never one on the user's PATH, whose version may
 * format differently from the one the project pins), called directly rather than through the package's Node
 * launcher, which would cost a second Node start. npm installs only the package matching the platform and libc,
 * so the first that resolves is the one.
 */
export function resolveBiome(): string {
  if (biomeBinary) return biomeBinary;
  const fromBiome = createRequire(createRequire(import.meta.url).resolve('@biomejs/biome/package.json'));
  for (const candidate of BIOME_BINARIES[`${process.platform}-${process.arch}`] ?? []) {
    try {
      return (biomeBinary = fromBiome.resolve(candidate));
    } catch {
      // not installed for this libc: try the next
    }
  }
  throw new Error(`no Biome binary for ${process.platform}-${process.arch} next to ${dirname(fromBiome.resolve('./package.json'))}: reinstall create-backend with optional dependencies enabled`);
}

interface BiomeReport {
  readonly diagnostics?: readonly { severity: string; message: string; category?: string; location?: { path?: string } }[];
}

/**
 * Formats, in place, the files of the tree the formatter selects, with the project's own configuration (the
 * files it `needs`), by one run of Biome's native CLI in a scratch folder: its `files.includes` decides, exactly
 * as in the project's `biome format .`. `origin` names the pack each path was rendered from, for errors.
 */
export function formatTree(tree: VirtualTree, formatter: BundledFormatter, origin: ReadonlyMap<string, Pack>): void {
  const files = new Map(tree.entries());
  const formatted = withScratch(files, formatter, (dir) => {
    const r = spawnSync(resolveBiome(), ['format', '--write', '--reporter=json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    if (r.status === 0) return;
    const report = parseReport(r.stdout);
    const broken = report?.diagnostics?.find((d) => d.severity === 'error' && d.location?.path);
    if (broken) throw new FormatError(broken.location!.path!, broken.message, origin.get(broken.location!.path!)?.dir);
    throw new Error(`biome format failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n').slice(0, 5).join('\n')}`);
  });
  for (const [path, content] of formatted) if (!content.equals(files.get(path)!)) tree.set(path, content, tree.mode(path));
}

function parseReport(stdout: string): BiomeReport | undefined {
  try {
    return JSON.parse(stdout) as BiomeReport;
  } catch {
    return undefined;
  }
}
