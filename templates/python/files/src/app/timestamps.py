"""Timestamps as every stack of this generator stores and shows them: UTC, to the millisecond."""

from datetime import UTC, datetime


def utc_millis(value: datetime) -> datetime:
    """The instant in UTC, truncated to milliseconds (the precision of every database column)."""
    if value.tzinfo is UTC and not value.microsecond % 1000:
        return value  # the common case (every value read back from a column): nothing to do
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def utc_now() -> datetime:
    return utc_millis(datetime.now(UTC))


def format_datetime(value: datetime) -> str:
    """RFC 3339 in UTC with milliseconds and a Z, e.g. 2024-01-01T10:00:00.000Z."""
    return utc_millis(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")
