"""Operator accounts: adding and removing users and changing roles, never leaving no operator."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import BOOTSTRAP, Action, Refused, acting_user, authorize, bootstrapping
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.admin import UserInfo
from storage.models import Role


async def add_user(
    session: AsyncSession,
    actor_name: str | None,
    name: str,
    role: Role,
    account: str | None,
    now: dt.datetime,
) -> UserInfo:
    """Add a user: the first one is an operator (bootstrap); later ones by a manager."""
    if await bootstrapping(session):
        if role is not Role.OPERATOR:
            raise Refused(
                f"the first user must be an operator, or nobody could manage the relay: "
                f"add {name} with --role operator"
            )
        actor = BOOTSTRAP
    else:
        user = await acting_user(session, actor_name)
        target = await account_by_name(session, account) if account else None
        authorize(user, Action.MANAGE_USERS, target)
        if role is Role.OPERATOR and user.role is not Role.OPERATOR:
            raise Refused("only an operator may add an operator")
        actor = user.name
    info = await admin.add_user(session, name, role, account, now=now)
    await admin.audit(
        session,
        actor=actor,
        action="user_add",
        now=now,
        account_id=info.account_id,
        subject=name,
        detail={"role": str(role)},
    )
    return info


def _check_manages(actor: UserInfo, target: UserInfo) -> None:
    """An operator manages everyone; a super administrator the non-operators of its account."""
    authorize(actor, Action.MANAGE_USERS, None)
    if actor.role is Role.OPERATOR:
        return
    if target.role is Role.OPERATOR:
        raise Refused(f"{target.name} is an operator: only an operator may change an operator")
    if target.account_id != actor.account_id:
        raise Refused(f"user {target.name} does not belong to account {actor.account}")


async def _keep_an_operator(session: AsyncSession, target: UserInfo) -> None:
    if target.role is Role.OPERATOR and len(await admin.locked_operators(session)) <= 1:
        raise Refused(
            f"{target.name} is the last operator: add another operator first, "
            "or nobody could manage the relay"
        )


async def remove_user(
    session: AsyncSession, actor_name: str | None, name: str, now: dt.datetime
) -> UserInfo:
    """Remove a user (never the last operator); its past unbounces still count."""
    actor = await acting_user(session, actor_name)
    target = await admin.user_by_name(session, name)
    _check_manages(actor, target)
    await _keep_an_operator(session, target)
    await admin.remove_user(session, target.id)
    await admin.audit(
        session,
        actor=actor.name,
        action="user_remove",
        now=now,
        account_id=target.account_id,
        subject=name,
        detail={"role": str(target.role)},
    )
    return target


async def set_role(
    session: AsyncSession,
    actor_name: str | None,
    name: str,
    role: Role,
    account: str | None,
    now: dt.datetime,
) -> UserInfo:
    """Change a user's role (and account); never demote the last operator."""
    actor = await acting_user(session, actor_name)
    target = await admin.user_by_name(session, name)
    _check_manages(actor, target)
    new_account: AccountInfo | None = None
    if role is Role.OPERATOR:
        if actor.role is not Role.OPERATOR:
            raise Refused("only an operator may make an operator")
        if account is not None:
            raise ValueError("an operator is not tied to an account: leave out --account")
    else:
        if account is None and target.account is None:
            raise ValueError(f"a {role} belongs to an account: give --account")
        new_account = await account_by_name(session, account or str(target.account))
        authorize(actor, Action.MANAGE_USERS, new_account)
        await _keep_an_operator(session, target)
    account_id = new_account.id if new_account else None
    await admin.set_role(session, target.id, role, account_id)
    await admin.audit(
        session,
        actor=actor.name,
        action="user_set_role",
        now=now,
        account_id=account_id if account_id is not None else target.account_id,
        subject=name,
        detail={
            "from": str(target.role),
            "to": str(role),
            "account": new_account.name if new_account else None,
        },
    )
    return UserInfo(target.id, name, role, account_id, new_account.name if new_account else None)
