"""The MongoDB client (PyMongo's asyncio API) and the database DATABASE_URL names.

Pool size, timeouts, TLS and credentials are the URL's options (`?maxPoolSize=20&tls=true`); PyMongo reads
them, and the defaults below apply only where the URL sets nothing.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import PyMongoError

T = TypeVar("T")
Document = dict[str, Any]
Session = AsyncClientSession | None

#: Connections per process, as on every stack: no request holds one while a password is hashed.
POOL_SIZE = 10
#: A request that finds no server fails after 5 s instead of waiting 30 s (PyMongo's default).
SERVER_SELECTION_TIMEOUT_MS = 5000


def client_options(url: str) -> dict[str, Any]:
    """Our defaults for the options the URL leaves out: options given to the client override the URL's."""
    given = {key.lower() for key, _ in parse_qsl(urlsplit(url).query)}
    defaults = {"maxPoolSize": POOL_SIZE, "serverSelectionTimeoutMS": SERVER_SELECTION_TIMEOUT_MS}
    return {key: value for key, value in defaults.items() if key.lower() not in given}


class Database:
    """One client per process; it connects on first use, so a server that is not there fails a request
    (and /health) rather than the start."""

    def __init__(self, url: str) -> None:
        # tz_aware: BSON dates come back as UTC datetimes, as the API shows them.
        self.client: AsyncMongoClient[Document] = AsyncMongoClient(
            url, tz_aware=True, **client_options(url)
        )
        self.mongo: AsyncDatabase[Document] = self.client.get_default_database()
        self._transactions: bool | None = None

    async def ping(self) -> bool:
        try:
            await self.mongo.command("ping")
        except PyMongoError:
            return False
        return True

    async def supports_transactions(self) -> bool:
        """Multi-document transactions need a replica set or a sharded cluster (MongoDB Atlas, a production
        deployment); a standalone server and FerretDB have none. Asked once, from the server's `hello`."""
        if self._transactions is None:
            hello = await self.mongo.command("hello")
            self._transactions = (
                isinstance(hello.get("setName"), str) or hello.get("msg") == "isdbgrid"
            )
        return self._transactions

    async def run(self, work: Callable[[Session], Awaitable[T]]) -> T:
        """Runs `work` in a transaction where the server has them, otherwise as is.

        Writes are ordered so that a stop half way never leaves a reference to a missing document either
        way (app/integrity.py); a transaction adds all-or-nothing and isolation from concurrent writers.
        """
        if not await self.supports_transactions():
            return await work(None)
        async with self.client.start_session() as session:
            return await session.with_transaction(work)

    async def close(self) -> None:
        """Closes every pooled connection (graceful shutdown, the end of a command)."""
        await self.client.close()
