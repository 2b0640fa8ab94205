"""`python -m app`: validate the configuration, then serve with uvicorn (SIGTERM stops gracefully)."""

import sys

import uvicorn
from pydantic import ValidationError

from app.config import describe_error, get_settings
from app.logs import configure_logging
from app.main import create_app


def main() -> None:
    try:
        settings = get_settings()
    except ValidationError as error:
        print(describe_error(error), file=sys.stderr)
        sys.exit(1)
    configure_logging(settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        server_header=False,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
