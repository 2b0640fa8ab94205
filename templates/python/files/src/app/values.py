"""Pydantic types for request and response values, matching the JSON formats of the HTTP contract."""

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    JsonValue,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from app.ids import parse_uuid
from app.sqltypes import format_datetime, utc_millis

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$",
)
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_MESSAGE = "must be a date (YYYY-MM-DD)"
_DATETIME_MESSAGE = "must be an RFC 3339 date-time"


def _holds_nul(value: Any) -> bool:
    """Whether a string, or any string or key nested in a list or dict, contains U+0000."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return False


class OutputModel(BaseModel):
    """Base of every response body: built in code by attribute name (`class_=...`, as a keyword cannot be an
    argument name), written out by alias, the name the API uses."""

    model_config = ConfigDict(validate_by_name=True)


class InputModel(BaseModel):
    """Base of every request body and query model: unknown fields are rejected, and so is U+0000.

    PostgreSQL text and jsonb cannot store NUL characters; refusing them here makes them a 400 naming the
    field on every database alike, for plain strings and for strings nested in json values.
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    # Before the type and constraint checks, so that a NUL is reported as such (not as a pattern mismatch).
    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _holds_nul(value):
            raise ValueError("must not contain the NUL character (U+0000)")
        return value


class PatchModel(InputModel):
    """Base of every PATCH body: any subset of the create body's fields; only the fields sent change.

    No default applies, so the document shows none. A field the model requires may be left out but not
    cleared: its annotation admits None only because a field left out is None too. Such fields are listed in
    `never_null` (by wire name); the document offers them no "null" type and `refused_nulls` names them.
    """

    never_null: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        properties: dict[str, Any] = handler.resolve_ref_schema(json_schema).get("properties", {})
        for name, prop in properties.items():
            prop.pop("default", None)
            if name in cls.never_null and "anyOf" in prop:
                variants = [v for v in prop.pop("anyOf") if v != {"type": "null"}]
                if len(variants) == 1:
                    prop.update(variants[0])
                else:
                    prop["anyOf"] = variants
        return json_schema

    def refused_nulls(self) -> list[tuple[str, str]]:
        """The wire name and message of each field in `never_null` that this body sets to null."""
        return [
            (field.alias or name, "must not be null")
            for name, field in type(self).model_fields.items()
            if field.alias in self.never_null
            and name in self.model_fields_set
            and getattr(self, name) is None
        ]


def _parse_date(value: Any) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(_DATE_MESSAGE)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(_DATE_MESSAGE) from None


