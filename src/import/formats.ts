import { extname } from 'node:path';

export type { ImportWarning } from './model.js';

/** File extensions `import` and `--config` read as a foreign model instead of a backend.yaml. */
export const IMPORT_EXTENSIONS = ['.jdl', '.jh', '.prisma', '.sql', '.ddl'] as const;

export const isImportable = (file: string): boolean => (IMPORT_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());
