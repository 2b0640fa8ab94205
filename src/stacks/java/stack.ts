import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_ROWS } from '../../config/options.js';
import { javaKeepsPattern, javaPattern } from '../../model/pattern-dialects.js';
import { POSIX_SH_URL_ENCODE, PRIVATE_NETWORKS } from '../../model/deployment.js';
import type { EntityView, FieldView, RelationView, ViewModel } from '../../model/view-model.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import { annotationJava, type AnnotationValue } from '../../generator/java-wrap.js';
import type { InstallCommand, StackDescriptor } from '../types.js';
import { javaEntityClasses, javaIdentifier } from './names.js';
import { defaultJavaPackage } from '../../config/java-package.js';
import { PACKAGE_ROOT } from '../../version.js';

/**
 * Java: Spring Boot 4 (Web MVC, Data JPA/Hibernate 7, Bean Validation, Flyway, Spring Security with JWT,
 * springdoc). Versions live in one real manifest, `templates/java/versions/pom.xml`: the Spring Boot parent
 * pins everything it manages, the properties pin the rest.
 */
export interface JavaVersions {
  readonly springBoot: string;
  readonly properties: Readonly<Record<string, string>>;
}

let cached: JavaVersions | undefined;
export function javaVersions(): JavaVersions {
  if (cached) return cached;
  const xml = readFileSync(join(PACKAGE_ROOT, 'templates/java/versions/pom.xml'), 'utf8');
  const parent = /<parent>[\s\S]*?<version>([^<]+)<\/version>[\s\S]*?<\/parent>/.exec(xml);
  const props = /<properties>([\s\S]*?)<\/properties>/.exec(xml);
  if (!parent || !props) throw new Error('templates/java/versions/pom.xml has no <parent> version or <properties>');
  const properties: Record<string, string> = {};
  for (const m of props[1].matchAll(/<([\w.-]+)>([^<]*)<\/\1>/g)) properties[m[1]] = m[2].trim();
  cached = { springBoot: parent[1].trim(), properties };
  return cached;
}

/** The Java package of generated code. Paths cannot carry the project name, so it is fixed. */

const JAVA_TYPE: Record<FieldView['type'], string> = {
  string: 'String', text: 'String', email: 'String', url: 'String', enum: 'String',
  integer: 'Integer', bigint: 'Long', number: 'Double', decimal: 'BigDecimal', boolean: 'Boolean',
  date: 'LocalDate', datetime: 'Instant', uuid: 'UUID', json: 'String',
};
/** Type of the value in the create record (decimals stay text until validated; json is its JSON text). */
const INPUT_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, decimal: 'String' };
const RESPONSE_TYPE: Record<FieldView['type'], string> = { ...JAVA_TYPE, decimal: 'String', json: 'JsonNode' };
const READER: Record<FieldView['type'], string> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'oneOf',
  integer: 'integer', bigint: 'bigint', number: 'number', decimal: 'decimal', boolean: 'bool',
  date: 'date', datetime: 'datetime', uuid: 'uuid', json: 'json',
};
const FILTER: Partial<Record<FieldView['type'], string>> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'oneOf', integer: 'integer', bigint: 'bigint',
  number: 'number', decimal: 'decimal', boolean: 'bool', date: 'date', datetime: 'datetime', uuid: 'uuid',
};

