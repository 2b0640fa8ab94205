import type { RelationView } from '../../model/view-model.js';
import { javaString } from './syntax.js';

/** A many-to-one or one-to-one key, and a many-to-many link, as the Java templates print them. */

export function javaForeignKey(r: RelationView, classes: ReadonlyMap<string, string>) {
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
  };
}

export function javaManyToMany(r: RelationView, classes: ReadonlyMap<string, string>) {
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
    targetTable: r.target.table,
  };
}
