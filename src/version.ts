import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root (holds package.json, templates/ and examples/), both from src/ and from dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
