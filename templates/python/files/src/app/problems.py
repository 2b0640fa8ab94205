"""RFC 9457 problem details: the one error format of the API."""

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError]


class ProblemError(Exception):
    """Raise to answer with a problem; handled in one place."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: Sequence[tuple[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.headers = headers


def problem_response(
    status: int,
    detail: str,
    errors: Sequence[tuple[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": [{"field": field, "message": message} for field, message in errors],
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def not_found(what: str = "resource") -> ProblemError:
    return ProblemError(404, f"The {what} was not found.")


def _field_name(loc: Sequence[int | str]) -> str:
    parts = list(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header") else list(loc)
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        elif part:
            name = f"{name}.{part}" if name else str(part)
    return name or (str(loc[0]) if loc else "body")


def _message(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return (
            "is not a known query parameter"
            if error["loc"][0] == "query"
            else "is not a known field"
        )
    if error["type"] == "missing":
        return "is required"
    return str(error["msg"]).removeprefix("Value error, ")


async def validation_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(error["type"] == "json_invalid" for error in errors):
        return problem_response(
            400, "The request body is not valid JSON.", [("body", "malformed JSON")]
        )
    details = [(_field_name(error["loc"]), _message(error)) for error in errors]
    return problem_response(400, "The request is invalid.", details)


async def http_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = {
        404: "No route matches this path.",
        405: "This method is not allowed on this path.",
    }.get(exc.status_code, HTTPStatus(exc.status_code).description or "The request failed.")
    return problem_response(exc.status_code, detail, headers=dict(exc.headers or {}))


async def problem_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, exc.detail, exc.errors, exc.headers)


def problem(description: str) -> dict[str, Any]:
    """An OpenAPI response entry with the problem schema (served as application/problem+json)."""
    return {"description": description, "model": Problem}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: problem("Invalid request"),
    404: problem("Not found"),
    409: problem("Conflict with existing data"),
    413: problem("Body larger than 1 MiB"),
    415: problem("Body is not JSON"),
    429: problem("Too many requests"),
}
