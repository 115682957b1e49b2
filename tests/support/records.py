"""Records made straight in a store, as the relay makes them: a copy an account sent, and a
hard bounce tied to it (so the suppression it makes has real evidence behind it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from relay.bounce.recording import record_bounce
from storage.bounces import BounceEvidence, BounceRecorded
from storage.messages import NewMessage, record_message
from storage.models import BounceSource


async def sent_copy(
    session: AsyncSession,
    account_id: int,
    address: str,
    *,
    now: dt.datetime,
    message_id: str = "<m@x>",
    sender: str = "n@x",
) -> int:
    """A message of campaign "spring" that ``account_id`` sent to ``address``; its copy's id."""
    _, claims = await record_message(
        session,
        NewMessage(account_id, message_id, "spring", sender, b"b", [address], []),
        now=now,
        lease=0,
        lifetime=60,
    )
    return claims[0].recipient_id


async def hard_bounced(
    session: AsyncSession,
    account_id: int,
    address: str,
    *,
    now: dt.datetime,
    reason: str = "user_unknown",
    message_id: str = "<m@x>",
    sender: str = "n@x",
) -> BounceRecorded:
    """A copy sent to ``address`` and the DSN that hard-bounced it (550 5.1.1)."""
    copy = await sent_copy(
        session, account_id, address, now=now, message_id=message_id, sender=sender
    )
    evidence = BounceEvidence(
        address,
        True,
        reason,
        "5.1.1",
        550,
        "550 5.1.1 no such user",
        BounceSource.DSN,
        recipient_id=copy,
    )
    return await record_bounce(session, evidence, now=now)
