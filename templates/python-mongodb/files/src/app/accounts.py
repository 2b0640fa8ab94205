"""Accounts of `auth: jwt` in the collection auth_accounts (email, passwordHash), apart from any entity."""

from dataclasses import dataclass
from datetime import datetime

from app.db import Database
from app.ids import uuid7
from app.repository import is_duplicate
from app.timestamps import utc_now

ACCOUNTS = "auth_accounts"


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    created_at: datetime


async def create_account(database: Database, email: str, password_hash: str) -> Account | None:
    """A new account for an email (lower case already); None when the email is taken (its unique index)."""
    now = utc_now()
    account = Account(id=uuid7(), email=email, created_at=now)
    document = {
        "_id": account.id,
        "email": email,
        "passwordHash": password_hash,
        "createdAt": now,
        "updatedAt": now,
    }
    try:
        await database.mongo[ACCOUNTS].insert_one(document)
    except Exception as error:
        if is_duplicate(error):
            return None
        raise
    return account


async def find_login(database: Database, email: str) -> tuple[str, str] | None:
    """The id and password hash of the account with this email (lower case already)."""
    found = await database.mongo[ACCOUNTS].find_one({"email": email}, {"passwordHash": 1})
    return (found["_id"], found["passwordHash"]) if found else None


async def find_account(database: Database, account_id: str) -> Account | None:
    found = await database.mongo[ACCOUNTS].find_one({"_id": account_id})
    return Account(found["_id"], found["email"], found["createdAt"]) if found else None