def _parse_datetime(value: Any) -> datetime:
    if not isinstance(value, str) or not _DATETIME.match(value):
        raise ValueError(_DATETIME_MESSAGE)
    text = value.upper().replace("Z", "+00:00")
    head, sep, tail = text.partition(".")
    if sep:
        digits = len(tail) - 6
        text = f"{head}.{tail[:digits][:6].ljust(6, '0')}{tail[digits:]}"
    try:
        return utc_millis(datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(_DATETIME_MESSAGE) from None


def _parse_uuid(value: Any) -> str:
    parsed = parse_uuid(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError("must be a UUID")
    return parsed


def _not_null(value: JsonValue) -> JsonValue:
    if value is None:
        raise ValueError("must not be null")
    return value


#: A json value in a request: any JSON but null, which SPEC 5 keeps for optional fields (`JsonIn | None`).
JsonIn = Annotated[JsonValue, AfterValidator(_not_null)]
DateIn = Annotated[
    date,
    PlainValidator(_parse_date, json_schema_input_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
DateTimeIn = Annotated[
    datetime,
    PlainValidator(_parse_datetime, json_schema_input_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
UuidIn = Annotated[
    str,
    PlainValidator(_parse_uuid, json_schema_input_type=str),
    WithJsonSchema({"type": "string", "format": "uuid"}),
]
DateTimeOut = Annotated[
    datetime,
    PlainSerializer(format_datetime, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
DecimalOut = Annotated[str, WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"})]


def _decimal_text(value: Any) -> str | None:
    """The digits of a decimal sent as a JSON string or number; None for any other JSON type.

    The JSON body is decoded with floats, so a number is written back with `repr`, the shortest text that
    reads back as the same float: the digits the client sent, for up to 15 significant digits (all a float
    holds exactly). Exponent forms (`1e-07`) are spelled out so that they meet the same digit checks, and
    the zeros a float's text ends with (`7.0`, `12.50` decoded as 12.5) are dropped: they are not digits
    the client chose, so `7.0` fits a field with scale 0 as `7` does.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        text = format(Decimal(repr(value)), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return None


class DecimalCheck:
    """Validates a decimal sent as a JSON string (or number) against precision, scale and bounds."""

    def __init__(self, precision: int, scale: int, ge: str | None, le: str | None) -> None:
        self.precision = precision
        self.scale = scale
        self.ge = None if ge is None else Decimal(ge)
        self.le = None if le is None else Decimal(le)

    def __call__(self, value: Any) -> Decimal:
        shape = (
            f"must be a decimal number with at most {self.precision} digits, "
            f"{self.scale} after the point"
        )
        value = _decimal_text(value)
        if value is None or not _DECIMAL.match(value):
            raise ValueError(shape)
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValueError(shape) from None
        integer, _, fraction = value.lstrip("-").partition(".")
        if len(fraction) > self.scale or len(integer.lstrip("0")) > self.precision - self.scale:
            raise ValueError(shape)
        if self.ge is not None and number < self.ge:
            raise ValueError(f"must be at least {self.ge}")
        if self.le is not None and number > self.le:
            raise ValueError(f"must be at most {self.le}")
        return number


class TextPattern:
    """A field's `pattern` as JSON Schema means it: an ECMA-262 search, where `$` matches only at the very end.

    Python's `re` also matches `$` before a final newline and reads `\\d`, `\\w`, `\\s` and `.` with Unicode's
    classes, so the check searches with `search`, the same pattern with each end anchor written `\\Z` and those
    classes spelled out as ECMA-262 reads them. The OpenAPI document and the error message show `pattern` as
    the model wrote it.
    """

    def __init__(self, pattern: str, search: str, message: str | None = None) -> None:
        self.pattern = pattern
        self.search = re.compile(search)
        self.message = message or f"must match the pattern {pattern}"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "pattern": self.pattern}

    def _check(self, value: str) -> str:
        if self.search.search(value) is None:
            raise ValueError(self.message)
        return value


# The rules of `email` and `url` fields. `re` reads `\s` as Unicode's spaces and `$` as "before a final
# newline" too, so each search spells out ECMA-262's spaces and ends in `\Z`.
EMAIL_TEXT = TextPattern(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    r"^[^\x09-\x0D\x20\x40\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+@[^\x09-\x0D\x20\x40\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+\.[^\x09-\x0D\x20\x40\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+\Z",
    "must be an email address",
)


class UrlText(TextPattern):
    """The `url` rule: the pattern, and a host that parses (`http://[x` passes the pattern but is no URL)."""

    def _check(self, value: str) -> str:
        super()._check(value)
        try:
            host = urlsplit(value).hostname
        except ValueError:
            host = None
        if not host:
            raise ValueError(self.message)
        return value


URL_TEXT = UrlText(
    r"^https?://[^\s/?#]+[^\s]*$",
    r"^https?://[^\x09-\x0D\x20\x23\x2F\x3F\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+[^\x09-\x0D\x20\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*\Z",
    "must be a URL",
)


def decimal_input(precision: int, scale: int, ge: str | None, le: str | None) -> PlainValidator:
    return PlainValidator(DecimalCheck(precision, scale, ge, le), json_schema_input_type=str)


def decimal_out(value: Decimal, scale: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-scale)), "f")


def datetime_out(value: datetime) -> datetime:
    return utc_millis(value)
