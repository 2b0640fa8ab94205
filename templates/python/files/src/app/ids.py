"""Identifiers: UUIDv7 (time-ordered, RFC 9562), so primary keys sort roughly by creation time."""

import os
import time
import uuid


def uuid7() -> str:
    """A new UUIDv7 as its canonical lower-case string."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand >> 68) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def parse_uuid(value: str) -> str | None:
    """The canonical form of a UUID string, or None when the string is not a UUID."""
    if len(value) != 36:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
