"""Messages accepted from clients, their recipient copies and the account's contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Contact,
    Message,
    MessageBody,
    QueueEntry,
    Recipient,
    RecipientStatus,
)
from storage.queue import Claim


@dataclass(frozen=True, slots=True)
class NotSent:
    """A recipient the relay refused to send to, and why."""

    address: str
    why: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class NewMessage:
    account_id: int
    message_id: str
    campaign: str
    mail_from: str
    body: bytes
    recipients: Sequence[str]
    not_sent: Sequence[NotSent]


async def record_message(
    session: AsyncSession, new: NewMessage, *, now: dt.datetime, lease: float, lifetime: float
) -> tuple[int, list[Claim]]:
    """Record the message, its recipients and contacts, and queue every accepted copy.

    The copies are queued with a lease (due after ``lease`` seconds) so the in-line attempt
    owns them; if this process dies, any relay process picks them up when the lease runs out.
    """
    message = Message(
        account_id=new.account_id,
        message_id=new.message_id,
        campaign=new.campaign,
        mail_from=new.mail_from,
        received_at=now,
        size=len(new.body),
    )
    session.add(message)
    await session.flush()
    session.add(MessageBody(message_id=message.id, data=new.body))
    recipients = [
        Recipient(
            message_id=message.id,
            account_id=new.account_id,
            address=address,
            status=RecipientStatus.QUEUED,
            updated_at=now,
        )
        for address in new.recipients
    ]
    refused = [
        Recipient(
            message_id=message.id,
            account_id=new.account_id,
            address=item.address,
            status=RecipientStatus.NOT_SENT,
            detail=item.why,
            reason=item.reason,
            updated_at=now,
        )
        for item in new.not_sent
    ]
    session.add_all(recipients + refused)
    await session.flush()
    due, expires = now + dt.timedelta(seconds=lease), now + dt.timedelta(seconds=lifetime)
    entries = [
        QueueEntry(
            recipient_id=r.id,
            due_at=due,
            in_flight=True,
            attempts=1,
            expires_at=expires,
            created_at=now,
        )
        for r in recipients
    ]
    session.add_all(entries)
    await session.flush()
    claims = [
        Claim(e.id, r.id, new.account_id, r.address, message.id, new.mail_from, 1, now, expires)
        for e, r in zip(entries, recipients, strict=True)
    ]
    await add_contacts(
        session, new.account_id, [*new.recipients, *(n.address for n in new.not_sent)], now=now
    )
    return message.id, claims


async def add_contacts(
    session: AsyncSession, account_id: int, addresses: Sequence[str], *, now: dt.datetime
) -> None:
    """Add the addresses the account has not seen before to its contacts."""
    unique = sorted(set(addresses))
    if not unique:
        return
    rows = [{"account_id": account_id, "address": a, "created_at": now} for a in unique]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = postgresql.insert(Contact).on_conflict_do_nothing()
        await session.execute(pg, rows)
    elif dialect == "sqlite":
        lite = sqlite.insert(Contact).on_conflict_do_nothing()
        await session.execute(lite, rows)
    else:  # pragma: no cover - only the two backends are supported
        known = set(
            await session.scalars(
                select(Contact.address).where(
                    Contact.account_id == account_id, Contact.address.in_(unique)
                )
            )
        )
        fresh = [r for r in rows if r["address"] not in known]
        if fresh:
            await session.execute(insert(Contact), fresh)


async def message_bodies(session: AsyncSession, message_pks: Iterable[int]) -> dict[int, bytes]:
    """The stored messages as they go upstream, by message key (one query for all)."""
    rows = await session.execute(
        select(MessageBody.message_id, MessageBody.data).where(
            MessageBody.message_id.in_(set(message_pks))
        )
    )
    return {int(pk): bytes(data) for pk, data in rows.all()}
