/**
 * Words that are keywords, built-ins or framework names somewhere in the stacks we generate. They are not
 * refused (SPEC 3: every name matching the pattern works); each stack maps them to an internal identifier of
 * its own and keeps the user's name on the wire, in the database and in the OpenAPI document. The lists live
 * here, as data, so that the stacks' mappings and the keyword test model (test/fixtures/keywords.ts) read one
 * source.
 */
/** A set of the whitespace-separated words of a list written as one string. */
export const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

export const KEYWORDS = {
  /** JavaScript/TypeScript reserved and contextual words, plus Object.prototype members and thenables. */
  js: words('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async arguments eval undefined NaN Infinity constructor prototype __proto__ toString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString then as any boolean number string symbol type declare module namespace never unknown object readonly keyof infer is asserts satisfies'),
  /** Python keywords, soft keywords, built-ins and the names pydantic and SQLAlchemy models own. */
  python: words('and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield None True False match case type self cls id list dict set str int float bool bytes object property date datetime time decimal uuid json enum field metadata registry query model_config model_fields model_dump model_validate copy dict schema validate construct fields'),
  /** Java keywords and literals, java.lang classes and the methods every object has. */
  java: words('abstract assert boolean break byte case catch char class const continue default do double else enum extends final finally float for goto if implements import instanceof int interface long native new package private protected public return short static strictfp super switch synchronized this throw throws transient try void volatile while var record yield sealed permits when module exports requires open opens to transitive uses with true false null Override Object String Class Integer Long Boolean Double Float Short Byte Character Number Math System Thread Exception Error Record Enum Iterable Void getClass hashCode equals toString notify notifyAll wait clone finalize'),
  /** Go keywords and predeclared identifiers (Go exports in PascalCase, but locals and packages are lower-case). */
  go: words('break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil any comparable append cap clear close complex copy delete imag len make max min new panic print println real recover'),
  /** Ruby keywords and the methods Sequel::Model and Object define on every row. */
  ruby: words('alias and begin break case class def defined do else elsif end ensure false for if in module next nil not or redo rescue retry return self super then true undef unless until when while yield __method__ __FILE__ __LINE__ send object_id values model save errors pk db set update delete destroy valid validate new freeze hash method methods changed_columns columns this refresh reload lock keys'),
  /** Reserved words of PostgreSQL, MySQL/MariaDB and SQLite (identifiers are always quoted, so all work). */
  sql: words('all alter analyze and any array as asc between both by call cascade case cast check collate column constraint create cross current_date current_time current_timestamp current_user database databases default delete desc describe distinct drop else end except exists explain false fetch for foreign from full grant group having in index inner insert intersect interval into is join key keys kill leading left like limit lock natural not null offset on or order outer primary range rank references rename replace restrict return revoke right row rows select set show table then to trailing true union unique unsigned update usage user using values when where window with date time timestamp'),
} as const;

/**
 * Class names that real models use and that some framework or standard library also defines (SPEC 3 names
 * User, Order, Group, Case; the rest are what our stacks import or generate next to entity classes).
 */
export const CLASS_NAMES = words('User Order Group Case Class Object Entity Record String Number Boolean Date Map Set Promise Array Function Error Symbol List Optional Integer Long Type Base Model Query Request Response Session Config Settings App Application Health Auth Token Problem Schema Migration Router Route Controller Service Repository Exception Thread System Math Json File Path Test Main Index Api Docs Openapi Filter Listing Override Instant Uuid Decimal Value Key');

/** Query parameters of list endpoints (SPEC 5): a field with one of these names is not an equality filter. */
export const PAGING: ReadonlySet<string> = new Set(['limit', 'offset', 'sort']);

/**
 * Generated for every entity (SPEC 3), plus the owner column of owned rows (`owner_user_id`, never in the
 * API; named so that a relation called `owner`, as in SPEC 3's own example, keeps its `ownerId`).
 */
export const IMPLICIT_FIELDS: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'ownerUserId']);

/**
 * The table of the accounts behind `auth: jwt` (SPEC 5). Entity tables are snake_case plurals of a PascalCase
 * name, so only an entity `AuthAccount` could take it; that one is refused (rule entity-name-collision).
 */
export const ACCOUNTS_TABLE = 'auth_accounts';
