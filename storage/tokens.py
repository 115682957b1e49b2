"""API tokens: bearer secrets of the HTTP API, each acting as one user.

A token is 32 random bytes (``brt_`` + URL-safe base64), so a plain SHA-256 of it is a safe
thing to store: no dictionary or brute force reaches 256 bits, and a look-up by its digest is
one indexed read (a slow password hash would cost every request tens of milliseconds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import NotFound
from storage.admin import UserInfo
from storage.models import Account, ApiToken, User

PREFIX = "brt_"
# last_used_at is written at most this often per token: not a write per request.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


def new_secret() -> str:
    """A fresh token: the prefix (so scanners and people recognise it) and 256 random bits."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the store keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    name: str
    user: str
    account: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    def state(self, now: dt.datetime) -> str:
        """'active', 'expired' or 'revoked'."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


async def add_token(
    session: AsyncSession,
    user: UserInfo,
    *,
    name: str,
    expires_at: dt.datetime | None,
    now: dt.datetime,
) -> tuple[TokenInfo, str]:
    """Make a token acting as ``user``; returns it with the secret (shown once, never kept)."""
    secret = new_secret()
    row = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=digest(secret),
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    await session.flush()
    info = TokenInfo(row.id, name, user.name, user.account, now, expires_at, None, None)
    return info, secret


_WITH_USER = (
    select(ApiToken, User.name, Account.name)
    .join(User, User.id == ApiToken.user_id)
    .outerjoin(Account, Account.id == User.account_id)
)


def _info(token: ApiToken, user: str, account: str | None) -> TokenInfo:
    return TokenInfo(
        token.id,
        token.name,
        user,
        account,
        token.created_at,
        token.expires_at,
        token.revoked_at,
        token.last_used_at,
    )


async def list_tokens(session: AsyncSession, *, account_id: int | None = None) -> list[TokenInfo]:
    """Every token (of one account's users, when given), oldest first."""
    query = _WITH_USER
    if account_id is not None:
        query = query.where(User.account_id == account_id)
    rows = await session.execute(query.order_by(ApiToken.id))
    return [_info(t, u, a) for t, u, a in rows.all()]


async def token_by_id(session: AsyncSession, token_id: int) -> TokenInfo:
    """The token numbered ``token_id``."""
    row = (await session.execute(_WITH_USER.where(ApiToken.id == token_id))).first()
    if row is None:
        raise NotFound(f"no API token {token_id}")
    return _info(*row)


async def revoke_token(session: AsyncSession, token_id: int, *, now: dt.datetime) -> bool:
    """Revoke a token at once; False if it already was."""
    result = await session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


@dataclass(frozen=True, slots=True)
class Bearer:
    """An accepted token and the user it acts as."""

    token: TokenInfo
    user: UserInfo


async def bearer(session: AsyncSession, secret: str, *, now: dt.datetime) -> Bearer | None:
    """The live token ``secret`` names and its user; None if unknown, expired or revoked."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    row = (
        await session.execute(
            select(ApiToken, User, Account.name)
            .join(User, User.id == ApiToken.user_id)
            .outerjoin(Account, Account.id == User.account_id)
            .where(ApiToken.token_hash == digest(secret))
        )
    ).first()
    if row is None:
        return None
    token, user, account = row
    info = _info(token, user.name, account)
    if info.state(now) != "active":
        return None
    return Bearer(info, UserInfo(user.id, user.name, user.role, user.account_id, account))


async def touch(session: AsyncSession, token: TokenInfo, *, now: dt.datetime) -> bool:
    """Note the token's use, at most once per LAST_USED_GRANULARITY; whether it wrote."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_GRANULARITY:
        return False
    await session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
    return True
