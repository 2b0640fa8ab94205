import { defaultJavaPackage } from '../../config/java-package.js';
import { TEXT_FORMATS } from '../../model/text-formats.js';
import type { EntityView, ViewModel } from '../../model/view-model.js';
import { wrapJava } from '../../generator/java-wrap.js';
import { documentedPattern } from './annotations.js';
import { javaEntity } from './entity-view.js';
import { javaEnums } from './enum-view.js';
import { javaField } from './field-view.js';
import { migrationConstants, referencedByConstant } from './mongo-view.js';
import { JAVA_MONGODB_TAKEN_CLASSES, javaEntityClasses } from './names.js';
import { javaString } from './syntax.js';
import { javaVersions } from './versions.js';

export function javaView(view: ViewModel): Record<string, unknown> {
  const v = javaVersions();
  const db = view.database;
  const classes = javaEntityClasses(view.entities.map((e) => e.name), db.isMongodb ? JAVA_MONGODB_TAKEN_CLASSES : undefined);
  const fieldsByEntity = new Map(
    view.entities.map((e) => {
      // The JPA entity names its relations' target classes; MongoDB's documents hold only their ids.
      const targets = db.isMongodb ? [] : e.relations.map((r) => classes.get(r.target.name)!);
      const enums = javaEnums(e.fields, classes.get(e.name)!, targets);
      return [e.name, e.fields.map((f) => javaField(f, db.isSqlite, db.isPostgres, enums.get(f.name) ?? null))] as const;
    }),
  );
  const testable = new Set(view.entities.filter((e) => e.testable).map((e) => e.name));
  // Resolution always sets it for the java stack; configs built by hand (tests) get the same default.
  const pkg = view.project.java?.package ?? defaultJavaPackage(view.project.name);
  const entities = view.entities.map((e) => javaEntity(e, fieldsByEntity, testable, classes, pkg, db.mongo));
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
     * The patterns whose @Pattern holds a translation, by create schema and property: springdoc documents
     * @Pattern's regexp, and OpenApiConfig puts the model's text (or the email or url rule's) in its place.
     */
    modelPatterns: modelPatternEntries(view),
    /** The email and url rules in java.util.regex's dialect, as palantir lays out their constants (web/Patterns.java). */
    textFormats: {
      email: stringConstant('EMAIL', javaString(TEXT_FORMATS.email.java)),
      url: stringConstant('URL', javaString(TEXT_FORMATS.url.java)),
    },
    /** Imports are sorted as the formatter sorts them (by code point), not in model order. */
    seededServiceImports: entities.filter((e) => e.testable).flatMap((e) => [`${pkg}.api.${e.pascal}Create`, `${pkg}.api.${e.pascal}Service`]).sort(),
    firstPath: view.entities[0]?.path ?? '/api',
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
    /** MongoDB (templates/java-mongodb): Integrity's table of inbound references. */
    mongoReferencedBy: db.mongo ? referencedByConstant(db.mongo) : null,
    /** MongoDB: Migrations' lists of collections and indexes. */
    mongoMigrations: db.mongo ? migrationConstants(db.mongo) : null,
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

/** One entity's part of the view (`entity.lang` in per-entity templates): its entry in `lang.entities`. */
export function javaEntityView(entity: EntityView, lang: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const own = (lang.entities as Array<ReturnType<typeof javaEntity>>).find((e) => e.name === entity.name);
  if (!own) throw new Error(`no view of entity ${entity.name} in the stack's view`);
  return own;
}

/** The `Map.entry(...)` lines of OpenApiConfig's MODEL_PATTERNS, each as palantir lays it out (the patterns are long). */
function modelPatternEntries(view: ViewModel): string[] {
  const entries = view.entities.flatMap((e) =>
    e.fields.flatMap((f) => {
      const pattern = documentedPattern(f);
      return pattern === null ? [] : [[javaString(`${e.names.pascal}Create.${f.name}`), javaString(pattern)]];
    }),
  );
  return entries.map((items, i) => wrapJava(12, 'Map.entry(', items, i === entries.length - 1 ? '));' : '),'));
}

/** A class's `String` constant as palantir lays it out: one line within 120 columns, else the value on the next. */
function stringConstant(name: string, literal: string): string {
  const line = `    public static final String ${name} = ${literal};`;
  return line.length <= 120 ? line : `    public static final String ${name} =\n            ${literal};`;
}
