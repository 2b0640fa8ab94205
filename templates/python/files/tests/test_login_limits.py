"""The cost of logins: argon2id's cost, how many hashes run at once, and the login throttle."""

import asyncio
import threading
import time
from typing import Literal

import pytest
from argon2 import PasswordHasher, Type
from fastapi.testclient import TestClient
from sqlalchemy.pool import QueuePool

from app.config import Settings
from app.main import create_app
from app.passwords import PasswordHashing, owasp_hasher
from app.problems import ProblemError
from app.throttle import WINDOW_SECONDS, LoginThrottle

PASSWORD = "long-enough"


def test_hashes_cost_what_owasp_asks() -> None:
    hasher = owasp_hasher()
    assert hasher.type is Type.ID
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19456, 2, 1)


class GatedHasher(PasswordHasher):
    """Cheap hashes that wait for the test to open the gate, counting how many run at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.gate = threading.Event()
        self.gate.set()
        self.lock = threading.Lock()
        self.running = 0
        self.peak = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            self.gate.wait(timeout=10)
            return super().hash(password, salt=salt)
        finally:
            with self.lock:
                self.running -= 1


def test_hashes_run_one_per_slot_and_a_bounded_queue_waits() -> None:
    async def flood() -> tuple[ProblemError, list[str]]:
        hasher = GatedHasher()
        hashing = PasswordHashing(hasher, slots=2, queue=1)
        hasher.gate.clear()
        callers = [asyncio.create_task(hashing.hash(f"password {n}")) for n in range(3)]
        deadline = time.monotonic() + 5
        while hasher.running < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        with pytest.raises(ProblemError) as refused:
            await hashing.hash("one caller too many")
        hasher.gate.set()
        hashes = await asyncio.gather(*callers)
        assert hasher.peak == 2
        return refused.value, hashes

    refused, hashes = asyncio.run(flood())
    assert refused.status == 503
    assert refused.headers == {"Retry-After": "1"}
    assert len(set(hashes)) == 3


class PoolWatchingHasher(PasswordHasher):
    """Records how many database connections are checked out while a password is hashed or verified."""

    def __init__(self, pool: QueuePool) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.pool = pool
        self.checked_out: list[int] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.checked_out.append(self.pool.checkedout())
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.checked_out.append(self.pool.checkedout())
        return super().verify(hash, password)


def test_no_connection_is_held_while_hashing(client: TestClient) -> None:
    app = client.app
    pool = app.state.db.engine.pool  # type: ignore[attr-defined]
    assert isinstance(pool, QueuePool)
    hasher = PoolWatchingHasher(pool)
    app.state.passwords = PasswordHashing(hasher)  # type: ignore[attr-defined]
    hasher.checked_out.clear()
    credentials = {"email": "pool@example.com", "password": PASSWORD}
    assert client.post("/auth/signup", json=credentials).status_code == 201
    assert client.post("/auth/login", json=credentials).status_code == 200
    wrong = {"email": "pool@example.com", "password": "wrong password"}
    assert client.post("/auth/login", json=wrong).status_code == 401
    assert hasher.checked_out == [0, 0, 0]


def login(client: TestClient, email: str, password: str = PASSWORD) -> int:
    return client.post("/auth/login", json={"email": email, "password": password}).status_code


def test_failed_logins_lock_the_email(client: TestClient) -> None:
    client.post("/auth/signup", json={"email": "locked@example.com", "password": PASSWORD})
    assert [login(client, "locked@example.com", "wrong password") for _ in range(10)] == [401] * 10
    locked = client.post("/auth/login", json={"email": "Locked@Example.com ", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.headers["content-type"] == "application/problem+json"
    assert 1 <= int(locked.headers["retry-after"]) <= WINDOW_SECONDS
    client.post("/auth/signup", json={"email": "other@example.com", "password": PASSWORD})
    assert login(client, "other@example.com") == 200


def test_the_lock_is_checked_before_any_password_work(client: TestClient) -> None:
    for _ in range(10):
        login(client, "nobody@example.com", "wrong password")
    hasher = PoolWatchingHasher(client.app.state.db.engine.pool)  # type: ignore[attr-defined]
    client.app.state.passwords = PasswordHashing(hasher)  # type: ignore[attr-defined]
    hasher.checked_out.clear()
    assert login(client, "nobody@example.com") == 429
    assert hasher.checked_out == []


def test_a_successful_login_clears_the_email(client: TestClient) -> None:
    client.post("/auth/signup", json={"email": "forgetful@example.com", "password": PASSWORD})
    for _ in range(9):
        login(client, "forgetful@example.com", "wrong password")
    assert login(client, "forgetful@example.com") == 200
    assert [login(client, "forgetful@example.com", "wrong") for _ in range(9)] == [401] * 9


def test_failed_logins_lock_the_address_at_ten_times_the_limit(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"login_max_failures": 2}))) as client:
        failures = [login(client, f"user{n}@example.com", "wrong") for n in range(20)]
        assert failures == [401] * 20
        assert login(client, "user20@example.com", "wrong") == 429


def test_the_throttle_can_be_switched_off(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"login_max_failures": 0}))) as client:
        assert {login(client, "again@example.com", "wrong") for _ in range(12)} == {401}


def test_failures_expire_after_the_window() -> None:
    throttle = LoginThrottle(max_failures=2, window=0.2)
    throttle.failed("a@example.com", "192.0.2.1")
    throttle.failed("a@example.com", "192.0.2.1")
    assert throttle.retry_after("a@example.com", "192.0.2.9") == 1
    time.sleep(0.25)
    assert throttle.retry_after("a@example.com", "192.0.2.9") is None
