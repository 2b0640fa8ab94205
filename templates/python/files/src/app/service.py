"""The behaviour every entity's routes share, written once: list (filters, sort, paging), read, create,
update, delete, the many-to-many links and owned rows. Each entity's module in app/services describes what
is its own (relations, owner, the rows that hold it) and gets a `Service`; the rest is read from its model
and schemas, so the two cannot disagree."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Table, func, inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app import crud
from app.ids import uuid7
from app.problems import ProblemError
from app.sqltypes import DecimalType
from app.timestamps import utc_now
from app.values import PatchModel, decimal_out

#: Query parameters that page and sort; every other one filters on the column of its name.
PAGING = frozenset({"limit", "offset", "sort"})


class Row(Protocol):
    @property
    def id(self) -> str: ...


class PageQuery(Protocol):
    @property
    def limit(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def sort(self) -> str | None: ...


RowT = TypeVar("RowT", bound=Row)
ReadT = TypeVar("ReadT", bound=BaseModel)
PageT = TypeVar("PageT", bound=BaseModel)


@dataclass(frozen=True)
class Reference:
    """A many-to-one or one-to-one key: it must name an existing row (of the same user, if `owned`)."""

    attr: str
    model: type[Any]
    entity: str
    owned: bool = False


@dataclass(frozen=True)
class Link:
    """A many-to-many id list, stored in a link table rather than a column."""

    attr: str
    table: Table
    source: str
    target: str
    model: type[Any]
    entity: str
    owned: bool = False


@dataclass(frozen=True)
class Restrict:
    """A key of another entity that refuses to let its rows lose the row they name (on delete: restrict)."""

    column: InstrumentedAttribute[Any]
    title: str


class Service(Generic[RowT, ReadT, PageT]):
    """The rows of `model` as `read` models, through the API's field names (the schemas' aliases)."""

    def __init__(
        self,
        model: type[RowT],
        read: type[ReadT],
        query: type[BaseModel],
        page: type[PageT],
        *,
        references: tuple[Reference, ...] = (),
        links: tuple[Link, ...] = (),
        restricted_by: tuple[Restrict, ...] = (),
        owned: bool = False,
    ) -> None:
        self.model = model
        self.new_row: Callable[..., RowT] = model
        self.read = read
        self.page = page
        self.references = references
        self.links = links
        self.restricted_by = restricted_by
        self.owned = owned
        self.link_attrs = tuple(link.attr for link in links)
        #: The wire name of each attribute, which is what a 400 or 409 names.
        self.aliases = {name: field.alias or name for name, field in read.model_fields.items()}
        columns = inspect(model).columns
        read_columns = [name for name in read.model_fields if name not in self.link_attrs]
        #: Decimals are written with their column's scale (`12.5` → `"12.50"`), the rest as they are.
        decimals: list[tuple[str, int]] = []
        for name in read_columns:
            column_type = columns[name].type
            if isinstance(column_type, DecimalType):
                decimals.append((name, column_type.scale))
        self.decimals = tuple(decimals)
        self.plain = tuple(name for name in read_columns if name not in dict(decimals))
        self.owner = columns["owner_user_id"] if owned else None
        #: Every column a response shows, by wire name: the query schema admits only the sortable ones.
        self.sort_columns: dict[str, InstrumentedAttribute[Any]] = {
            self.aliases[name]: getattr(model, name) for name in read_columns
        }
        self.filters: tuple[tuple[str, InstrumentedAttribute[Any]], ...] = tuple(
            (name, getattr(model, name)) for name in query.model_fields if name not in PAGING
        )
        self.unique = tuple(name for name in read_columns if columns[name].unique)

    def _scope(self, user_id: str | None) -> list[ColumnElement[bool]]:
        """Conditions every query of an owned entity carries: rows belong to their owner."""
        return [] if self.owner is None else [self.owner == user_id]

    def _to_read(self, row: RowT, links: dict[str, dict[str, list[str]]]) -> ReadT:
        values: dict[str, Any] = {name: getattr(row, name) for name in self.plain}
        for name, scale in self.decimals:
            value = getattr(row, name)
            values[name] = None if value is None else decimal_out(value, scale)
        for name in self.link_attrs:
            values[name] = links[name].get(row.id, [])
        return self.read(**values)

    def _load_links(self, session: Session, row_ids: list[str]) -> dict[str, dict[str, list[str]]]:
        return {
            link.attr: crud.load_links(session, link.table, link.source, link.target, row_ids)
            for link in self.links
        }

    def _one(self, session: Session, row: RowT) -> ReadT:
        return self._to_read(row, self._load_links(session, [row.id]))

    def _split_links(self, data: dict[str, Any]) -> dict[str, list[str]]:
        """Removes the many-to-many id lists from the column values (null means none)."""
        return {key: crud.dedupe(data.pop(key) or []) for key in self.link_attrs if key in data}

    def _save_links(self, session: Session, row_id: str, links: dict[str, list[str]]) -> None:
        for link in self.links:
            if link.attr in links:
                crud.replace_links(
                    session, link.table, link.source, link.target, row_id, links[link.attr]
                )

    def _check(
        self,
        session: Session,
        data: dict[str, Any],
        links: dict[str, list[str]],
        user_id: str | None,
        exclude_id: str | None = None,
    ) -> None:
        """A key to a missing row is a 400 naming the field, a taken unique value a 409: not database errors."""
        for ref in self.references:
            crud.ensure_exists(
                session,
                ref.model,
                data.get(ref.attr),
                self.aliases[ref.attr],
                ref.entity,
                owner_scope(ref.model, user_id) if ref.owned else (),
            )
        for link in self.links:
            crud.ensure_all_exist(
                session,
                link.model,
                links.get(link.attr, []),
                self.aliases[link.attr],
                link.entity,
                owner_scope(link.model, user_id) if link.owned else (),
            )
        checks = [
            (getattr(self.model, name), data.get(name), self.aliases[name]) for name in self.unique
        ]
        crud.ensure_unique(session, self.model, checks, exclude_id)

    def find_page(self, session: Session, query: PageQuery, user_id: str | None = None) -> PageT:
        where = self._scope(user_id)
        for name, column in self.filters:
            value = getattr(query, name)
            if value is not None:
                where.append(column == value)
        total = session.scalar(select(func.count()).select_from(self.model).where(*where)) or 0
        statement = select(self.model).where(*where)
        statement = statement.order_by(*crud.order_by(session, self.sort_columns, query.sort))
        rows = list(session.scalars(statement.limit(query.limit).offset(query.offset)))
        links = self._load_links(session, [row.id for row in rows])
        return self.page(
            items=[self._to_read(row, links) for row in rows],
            total=total,
            limit=query.limit,
            offset=query.offset,
        )

    def get(self, session: Session, item_id: str, user_id: str | None = None) -> ReadT:
        return self._one(session, crud.get_row(session, self.model, item_id, self._scope(user_id)))

    def create(self, session: Session, body: BaseModel, user_id: str | None = None) -> ReadT:
        data = body.model_dump()
        links = self._split_links(data)
        self._check(session, data, links, user_id)
        if self.owned:
            data["owner_user_id"] = user_id
        now = utc_now()
        row = self.new_row(id=uuid7(), **data, created_at=now, updated_at=now)
        with crud.conflicts(session):
            session.add(row)
            if self.links:
                session.flush()
                self._save_links(session, row.id, links)
            session.commit()
        return self._one(session, row)

    def update(
        self, session: Session, item_id: str, body: PatchModel, user_id: str | None = None
    ) -> ReadT:
        """Changes the fields the body sends; a field the model requires cannot be set to null."""
        row = crud.get_row(session, self.model, item_id, self._scope(user_id))
        data = body.model_dump(exclude_unset=True)
        nulls = body.refused_nulls()
        if nulls:
            raise ProblemError(400, "The request is invalid.", nulls)
        links = self._split_links(data)
        self._check(session, data, links, user_id, row.id)
        with crud.conflicts(session):
            for key, value in {**data, "updated_at": utc_now()}.items():
                setattr(row, key, value)
            self._save_links(session, row.id, links)
            session.commit()
        return self._one(session, row)

    def delete(self, session: Session, item_id: str, user_id: str | None = None) -> None:
        row = crud.get_row(session, self.model, item_id, self._scope(user_id))
        for restrict in self.restricted_by:
            crud.ensure_unreferenced(session, restrict.column, row.id, f"{restrict.title} rows")
        with crud.conflicts(session):
            session.delete(row)
            session.commit()


def owner_scope(model: type[Any], user_id: str | None) -> Sequence[ColumnElement[bool]]:
    """A referenced owned row must be one of the same user's."""
    return [model.owner_user_id == user_id]
