import type { EntityView, FieldView } from '../../model/view-model.js';
import { pyAttribute, pyModule } from './names.js';
import { pyField } from './field-view.js';
import { pyForeignKey, pyManyToMany } from './relation-view.js';
import { pyCall, pyImport, pyStr, pyTuple, pyTupleAssign, pyTupleBlock, type PyCallItem } from './syntax.js';
import { hasTextPattern, textRules } from './types.js';

/** An entity as the Python templates receive it (`entity` in per-entity templates). */

export function pyEntity(e: EntityView, testable: ReadonlySet<string>, classes: ReadonlyMap<string, string>) {
  const module = pyModule(e.names.snake);
  const modelClass = classes.get(e.names.pascal)!;
  const fields = e.fields.map(pyField);
  const foreignKeys = e.foreignKeys.map((r) => pyForeignKey(r, classes));
  const manyToMany = e.manyToMany.map((r) => pyManyToMany(r, classes));
  const sortKeys = [
    ...fields.filter((f) => f.sortable).map((f) => ({ key: f.name, attr: f.attr, isDecimal: f.isDecimal })),
    ...foreignKeys.map((r) => ({ key: r.alias, attr: r.attr, isDecimal: false })),
    { key: 'createdAt', attr: 'created_at', isDecimal: false },
    { key: 'updatedAt', attr: 'updated_at', isDecimal: false },
  ];
  const filterField = fields.find((f) => f.filterValue !== null && f.filterValueAlt !== null && f.filterValue !== f.filterValueAlt) ?? null;
  const patchField = fields.find((f) => f.hasSample && f.sampleAlt !== f.sample && !f.unique) ?? fields.find((f) => f.hasSample && f.sampleAlt !== f.sample) ?? null;
  const inbound = e.referencedBy.map((ib) => ({
    sourceSnake: ib.source.names.snake,
    sourceModel: classes.get(ib.source.names.pascal)!,
    sourceTitle: ib.source.names.title,
    sourcePath: ib.source.path,
    fkAlias: ib.relation.fkField!,
    fkAttr: pyAttribute(ib.relation.fkNames!.snake),
    restrict: ib.relation.onDeleteRestrict,
    cascade: ib.relation.onDeleteCascade,
    setNull: ib.relation.onDeleteSetNull,
    sourceTestable: testable.has(ib.source.name),
    selfReference: ib.source.name === e.name,
  }));
  return {
    relationships: relationships(e, fields, foreignKeys, manyToMany, modelClass, classes),
    schemaImports: schemaImports(e),
    /** SQL: the arguments of the entity's `Service(` (app/services/<entity>.py) and what that module imports. */
    serviceArgs: serviceArgs(e, modelClass, foreignKeys, manyToMany, inbound),
    serviceImport: pyImport('app.service', [
      ...(foreignKeys.length ? ['Reference'] : []),
      ...(manyToMany.length ? ['Link'] : []),
      ...(inbound.some((i) => i.restrict) ? ['Restrict'] : []),
      'Service',
    ]),
    serviceSchemaImport: pyImport(`app.schemas.${module}`, ['Page', 'Query', 'Read'].map((k) => `${e.names.pascal}${k}`)),
    /** MongoDB: the keyword arguments of the entity's `Repository(` (templates/python-mongodb), as ruff lays them out. */
    repositoryArgs: repositoryArgs(e, fields, foreignKeys, manyToMany),
    hasUniqueIndexes: fields.some((f) => f.unique) || foreignKeys.some((r) => r.isOneToOne),
    hasNotNull: fields.some((f) => f.required) || foreignKeys.some((r) => r.required),
    hasReferences: foreignKeys.length > 0 || manyToMany.length > 0,
    needsUser: e.owned || foreignKeys.some((r) => r.targetOwned) || manyToMany.some((r) => r.targetOwned),
    /** MongoDB: the route module's import of its schemas (no enum types: the repository reads values). */
    routeSchemaImport: pyImport(`app.schemas.${module}`, ['Create', 'Page', 'Query', 'Read', 'Update'].map((k) => `${e.names.pascal}${k}`)),
    /** MongoDB: the repository module's import of the response model. */
    readImport: pyImport(`app.schemas.${module}`, [`${e.names.pascal}Read`]),
    /** MongoDB: the route module's import of the entity's repository, as ruff wraps it when too long. */
    repositoryImport: repositoryImport(module, e.names.upperSnake),
    sampleEntries: fields.filter((f) => f.hasSample).map((f) => `${pyStr(f.name)}: ${f.sample}`),
    altEntries: fields.filter((f) => f.hasSample).map((f) => `${pyStr(f.name)}: ${f.sampleAlt}`),
    requiredAliases: [...fields.filter((f) => f.required && !f.hasDefault).map((f) => f.name), ...foreignKeys.filter((r) => r.required).map((r) => r.alias)].map(pyStr),
    nullAliases: [...fields.filter((f) => !f.required && !f.hasDefault).map((f) => f.name), ...foreignKeys.filter((r) => !r.required).map((r) => r.alias)].map(pyStr),
    invalidParams: fields.flatMap((f) => [
      ...(f.wrongType ? [{ label: 'type', ...f.wrongType }] : []),
      ...f.invalid,
    ].map((i) => pyCall(8, 'pytest.param', [pyStr(f.name), i.value, pyStr(i.message), `id=${pyStr(`${f.name}-${i.label}`)}`], ')', ','))),
    requiredTuple: pyTuple([...fields.filter((f) => f.required && !f.hasDefault).map((f) => pyStr(f.name)), ...foreignKeys.filter((r) => r.required).map((r) => pyStr(r.alias))]),
    nullTuple: pyTuple([...fields.filter((f) => !f.required && !f.hasDefault).map((f) => pyStr(f.name)), ...foreignKeys.filter((r) => !r.required).map((r) => pyStr(r.alias))]),
    uniqueAliases: fields.filter((f) => f.unique).map((f) => pyStr(f.name)),
    /** Decimal fields of the test payload, each also sent as a JSON number (SPEC 5). */
    decimalAliases: fields.filter((f) => f.isDecimal && f.hasSample).map((f) => pyStr(f.name)).join(', '),
    defaultAsserts: fields
      .filter((f) => f.hasDefault)
      .map((f) => `assert body[${pyStr(f.name)}] ${['True', 'False', 'None'].includes(f.defaultResponse) ? 'is' : '=='} ${f.defaultResponse}`),
    checksDefaultsOrNulls: fields.some((f) => f.hasDefault) || fields.some((f) => !f.required) || foreignKeys.some((r) => !r.required),
    patchChange: patchField ? `{${pyStr(patchField.name)}: ${patchField.sampleAlt}}` : null,
    filterRequest: filterField
      ? pyCall(4, 'only = client.get', ['PATH', `params={${pyStr(filterField.name)}: ${pyStr(filterField.filterValue!)}}`, 'headers=factory.headers'])
      : null,
    neverNull: pyTupleAssign(4, 'never_null = ', [...fields.filter((f) => f.required).map((f) => f.name), ...foreignKeys.filter((r) => r.required).map((r) => r.alias)].map(pyStr)),
    sortType: pyCall(0, `${e.names.pascal}Sort = Literal`, sortKeys.flatMap((k) => [JSON.stringify(k.key), JSON.stringify(`-${k.key}`)]), ']'),
    name: e.name,
    constName: e.names.upperSnake,
    module,
    /** For composed identifiers (`create_class`, `class_row`), where a keyword needs no mapping. */
    snake: e.names.snake,
    /** The SQLAlchemy class in models.py; schemas keep the user's name as their prefix (`OrderCreate`). */
    modelClass,
    model: e.names.pascal,
    title: e.names.title,
    pluralTitle: e.names.pluralTitle,
    table: e.table,
    path: e.path,
    owned: e.owned,
    fields,
    foreignKeys,
    manyToMany,
    sortKeys,
    testable: e.testable,
    filterField,
    patchField,
    inbound,
    /** Whether generated modules import `Decimal`, and the JSON value types. */
    usesDecimal: e.fields.some((f) => f.isDecimal),
    usesJson: e.fields.some((f) => f.isJson),
  };
}

