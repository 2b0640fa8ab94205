"""Liveness and readiness in one: 200 when the database answers, 503 otherwise."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.deps import DatabaseDep
from app.problems import problem, problem_response

router = APIRouter(tags=["Health"])


class Health(BaseModel):
    status: str


@router.get("/health", response_model=Health, responses={503: problem("Database unavailable")})
async def health(database: DatabaseDep) -> JSONResponse:
    if not await database.ping():
        return problem_response(503, "The database is not reachable.")
    return JSONResponse({"status": "ok"})
