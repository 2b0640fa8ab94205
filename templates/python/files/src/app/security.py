"""Access tokens: JWT, HS256 only, with issuer, audience and expiry that verification requires."""

from datetime import UTC, datetime, timedelta

import jwt

from app.ids import parse_uuid

ALGORITHM = "HS256"


def create_token(user_id: str, secret: str, *, issuer: str, audience: str, expires_in: int) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": user_id,
        "iat": now,
        "exp": now + timedelta(seconds=expires_in),
        "iss": issuer,
        "aud": audience,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, secret: str, *, issuer: str, audience: str) -> str | None:
    """The user id of a valid token, or None (another algorithm, issuer or audience, or a claim missing)."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require": ["exp", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError:
        return None
    subject = claims.get("sub")
    return parse_uuid(subject) if isinstance(subject, str) else None