/**
 * models.py: the `relationship()` of each relation, named like the relation (`author` beside `author_id`), with a
 * `_` appended while it would take another attribute of the class. Lazy loads raise: the services load what they
 * need with explicit queries, so a forgotten eager load fails in tests instead of adding a query per row.
 */
function relationships(
  e: EntityView,
  fields: ReadonlyArray<ReturnType<typeof pyField>>,
  foreignKeys: ReadonlyArray<ReturnType<typeof pyForeignKey>>,
  manyToMany: ReadonlyArray<ReturnType<typeof pyManyToMany>>,
  modelClass: string,
  classes: ReadonlyMap<string, string>,
): string[] {
  const taken = new Set<string>(['id', 'created_at', 'updated_at', 'owner_user_id', ...fields.map((f) => f.attr), ...foreignKeys.map((r) => r.attr), ...manyToMany.map((r) => r.attr)]);
  const claim = (snake: string): string => {
    let attr = pyAttribute(snake);
    while (taken.has(attr)) attr += '_';
    taken.add(attr);
    return attr;
  };
  const lines: string[] = [];
  const fkRelations = e.relations.filter((r) => r.isForeignKey);
  fkRelations.forEach((r, i) => {
    const fk = foreignKeys[i]!;
    const target = classes.get(r.target.names.pascal)!;
    const self = target === modelClass;
    const args = [`foreign_keys=[${fk.attr}]`, ...(self ? ['remote_side=[id]'] : []), 'lazy="raise"'];
    lines.push(pyCall(4, `${claim(r.names.snake)}: Mapped["${target}${r.required ? '' : ' | None'}"] = relationship`, args));
  });
  const links = e.relations.filter((r) => r.isManyToMany);
  links.forEach((r, i) => {
    const link = manyToMany[i]!;
    const target = classes.get(r.target.names.pascal)!;
    // A link table whose two keys point at one table needs both joins spelled out; the link rows go with
    // the row by the keys' ON DELETE CASCADE (passive_deletes: no load of the list to delete them).
    const joins = target === modelClass
      ? [`primaryjoin="${modelClass}.id == ${link.table}.c.${link.sourceColumn}"`, `secondaryjoin="${target}.id == ${link.table}.c.${link.targetColumn}"`]
      : [];
    const args = [`secondary="${link.table}"`, ...joins, 'lazy="raise"', 'passive_deletes=True'];
    lines.push(pyCall(4, `${claim(r.names.snake)}: Mapped[list["${target}"]] = relationship`, args));
  });
  return lines;
}

