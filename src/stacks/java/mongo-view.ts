import { wrapJava } from '../../generator/java-wrap.js';
import type { MongoInboundReference, MongoSchema } from '../../model/mongo.js';
import type { FieldView } from '../../model/view-model.js';
import { javaString } from './syntax.js';

/**
 * How templates/java-mongodb stores a field: the calls of its `Documents` codec that write a value into a document
 * and read it back, in the shape every stack shares on MongoDB (ARCHITECTURE.md, "MongoDB"; src/model/mongo.ts).
 */

/** The `Documents` reader of each field type (json is kept as its JSON text, as the entity holds it). */
const DOCUMENT_READER: Record<FieldView['type'], string> = {
  string: 'string', text: 'string', email: 'string', url: 'string', enum: 'string', json: 'string',
  integer: 'integer', bigint: 'bigint', number: 'number', decimal: 'decimal', boolean: 'bool',
  date: 'date', datetime: 'instant', uuid: 'uuid',
};

/** A statement putting `value` into `document` (absent when null); a decimal also writes its order key. */
export function documentWrite(f: FieldView, value: string): string {
  const key = javaString(f.name);
  if (f.isDecimal) return `Documents.putDecimal(document, ${key}, ${value}, ${f.precision ?? 12}, ${f.scale ?? 2});`;
  return `Documents.put(document, ${key}, ${value});`;
}

/** The expression reading the field back from `document` (null when absent); an enum by its wire name. */
export function documentRead(f: FieldView, enumType: string | null = null): string {
  const read = `Documents.${DOCUMENT_READER[f.type]}(document, ${javaString(f.name)})`;
  return enumType ? `WireName.stored(${enumType}.class, ${read})` : read;
}

interface SortKey {
  readonly key: string;
  readonly literal: string;
}

/**
 * The document key each sort key orders by where it is not the key itself (a decimal sorts by its order key), and
 * the sort keys a document may lack (optional fields and references: sorted as two queries, nulls last).
 */
export function mongoSorts(sorts: readonly SortKey[], fields: readonly FieldView[], optionalReferences: readonly string[]) {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const documentKeys = sorts.flatMap((s) => (byName.get(s.key)?.isDecimal ? [`Map.entry(${s.literal}, ${javaString(`_order.${s.key}`)})`] : []));
  const optionalSorts = sorts.filter((s) => (byName.has(s.key) ? !byName.get(s.key)!.required : optionalReferences.includes(s.key))).map((s) => s.literal);
  return { documentKeys, optionalSorts };
}

const ON_DELETE: Record<MongoInboundReference['onDelete'], string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET_NULL',
  unlink: 'UNLINK',
};

/** Integrity's REFERENCED_BY constant: each collection's inbound references, what a delete follows. */
export function referencedByConstant(schema: MongoSchema | null): string {
  const head = 'private static final Map<String, List<Inbound>> REFERENCED_BY = Map.ofEntries(';
  const entries = (schema?.collections ?? [])
    .filter((c) => c.referencedBy.length > 0)
    .map((c) => ({ key: javaString(c.name), refs: c.referencedBy.map((r) => `new Inbound(${javaString(r.collection)}, ${javaString(r.field)}, OnDelete.${ON_DELETE[r.onDelete]})`) }));
  const oneLine = (e: (typeof entries)[number]) => `Map.entry(${e.key}, List.of(${e.refs.join(', ')}))`;
  const entryIndent = 12;
  if (entries.every((e, i) => `${' '.repeat(entryIndent)}${oneLine(e)}${i === entries.length - 1 ? ');' : ','}`.length <= 120)) {
    return wrapJava(4, head, entries.map(oneLine), ');');
  }
  // An entry too long for its line is broken as palantir breaks it: after `Map.entry(`, then inside `List.of(`.
  const lines = entries.map((e, i) => {
    const tail = i === entries.length - 1 ? ');' : ',';
    const line = `${' '.repeat(entryIndent)}${oneLine(e)}${tail}`;
    if (line.length <= 120) return line;
    const argIndent = ' '.repeat(entryIndent + 8);
    const args = `${argIndent}${e.key}, List.of(${e.refs.join(', ')}))${tail}`;
    if (args.length <= 120) return `${' '.repeat(entryIndent)}Map.entry(\n${args}`;
    return `${' '.repeat(entryIndent)}Map.entry(\n${argIndent}${e.key},\n${wrapJava(entryIndent + 8, 'List.of(', e.refs, `))${tail}`)}`;
  });
  return `    ${head}\n${lines.join('\n')}`;
}

/** Migrations' COLLECTIONS and INDEXES constants: what `migrate` creates, as palantir lays the lists out. */
export function migrationConstants(schema: MongoSchema | null): { collections: string; indexes: string } {
  const collections = schema?.collections ?? [];
  const indexes = collections.flatMap((c) =>
    c.indexes.map((i) => `new Index(${[c.name, i.name].map(javaString).join(', ')}, List.of(${i.keys.map(javaString).join(', ')}), ${i.unique}, ${i.sparse})`),
  );
  return {
    collections: wrapJava(4, 'static final List<String> COLLECTIONS = List.of(', collections.map((c) => javaString(c.name)), ');'),
    indexes: wrapJava(4, 'static final List<Index> INDEXES = List.of(', indexes, ');'),
  };
}

/**
 * A repository's UNIQUE_INDEXES constant (index name → document key) for templates/java-mongodb's Duplicates, which
 * names the index a duplicate broke when the server's message does not; null when the collection has none.
 */
export function uniqueIndexesConstant(schema: MongoSchema | null, collection: string): string | null {
  const unique = (schema?.collections.find((c) => c.name === collection)?.indexes ?? []).filter((i) => i.unique);
  if (unique.length === 0) return null;
  const entries = unique.map((i) => `Map.entry(${javaString(i.name)}, ${javaString(i.keys[0]!)})`);
  return wrapJava(4, 'private static final Map<String, String> UNIQUE_INDEXES = Map.ofEntries(', entries, ');');
}
