import { SAMPLE_ROWS } from '../../config/options.js';
import type { EntityView, FieldView } from '../../model/view-model.js';
import type { JavaField } from './field-view.js';
import { javaForeignKey, javaManyToMany } from './relation-view.js';
import type { MongoSchema } from '../../model/mongo.js';
import { mongoSorts, uniqueIndexesConstant } from './mongo-view.js';
import { queryParameter } from './annotations.js';
import { imports, INT_MAX, javaString } from './syntax.js';

/** An entity as the Java templates receive it (`entity` in per-entity templates). */

export function javaEntity(e: EntityView, fieldsByEntity: Map<string, JavaField[]>, testable: Set<string>, classes: ReadonlyMap<string, string>, pkg: string, mongo: MongoSchema | null = null) {
  const fields = fieldsByEntity.get(e.name)!;
  const foreignKeys = e.foreignKeys.map((r) => javaForeignKey(r, classes));
  const manyToMany = e.manyToMany.map((r) => javaManyToMany(r, classes));
  const className = classes.get(e.name)!;
  const has = (t: string) => fields.some((f) => f.javaType === t);
  const hasInput = (t: string) => fields.some((f) => f.inputType === t);
  const hasResponse = (t: string) => fields.some((f) => f.responseType === t);
  const enums = fields.flatMap((f) => (f.enumType ? [{ ...f.enumType, field: f.name }] : []));
  // The records and services name an enum through its entity class (`Product.Status`).
  const entityClassImport = enums.length ? [`${pkg}.domain.${className}`] : [];
  const anns = fields.flatMap((f) => f.annotations.map((a) => /^@(\w+)/.exec(a)![1]));
  // A required foreign key is @NotNull even when no field needs that import.
  if (foreignKeys.some((r) => r.required)) anns.push('NotNull');
  const sorts = [
    ...fields.filter((f) => f.sortable).map((f) => ({ key: f.name, cast: f.sortCast })),
    ...foreignKeys.map((r) => ({ key: r.name, cast: false })),
    { key: 'createdAt', cast: false },
    { key: 'updatedAt', cast: false },
  ].map((s) => ({ ...s, literal: javaString(s.key) }));
  // Wire names whose JPA attribute differs (a keyword field `class` is attribute `class_`).
  const renamed = fields.filter((f) => f.ident !== f.name);
  // Query names that are not an attribute: a renamed field's, and each key's association path (`category.id`).
  const attributes = [...renamed.map((f) => [f.name, f.ident]), ...foreignKeys.map((r) => [r.name, r.path])];
  const keys = [...fields.map((f) => f.name), ...foreignKeys.map((r) => r.name), ...manyToMany.map((r) => r.name)];
  const needsUser = e.owned || e.referencesOwned;
  const restrictInbound = e.referencedBy
    .filter((ib) => ib.relation.onDeleteRestrict && testable.has(ib.source.name) && ib.source.name !== e.name)
    .map((ib) => ({
      source: ib.source.names.pascal,
      sourceCamel: ib.source.names.camel,
      fk: ib.relation.fkField!,
      path: ib.source.path,
      // Named after the relation too: two restrict relations from one entity to this one are two tests.
      testName: `deletingWhileReferencedBy${ib.source.names.pascal}${ib.relation.names.pascal}IsConflict`,
    }));
  const uniqueField = fields.find((f) => f.unique && f.hasSample) ?? null;
  // A field whose JSON comes back exactly as sent (datetimes, decimals and doubles may change spelling).
  const stable = (f: JavaField) => !['datetime', 'decimal', 'number', 'json'].includes(f.type);
  const patchField = fields.find((f) => f.hasSample && stable(f) && !f.unique && f.samples[0] !== f.samples[1]) ?? null;
  const optionalDefaults = fields.filter((f) => !f.required && f.hasDefault);
  // The entity service's imports on every database; the SQL service adds the related entity classes it loads,
  // the MongoDB one (templates/java-mongodb) its Integrity planner.
  const serviceImports = [
    `${pkg}.domain.${className}`,
    `${pkg}.domain.${e.names.pascal}Repository`,
    `${pkg}.domain.Filter`,
    `${pkg}.domain.Listing`,
    ...(foreignKeys.length || manyToMany.length ? [`${pkg}.domain.References`, `${pkg}.web.FieldProblem`, 'java.util.ArrayList'] : []),
    ...['ApiException', 'Ids', 'JsonText', 'PageResponse', 'StrictBody', 'Validation'].map((c) => `${pkg}.web.${c}`),
    'java.time.Instant',
    'java.time.temporal.ChronoUnit',
    'java.util.List',
    'java.util.Map',
    'java.util.Set',
    'java.util.UUID',
    'org.springframework.stereotype.Service',
    'org.springframework.transaction.annotation.Transactional',
    'org.springframework.util.MultiValueMap',
    'tools.jackson.databind.JsonNode',
    'tools.jackson.databind.node.ObjectNode',
  ];
  return {
    name: e.name,
    pascal: e.names.pascal,
    /** The JPA entity class: the entity's name unless java.lang, JPA or the project's own classes take it. */
    className,
    camel: e.names.camel,
    title: e.names.title,
    pluralTitle: e.names.pluralTitle,
    table: e.table,
    path: e.path,
    owned: e.owned,
    needsUser,
    fields,
    foreignKeys,
    manyToMany,
    hasForeignKeys: foreignKeys.length > 0,
    hasManyToMany: manyToMany.length > 0,
    hasReferences: foreignKeys.length > 0 || manyToMany.length > 0,
    hasJson: fields.some((f) => f.isJson),
    /** The nested enums of the entity class, one per enum field. */
    enums,
    sorts,
    numericTextSortsLiteral: sorts.filter((s) => s.cast).map((s) => s.literal).join(', '),
    attributeEntries: attributes.map(([name, path]) => `Map.entry(${javaString(name!)}, ${javaString(path!)})`),
    filters: [...fields.filter((f) => f.filter).map((f) => f.filter!), ...foreignKeys.map((r) => `Filter.uuid(${r.nameLiteral})`)],
    keys: keys.map(javaString),
    /** The list route's query parameters for the document: the controller reads them all from one map. */
    queryParameters: [
      queryParameter('limit', 'integer', 'Page size (1-100)', [['minimum', '"1"'], ['maximum', '"100"'], ['defaultValue', '"20"']]),
      queryParameter('offset', 'integer', 'Items to skip', [['minimum', '"0"'], ['maximum', `"${INT_MAX}"`], ['defaultValue', '"0"']]),
      queryParameter('sort', 'string', 'A field to sort by, descending with a leading -', [['allowableValues', sorts.flatMap((s) => [s.literal, javaString(`-${s.key}`)])]]),
      ...fields.filter((f) => f.filterSchema !== null).map((f) => queryParameter(f.name, null, 'Only rows with this value', f.filterSchema!)),
      ...foreignKeys.map((r) => queryParameter(r.name, null, 'Only rows with this value', [['type', '"string"'], ['format', '"uuid"']])),
    ],
    entityImports: imports([
      ...(has('BigDecimal') ? ['java.math.BigDecimal'] : []),
      ...(has('LocalDate') ? ['java.time.LocalDate'] : []),
      'java.time.Instant',
      'java.util.UUID',
      ...(manyToMany.length ? ['java.util.LinkedHashSet', 'java.util.Set', 'jakarta.persistence.ManyToMany', 'jakarta.persistence.JoinTable'] : []),
      ...(foreignKeys.length || manyToMany.length ? ['jakarta.persistence.JoinColumn'] : []),
      ...(foreignKeys.length ? ['jakarta.persistence.FetchType'] : []),
      ...(foreignKeys.some((r) => !r.isOneToOne) ? ['jakarta.persistence.ManyToOne'] : []),
      ...(foreignKeys.some((r) => r.isOneToOne) ? ['jakarta.persistence.OneToOne'] : []),
      'jakarta.persistence.Column',
      ...(enums.length ? ['com.fasterxml.jackson.annotation.JsonValue', 'jakarta.persistence.AttributeConverter', 'jakarta.persistence.Convert', 'jakarta.persistence.Converter'] : []),
      'jakarta.persistence.Entity',
      'jakarta.persistence.Id',
      'jakarta.persistence.Table',
      ...(manyToMany.length ? ['org.hibernate.annotations.BatchSize'] : []),
      ...(fields.some((f) => f.columnTransformer) ? ['org.hibernate.annotations.ColumnTransformer'] : []),
    ]),
    createImports: imports([
      ...entityClassImport,
      ...(hasInput('BigDecimal') ? ['java.math.BigDecimal'] : []),
      ...(hasInput('LocalDate') ? ['java.time.LocalDate'] : []),
      ...(hasInput('Instant') ? ['java.time.Instant'] : []),
      ...(hasInput('UUID') || foreignKeys.length || manyToMany.length ? ['java.util.UUID'] : []),
      ...(manyToMany.length ? ['java.util.List'] : []),
      ...[...new Set(anns)].map((a) => (a === 'Schema' ? 'io.swagger.v3.oas.annotations.media.Schema' : `jakarta.validation.constraints.${a}`)),
      `${pkg}.web.CheckedBody`,
      `${pkg}.web.StrictBody`,
      ...(fields.some((f) => f.jsonProperty) ? ['com.fasterxml.jackson.annotation.JsonProperty'] : []),
      ...(fields.some((f) => f.isJson) ? [`${pkg}.web.StrictValue`, 'tools.jackson.databind.JsonNode', 'tools.jackson.databind.annotation.JsonDeserialize'] : []),
      ...(fields.some((f) => f.annotations.some((a) => a.includes('Patterns.'))) ? [`${pkg}.web.Patterns`] : []),
    ]),
    responseImports: imports([
      ...entityClassImport,
      ...(hasResponse('BigDecimal') ? ['java.math.BigDecimal'] : []),
      ...(hasResponse('LocalDate') ? ['java.time.LocalDate'] : []),
      'java.time.Instant',
      'java.util.UUID',
      ...(manyToMany.length ? ['java.util.List'] : []),
      ...(hasResponse('JsonNode') ? ['tools.jackson.databind.JsonNode'] : []),
      ...(renamed.length ? ['com.fasterxml.jackson.annotation.JsonProperty'] : []),
      ...(fields.some((f) => f.responseSchema) ? ['io.swagger.v3.oas.annotations.media.Schema'] : []),
    ]),
    hasDecimal: fields.some((f) => f.isDecimal),
    serviceImports: imports([...serviceImports, ...[...foreignKeys, ...manyToMany].map((r) => `${pkg}.domain.${r.targetClass}`)]),
    /** MongoDB (templates/java-mongodb): sorts by their document keys, and the optional ones (nulls last). */
    mongo: {
      ...mongoSorts(sorts, e.fields, foreignKeys.filter((r) => !r.required).map((r) => r.name)),
      uniqueIndexes: uniqueIndexesConstant(mongo, e.table),
      serviceImports: imports([...serviceImports, `${pkg}.domain.Integrity`]),
      entityImports: imports([
        ...(enums.length ? ['com.fasterxml.jackson.annotation.JsonValue'] : []),
        ...(has('BigDecimal') ? ['java.math.BigDecimal'] : []),
        ...(has('LocalDate') ? ['java.time.LocalDate'] : []),
        'java.time.Instant',
        'java.util.UUID',
        ...(manyToMany.length ? ['java.util.Set', 'java.util.TreeSet'] : []),
      ]),
    },
    testable: e.testable,
    uniqueField,
    patchField,
    restrictInbound,
    /** Test bodies (fields only), one JSON object per seed; distinct values for unique fields. */
    sampleBodies: Array.from({ length: SAMPLE_ROWS }, (_, i) =>
      javaString(JSON.stringify(Object.fromEntries(fields.filter((f) => f.samples[i] !== null).map((f) => [f.name, JSON.parse(f.samples[i]!)])))),
    ),
    requiredLiteral: [...fields.filter((f) => f.required).map((f) => f.nameLiteral), ...foreignKeys.filter((r) => r.required).map((r) => r.nameLiteral)].join(', '),
    defaultAsserts: optionalDefaults
      .filter((f) => !['json', 'decimal', 'datetime', 'number'].includes(f.type))
      .map((f) => ({ name: f.nameLiteral, value: javaString(f.defaultJson!) })),
    patchLiteral: patchField ? javaString(JSON.stringify({ [patchField.name]: JSON.parse(patchField.samples[1]!) })) : null,
    patchValue: patchField ? javaString(patchField.samples[1]!) : null,
    codePointField: codePointField(e.fields),
    invalidCases: fields.flatMap((f) => f.invalid.map((i) => ({ field: f.nameLiteral, value: i.json, reason: i.reason }))),
    requiredKeys: [...fields.filter((f) => f.required && !f.hasDefault).map((f) => f.nameLiteral), ...foreignKeys.filter((r) => r.required).map((r) => r.nameLiteral)],
    requiredTargets: foreignKeys.filter((r) => r.required),
    statementTest: statementTest(e, testable),
    /** Decimal fields every test body holds, each also sent as a JSON number (SPEC 5). */
    decimalKeys: fields.filter((f) => f.isDecimal && f.samples.every((s) => s !== null)).map((f) => f.nameLiteral),
    firstField: fields[0] ?? null,
    isFirst: e.isFirst,
  };
}

