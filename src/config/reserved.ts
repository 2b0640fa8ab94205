/**
 * Names that would break generated code in some supported language, ORM or SQL dialect. Checked
 * case-insensitively for the union of all stacks, so a spec that validates for one stack validates for all.
 */
const JS = 'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined nan infinity constructor prototype __proto__ tostring valueof hasownproperty';
const PYTHON = 'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield none true false self cls metadata registry model_config model_fields';
const JAVA = 'abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while var record yield sealed permits non-sealed when module exports requires true false null';
/** Go exports every field and type in PascalCase, so its lower-case keywords never collide with our names. */
const RUBY = 'alias and begin break case class def defined do else elsif end ensure false for if in module next nil not or redo rescue retry return self super then true undef unless until when while yield __method__ __file__ __line__ send object_id';
/** Reserved (not merely non-reserved) keywords of PostgreSQL, MySQL/MariaDB and SQLite, plus common traps. */
const SQL = 'all alter analyze and any array as asc between both by call cascade case cast check collate column constraint create cross current_date current_time current_timestamp current_user database databases default delete desc describe distinct drop else end except exists explain false fetch for foreign from full grant group having in index inner insert intersect interval into is join key keys kill leading left like limit lock natural not null offset on or order outer primary range rank references rename replace restrict return revoke right row rows select set show table then to trailing true union unique unsigned update usage user using values when where window with';
/** Query parameters of list endpoints: a field with one of these names could not be filtered on. */
export const PAGING = new Set(['limit', 'offset', 'sort', 'page', 'size', 'fields', 'q']);
/**
 * Generated for every entity (SPEC 3), plus the owner column of owned rows (`owner_user_id`, never in the
 * API; named so that a relation called `owner`, as in SPEC 3's own example, keeps its `ownerId`).
 */
export const IMPLICIT_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'ownerUserId']);

const set = (...lists: string[]) => new Set(lists.join(' ').split(/\s+/).map((w) => w.toLowerCase()));

export const FIELD_RESERVED = set(JS, PYTHON, JAVA, RUBY, SQL);

/** Class and type names an entity must not take in some stack (plus names the generated code uses itself). */
export const ENTITY_RESERVED = set(
  JS, PYTHON, JAVA, RUBY,
  'object string number boolean symbol error date map set promise array function record list optional integer long short byte character double float void class enum',
  'base model entity query request response session config settings app application health auth user users token problem schema migration schemamigration router route controller service repository exception thread system math json file path type types test main index api docs openapi',
  // Classes the Java stack's own code and imports use in the same package.
  'filter listing references ids jsonbody jsontext validation patterns constraints problems pageresponse fieldproblem apiexception seeder migrations databaseurl instant chronounit uuid bigdecimal localdate arraylist objectnode jsonnode multivaluemap transactional operation parameter content',
);

export function isReservedField(name: string): boolean {
  return FIELD_RESERVED.has(name.toLowerCase());
}

const SQL_RESERVED = set(SQL);

/** Entity names become classes (checked against languages) and plural tables (checked against SQL). */
export function isReservedEntity(name: string, table?: string): boolean {
  return ENTITY_RESERVED.has(name.toLowerCase()) || (table !== undefined && SQL_RESERVED.has(table.toLowerCase()));
}
