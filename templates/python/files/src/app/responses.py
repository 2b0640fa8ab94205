"""Responses of the entity routes, written straight from the model the route built."""

from collections.abc import Mapping

from fastapi import Response
from pydantic import BaseModel


def json_response(
    model: BaseModel, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """The model as JSON by alias, encoded once by pydantic's core.

    A route that returns a model has FastAPI validate it again against `response_model` and, for a plain
    function route, do so on the thread pool, a second round trip per request. The model is already valid
    (the route built it), so the route returns this instead; its `response_model` still documents the body.
    """
    return Response(
        model.model_dump_json(by_alias=True),
        status_code=status_code,
        headers=headers,
        media_type="application/json",
    )