/** A Java string literal. */
export const javaString = (s: string): string =>
  '"' +
  s.replace(/[\\"\n\r\t\u0000-\u001f\u2028\u2029]/g, (c) =>
    ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  ) +
  '"';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const longLiteral = (n: number): string => (n < INT_MIN || n > INT_MAX ? `${n}L` : String(n));
/**
 * A Bean Validation message attribute: `{`, `}`, `$` and `\\` are interpolation syntax there, so a message that
 * quotes a pattern escapes them to reach the client as written.
 */
const messageString = (s: string): string => javaString(s.replace(/[{}$\\]/g, '\\$&'));

function defaultExpr(f: FieldView): string | null {
  const d = f.default;
  if (d === null || d === undefined) return null;
  switch (f.type) {
    case 'integer': return `Integer.valueOf(${Number(d)})`;
    case 'bigint': return `Long.valueOf(${longLiteral(Number(d))})`;
    case 'number': return `Double.valueOf(${Number.isInteger(Number(d)) ? `${Number(d)}.0` : String(d)})`;
    case 'boolean': return d ? 'Boolean.TRUE' : 'Boolean.FALSE';
    case 'date': return `LocalDate.parse(${javaString(String(d))})`;
    case 'datetime': return `Instant.parse(${javaString(String(d))})`;
    case 'uuid': return `UUID.fromString(${javaString(String(d))})`;
    case 'json': return javaString(JSON.stringify(d));
    default: return javaString(String(d));
  }
}

/**
 * What the document says beyond the validation annotations (which springdoc reads too): enum values (JsonBody.oneOf
 * checks them), the default a create applies, the bounds of a decimal, which a JSON Schema `minimum` on a
 * string could not carry.
 */
function schemaAttributes(f: FieldView): string[] {
  const out: string[] = [];
  if (f.isEnum) out.push(`allowableValues = {${(f.values ?? []).map(javaString).join(', ')}}`);
  const byDefault = documentedDefault(f);
  if (byDefault !== null) out.push(`defaultValue = ${javaString(byDefault)}`);
  if (f.isDecimal) {
    const bounds = [f.min !== null ? `at least ${f.min}` : null, f.max !== null ? `at most ${f.max}` : null].filter((b) => b !== null);
    out.push(`description = ${javaString(`A decimal number as a string${bounds.length ? `, ${bounds.join(' and ')}` : ''}`)}`);
  }
  return out;
}

/**
 * A default as @Schema(defaultValue) takes it: swagger reads the text as JSON and falls back to the plain string,
 * so only values that read back as their own type are given (a string default "12" would become a number; the
 * document then leaves that default out).
 */
function documentedDefault(f: FieldView): string | null {
  const d = f.default;
  if (d === null || d === undefined) return null;
  if (['boolean', 'integer', 'bigint', 'number'].includes(f.type)) return String(d);
  if (!['string', 'text', 'email', 'url', 'enum'].includes(f.type)) return null;
  try {
    JSON.parse(String(d));
    return null;
  } catch {
    return String(d);
  }
}

function annotations(f: FieldView): string[] {
  const out: string[] = [];
  if (f.required) out.push('@NotNull');
  const lengthTyped = ['string', 'text', 'email', 'url'].includes(f.type);
  if (lengthTyped) {
    const max = f.maxLength ?? (f.type === 'text' ? null : 255);
    const min = f.minLength && f.minLength > 0 ? f.minLength : null;
    if (min !== null && max !== null) out.push(`@Size(min = ${min}, max = ${max})`);
    else if (max !== null) out.push(`@Size(max = ${max})`);
    else if (min !== null) out.push(`@Size(min = ${min})`);
  }
  if (f.isEmail) out.push('@Email');
  if (f.isUrl && f.pattern === null) out.push('@Pattern(regexp = Patterns.URL, message = "must be a URL")');
  if (f.pattern !== null && !f.isEnum) {
    out.push(`@Pattern(regexp = ${javaString(javaPattern(f.pattern))}, message = ${messageString(`must match the pattern ${f.pattern}`)})`);
  }
  if (f.isInteger || f.isBigint) {
    if (f.min !== null) out.push(`@Min(${longLiteral(Math.ceil(f.min))})`);
    if (f.max !== null) out.push(`@Max(${longLiteral(Math.floor(f.max))})`);
  }
  if (f.isNumber || f.isDecimal) {
    if (f.isDecimal) {
      const p = f.precision ?? 12;
      const s = f.scale ?? 2;
      out.push(`@Pattern(regexp = ${javaString(f.decimalPattern!)}, message = ${javaString(decimalMessage(p, s))})`);
    }
    if (f.min !== null) out.push(`@DecimalMin(${javaString(String(f.min))})`);
    if (f.max !== null) out.push(`@DecimalMax(${javaString(String(f.max))})`);
  }
  const schema = schemaAttributes(f);
  if (schema.length > 0) out.push(`@Schema(${schema.join(', ')})`);
  return out;
}

/** The wording of JsonBody.decimalMessage, for the @Pattern that checks the digits. */
const decimalMessage = (precision: number, scale: number): string =>
  `must be a decimal number with at most ${precision} digits, ${scale} after the point`;

/** One method-level @Parameter of the list route: a query parameter with its schema. */
function queryParameter(name: string, type: string | null, description: string, schema: ReadonlyArray<readonly [string, AnnotationValue]>): string {
  const typed: Array<readonly [string, AnnotationValue]> = type === null ? [...schema] : [['type', javaString(type)], ...schema];
  return annotationJava(4, 'Parameter', [['in', 'ParameterIn.QUERY'], ['name', javaString(name)], ['description', javaString(description)], ['schema', { annotation: 'Schema', attributes: typed }]]);
}

/** The @Schema attributes of an equality filter's value, as the filter parses it (see Filter.java); null when none. */
function filterSchema(f: FieldView): Array<readonly [string, AnnotationValue]> | null {
  if (!f.filterable) return null;
  const typed = (type: string, format?: string): Array<readonly [string, AnnotationValue]> => [['type', javaString(type)], ...(format ? [['format', javaString(format)] as const] : [])];
  switch (f.type) {
    case 'enum': return [['type', '"string"'], ['allowableValues', (f.values ?? []).map(javaString)]];
    case 'integer': return typed('integer', 'int32');
    case 'bigint': return typed('integer', 'int64');
    case 'number': return typed('number', 'double');
    case 'boolean': return typed('boolean');
    case 'date': return typed('string', 'date');
    case 'datetime': return typed('string', 'date-time');
    case 'uuid': return typed('string', 'uuid');
    case 'decimal': return [['type', '"string"'], ['description', '"A decimal number as a string"']];
    case 'json': return null;
    default: return typed('string');
  }
}

/** The JsonBody call that reads the field with its JSON type (and, for enums and decimals, its shape). */
function reader(f: FieldView): string {
  const name = javaString(f.name);
  if (f.isEnum) return `body.oneOf(${[name, ...(f.values ?? []).map(javaString)].join(', ')})`;
  if (f.isDecimal) return `body.decimal(${name}, ${f.precision ?? 12}, ${f.scale ?? 2})`;
  return `body.${READER[f.type]}(${name})`;
}

function toEntity(f: FieldView, v: string): string {
  if (f.isDecimal) return `${v} == null ? null : new BigDecimal(${v})`;
  return v;
}

function toResponse(f: FieldView, v: string): string {
  if (f.isDecimal) return `${v} == null ? null : ${v}.toPlainString()`;
  if (f.isJson) return `json.read(${v})`;
  return v;
}

function javaField(f: FieldView, isSqlite: boolean, isPostgres: boolean) {
  // The Java identifier (record component, JPA attribute); getters and setters follow it (`class_` → getClass_).
  const ident = javaIdentifier(f.name);
  const pascal = ident.charAt(0).toUpperCase() + ident.slice(1);
  // Text is filterable and sortable too (the shared contract probes both); json and paging names are not.
  const filterKind = f.filterable ? FILTER[f.type] ?? null : null;
  const attr = f.name;
  let filter: string | null = null;
  if (filterKind === 'oneOf') filter = `Filter.oneOf(${javaString(attr)}, ${(f.values ?? []).map(javaString).join(', ')})`;
  else if (filterKind) filter = `Filter.${filterKind}(${javaString(attr)})`;
  return {
    name: f.name,
    type: f.type,
    defaultJson: f.defaultJson,
    pascal,
    ident,
    /** `@JsonProperty` keeps the wire name when the identifier differs from it. */
    jsonProperty: ident === f.name ? null : `@JsonProperty(${javaString(f.name)})`,
    column: f.column,
    required: f.required,
    unique: f.unique,
    isJson: f.isJson,
    isDecimal: f.isDecimal,
    javaType: JAVA_TYPE[f.type],
    inputType: INPUT_TYPE[f.type],
    responseType: RESPONSE_TYPE[f.type],
    read: reader(f),
    filterSchema: filterSchema(f),
    annotations: annotations(f),
    hasAnnotations: annotations(f).length > 0,
    defaultExpr: defaultExpr(f),
    toEntity: toEntity(f, `input.${ident}()`),
    toResponse: toResponse(f, `entity.get${pascal}()`),
    /** Hibernate annotations on the entity field besides @Column (jsonb needs a cast on PostgreSQL). */
    columnTransformer: f.isJson && isPostgres ? '@ColumnTransformer(write = "?::jsonb")' : null,
    filter,
    sortable: !f.isJson,
    /** The sort expression needs a numeric cast (decimals are stored as text on SQLite). */
    sortCast: f.isDecimal && isSqlite,
    nameLiteral: javaString(f.name),
    samples: f.samples,
    hasSample: f.hasSample,
    invalid: f.invalidSamples.map((s) => ({ reason: javaString(s.reason), json: javaString(s.json) })),
  };
}
type JavaField = ReturnType<typeof javaField>;

function javaForeignKey(r: RelationView, classes: ReadonlyMap<string, string>) {
  return {
    name: r.fkField!,
    pascal: r.fkNames!.pascal,
    column: r.fkColumn!,
    required: r.required,
    isOneToOne: r.isOneToOne,
    nameLiteral: javaString(r.fkField!),
    target: r.target.names.pascal,
    targetClass: classes.get(r.target.name)!,
    targetCamel: r.target.names.camel,
    targetOwned: r.target.owned,
    restrict: r.onDeleteRestrict,
  };
}

function javaManyToMany(r: RelationView, classes: ReadonlyMap<string, string>) {
  return {
    name: r.idsField!,
    pascal: r.idsNames!.pascal,
    joinTable: r.joinTable!,
    sourceColumn: r.joinSourceColumn!,
    targetColumn: r.joinTargetColumn!,
    nameLiteral: javaString(r.idsField!),
    target: r.target.names.pascal,
    targetClass: classes.get(r.target.name)!,
    targetCamel: r.target.names.camel,
    targetOwned: r.target.owned,
  };
}

function imports(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}

function javaEntity(e: EntityView, fieldsByEntity: Map<string, JavaField[]>, testable: Set<string>, classes: ReadonlyMap<string, string>, pkg: string) {
  const fields = fieldsByEntity.get(e.name)!;
  const foreignKeys = e.foreignKeys.map((r) => javaForeignKey(r, classes));
  const manyToMany = e.manyToMany.map((r) => javaManyToMany(r, classes));
  const className = classes.get(e.name)!;
  const has = (t: string) => fields.some((f) => f.javaType === t);
  const hasInput = (t: string) => fields.some((f) => f.inputType === t);
  const hasResponse = (t: string) => fields.some((f) => f.responseType === t);
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
  const optionalDefaults = fields.filter((f) => !f.required && f.defaultExpr !== null);
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
    sorts,
    numericTextSortsLiteral: sorts.filter((s) => s.cast).map((s) => s.literal).join(', '),
    attributeEntries: renamed.map((f) => `Map.entry(${javaString(f.name)}, ${javaString(f.ident)})`),
    hasJsonProperty: renamed.length > 0,
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
      ...(manyToMany.length ? ['java.util.LinkedHashSet', 'java.util.Set', 'jakarta.persistence.CollectionTable', 'jakarta.persistence.ElementCollection', 'jakarta.persistence.JoinColumn'] : []),
      'jakarta.persistence.Column',
      'jakarta.persistence.Entity',
      'jakarta.persistence.Id',
      'jakarta.persistence.Table',
      ...(manyToMany.length ? ['org.hibernate.annotations.BatchSize'] : []),
      ...(fields.some((f) => f.columnTransformer) ? ['org.hibernate.annotations.ColumnTransformer'] : []),
    ]),
    createImports: imports([
      ...(hasInput('LocalDate') ? ['java.time.LocalDate'] : []),
      ...(hasInput('Instant') ? ['java.time.Instant'] : []),
      ...(hasInput('UUID') || foreignKeys.length || manyToMany.length ? ['java.util.UUID'] : []),
      ...(manyToMany.length ? ['java.util.List'] : []),
      ...[...new Set(anns)].map((a) => (a === 'Schema' ? 'io.swagger.v3.oas.annotations.media.Schema' : `jakarta.validation.constraints.${a}`)),
      `${pkg}.web.JsonBody`,
      ...(renamed.length ? ['com.fasterxml.jackson.annotation.JsonProperty'] : []),
      ...(fields.some((f) => f.annotations.some((a) => a.includes('Patterns.'))) ? [`${pkg}.web.Patterns`] : []),
    ]),
    responseImports: imports([
      ...(hasResponse('LocalDate') ? ['java.time.LocalDate'] : []),
      'java.time.Instant',
      'java.util.UUID',
      ...(manyToMany.length ? ['java.util.List'] : []),
      ...(hasResponse('JsonNode') ? ['tools.jackson.databind.JsonNode'] : []),
      ...(renamed.length ? ['com.fasterxml.jackson.annotation.JsonProperty'] : []),
      ...(fields.some((f) => f.isJson) ? ['io.swagger.v3.oas.annotations.media.Schema'] : []),
    ]),
    hasDecimal: fields.some((f) => f.isDecimal),
    serviceImports: imports([
      ...[...foreignKeys, ...manyToMany].map((r) => `${pkg}.domain.${r.targetClass}`),
      `${pkg}.domain.${className}`,
      `${pkg}.domain.${e.names.pascal}Repository`,
      `${pkg}.domain.Filter`,
      `${pkg}.domain.Listing`,
      ...(foreignKeys.length || manyToMany.length ? [`${pkg}.domain.References`, `${pkg}.web.FieldProblem`, 'java.util.ArrayList'] : []),
      ...['ApiException', 'Ids', 'JsonBody', 'JsonText', 'PageResponse', 'Validation'].map((c) => `${pkg}.web.${c}`),
      ...(fields.some((f) => f.isDecimal) ? ['java.math.BigDecimal'] : []),
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
    ]),
    testable: e.testable,
    uniqueField,
    patchField,
    optionalDefaults,
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
    invalidCases: fields.flatMap((f) => f.invalid.map((i) => ({ field: f.nameLiteral, value: i.json, reason: i.reason }))),
    requiredKeys: [...fields.filter((f) => f.required && f.defaultExpr === null).map((f) => f.nameLiteral), ...foreignKeys.filter((r) => r.required).map((r) => r.nameLiteral)],
    requiredTargets: foreignKeys.filter((r) => r.required),
    /** Decimal fields every test body holds, each also sent as a JSON number (SPEC 5). */
    decimalKeys: fields.filter((f) => f.isDecimal && f.samples.every((s) => s !== null)).map((f) => f.nameLiteral),
    firstField: fields[0] ?? null,
    isFirst: e.isFirst,
  };
}