/**
 * The generated test that a page and a row by id take a fixed number of SQL statements (Hibernate's statistics),
 * so that a relation loaded row by row (N+1) fails it: a page is the count, the page and one batch per
 * many-to-many; a row, its SELECT and the same batches. Its rows link to every related entity the tests can
 * create (the required ones always are). The rows a many-to-one or many-to-many points at are created once and
 * shared by the three rows (an eager load would still add a statement); a one-to-one's are created per row, as its
 * key is unique. Sharing keeps the test within the eight sample bodies per entity when an entity refers to
 * itself more than once. Null when the entity has no relations or no test rows.
 */
function statementTest(e: EntityView, testable: ReadonlySet<string>) {
  if (!e.testable || e.relations.length === 0) return null;
  const created = (target: string) => `create${target}().get("id").asString()`;
  // A restrict self-reference stays empty, as in the restrict tests: a table whose rows restrict each other cannot
  // be emptied by the next test's `DELETE FROM` (random model seed 3: Person.then).
  const keys = e.foreignKeys.filter((r) => !r.required && testable.has(r.target.name) && !(r.onDeleteRestrict && r.target.name === e.name));
  const lists = e.manyToMany.filter((r) => testable.has(r.target.name));
  // Each shared row in a local named after the key that links it (`managerId`, `tagIds`).
  const shared = [...keys.filter((r) => !r.isOneToOne).map((r) => ({ local: r.fkField!, target: r.target })), ...lists.map((r) => ({ local: r.idsField!, target: r.target }))];
  const links = [
    ...keys.map((r) =>
      r.isOneToOne
        ? `body.put(${javaString(r.fkField!)}, ${created(r.target.names.pascal)});`
        : `body.put(${javaString(r.fkField!)}, ${r.fkField});`,
    ),
    ...lists.map((r) => `body.putArray(${javaString(r.idsField!)}).add(${r.idsField});`),
  ];
  return {
    shared: shared.map(({ local, target }) => `String ${local} = ${created(target.names.pascal)};`),
    links,
    page: 2 + e.manyToMany.length,
    byId: 1 + e.manyToMany.length,
  };
}

/**
 * A text field whose length rule a string of emoji (one character, two UTF-16 units each) can probe: its longest
 * value must be accepted, and with a minLength over 1, one emoji short of it refused. Null when no field has a
 * length rule without a pattern or format that emoji would break.
 */
function codePointField(fields: readonly FieldView[]): { name: string; maxLength: number; minLength: number | null } | null {
  const f = fields.find((x) => (x.type === 'string' || x.type === 'text') && x.pattern === null && (x.maxLength !== null || x.type === 'string'));
  if (!f) return null;
  return { name: javaString(f.name), maxLength: f.maxLength ?? 255, minLength: f.minLength !== null && f.minLength > 1 ? f.minLength : null };
}
