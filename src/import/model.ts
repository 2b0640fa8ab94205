import { camelCase, kebabCase, pascalCase, singularize } from '../config/naming.js';

/** Something in the source model that has no equivalent in a backend.yaml, with the line it was written on. */
export interface ImportWarning {
  readonly line: number;
  readonly message: string;
}

/** A syntax error in the source file: reported like a spec problem, with line and column. */
export class ImportSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ImportSyntaxError';
  }
}

export type FieldOut = Record<string, unknown> & { type: string };
export type RelationOut = { kind: 'many-to-one' | 'one-to-one' | 'many-to-many'; to: string; required?: boolean; onDelete?: 'cascade' | 'set-null' };

/** The imported model as it will be written, entity by entity, in the source's order. */
export class ModelBuilder {
  readonly entities = new Map<string, { fields: Map<string, FieldOut>; relations: Map<string, RelationOut> }>();
  readonly warnings: ImportWarning[] = [];

  entity(name: string) {
    let e = this.entities.get(name);
    if (!e) this.entities.set(name, (e = { fields: new Map(), relations: new Map() }));
    return e;
  }

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  /** The spec object: shorthand for plain fields (`name: string!`), a mapping when there are options. */
  spec(file: string): Record<string, unknown> {
    const entities: Record<string, unknown> = {};
    for (const [name, e] of this.entities) {
      const fields: Record<string, unknown> = {};
      for (const [f, spec] of e.fields) {
        const keys = Object.keys(spec).filter((k) => k !== 'required');
        fields[f] = keys.length === 1 ? `${spec.type}${spec.required ? '!' : ''}` : spec;
      }
      const relations: Record<string, unknown> = {};
      for (const [r, spec] of e.relations) relations[r] = { ...spec };
      entities[name] = { fields, ...(e.relations.size ? { relations } : {}) };
    }
    return { name: kebabCase(baseName(file)) || 'imported', entities };
  }
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');
}

/** `order_items` → `OrderItem`: tables are plural snake_case, entities singular PascalCase. */
export const entityName = (table: string): string => pascalCase(singularize(table));
/** `first_name` → `firstName`. */
export const fieldName = (column: string): string => camelCase(column);

/** Columns every generated entity has already: `id`, `createdAt`, `updatedAt` (SPEC 3). */
export const isBuiltInColumn = (name: string): boolean => ['id', 'createdAt', 'updatedAt'].includes(camelCase(name));

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