export function javaView(view: ViewModel): Record<string, unknown> {
  const v = javaVersions();
  const db = view.database;
  const fieldsByEntity = new Map(
    view.entities.map((e) => {
      return [e.name, e.fields.map((f) => javaField(f, db.isSqlite, db.isPostgres))] as const;
    }),
  );
  const testable = new Set(view.entities.filter((e) => e.testable).map((e) => e.name));
  const classes = javaEntityClasses(view.entities.map((e) => e.name));
  // Resolution always sets it for the java stack; configs built by hand (tests) get the same default.
  const pkg = view.project.java?.package ?? defaultJavaPackage(view.project.name);
  const entities = view.entities.map((e) => javaEntity(e, fieldsByEntity, testable, classes, pkg));
  const schema = db.schema;
  return {
    package: pkg,
    /** `__javaPackage__` in template paths: the package's directory. */
    pathTokens: { javaPackage: pkg.replace(/\./g, '/') },
    groupId: pkg.slice(0, pkg.lastIndexOf('.')),
    artifactId: view.project.names.kebab,
    springBootVersion: v.springBoot,
    versions: v.properties,
    javaVersion: v.properties['java.version'],
    entities,
    /**
     * The model's patterns whose @Pattern holds a translation, by create schema and property: springdoc documents
     * @Pattern's regexp, and OpenApiConfig puts the model's text in its place.
     */
    modelPatterns: view.entities.flatMap((e) =>
      e.fields
        .filter((f) => f.pattern !== null && !f.isEnum && !javaKeepsPattern(f.pattern))
        .map((f) => ({ key: javaString(`${e.names.pascal}Create.${f.name}`), pattern: javaString(f.pattern!) })),
    ),
    /** Imports are sorted as the formatter sorts them (by code point), not in model order. */
    seededServiceImports: entities.filter((e) => e.testable).map((e) => `${pkg}.api.${e.pascal}Service`).sort(),
    firstPath: view.entities[0]?.path ?? '/api',
    byName: Object.fromEntries(entities.map((e) => [e.name, e])),
    /** `__entity_javaClass__` in template paths: the JPA entity class's file. */
    entityNames: Object.fromEntries(entities.map((e) => [e.name, { javaClass: e.className }])),
    /** V1__init.sql: the shared schema of every stack, one statement per block. */
    migration: schema ? `${schema.up.join(';\n\n')};\n` : '',
    /**
     * Test clean-up, users staying: the keys closing a cycle of tables are cleared, then DELETE statements run in
     * dependency order (join tables first).
     */
    cleanupStatements: schema ? cleanupStatements(view, db.isMysql ? (t) => `\`${t}\`` : (t) => `"${t}"`).map(javaString) : [],
    dialect: db.isSqlite ? 'org.hibernate.community.dialect.SQLiteDialect' : null,
    flywayModule: db.isPostgres ? 'flyway-database-postgresql' : db.isMysql ? 'flyway-mysql' : null,
    hasJson: entities.some((e) => e.hasJson),
    defaultDatabaseUrl: db.isSqlite ? db.localUrl : '',
    /** Property values with an environment fallback (`${NAME:default}`), awkward to write in Handlebars. */
    databaseUrlProperty: `\${DATABASE_URL:${db.isSqlite ? db.localUrl : ''}}`,
    jwtIssuerProperty: `\${JWT_ISSUER:${view.project.names.kebab}}`,
    jwtAudienceProperty: `\${JWT_AUDIENCE:${view.project.names.kebab}-api}`,
  };
}

