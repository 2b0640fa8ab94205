import type { FieldView } from '../../model/view-model.js';
import { JAVA_MONGODB_TAKEN_CLASSES, JAVA_TAKEN_CLASSES } from './names.js';
import { javaString } from './syntax.js';

/**
 * An enum field's Java type: an `enum` nested in its entity class (`Product.Status`), whose constants carry the
 * model's values as their wire names (`DRAFT("draft")`). The wire name is what the API reads and writes
 * (`@JsonValue`), what the database stores (the entity's converter) and what the OpenAPI document lists; the
 * constant is only the Java spelling, so any value SPEC 3 allows (`class`, `null`, `None` beside `none`) works.
 */

/**
 * Simple names a nested enum must not take: inside the entity class it would hide java.lang, the imports of the
 * entity files (JPA, Hibernate, the JDK) and the converter's own types.
 */
const TAKEN = new Set([...JAVA_TAKEN_CLASSES, ...JAVA_MONGODB_TAKEN_CLASSES, 'Convert', 'Converter', 'AttributeConverter', 'JsonValue', 'WireName', 'WireConverter']);

export interface JavaEnum {
  /** The nested type's simple name, as the entity class declares it. */
  readonly name: string;
  /** The name outside the entity class: `Product.Status`. */
  readonly qualified: string;
  /** Constants in model order: `DRAFT` with its wire literal `"draft"`. */
  readonly constants: ReadonlyArray<{ readonly constant: string; readonly wire: string; readonly last: boolean }>;
}

/** `publishedLate` → `PUBLISHED_LATE`, `in-stock` → `IN_STOCK`; values SPEC 3 allows start with a letter. */
export function constantName(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

/**
 * The enum of each enum field of one entity, by field name. A name taken by the entity class, a relation's target
 * class (`targetClasses`), another enum of it or the set above gets the suffix `Value`; two values with one constant
 * spelling (`None`, `none`) are numbered in model order (`NONE`, `NONE_2`).
 */
export function javaEnums(fields: readonly FieldView[], className: string, targetClasses: readonly string[] = []): Map<string, JavaEnum> {
  const out = new Map<string, JavaEnum>();
  // A JPA entity class names its relations' targets (`private Status status;`), which a nested enum would hide.
  const used = new Set([className, ...targetClasses]);
  for (const f of fields) {
    if (!f.isEnum) continue;
    let name = f.names.pascal;
    while (TAKEN.has(name) || used.has(name)) name += 'Value';
    used.add(name);
    const spelled = new Set<string>();
    const values = f.values ?? [];
    const constants = values.map((value, i) => {
      const base = constantName(value);
      let constant = base;
      for (let n = 2; spelled.has(constant); n++) constant = `${base}_${n}`;
      spelled.add(constant);
      return { constant, wire: javaString(value), last: i === values.length - 1 };
    });
    const qualified = `${className}.${name}`;
    out.set(f.name, { name, qualified, constants });
  }
  return out;
}
