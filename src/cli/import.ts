import { existsSync, statSync, writeFileSync } from 'node:fs';
import { problem } from '../config/problems.js';
import { ImportSyntaxError, IMPORT_EXTENSIONS, importModel, isImportable } from '../import/index.js';
import { Output } from './output.js';

/**
 * `create-backend import <file> [-o FILE]`: a JHipster JDL file, a Prisma schema or SQL DDL as a backend.yaml, on stdout or in a
 * file. What has no equivalent is listed as a warning with its line (on stderr, or in the JSON result).
 */
export async function runImport(file: string, options: { output?: string; json?: boolean }): Promise<number> {
  const out = new Output(Boolean(options.json));
  if (!isImportable(file)) {
    out.problems([problem('import-format', 'file', `${file} is not a model create-backend can import`, `pass a file ending in ${IMPORT_EXTENSIONS.join(', ')}`)], 2);
    return 2;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    out.problems([problem('import-file', 'file', `${file} does not exist`, 'pass the path of the model to import')], 2);
    return 2;
  }
  try {
    const imported = await importModel(file);
    if (options.output) writeFileSync(options.output, imported.yaml);
    else if (!options.json) process.stdout.write(imported.yaml);
    out.result({ ok: true, file, ...(options.output ? { output: options.output } : {}), spec: imported.spec, warnings: imported.warnings });
    for (const w of imported.warnings) out.error(`⚠ ${file}:${w.line}  ${w.message}`);
    if (options.output) out.info(`✔ wrote ${options.output}: ${Object.keys(imported.spec.entities as object).length} entities, ${imported.warnings.length} warnings`);
    return 0;
  } catch (err) {
    if (!(err instanceof ImportSyntaxError)) throw err;
    out.problems([{ rule: 'import-syntax', path: '', message: err.message, hint: 'fix the model at that line, or import a file the source tool accepts', file, line: err.line, column: err.column }], 2);
    return 2;
  }
}
