/**
 * The one place that decides the Python identifiers of a model's names (SPEC 3: every valid name works). A
 * user's name stays what it is on the wire (pydantic `alias`), in the database (column and table names) and in
 * the OpenAPI document; only the identifier inside the generated Python code changes, and only when the
 * user's word would not compile, or would shadow something the generated module relies on. Templates print
 * what this module computes and never decide names themselves.
 */
import { words } from '../../config/reserved.js';

/** Hard keywords: not valid identifiers at all. */
export const PY_KEYWORDS = words(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield',
);

/** Soft keywords: valid identifiers, but confusing as names and reserved by some tools (`type` aliases). */
export const PY_SOFT_KEYWORDS = words('match case type _');

/**
 * Built-in functions and types: an attribute or module named like one shadows it where generated code uses it
 * (`date: date | None` in a class body makes the annotation refer to the field, not the type).
 */
export const PY_BUILTINS = words(
  'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip',
);

/** Modules and names that the generated modules import, and that a class body or a module would shadow. */
export const PY_IMPORTED = words('date datetime time timezone dt decimal uuid uuid7 json typing enum sa st re os sys logging field fields dataclasses cast annotations relationship mapped_column utc_now')

/**
 * Attributes of pydantic's `BaseModel` (v1 compatibility names included) and of SQLAlchemy's declarative
 * classes: a field named like one would replace the framework's attribute.
 */
export const PY_MODEL_ATTRIBUTES = words(
  'copy dict json schema schema_json validate construct fields from_orm parse_obj parse_raw parse_file update_forward_refs metadata registry query mapper self cls',
);

/** Attributes every generated model and query class has already (SPEC 3 implicit fields, paging parameters). */
export const PY_OWN_ATTRIBUTES = words('id created_at updated_at owner_user_id limit offset sort');

/** Modules of the generated package that an entity module would replace or shadow (`app/routes/health.py`). */
export const PY_OWN_MODULES = words(
  'app auth health config crud db deps docs ids logs main middleware models passwords problems routes schemas security seed services sqltypes throttle values tests conftest factories',
);

/**
 * Class names that models.py (or Python) already binds: `Base` is the declarative base, `AuthAccount` the
 * accounts of `auth: jwt`, the rest are typing/SQLAlchemy imports and capitalised builtins.
 */
export const PY_TAKEN_CLASSES = words(
  'Base AuthAccount DeclarativeBase Mapped Any None True False Ellipsis NotImplemented Exception BaseException',
);

/** The attribute of a field or relation (snake_case): the word with `_` appended when it cannot be used as is. */
export function pyAttribute(snake: string): string {
  const clashes =
    PY_KEYWORDS.has(snake) ||
    PY_SOFT_KEYWORDS.has(snake) ||
    PY_BUILTINS.has(snake) ||
    PY_IMPORTED.has(snake) ||
    PY_MODEL_ATTRIBUTES.has(snake) ||
    PY_OWN_ATTRIBUTES.has(snake) ||
    snake.startsWith('model_');
  return clashes ? `${snake}_` : snake;
}

/** The module of an entity in `app.routes`, `app.schemas` and `tests/test_<module>.py`. */
export function pyModule(snake: string): string {
  const clashes = PY_KEYWORDS.has(snake) || PY_SOFT_KEYWORDS.has(snake) || PY_BUILTINS.has(snake) || PY_IMPORTED.has(snake) || PY_OWN_MODULES.has(snake);
  return clashes ? `${snake}_` : snake;
}

/**
 * The SQLAlchemy class of each entity in models.py, by entity name. A name that models.py binds already
 * (or a capitalised builtin such as `ValueError`) gets the suffix `Row`, and a suffixed name that another
 * entity owns gets another one, so two entities never share a class.
 */
export function pyModelClasses(pascals: readonly string[]): Map<string, string> {
  const taken = new Set(pascals);
  const out = new Map<string, string>();
  for (const pascal of pascals) {
    if (!PY_TAKEN_CLASSES.has(pascal) && !/(Error|Warning)$/.test(pascal)) {
      out.set(pascal, pascal);
      continue;
    }
    let name = `${pascal}Row`;
    while (taken.has(name)) name += 'Row';
    taken.add(name);
    out.set(pascal, name);
  }
  return out;
}
