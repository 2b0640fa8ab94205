/**
 * The one place that decides the Java identifiers of a model's names (SPEC 3: every valid name works). The
 * user's name stays what it is on the wire (`@JsonProperty`, the JSON readers' literals), in the database
 * (`@Column`/`@Table`, quoted by Hibernate) and in the OpenAPI document; only the identifier inside the Java
 * code changes, and only when the word would not compile or would clash with what the code relies on.
 */

import { words } from '../../config/reserved.js';

/** Keywords, literals and contextual keywords that cannot (or should not) name a field or record component. */
export const JAVA_KEYWORDS = words(
  'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null var record yield sealed permits when module exports requires open opens to transitive uses with _',
);

/**
 * Object's methods: a record component `hashCode` or `toString` becomes an accessor that overrides (or, for
 * final `getClass`/`notify`/`wait`, cannot override) the method every object has.
 */
export const JAVA_OBJECT_METHODS = words('getClass hashCode equals toString notify notifyAll wait clone finalize');

/**
 * Simple names an entity class must not take: java.lang (imported everywhere implicitly), the JPA, Hibernate
 * and JDK types the generated classes import, and the project's own classes in the same packages.
 */
export const JAVA_TAKEN_CLASSES = words(
  'Object String Class Record Enum Integer Long Short Byte Character Boolean Double Float Number Math System Runtime Thread Exception Error Throwable Override Deprecated Iterable Comparable Runnable Void Module Package Process StringBuilder ' +
    'Entity Table Column Id Index ManyToOne OneToOne ManyToMany JoinColumn JoinTable FetchType BatchSize ColumnTransformer Transient Version ' +
    'Instant LocalDate BigDecimal UUID Set List Map LinkedHashSet ArrayList ChronoUnit Optional Function ' +
    'Filter Listing References Ids JsonText JsonNode JsonDeserialize CheckedBody StrictBody StrictValue InvalidBodyException PageResponse Validation ApiException FieldProblem Patterns Constraints Problems Application Seeder AuthAccount AuthController CurrentUser',
);

/**
 * Classes templates/java-mongodb's repositories, services and entities import or declare beside the entity class
 * (Spring Data MongoDB's `Query`, the pack's `Integrity`…): an entity of that name takes another class name there.
 */
export const JAVA_MONGODB_TAKEN_CLASSES: ReadonlySet<string> = new Set([
  'Query', 'Criteria', 'Document', 'MongoTemplate', 'Repository', 'Integrity', 'Documents', 'Duplicates', 'DuplicateKeyException', 'TreeSet',
]);

/** The Java identifier of a field or relation key (camelCase): `_` appended when the word cannot be used as is. */
export function javaIdentifier(camel: string): string {
  return JAVA_KEYWORDS.has(camel) || JAVA_OBJECT_METHODS.has(camel) ? `${camel}_` : camel;
}

/**
 * The JPA entity class of each entity, by entity name. A taken name gets the suffix `Entity` (again, when
 * another entity owns the suffixed name), so two entities never share a class.
 */
export function javaEntityClasses(pascals: readonly string[], alsoTaken: ReadonlySet<string> = new Set()): Map<string, string> {
  const taken = new Set(pascals);
  const out = new Map<string, string>();
  const isTaken = (name: string) => JAVA_TAKEN_CLASSES.has(name) || alsoTaken.has(name);
  for (const pascal of pascals) {
    if (!isTaken(pascal)) {
      out.set(pascal, pascal);
      continue;
    }
    let name = `${pascal}Entity`;
    while (taken.has(name) || isTaken(name)) name += 'Entity';
    taken.add(name);
    out.set(pascal, name);
  }
  return out;
}
