"""Accounts of `auth: jwt` in the table auth_accounts, apart from any entity.

Each call runs in the thread pool with its own short session, so the auth routes hold no connection while a
password is hashed or verified (the MongoDB pack has an async module with the same functions).
"""

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app import crud, models
from app.db import Database
from app.ids import uuid7
from app.timestamps import utc_now


async def create_account(
    database: Database, email: str, password_hash: str
) -> models.AuthAccount | None:
    """A new account for an email (lower case already); None when the email is taken."""
    return await run_in_threadpool(_create_account, database, email, password_hash)


async def find_login(database: Database, email: str) -> tuple[str, str] | None:
    """The id and password hash of the account with this email (lower case already)."""
    return await run_in_threadpool(_find_login, database, email)


def _create_account(
    database: Database, email: str, password_hash: str
) -> models.AuthAccount | None:
    with database.sessions() as session:
        taken = select(models.AuthAccount.id).where(models.AuthAccount.email == email)
        if session.scalar(taken) is not None:
            return None
        now = utc_now()
        account = models.AuthAccount(
            id=uuid7(), email=email, password_hash=password_hash, created_at=now, updated_at=now
        )
        with crud.conflicts(session):
            session.add(account)
            session.commit()
        return account


def _find_login(database: Database, email: str) -> tuple[str, str] | None:
    with database.sessions() as session:
        query = select(models.AuthAccount.id, models.AuthAccount.password_hash).where(
            models.AuthAccount.email == email
        )
        row = session.execute(query).first()
    return (row.id, row.password_hash) if row else None
