"""Shares by layer of a py-spy profile of a Python server (section 5.3 of RESULTS.md).

Record with py-spy (PyPI) while bench/servers.mjs or autocannon loads the server, e.g.
  py-spy record --gil --nonblocking -r 100 --format raw -d 14 -o gen.txt --pid <server pid>
then: python3 bench/pyspy-layers.py gen.txt [baseline.txt ...]

Each sampled stack goes to the first layer matched walking from its leaf to its root, so a stack counts in the
deepest layer it passes through (pydantic called by the access log is the log's; the ORM called by a route is
the ORM's). Shares are of the samples taken with the GIL held: the server's Python CPU, without psycopg's C code
or the kernel.
"""

import sys
from collections import Counter
from collections.abc import Callable

RULES: list[tuple[str, Callable[[str], bool]]] = [
    ("access log line (logging, JSON formatter)",
     lambda f: "app/logs.py" in f or "(logging/" in f),
    ("row to response model",
     lambda f: f.startswith(("to_read (", "out (baseline"))),
    ("response validation and serialisation",
     lambda f: "app/responses.py" in f
     or f.startswith(("serialize_response", "_prepare_response_content", "jsonable_encoder", "BaseModel.model_dump"))),
    ("request validation (path and query parameters)",
     lambda f: f.startswith(("request_params_to_args", "_validate_value_with_model_field", "_get_multidict_value",
                             "no_query_params"))),
    ("session and ORM query (SQLAlchemy, psycopg, column types)",
     lambda f: any(p in f for p in ("sqlalchemy/", "psycopg", "app/sqltypes.py", "app/crud.py", "app/timestamps.py",
                                    "app/services/", "app/db.py"))),
    ("middleware (request id, security headers, rate limit, body checks)",
     lambda f: "app/middleware.py" in f),
    ("thread-pool hand-off (anyio, run_in_threadpool)",
     lambda f: "anyio/" in f or "starlette/concurrency" in f),
    ("routing and FastAPI's request handling (dependency solving)",
     lambda f: "fastapi/" in f or "starlette/" in f),
    ("HTTP server (uvicorn, h11)",
     lambda f: "uvicorn/" in f or "h11/" in f),
    ("event loop",
     lambda f: "asyncio/" in f or "selectors" in f),
]
OTHER = "other (interpreter start, threading, unattributed)"


def layer(stack: str) -> str:
    for frame in reversed(stack.split(";")):
        for name, matches in RULES:
            if matches(frame):
                return name
    return OTHER


def shares(path: str) -> tuple[int, Counter[str]]:
    counts: Counter[str] = Counter()
    with open(path) as lines:
        for line in lines:
            stack, _, n = line.rstrip("\n").rpartition(" ")
            if stack:
                counts[layer(stack)] += int(n)
    return sum(counts.values()), counts


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python3 bench/pyspy-layers.py <py-spy raw output>...")
    profiles = [(path, *shares(path)) for path in sys.argv[1:]]
    print("| layer | " + " | ".join(f"{path} ({total} samples)" for path, total, _ in profiles) + " |")
    print("|---|" + "---|" * len(profiles))
    for name in [name for name, _ in RULES] + [OTHER]:
        print(f"| {name} | " + " | ".join(f"{100 * c[name] / max(1, t):.1f} %" for _, t, c in profiles) + " |")
