"""Helpers of the shared service (app/service.py) and accounts: lookups, checks, conflicts, links."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Column, ColumnElement, Float, Table, cast, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.ids import parse_uuid
from app.problems import ProblemError, not_found
from app.sqltypes import DecimalType

T = TypeVar("T")


def get_row(
    session: Session, model: type[T], raw_id: str, where: Sequence[ColumnElement[bool]] = ()
) -> T:
    """The row with this id (and conditions), or 404; an id of the wrong shape is a 404 too."""
    row_id = parse_uuid(raw_id)
    if row_id is None:
        raise not_found()
    id_column: Any = getattr(model, "id")  # noqa: B009
    row = session.scalars(select(model).where(id_column == row_id, *where)).first()
    if row is None:
        raise not_found()
    return row


def ensure_exists(
    session: Session,
    model: type[Any],
    row_id: str | None,
    field: str,
    entity: str,
    where: Sequence[ColumnElement[bool]] = (),
) -> None:
    if row_id is None:
        return
    if (
        session.scalar(select(func.count()).select_from(model).where(model.id == row_id, *where))
        == 0
    ):
        raise ProblemError(
            400, "The request is invalid.", [(field, f"refers to a missing {entity}")]
        )


def ensure_all_exist(
    session: Session,
    model: type[Any],
    row_ids: Sequence[str],
    field: str,
    entity: str,
    where: Sequence[ColumnElement[bool]] = (),
) -> None:
    if not row_ids:
        return
    found = set(session.scalars(select(model.id).where(model.id.in_(row_ids), *where)))
    if any(row_id not in found for row_id in row_ids):
        raise ProblemError(
            400, "The request is invalid.", [(field, f"refers to a missing {entity}")]
        )


def ensure_unique(
    session: Session,
    model: type[Any],
    checks: Iterable[tuple[InstrumentedAttribute[Any], Any, str]],
    exclude_id: str | None = None,
) -> None:
    for column, value, field in checks:
        if value is None:
            continue
        query = select(func.count()).select_from(model).where(column == value)
        if exclude_id is not None:
            query = query.where(model.id != exclude_id)
        if session.scalar(query):
            raise ProblemError(
                409, "A row with this value already exists.", [(field, "must be unique")]
            )


def ensure_unreferenced(
    session: Session, column: InstrumentedAttribute[Any], row_id: str, what: str
) -> None:
    if session.scalar(select(func.count()).where(column == row_id)):
        raise ProblemError(
            409, f"The row is still referenced by {what}; delete or change those first."
        )


def order_by(
    session: Session, columns: dict[str, InstrumentedAttribute[Any]], sort: str | None
) -> list[Any]:
    key = (sort or "createdAt").lstrip("-")
    column: Any = columns[key]
    if session.get_bind().dialect.name == "sqlite" and isinstance(column.type, DecimalType):
        column = cast(column, Float)
    primary = column.desc() if (sort or "").startswith("-") else column.asc()
    return [primary, columns["id"].desc() if (sort or "").startswith("-") else columns["id"].asc()]


def dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def load_links(
    session: Session, table: Table, source: str, target: str, source_ids: Sequence[str]
) -> dict[str, list[str]]:
    links: dict[str, list[str]] = defaultdict(list)
    if not source_ids:
        return links
    source_column: Column[Any] = table.c[source]
    target_column: Column[Any] = table.c[target]
    rows = session.execute(
        select(source_column, target_column)
        .where(source_column.in_(source_ids))
        .order_by(source_column, target_column)
    )
    for source_id, target_id in rows:
        links[str(source_id)].append(str(target_id))
    return links


def replace_links(
    session: Session,
    table: Table,
    source: str,
    target: str,
    source_id: str,
    target_ids: Sequence[str],
) -> None:
    session.execute(delete(table).where(table.c[source] == source_id))
    if target_ids:
        session.execute(
            insert(table), [{source: source_id, target: target_id} for target_id in target_ids]
        )


@contextmanager
def conflicts(session: Session) -> Iterator[None]:
    """A unique or foreign key violation that slipped past the checks (a race) is a 409."""
    try:
        yield
    except IntegrityError:
        session.rollback()
        raise ProblemError(409, "The change conflicts with existing data.") from None
