"""Sign-up and login: argon2id password hashes, HS256 access tokens, a login throttle.

Hashing waits on the event loop, not in a thread-pool thread, and each database step (app.accounts) holds a
connection only for that step: none is held while a password is hashed or verified, so a flood of logins
cannot drain the pool for everyone else.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from app.accounts import create_account, find_login
from app.config import Settings
from app.deps import no_query_params
from app.passwords import PasswordHashing
from app.problems import ERROR_RESPONSES, ProblemError, problem
from app.security import create_token
from app.throttle import LoginThrottle
from app.values import EMAIL_TEXT, DateTimeOut, InputModel

router = APIRouter(
    prefix="/auth",
    tags=["Auth"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(no_query_params)],
)
INVALID_LOGIN = "Invalid email or password."
BUSY = problem("Too many password checks at once; retry after Retry-After seconds")


class Credentials(InputModel):
    email: Annotated[str, Field(strict=True, max_length=320), EMAIL_TEXT]
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


@router.post("/signup", status_code=201, response_model=AuthAccountRead, responses={503: BUSY})
async def signup(body: Credentials, request: Request) -> AuthAccountRead:
    passwords: PasswordHashing = request.app.state.passwords
    # Hashed first, even for a taken email: the connection is opened only for the insert.
    password_hash = await passwords.hash(body.password)
    user = await create_account(request.app.state.db, body.email.strip().lower(), password_hash)
    if user is None:
        raise ProblemError(
            409, "This email is already registered.", [("email", "is already taken")]
        )
    return AuthAccountRead(id=user.id, email=user.email, createdAt=user.created_at)


@router.post(
    "/login",
    response_model=Token,
    responses={
        401: problem(INVALID_LOGIN),
        429: problem(
            "Too many requests, or too many failed logins for this email or from this address;"
            " retry after Retry-After seconds"
        ),
        503: BUSY,
    },
)
async def login(body: LoginBody, request: Request) -> Token:
    settings: Settings = request.app.state.settings
    throttle: LoginThrottle = request.app.state.login_throttle
    passwords: PasswordHashing = request.app.state.passwords
    email = body.email.strip().lower()
    # The client address as uvicorn resolved it: the socket peer unless TRUSTED_PROXIES lists it.
    address = request.client.host if request.client else "unknown"
    retry_after = throttle.retry_after(email, address)
    if retry_after is not None:
        raise ProblemError(
            429,
            "Too many failed logins; retry later.",
            headers={"Retry-After": str(retry_after)},
        )
    account = await find_login(request.app.state.db, email)
    if not await passwords.verify(account[1] if account else None, body.password) or not account:
        throttle.failed(email, address)
        raise ProblemError(401, INVALID_LOGIN, headers={"WWW-Authenticate": "Bearer"})
    throttle.succeeded(email)
    token = create_token(
        account[0],
        settings.jwt_secret,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        expires_in=settings.jwt_expires_in,
    )
    return Token(accessToken=token, tokenType="Bearer", expiresIn=settings.jwt_expires_in)
