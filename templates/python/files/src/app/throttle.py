"""Login throttle: too many failed logins for one email, or from one client address, answer 429 for a while.

In process memory, per app instance (the app factory creates it): with several replicas each counts on its own,
so an attacker gets at most the limit times the replicas; put a shared limiter in front when that matters.
"""

import math
import time
from collections import deque

#: How long a failed login counts.
WINDOW_SECONDS = 15 * 60
#: An address may fail this many times the per-email limit, so one user cannot lock out an office behind a NAT.
ADDRESS_FACTOR = 10
#: Above this many tracked keys, keys whose failures all expired are forgotten.
PRUNE_ABOVE = 10_000


class LoginThrottle:
    def __init__(self, max_failures: int, window: float = WINDOW_SECONDS) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}

    def retry_after(self, email: str, address: str) -> int | None:
        """Whole seconds until this login may be tried, or None when it may be tried now."""
        if self.max_failures <= 0:
            return None
        now = time.monotonic()
        waits = [self._wait(key, limit, now) for key, limit in self._keys(email, address)]
        blocked = [wait for wait in waits if wait is not None]
        return max(blocked) if blocked else None

    def failed(self, email: str, address: str) -> None:
        if self.max_failures <= 0:
            return
        now = time.monotonic()
        if len(self._failures) > PRUNE_ABOVE:
            self._prune(now)
        for key, limit in self._keys(email, address):
            # Only the newest `limit` failures matter: the oldest of them decides when the key is free again.
            self._failures.setdefault(key, deque(maxlen=limit)).append(now)

    def succeeded(self, email: str) -> None:
        """A right password clears the email's failures (not the address's: others may share it)."""
        self._failures.pop(_email_key(email), None)

    def _keys(self, email: str, address: str) -> tuple[tuple[str, int], tuple[str, int]]:
        return (
            (_email_key(email), self.max_failures),
            (f"address:{address}", self.max_failures * ADDRESS_FACTOR),
        )

    def _wait(self, key: str, limit: int, now: float) -> int | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if len(failures) < limit:
            return None
        return max(1, math.ceil(failures[0] + self.window - now))

    def _prune(self, now: float) -> None:
        self._failures = {
            key: failures
            for key, failures in self._failures.items()
            if failures and failures[-1] > now - self.window
        }


def _email_key(email: str) -> str:
    return f"email:{email.strip().lower()}"
