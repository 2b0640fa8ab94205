import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (holds package.json, templates/ and examples/): the nearest folder above this module with a
 * package.json. Found rather than fixed, because this module runs at different depths: src/version.ts in
 * tests, and inlined into the bundle dist/cli/main.js in the built CLI.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`create-backend: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return `${dir}/`;
}

export const PACKAGE_ROOT = packageRoot();

export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
