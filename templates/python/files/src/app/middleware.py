"""Pure ASGI middleware: request ids, access logs, security headers, rate limit, body size, type and depth."""

import json
import logging
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import Any

from app.logs import request_id_var

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1024 * 1024
#: Deeper request bodies are refused before decoding: the JSON decoder and pydantic recurse per level.
MAX_JSON_DEPTH = 32
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
#: JSON responses load nothing and are framed by no one.
_CSP = b"default-src 'none'; frame-ancestors 'none'"
#: The API browser runs its own, locally served script and styles, and fetches /openapi.json.
_DOCS_CSP = (
    b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"connect-src 'self'; frame-ancestors 'none'"
)
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
#: JSON strings (escapes included), whose brackets are text rather than nesting.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
log = logging.getLogger("app.http")


async def send_problem(
    send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": detail,
            "errors": [],
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """Fixed one-minute windows per client address, in process (use a shared store with many replicas).

    The first window opens with the first request and every count resets together when it ends, as on the
    other stacks: windows aligned to the clock's minutes would let two quick requests straddle a boundary.
    No lock: only the middleware calls it, on the event loop's one thread, and nothing in it awaits.
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.windows: dict[str, int] = {}
        self.window_start: float | None = None

    def retry_after(self, scope: Scope) -> int:
        """0 while the client is within its limit (or there is none), else the seconds until its next window."""
        if self.per_minute <= 0:
            return 0
        client = scope.get("client")
        key = client[0] if client else "unknown"
        now = time.monotonic()
        if self.window_start is None or now - self.window_start >= 60:
            self.window_start = now
            self.windows.clear()
        count = self.windows.get(key, 0) + 1
        self.windows[key] = count
        if count <= self.per_minute:
            return 0
        return max(1, math.ceil(self.window_start + 60 - now))


def json_depth_exceeds(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`: one pass, no recursion, stops at the first excess."""
    depth = 0
    for bracket in _JSON_STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        if bracket in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _headers_only(send: Send) -> Send:
    """Passes a response on without its body, keeping GET's Content-Length, as a HEAD answer has it."""

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b""}
        await send(message)

    return send_head


class HttpMiddleware:
    """The one middleware of the app, outermost: request id, security headers and the access log line on every
    response (errors, 413 and 429 included), then the rate limit, then the body checks (size, type, depth).

    One pure ASGI callable rather than three: each layer costs a call and a `send` wrapper per message, which
    showed in the profile of a request that does little else.
    """

    def __init__(self, app: ASGIApp, per_minute: int, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limiter = RateLimiter(per_minute)
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = b""
        for name, value in scope["headers"]:  # the last one wins, as in a dict of the headers
            if name == b"x-request-id":
                incoming = value
        # A random UUID, like the other stacks: only row ids need UUIDv7's time order (and its cost).
        text = incoming.decode("latin-1")
        request_id = text if _REQUEST_ID.match(text) else str(uuid.uuid4())
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() not in (b"server", b"x-request-id")
                ]
                headers += [(b"x-request-id", request_id.encode()), *_SECURITY_HEADERS]
                headers.append(
                    (b"content-security-policy", _DOCS_CSP if scope["path"] == "/docs" else _CSP)
                )
                # Over plain HTTP the header would be ignored, and it must not pin a host that has no TLS.
                if scope["scheme"] == "https":
                    headers.append(_HSTS)
                message["headers"] = headers
            await send(message)

        try:
            retry_after = self.limiter.retry_after(scope)
            if retry_after:
                await send_problem(
                    send_wrapper,
                    429,
                    "Too many requests; retry later.",
                    [(b"retry-after", str(retry_after).encode())],
                )
            elif scope["method"] == "HEAD":
                # HEAD answers as GET would, headers only (RFC 9110, 9.3.2); FastAPI routes GET alone.
                await self.app({**scope, "method": "GET"}, receive, _headers_only(send_wrapper))
            elif scope["method"] in ("GET", "OPTIONS", "DELETE"):
                await self.app(scope, receive, send_wrapper)
            else:
                await self.checked_body(scope, receive, send_wrapper)
        except Exception:
            log.exception("unhandled error")
            if not response_started:
                await send_problem(send_wrapper, 500, "An unexpected error occurred.")
        finally:
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "durationMs": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id_var.reset(token)

    async def checked_body(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Rejects bodies over 1 MiB (413), bodies that are not JSON (415) and JSON nested deeper than 32
        levels (400) before any parsing, then hands the body it read on to the app."""
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await send_problem(
                send, 413, f"The request body is larger than {self.max_bytes} bytes."
            )
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await send_problem(
                    send, 413, f"The request body is larger than {self.max_bytes} bytes."
                )
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if body and not _is_json(content_type):
            await send_problem(
                send, 415, "The request body must be JSON (Content-Type: application/json)."
            )
            return
        if json_depth_exceeds(body):
            await send_problem(
                send,
                400,
                f"JSON nesting deeper than {MAX_JSON_DEPTH} levels; flatten the request body.",
            )
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