function cleanupStatements(view: ViewModel, q: (identifier: string) => string): string[] {
  const clearing = view.entities.flatMap((e) => e.foreignKeys.filter((r) => r.closesCycle).map((r) => `UPDATE ${q(e.table)} SET ${q(r.fkColumn!)} = NULL`));
  return [...clearing, ...view.database.deletionOrder.map((t) => `DELETE FROM ${q(t)}`)];
}

const JAVA_HINT = 'install a JDK 17 or newer (e.g. `apt-get install openjdk-17-jdk`, or https://adoptium.net) so that `java` is on PATH, then run: ./mvnw -B -DskipTests package';

export const javaStack: StackDescriptor = {
  id: 'java',
  label: STACK_LABELS.java,
  databases: STACK_DATABASES.java.length > 0 ? STACK_DATABASES.java : ['sqlite', 'postgres', 'mysql'],
  packs: ['java'],
  extendView: javaView,
  commands: ({ config }) => {
    const jar = `target/${config.name}.jar`;
    return {
      install: './mvnw -q -B -DskipTests package',
      migrate: `java -jar ${jar} migrate`,
      build: './mvnw -q -B -DskipTests package',
      start: `java -jar ${jar}`,
      test: './mvnw -q -B test',
      lint: './mvnw -q -B spotless:check',
    };
  },
  // Spring Boot (templates/java): the image's ENTRYPOINT runs the layered jar; `migrate` as argument migrates and exits.
  // The JRE image has no scripting runtime, so the password is percent-encoded in POSIX sh (RFC 3986 unreserved kept).
  container: {
    start: ['java', '-XX:MaxRAMPercentage=75', 'org.springframework.boot.loader.launch.JarLauncher'],
    migrate: ['java', '-XX:MaxRAMPercentage=75', 'org.springframework.boot.loader.launch.JarLauncher', 'migrate'],
    uid: 10001,
    urlEncodePassword: POSIX_SH_URL_ENCODE,
    env: { APP_ENV: 'production', HOST: '0.0.0.0', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: (): readonly InstallCommand[] => [
    { file: 'java', args: ['-version'], missingHint: JAVA_HINT },
    { file: 'sh', args: ['mvnw', '-q', '-B', '-DskipTests', 'package'], missingHint: JAVA_HINT },
  ],
  formatter: {
    kind: 'project',
    command: { file: 'sh', args: ['mvnw', '-q', '-B', 'spotless:apply'], missingHint: JAVA_HINT },
    offlineArgs: ['mvnw', '-q', '-B', '-o', 'spotless:apply'],
    formats: (path) => /^src\/(main|test)\/java\/.*\.java$/.test(path),
    needs: (path) => /^(pom\.xml|mvnw|\.mvn\/.*)$/.test(path),
  },
};
