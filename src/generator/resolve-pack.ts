import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadPack, PackError, type Pack } from './packs.js';

/** `--template`: a folder, or an npm package installed where the CLI runs (resolved from the working directory). */
export function resolveTemplatePack(spec: string, cwd = process.cwd()): Pack {
  const asPath = resolve(cwd, spec);
  if (existsSync(asPath)) return loadPack(asPath);
  if (/^(\.|\/)/.test(spec)) throw new PackError(`template pack folder ${spec} does not exist`, 'pass an existing folder or an installed npm package name');
  let packageJson: string;
  try {
    packageJson = createRequire(join(cwd, 'noop.js')).resolve(`${spec}/package.json`);
  } catch {
    throw new PackError(`template pack "${spec}" is neither a folder nor an installed npm package`, `install it first (npm install -D ${spec}) or pass a folder path`);
  }
  return loadPack(dirname(packageJson));
}
