"""Liveness and readiness in one: 200 when the database answers, 503 otherwise."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.db import Database
from app.problems import problem, problem_response

router = APIRouter(tags=["Health"])


class Health(BaseModel):
    status: str


@router.get("/health", response_model=Health, responses={503: problem("Database unavailable")})
def health(request: Request) -> JSONResponse:
    database: Database = request.app.state.db
    if not database.ping():
        return problem_response(503, "The database is not reachable.")
    return JSONResponse({"status": "ok"})
