"""RFC 9457 problem details: the one error format of the API."""

import ast
import re
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


#: One wording per rule, the same on every stack (pydantic error type -> message).
_TYPE_MESSAGES = {
    "string_type": "must be a string",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a number",
    "bool_type": "must be a boolean",
    "bool_parsing": "must be a boolean",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "list_type": "must be an array",
}
_BOUND_MESSAGES = {
    "string_too_long": "must be at most {max_length} characters",
    "string_too_short": "must be at least {min_length} characters",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
}
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return (
            "is not a known query parameter"
            if error["loc"][0] == "query"
            else "is not a known field"
        )
    if kind == "missing":
        return "is required"
    if error.get("input", ...) is None:
        return "must not be null"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    if kind in _BOUND_MESSAGES:
        # A float field's bound 0 is 0.0 in pydantic's context; the message shows the number as the spec wrote it.
        bounds = {
            key: int(value) if isinstance(value, float) and value.is_integer() else value
            for key, value in ctx.items()
        }
        return _BOUND_MESSAGES[kind].format(**bounds)
    if kind == "literal_error":
        choices = [ast.literal_eval(quoted) for quoted in _QUOTED.findall(ctx["expected"])]
        return f"must be one of: {', '.join(choices)}"
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
