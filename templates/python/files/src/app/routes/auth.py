"""Sign-up and login: argon2id password hashes, HS256 access tokens."""

from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from app import crud, models
from app.config import Settings
from app.deps import SessionDep, no_query_params
from app.ids import uuid7
from app.problems import ERROR_RESPONSES, ProblemError, problem
from app.security import create_token, hash_password, verify_password
from app.sqltypes import utc_now
from app.values import EMAIL_PATTERN, DateTimeOut, InputModel

router = APIRouter(
    prefix="/auth",
    tags=["Auth"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(no_query_params)],
)
INVALID_LOGIN = "Invalid email or password."


class Credentials(InputModel):
    email: str = Field(strict=True, max_length=320, pattern=EMAIL_PATTERN)
    password: str = Field(strict=True, min_length=8, max_length=256)


class LoginBody(InputModel):
    email: str = Field(strict=True, max_length=320)
    password: str = Field(strict=True, max_length=256)


class AuthAccountRead(BaseModel):
    id: str
    email: str
    created_at: DateTimeOut = Field(alias="createdAt")


class Token(BaseModel):
    access_token: str = Field(alias="accessToken")
    token_type: Literal["Bearer"] = Field(alias="tokenType")
    expires_in: int = Field(alias="expiresIn")


@router.post("/signup", status_code=201, response_model=AuthAccountRead)
def signup(body: Credentials, session: SessionDep) -> AuthAccountRead:
    email = body.email.strip().lower()
    taken = select(models.AuthAccount.id).where(models.AuthAccount.email == email)
    if session.scalar(taken) is not None:
        raise ProblemError(
            409, "This email is already registered.", [("email", "is already taken")]
        )
    now = utc_now()
    user = models.AuthAccount(
        id=uuid7(),
        email=email,
        password_hash=hash_password(body.password),
        created_at=now,
        updated_at=now,
    )
    with crud.conflicts(session):
        session.add(user)
        session.commit()
    return AuthAccountRead(id=user.id, email=user.email, createdAt=user.created_at)


@router.post("/login", response_model=Token, responses={401: problem(INVALID_LOGIN)})
def login(body: LoginBody, request: Request, session: SessionDep) -> Token:
    settings: Settings = request.app.state.settings
    user = session.scalars(
        select(models.AuthAccount).where(models.AuthAccount.email == body.email.strip().lower())
    ).first()
    if not verify_password(user.password_hash if user else None, body.password) or user is None:
        raise ProblemError(401, INVALID_LOGIN, headers={"WWW-Authenticate": "Bearer"})
    token = create_token(user.id, settings.jwt_secret, settings.jwt_expires_in)
    return Token(accessToken=token, tokenType="Bearer", expiresIn=settings.jwt_expires_in)
