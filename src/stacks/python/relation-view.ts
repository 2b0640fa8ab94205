import type { RelationView } from '../../model/view-model.js';
import { pyAttribute } from './names.js';
import { pyCall, pyStr, type PyCallItem } from './syntax.js';

/** A many-to-one or one-to-one key, and a many-to-many link, as the Python templates print them. */

interface PyRelation {
  name: string;
  attr: string;
  alias: string;
  column: string;
  required: boolean;
  isOneToOne: boolean;
  targetModel: string;
  targetTable: string;
  targetOwned: boolean;
  targetName: string;
  targetTitle: string;
  ondelete: string;
  reference: PyCallItem;
  uniqueIndex: string | null;
}

export function pyForeignKey(r: RelationView, classes: ReadonlyMap<string, string>): PyRelation & Record<string, unknown> {
  const attr = pyAttribute(r.fkNames!.snake);
  const alias = `alias=${JSON.stringify(r.fkField!)}`;
  const ondelete = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' }[r.onDelete];
  return {
    modelLine: pyCall(4, `${attr}: Mapped[str${r.required ? '' : ' | None'}] = mapped_column`, [
      JSON.stringify(r.fkColumn!),
      'st.UuidString()',
      // use_alter: SQLAlchemy leaves the key that closes a table cycle out when it sorts tables (tests empty them).
      `sa.ForeignKey(${JSON.stringify(`${r.target.table}.id`)}, ondelete=${JSON.stringify(ondelete)}${r.closesCycle ? ', use_alter=True' : ''})`,
      ...(r.isOneToOne ? ['unique=True'] : []),
    ]),
    create: pyCall(4, `${attr}: UuidIn${r.required ? '' : ' | None'} = Field`, r.required ? [alias] : ['default=None', alias]),
    update: pyCall(4, `${attr}: UuidIn | None = Field`, ['default=None', alias]),
    read: pyCall(4, `${attr}: str${r.required ? '' : ' | None'} = Field`, [alias]),
    filter: pyCall(4, `${attr}: UuidIn | None = Field`, ['default=None', alias]),
    name: r.name,
    attr,
    alias: r.fkField!,
    column: r.fkColumn!,
    required: r.required,
    isOneToOne: r.isOneToOne,
    targetModel: classes.get(r.target.names.pascal)!,
    targetTable: r.target.table,
    targetSnake: r.target.names.snake,
    targetName: r.target.name,
    targetOwned: r.target.owned,
    targetTitle: r.target.names.title,
    ondelete,
    reference: referenceEntry(attr, r.fkField!, r, !r.required),
    uniqueIndex: r.uniqueConstraint,
  };
}

interface PyManyToMany {
  attr: string;
  alias: string;
  table: string;
  tableVar: string;
  sourceColumn: string;
  targetColumn: string;
  targetModel: string;
  targetName: string;
  targetOwned: boolean;
  reference: PyCallItem;
}

export function pyManyToMany(r: RelationView, classes: ReadonlyMap<string, string>): PyManyToMany & Record<string, unknown> {
  const attr = pyAttribute(r.idsNames!.snake);
  const alias = `alias=${JSON.stringify(r.idsField!)}`;
  return {
    create: pyCall(4, `${attr}: list[UuidIn] = Field`, ['default_factory=list', alias]),
    update: pyCall(4, `${attr}: list[UuidIn] | None = Field`, ['default=None', alias]),
    read: pyCall(4, `${attr}: list[str] = Field`, [alias]),
    targetTable: r.target.table,
    attr: pyAttribute(r.idsNames!.snake),
    alias: r.idsField!,
    table: r.joinTable!,
    tableVar: `${r.joinTable!}_table`,
    sourceColumn: r.joinSourceColumn!,
    targetColumn: r.joinTargetColumn!,
    targetModel: classes.get(r.target.names.pascal)!,
    targetSnake: r.target.names.snake,
    targetName: r.target.name,
    targetOwned: r.target.owned,
    reference: referenceEntry(attr, r.idsField!, r, false),
  };
}

/**
 * A reference's entry in its MongoDB repository (templates/python-mongodb): attribute, document key, the
 * collection it points into and its entity (for the 400 a missing one is). A reference to an owned entity must
 * name one of the same user's documents.
 */
function referenceEntry(attr: string, key: string, r: RelationView, optional: boolean): PyCallItem {
  const args = [pyStr(attr), pyStr(key), pyStr(r.target.table), pyStr(r.target.name)];
  if (optional) args.push('optional=True');
  if (r.target.owned) args.push('owned=True');
  return { head: 'Reference', args };
}
