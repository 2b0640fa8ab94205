import type { RelationView } from '../../model/view-model.js';
import { annotationJava } from '../../generator/java-wrap.js';
import { javaIdentifier } from './names.js';
import { javaString } from './syntax.js';

/**
 * A many-to-one or one-to-one key, and a many-to-many link, as the Java templates print them. On the SQL
 * databases the entity holds the association (`Category category`, `Set<Tag> tags`) under the relation's name;
 * the API keeps its `categoryId` / `tagIds` fields, read from the associations' ids. MongoDB's documents
 * (templates/java-mongodb) hold the ids themselves (`name`, `pascal`).
 */

/** The JPA attribute of a relation (`category`; a keyword relation `class` is `class_`) and its accessors' part. */
function association(r: RelationView) {
  const ident = javaIdentifier(r.name);
  return { attribute: ident, attributePascal: ident.charAt(0).toUpperCase() + ident.slice(1) };
}

export function javaForeignKey(r: RelationView, classes: ReadonlyMap<string, string>) {
  const { attribute, attributePascal } = association(r);
  const getter = `entity.get${attributePascal}()`;
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
    targetTable: r.target.table,
    restrict: r.onDeleteRestrict,
    attribute,
    attributePascal,
    /** The JPA path filters and sorts use: the key column itself, no join (`category.id`). */
    path: `${attribute}.id`,
    /** The id of the lazy proxy: Hibernate answers it without loading the row. */
    toResponse: r.required ? `${getter}.getId()` : `${getter} == null ? null : ${getter}.getId()`,
  };
}

export function javaManyToMany(r: RelationView, classes: ReadonlyMap<string, string>) {
  const { attribute, attributePascal } = association(r);
  const targetClass = classes.get(r.target.name)!;
  return {
    name: r.idsField!,
    pascal: r.idsNames!.pascal,
    joinTable: r.joinTable!,
    sourceColumn: r.joinSourceColumn!,
    targetColumn: r.joinTargetColumn!,
    nameLiteral: javaString(r.idsField!),
    target: r.target.names.pascal,
    targetClass,
    targetCamel: r.target.names.camel,
    targetOwned: r.target.owned,
    targetTable: r.target.table,
    attribute,
    attributePascal,
    joinTableAnnotation: annotationJava(4, 'JoinTable', [
      ['name', javaString(r.joinTable!)],
      ['joinColumns', { annotation: 'JoinColumn', attributes: [['name', javaString(r.joinSourceColumn!)]] }],
      ['inverseJoinColumns', { annotation: 'JoinColumn', attributes: [['name', javaString(r.joinTargetColumn!)]] }],
    ]),
    toResponse: `entity.get${attributePascal}().stream().map(${targetClass}::getId).sorted().toList()`,
  };
}
