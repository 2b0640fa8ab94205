import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { stringify } from 'yaml';
import type { ImportWarning } from './model.js';

export { ImportSyntaxError, type ImportWarning } from './model.js';

export { IMPORT_EXTENSIONS, isImportable } from './formats.js';

export interface Imported {
  readonly spec: Record<string, unknown>;
  readonly yaml: string;
  readonly warnings: readonly ImportWarning[];
}

/**
 * Reads a JHipster JDL file, a Prisma schema or SQL DDL into a spec. Each format's parser is imported only here, on demand,
 * so generation from a backend.yaml never loads them.
 */
export async function importModel(file: string, text = readFileSync(file, 'utf8')): Promise<Imported> {
  const ext = extname(file).toLowerCase();
  const builder =
    ext === '.prisma'
      ? (await import('./prisma.js')).importPrisma(text, file)
      : ext === '.jdl' || ext === '.jh'
        ? (await import('./jdl.js')).importJdl(text, file)
        : await (await import('./sql.js')).importSql(text, file);
  const spec = builder.spec(file);
  const warnings = [...builder.warnings].sort((a, b) => a.line - b.line);
  return { spec, warnings, yaml: stringify(spec, { lineWidth: 0 }) };
}
