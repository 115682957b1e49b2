"""Dashboard sign-in: server-side sessions that expire, each with its CSRF token, and the
optional passwords of users (argon2, as for SMTP credentials).

The cookie holds 256 random bits; the store keeps only their SHA-256 (as for API tokens), so a
copy of the database signs nobody in. Every session is in the store, so every relay process
(and worker) knows it, and signing out ends it everywhere.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import hash_password, password_matches
from storage.admin import UserInfo
from storage.models import Account, User, WebSession
from storage.tokens import digest


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session: who, its CSRF token, and when it ends."""

    user: UserInfo
    csrf_token: str
    expires_at: dt.datetime


async def open_session(
    session: AsyncSession, user: UserInfo, *, now: dt.datetime, lifetime: dt.timedelta
) -> tuple[str, SignedIn]:
    """Start a session for ``user``; returns the cookie's secret (never stored) and the session."""
    secret = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = now + lifetime
    session.add(
        WebSession(
            session_hash=digest(secret),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=expires,
        )
    )
    # Sessions that ended are dropped as new ones start: the table stays the live ones.
    await session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    return secret, SignedIn(user, csrf, expires)


async def signed_in(session: AsyncSession, secret: str, *, now: dt.datetime) -> SignedIn | None:
    """The live session the cookie's secret names; None if unknown or expired."""
    if not secret or len(secret) > 100:
        return None
    row = (
        await session.execute(
            select(WebSession, User, Account.name)
            .join(User, User.id == WebSession.user_id)
            .outerjoin(Account, Account.id == User.account_id)
            .where(WebSession.session_hash == digest(secret), WebSession.expires_at > now)
        )
    ).first()
    if row is None:
        return None
    web, user, account = row
    info = UserInfo(user.id, user.name, user.role, user.account_id, account)
    return SignedIn(info, web.csrf_token, web.expires_at)


async def close_session(session: AsyncSession, secret: str) -> None:
    """End the session (sign-out)."""
    await session.execute(delete(WebSession).where(WebSession.session_hash == digest(secret)))


async def set_password(session: AsyncSession, user_id: int, password: str | None) -> None:
    """Give a user a dashboard password (None: tokens only); its sessions end."""
    hashed = hash_password(password) if password else None
    await session.execute(update(User).where(User.id == user_id).values(password_hash=hashed))
    await session.execute(delete(WebSession).where(WebSession.user_id == user_id))


async def user_by_password(session: AsyncSession, name: str, password: str) -> UserInfo | None:
    """The user ``name`` if ``password`` is theirs; the hash is checked even for an unknown
    name, so the answer's time does not tell which names exist."""
    row = (
        await session.execute(
            select(User, Account.name)
            .outerjoin(Account, Account.id == User.account_id)
            .where(User.name == name)
        )
    ).first()
    stored = row[0].password_hash if row is not None else None
    # argon2 takes tens of milliseconds of CPU: off the event loop.
    matches = await asyncio.to_thread(password_matches, stored, password)
    if not matches or row is None:
        return None
    user, account = row
    return UserInfo(user.id, user.name, user.role, user.account_id, account)