function repositoryArgs(
  e: EntityView,
  fields: ReadonlyArray<ReturnType<typeof pyField>>,
  foreignKeys: ReadonlyArray<ReturnType<typeof pyForeignKey>>,
  manyToMany: ReadonlyArray<ReturnType<typeof pyManyToMany>>,
): string {
  // Each unique index and the attribute it guards: a duplicate is a 409 naming the field.
  const unique: PyCallItem[] = [
    ...fields.filter((f) => f.unique).map((f) => ({ head: 'Unique', args: [pyStr(f.attr), pyStr(f.uniqueIndex!)] })),
    ...foreignKeys.filter((r) => r.isOneToOne).map((r) => ({ head: 'Unique', args: [pyStr(r.attr), pyStr(r.uniqueIndex!)] })),
  ];
  const blocks = [
    pyTupleBlock(4, 'fields=', fields.map((f) => f.stored)),
    ...(foreignKeys.length ? [pyTupleBlock(4, 'references=', foreignKeys.map((r) => r.reference))] : []),
    ...(manyToMany.length ? [pyTupleBlock(4, 'links=', manyToMany.map((r) => r.reference))] : []),
    ...(unique.length ? [pyTupleBlock(4, 'unique=', unique)] : []),
    ...(e.owned ? ['    owned=True,'] : []),
  ];
  return blocks.join('\n');
}

