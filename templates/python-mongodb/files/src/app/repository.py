"""Data access shared by the entity repositories (app/repositories): one collection per entity, documents
keyed by the API's field names (app/documents.py converts the values), references checked and deletes
applied by the application (app/integrity.py)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError, OperationFailure

from app.db import Database, Document, Session
from app.documents import ORDER, Stored, decimal_order_key, from_document, to_document
from app.ids import parse_uuid, uuid7
from app.integrity import assert_references, delete_with_references
from app.problems import ProblemError
from app.timestamps import utc_now

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Reference:
    """A many-to-one or one-to-one id (`<relation>Id`), or a many-to-many id list (`<relation>Ids`)."""

    attr: str
    key: str
    collection: str
    entity: str
    optional: bool = False
    #: References to an owned entity must name one of the same user's documents.
    owned: bool = False


@dataclass(frozen=True)
class Unique:
    """A unique index and the attribute it guards."""

    attr: str
    index: str


def is_duplicate(error: Exception) -> bool:
    """A write hit a unique index. FerretDB 1.x reports an update that does so as an internal error (code 1)
    carrying its SQLite message, so that is recognised too."""
    if isinstance(error, DuplicateKeyError):
        return True
    return (
        isinstance(error, OperationFailure)
        and error.code == 1
        and "UNIQUE constraint failed" in str(error)
    )


def id_set(ids: Iterable[str]) -> list[str]:
    """A many-to-many list as stored: ids lower case, each once, sorted."""
    return sorted({item_id.lower() for item_id in ids})


class Repository(Generic[R]):
    """List, read, create, update and delete the documents of one collection as `read` models."""

    def __init__(
        self,
        collection: str,
        read: type[R],
        *,
        fields: tuple[Stored, ...],
        references: tuple[Reference, ...] = (),
        links: tuple[Reference, ...] = (),
        unique: tuple[Unique, ...] = (),
        owned: bool = False,
    ) -> None:
        self.collection = collection
        self.read = read
        self.fields = {field.attr: field for field in fields}
        self.references = {ref.attr: ref for ref in references}
        self.links = {link.attr: link for link in links}
        self.unique = unique
        self.owned = owned
        self.has_decimals = any(field.kind == "decimal" for field in fields)
        #: The document key each sort orders by, and the sorts on optional values.
        self.sort_keys = {
            **{field.key: field.sort_key for field in fields},
            **{ref.key: ref.key for ref in references},
            "createdAt": "createdAt",
            "updatedAt": "updatedAt",
            "id": "_id",
        }
        self.optional_sorts = {field.key for field in fields if field.optional} | {
            ref.key for ref in references if ref.optional
        }

    def _scope(self, user_id: str | None) -> Document:
        return {"ownerUserId": user_id} if self.owned else {}

    def _to_read(self, doc: Document) -> R:
        values: dict[str, Any] = {
            "id": doc["_id"],
            "created_at": doc["createdAt"],
            "updated_at": doc["updatedAt"],
        }
        for field in self.fields.values():
            raw = doc.get(field.key)
            values[field.attr] = None if raw is None else from_document(field, raw)
        for ref in self.references.values():
            values[ref.attr] = doc.get(ref.key)
        for link in self.links.values():
            values[link.attr] = doc.get(link.key, [])
        return self.read.model_validate(values)

    def _changes(self, values: dict[str, Any]) -> tuple[Document, Document]:
        """The `$set` and `$unset` of these values (dotted keys into `_order` for decimals): None removes one."""
        changes: Document = {}
        removals: Document = {}
        for attr, value in values.items():
            if attr in self.links:
                changes[self.links[attr].key] = id_set(value or [])
                continue
            if attr in self.references:
                key = self.references[attr].key
                if value is None:
                    removals[key] = ""
                else:
                    changes[key] = str(value).lower()
                continue
            field = self.fields[attr]
            if value is None:
                removals[field.key] = ""
                if field.kind == "decimal":
                    removals[field.sort_key] = ""
                continue
            changes[field.key] = to_document(field, value)
            if field.kind == "decimal":
                changes[field.sort_key] = decimal_order_key(value, field.precision, field.scale)
        return changes, removals

    async def _check_references(
        self, database: Database, values: dict[str, Any], user_id: str | None, session: Session
    ) -> None:
        for attr, value in values.items():
            ref = self.references.get(attr) or self.links.get(attr)
            if ref is None or value is None:
                continue
            ids = [value] if attr in self.references else value
            await assert_references(
                database,
                ref.collection,
                (str(item_id).lower() for item_id in ids),
                ref.key,
                ref.entity,
                session,
                user_id if ref.owned else None,
            )

    async def _duplicate(
        self, database: Database, error: Exception, written: Document, item_id: str
    ) -> ProblemError:
        """The 409 of a duplicate value, naming the field. MongoDB names the index in its message; FerretDB
        does only for updates, so otherwise the field is found by looking for another document with the value."""
        keys = {
            unique.index: (
                self.fields[unique.attr].key
                if unique.attr in self.fields
                else self.references[unique.attr].key
            )
            for unique in self.unique
        }
        named = [index for index in keys if index in str(error)]
        # One index name can hold another (uq_t_for in uq_t_foreign): keep the longest.
        longest = [i for i in named if not any(o != i and i in o for o in named)]
        hit = [keys[index] for index in longest]
        if not hit:
            for key in keys.values():
                if key in written and await database.mongo[self.collection].count_documents(
                    {key: written[key], "_id": {"$ne": item_id}}, limit=1
                ):
                    hit.append(key)
        return ProblemError(
            409, "A row with this value already exists.", [(key, "must be unique") for key in hit]
        )

    async def find_page(
        self,
        database: Database,
        filters: dict[str, Any],
        sort: str | None,
        limit: int,
        offset: int,
        user_id: str | None = None,
    ) -> tuple[list[R], int]:
        """One page in the requested order, and how many documents match the filters."""
        query: Document = self._scope(user_id)
        equal, _ = self._changes(filters)
        query.update(
            {key: value for key, value in equal.items() if not key.startswith(f"{ORDER}.")}
        )
        name = (sort or "createdAt").lstrip("-")
        direction = DESCENDING if (sort or "").startswith("-") else ASCENDING
        key = self.sort_keys[name]
        order = [(key, direction)] if key == "_id" else [(key, direction), ("_id", direction)]
        documents = database.mongo[self.collection]
        total = await documents.count_documents(query)
        if name not in self.optional_sorts:
            rows = await documents.find(query).sort(order).skip(offset).limit(limit).to_list()
            return [self._to_read(doc) for doc in rows], total
        # MongoDB sorts missing values first when ascending; the API puts them last both ways: documents
        # with a value first, in order, then those without one, by id.
        valued_query = {"$and": [query, {key: {"$ne": None}}]}
        valued = await documents.count_documents(valued_query)
        page: list[Document] = []
        if offset < valued:
            cursor = documents.find(valued_query).sort(order).skip(offset).limit(limit)
            page = await cursor.to_list()
        if len(page) < limit:
            cursor = documents.find({"$and": [query, {key: None}]}).sort("_id", direction)
            page += await cursor.skip(max(0, offset - valued)).limit(limit - len(page)).to_list()
        return [self._to_read(doc) for doc in page], total

    async def get(self, database: Database, raw_id: str, user_id: str | None = None) -> R | None:
        item_id = parse_uuid(raw_id)
        if item_id is None:
            return None
        doc = await database.mongo[self.collection].find_one(
            {**self._scope(user_id), "_id": item_id}
        )
        return None if doc is None else self._to_read(doc)

    async def create(
        self, database: Database, values: dict[str, Any], user_id: str | None = None
    ) -> R:
        now = utc_now()
        changes, _ = self._changes(values)
        doc: Document = {"_id": uuid7()}
        order: Document = {}
        for key, value in changes.items():
            if key.startswith(f"{ORDER}."):
                order[key.removeprefix(f"{ORDER}.")] = value
            else:
                doc[key] = value
        for link in self.links.values():
            doc.setdefault(link.key, [])
        if self.owned:
            doc["ownerUserId"] = user_id
        doc["createdAt"] = now
        doc["updatedAt"] = now
        if self.has_decimals:
            doc[ORDER] = order

        async def insert(session: Session) -> None:
            await self._check_references(database, values, user_id, session)
            await database.mongo[self.collection].insert_one(doc, session=session)

        try:
            await database.run(insert)
        except (DuplicateKeyError, OperationFailure) as error:
            if not is_duplicate(error):
                raise
            raise await self._duplicate(database, error, doc, doc["_id"]) from None
        return self._to_read(doc)

    async def update(
        self, database: Database, raw_id: str, values: dict[str, Any], user_id: str | None = None
    ) -> R | None:
        """Changes the attributes given (a None clears one); None when there is no such document."""
        item_id = parse_uuid(raw_id)
        if item_id is None:
            return None
        scope = {**self._scope(user_id), "_id": item_id}
        changes, removals = self._changes(values)
        changes["updatedAt"] = utc_now()
        update: Document = {"$set": changes}
        if removals:
            update["$unset"] = removals

        async def apply(session: Session) -> Document | None:
            documents = database.mongo[self.collection]
            if await documents.find_one(scope, {"_id": 1}, session=session) is None:
                return None
            await self._check_references(database, values, user_id, session)
            return await documents.find_one_and_update(
                scope, update, return_document=ReturnDocument.AFTER, session=session
            )

        try:
            doc = await database.run(apply)
        except (DuplicateKeyError, OperationFailure) as error:
            if not is_duplicate(error):
                raise
            raise await self._duplicate(database, error, changes, item_id) from None
        return None if doc is None else self._to_read(doc)

    async def delete(self, database: Database, raw_id: str, user_id: str | None = None) -> bool:
        """False when there is no such document; a 409 while others reference it (restrict)."""
        item_id = parse_uuid(raw_id)
        if item_id is None:
            return False
        return await delete_with_references(
            database, self.collection, item_id, self._scope(user_id)
        )
