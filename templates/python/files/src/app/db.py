"""Database engine and sessions (SQLAlchemy 2, synchronous: FastAPI runs the handlers in a thread pool)."""

from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

POOL_SIZE = 10


def build_engine(url: str) -> Engine:
    parsed = make_url(url)
    # No pool_pre_ping: it costs a SELECT 1 round trip on every checkout. A connection the server closed fails
    # its next query once, and SQLAlchemy then replaces every pooled connection; pool_recycle retires them
    # before idle timeouts of servers and proxies do.
    # PostgreSQL and MySQL: ten connections per process, as on every stack (no request holds one while a password
    # is hashed); a request that finds none free fails after 5 s instead of queueing behind a flood.
    kwargs: dict[str, Any] = {
        "pool_recycle": 1800,
        "pool_size": POOL_SIZE,
        "max_overflow": 0,
        "pool_timeout": 5,
    }
    if parsed.get_backend_name() == "sqlite":
        kwargs = {"connect_args": {"check_same_thread": False, "timeout": 15}}
        if parsed.database and parsed.database != ":memory:":
            with suppress(OSError):  # a missing folder shows up as a failed health check
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    elif parsed.get_backend_name() == "mysql" and "charset" not in parsed.query:
        url = parsed.update_query_dict({"charset": "utf8mb4"}).render_as_string(hide_password=False)
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA busy_timeout = 15000")
            cursor.close()

    return engine


class Database:
    def __init__(self, url: str) -> None:
        self.engine = build_engine(url)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()
