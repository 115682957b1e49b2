"""Resuming an account the bounce-rate guard paused: the one rule `relay accounts resume`,
the API and the dashboard share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, change_actor
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.guard import GuardState, resume


@dataclass(frozen=True, slots=True)
class Resumed:
    account: AccountInfo
    actor: str
    before: GuardState | None  # the state it was in (None: the guard never looked at it)


async def resume_account(
    session: AsyncSession, name: str, *, as_user: str | None, now: dt.datetime
) -> Resumed:
    """An operator lifts the guard's pause (or warning) with a fresh window; audited."""
    account = await account_by_name(session, name)
    actor = await change_actor(session, as_user, Action.RESUME_ACCOUNT, account)
    before = await resume(session, account.id, now=now)
    await admin.audit(
        session, actor=actor, action="account_resume", now=now, account_id=account.id,
        subject=name,
        detail={"was": str(before.level) if before else "ok",
                "why": before.why() if before else None},
    )  # fmt: skip
    return Resumed(account, actor, before)
