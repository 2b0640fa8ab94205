"""`python -m app`: validate the configuration, then serve with uvicorn (SIGTERM stops gracefully).

Every way of starting the server (the start command, the Dockerfile, compose, the cloud targets) comes
through here, so uvicorn never falls back to its own defaults: those trust X-Forwarded-For from 127.0.0.1,
which would let any local proxy or sidecar, or a client behind one, choose its rate-limit address.
"""

import sys
from typing import Any

import uvicorn
from pydantic import ValidationError

from app.config import Settings, describe_error, get_settings
from app.logs import configure_logging
from app.main import create_app


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's settings (everything but the app)."""
    proxies = settings.trusted_proxy_list
    return {
        "host": settings.host,
        "port": settings.port,
        # Forwarded headers only from the listed proxies (TRUSTED_PROXIES), else from nobody.
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": proxies,
        "server_header": False,
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": 10,
    }


def main() -> None:
    try:
        settings = get_settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        sys.exit(1)
    configure_logging(settings.log_level)
    uvicorn.run(create_app(settings), **server_options(settings))


if __name__ == "__main__":
    main()
