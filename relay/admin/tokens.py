"""The rules of API tokens: who may make and revoke them, each change audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, Refused, acting_user, authorize
from storage import admin, tokens
from storage.accounts import AccountInfo, account_by_name
from storage.tokens import TokenInfo


async def _account_of(session: AsyncSession, user: admin.UserInfo) -> AccountInfo | None:
    return await account_by_name(session, user.account) if user.account else None


async def add_token(
    session: AsyncSession,
    actor_name: str | None,
    user_name: str,
    *,
    name: str,
    expires_days: float | None,
    now: dt.datetime,
) -> tuple[TokenInfo, str]:
    """A token acting as ``user_name``, made by an operator or a super administrator of the
    user's account; returns it with its secret (shown once)."""
    actor = await acting_user(session, actor_name)
    user = await admin.user_by_name(session, user_name)
    authorize(actor, Action.MANAGE_USERS, await _account_of(session, user))
    if user.account is None and actor.role is not user.role:
        raise Refused("only an operator may make a token acting as an operator", "role")
    if expires_days is not None and expires_days <= 0:
        raise ValueError("--expires is a number of days greater than 0")
    expires_at = now + dt.timedelta(days=expires_days) if expires_days is not None else None
    info, secret = await tokens.add_token(session, user, name=name, expires_at=expires_at, now=now)
    await admin.audit(
        session,
        actor=actor.name,
        action="token_add",
        now=now,
        account_id=user.account_id,
        subject=user.name,
        detail={"token_id": info.id, "name": name, "expires_at": expires_at},
    )
    return info, secret


async def revoke_token(
    session: AsyncSession, actor_name: str | None, token_id: int, *, now: dt.datetime
) -> TokenInfo:
    """Revoke a token: its own user, an operator, or a super administrator of its account."""
    actor = await acting_user(session, actor_name)
    token = await tokens.token_by_id(session, token_id)
    owner = await admin.user_by_name(session, token.user)
    if actor.id != owner.id:
        authorize(actor, Action.MANAGE_USERS, await _account_of(session, owner))
        if owner.account is None and actor.role is not owner.role:
            raise Refused("only an operator may revoke an operator's token", "role")
    if not await tokens.revoke_token(session, token_id, now=now):
        raise ValueError(f"API token {token_id} is already revoked")
    await admin.audit(
        session,
        actor=actor.name,
        action="token_revoke",
        now=now,
        account_id=owner.account_id,
        subject=owner.name,
        detail={"token_id": token_id, "name": token.name},
    )
    return token
