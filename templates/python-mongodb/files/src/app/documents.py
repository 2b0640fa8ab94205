"""The one place where API values and MongoDB document values are converted into each other.

Every stack stores the same documents (the generator's ARCHITECTURE.md, "MongoDB"): decimals are exact strings
with exactly `scale` fraction digits (FerretDB has no Decimal128, and a double is not exact) beside an order
key under `_order`, dates YYYY-MM-DD strings, date-times BSON dates, bigints 64-bit integers, JSON values
their JSON text (a document cannot hold every JSON object: keys with a `$` or a dot are refused), UUIDs
lower case. An optional value that is None is left out of the document.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Context, Decimal
from typing import Any, Literal

from bson.int64 import Int64

from app.timestamps import utc_millis

Kind = Literal[
    "text", "uuid", "integer", "bigint", "number", "decimal", "boolean", "date", "datetime", "json"
]
#: The sub-document holding each decimal field's order key.
ORDER = "_order"


@dataclass(frozen=True)
class Stored:
    """A field of an entity: its attribute on the schemas, its key in documents, how its value is kept."""

    attr: str
    key: str
    kind: Kind
    optional: bool = False
    precision: int = 0
    scale: int = 0

    @property
    def sort_key(self) -> str:
        """What a sort on this field orders by: a decimal's order key, as its text does not sort numerically."""
        return f"{ORDER}.{self.key}" if self.kind == "decimal" else self.key


def normalize_decimal(value: Decimal, scale: int) -> str:
    """`Decimal("007.5")` → `"7.50"` for scale 2; exact, and zero is never negative."""
    # A context wide enough for any precision the model allows (the default one holds 28 digits).
    quantized = value.quantize(Decimal(1).scaleb(-scale), context=Context(prec=100))
    return format(abs(quantized) if quantized.is_zero() else quantized, "f")


def decimal_order_key(value: Decimal, precision: int, scale: int) -> str:
    """A string whose byte order is the numeric order of one field's decimals (fixed precision and scale):
    `p` + the digits zero-padded for zero and positive values, `n` + their nines' complement for negative
    ones (`12.5` → `p001250`, `-12.5` → `n998749` for precision 6, scale 2)."""
    normalized = normalize_decimal(value, scale)
    negative = normalized.startswith("-")
    integer, _, fraction = normalized.removeprefix("-").partition(".")
    digits = integer.rjust(precision - scale, "0") + fraction
    if negative:
        return "n" + "".join(str(9 - int(digit)) for digit in digits)
    return "p" + digits


def to_document(field: Stored, value: Any) -> Any:
    """API value (as the schemas parse it, never None) → document value."""
    match field.kind:
        case "uuid":
            return str(value).lower()
        case "bigint":
            return Int64(value)
        case "number":
            return float(value)
        case "decimal":
            return normalize_decimal(value, field.scale)
        case "date":
            return value.isoformat() if isinstance(value, date) else value
        case "datetime":
            return utc_millis(value)
        case "json":
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        case _:
            return value


def from_document(field: Stored, value: Any) -> Any:
    """Document value → API value (an absent field is None before it gets here)."""
    match field.kind:
        case "bigint" | "integer":
            return int(value)
        case "number":
            return float(value)
        case "date":
            return date.fromisoformat(value)
        case "datetime":
            assert isinstance(value, datetime)
            return utc_millis(value)
        case "json":
            return json.loads(value)
        case _:
            return value