/**
 * The entity's `Service(`: its model and schemas, then only what they do not say themselves: the entity each key
 * and link names (for the 400 a missing row is), the keys of other entities that restrict its deletes, its owner.
 */
function serviceArgs(
  e: EntityView,
  modelClass: string,
  foreignKeys: ReadonlyArray<ReturnType<typeof pyForeignKey>>,
  manyToMany: ReadonlyArray<ReturnType<typeof pyManyToMany>>,
  inbound: ReadonlyArray<{ sourceModel: string; fkAttr: string; sourceTitle: string; restrict: boolean }>,
): string {
  const owned = (target: boolean) => (target ? ['owned=True'] : []);
  const references: PyCallItem[] = foreignKeys.map((r) => ({
    head: 'Reference',
    args: [pyStr(r.attr), `models.${r.targetModel}`, pyStr(r.targetName), ...owned(r.targetOwned)],
  }));
  const links: PyCallItem[] = manyToMany.map((r) => ({
    head: 'Link',
    args: [pyStr(r.attr), `models.${r.tableVar}`, pyStr(r.sourceColumn), pyStr(r.targetColumn), `models.${r.targetModel}`, pyStr(r.targetName), ...owned(r.targetOwned)],
  }));
  const restricts: PyCallItem[] = inbound
    .filter((i) => i.restrict)
    .map((i) => ({ head: 'Restrict', args: [`models.${i.sourceModel}.${i.fkAttr}`, pyStr(i.sourceTitle)] }));
  const schema = (kind: string) => `    ${e.names.pascal}${kind},`;
  return [
    `    models.${modelClass},`,
    schema('Read'),
    schema('Query'),
    schema('Page'),
    ...(references.length ? [pyTupleBlock(4, 'references=', references)] : []),
    ...(links.length ? [pyTupleBlock(4, 'links=', links)] : []),
    ...(restricts.length ? [pyTupleBlock(4, 'restricted_by=', restricts)] : []),
    ...(e.owned ? ['    owned=True,'] : []),
  ].join('\n');
}

function repositoryImport(module: string, constant: string): string {
  const one = `from app.repositories.${module} import ${constant} as REPOSITORY`;
  return one.length <= 100 ? one : `from app.repositories.${module} import (\n    ${constant} as REPOSITORY,\n)`;
}

function schemaImports(e: EntityView): string {
  const has = (pred: (f: FieldView) => boolean) => e.fields.some(pred);
  const std: string[] = [];
  const fromDatetime = [
    ...(has((f) => f.isDatetime && f.hasDefault) ? ['UTC'] : []),
    ...(has((f) => f.isDate) ? ['date'] : []),
    ...(has((f) => f.isDatetime && f.hasDefault) ? ['datetime'] : []),
  ];
  if (fromDatetime.length > 0) std.push(pyImport('datetime', fromDatetime));
  if (has((f) => f.isDecimal)) std.push('from decimal import Decimal');
  const typing = ['Literal'];
  if (has((f) => f.isDecimal || textRules(f).length > 0 || (f.filterable && (f.isInteger || f.isBigint || f.isNumber)))) typing.push('Annotated');
  std.push(pyImport('typing', typing));
  const pyd = ['BaseModel', 'Field'];
  if (has((f) => f.isJson)) pyd.push('JsonValue');
  const values = ['DateTimeOut', 'InputModel', 'OutputModel', 'PatchModel'];
  if (has((f) => f.isDate)) values.push('DateIn');
  if (has((f) => f.isDatetime)) values.push('DateTimeIn');
  if (has((f) => f.isDecimal)) values.push('DecimalOut', 'decimal_input');
  if (has((f) => f.isJson)) values.push('JsonIn');
  if (has((f) => f.isUuid) || e.hasRelations) values.push('UuidIn');
  if (has((f) => f.isEmail)) values.push('EMAIL_TEXT');
  if (has(hasTextPattern)) values.push('TextPattern');
  if (has((f) => f.isUrl)) values.push('URL_TEXT');
  return [std.join('\n'), pyImport('pydantic', pyd), pyImport('app.values', values)].join('\n\n');
}
