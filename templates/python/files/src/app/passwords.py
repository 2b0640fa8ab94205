"""Password hashing: argon2id at OWASP's cost, with a bound on how many hashes run at once.

A hash costs 19 MiB and tens of milliseconds of one core. Without a bound, a flood of logins runs one hash per
thread-pool thread (40), which multiplies the memory and starves every other request of threads and CPU.
Here at most one hash per core runs, in a worker thread; up to `queue` more callers wait on the event loop
(holding no thread and no database connection), and anyone beyond that gets a 503 with Retry-After.
"""

import asyncio
import os
from collections.abc import Callable
from typing import TypeVar

from anyio import to_thread
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from app.problems import ProblemError

T = TypeVar("T")

#: Callers allowed to wait for a free core before new ones are turned away.
QUEUE_LIMIT = 64


def owasp_hasher() -> PasswordHasher:
    """argon2id with OWASP's minimum: 19 MiB of memory, two passes, one lane (the same on every stack)."""
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1, type=Type.ID)


#: The hasher every PasswordHashing uses unless given one (tests swap in a cheaper one).
HASHER = owasp_hasher()


class PasswordHashing:
    def __init__(
        self,
        hasher: PasswordHasher | None = None,
        slots: int | None = None,
        queue: int = QUEUE_LIMIT,
    ) -> None:
        self._hasher = hasher or HASHER
        slots = slots or os.cpu_count() or 1
        self._slots = asyncio.Semaphore(slots)
        self._capacity = slots + queue
        self._callers = 0
        #: Verified when the email is unknown, so both login failures take the same time.
        self._dummy_hash = self._hasher.hash("not the password of anyone")

    async def hash(self, password: str) -> str:
        return await self._run(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Whether the password matches; False for an unknown account (password_hash None), after the same work."""
        matches = await self._run(self._matches, password_hash or self._dummy_hash, password)
        return matches and password_hash is not None

    def _matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    async def _run(self, work: Callable[..., T], *args: str) -> T:
        # The event loop is single-threaded, so the counter needs no lock.
        if self._callers >= self._capacity:
            raise ProblemError(
                503,
                "The server is busy checking passwords; retry in a second.",
                headers={"Retry-After": "1"},
            )
        self._callers += 1
        try:
            async with self._slots:
                return await to_thread.run_sync(work, *args)
        finally:
            self._callers -= 1
