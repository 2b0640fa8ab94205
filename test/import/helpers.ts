import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { importModel } from '../../src/import/index.js';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/import');

type Entities = Record<string, { fields: Record<string, unknown>; relations?: Record<string, unknown> }>;

/** Imports a fixture (or inline text named like a file) and returns its entities, warnings and YAML. */
export async function imported(file: string, text?: string) {
  const path = join(FIXTURES, file);
  const result = await importModel(path, text ?? readFileSync(path, 'utf8'));
  // The YAML is what users get: it must read back to the same spec.
  const spec = parse(result.yaml) as { name: string; entities: Entities };
  return { spec, entities: spec.entities, warnings: result.warnings, yaml: result.yaml };
}

/** The warning at a line, for "each warning with its line" assertions. */
export const warningAt = (warnings: ReadonlyArray<{ line: number; message: string }>, line: number) => warnings.filter((w) => w.line === line).map((w) => w.message);
