"""The durable retry queue: claiming due copies with a lease, and settling each attempt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, bindparam, delete, exists, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from storage.addresses import MailboxAddress, from_key
from storage.engine import Store, StoreUnavailable
from storage.models import (
    Base,
    Message,
    MessageBody,
    QueueEntry,
    Recipient,
    RecipientStatus,
    RelayInstance,
)
from storage.outcome_counts import count_outcomes
from storage.webhooks import (
    Event,
    EventType,
    add_events,
    heard_lately,
    listeners,
    prepared,
    record_events,
)
from storage.writer import ManyRows, core_connection

# Core statements for the group writer's settle batches, built once (see
# storage.writer.core_connection and ManyRows).
_queue = Base.metadata.tables[QueueEntry.__tablename__]
_recipients = Base.metadata.tables[Recipient.__tablename__]
_UNQUEUE = ManyRows(delete(_queue).where(_queue.c.id == bindparam("queue_id")))
_RETRY = ManyRows(
    update(_queue)
    # not a copy taken over since (its holder judged dead, or its lease run out): every
    # claim counts an attempt
    .where(_queue.c.id == bindparam("queue_id"), _queue.c.attempts == bindparam("claimed_attempts"))
    .values(
        due_at=bindparam("retry_at"),
        in_flight=False,
        holder=None,
        last_error=bindparam("last_error"),
    )
)


def _recipient_outcome(status: RecipientStatus) -> ManyRows:
    """An executemany UPDATE of copies' outcomes (``status``), one row per recipient id."""
    return ManyRows(
        update(_recipients)
        .where(_recipients.c.id == bindparam("recipient_id"))
        .values(
            status=status,
            reply_code=bindparam("reply_code"),
            detail=bindparam("detail"),
            attempts=bindparam("attempts"),
            updated_at=bindparam("now"),
        )
    )


_SENT = _recipient_outcome(RecipientStatus.SENT)
_DEFERRED = _recipient_outcome(RecipientStatus.DEFERRED)


@dataclass(frozen=True, slots=True)
class Claim:
    """A copy this process now holds for one delivery attempt."""

    queue_id: int
    recipient_id: int
    account_id: int
    address: str
    message_pk: int
    mail_from: str
    attempts: int
    created_at: dt.datetime
    expires_at: dt.datetime
    leased_until: dt.datetime
    deliver_to: MailboxAddress  # the address as the client gave it; ``address`` is its key
    holder: str | None = None  # the relay instance holding the lease


class CopyState(StrEnum):
    DUE = "due"  # any relay may take it now
    WAITING = "waiting"  # for its next attempt
    IN_FLIGHT = "in flight"  # a relay instance holds it for an attempt
    ORPHANED = "orphaned"  # its holder died; due at the next look for dead instances


@dataclass(frozen=True, slots=True)
class Holder:
    """The relay instance holding a copy."""

    instance_id: str
    host: str | None  # None: the instance's row is gone (it died)
    pid: int | None


@dataclass(frozen=True, slots=True)
class QueuedCopy:
    queue_id: int
    address: str
    message_id: str
    account_id: int
    attempts: int
    due_at: dt.datetime
    expires_at: dt.datetime
    last_error: str | None
    state: CopyState
    holder: Holder | None


def _claim_query(
    now: dt.datetime, limit: int, recipient_ids: list[int] | None = None
) -> Select[QueueEntry, Recipient, str]:
    query = (
        select(QueueEntry, Recipient, Message.mail_from)
        .join(Recipient, Recipient.id == QueueEntry.recipient_id)
        .join(Message, Message.id == Recipient.message_id)
        .where(QueueEntry.due_at <= now)
        .order_by(QueueEntry.due_at)
        .limit(limit)
    )
    if recipient_ids is not None:
        query = query.where(QueueEntry.recipient_id.in_(recipient_ids))
    return query


def _any_due_query(now: dt.datetime) -> Select[int]:
    return select(QueueEntry.id).where(QueueEntry.due_at <= now).limit(1)


async def any_due(store: Store, *, now: dt.datetime) -> bool:
    """Whether a copy is due: a read of the ``due_at`` index, so that an idle queue worker
    never takes the write lock (``claim_due``'s transaction) only to find nothing. On a
    SQLite file on the store's synchronous look-up engine, on the event loop like the RCPT
    check's reads (a WAL reader does not wait for writers); else a read session."""
    if store.lookups is None:
        async with store.reading() as session:
            return (await session.scalar(_any_due_query(now))) is not None
    try:
        with store.lookups.connect() as connection:
            return connection.scalar(_any_due_query(now)) is not None
    except SQLAlchemyError as exc:
        raise StoreUnavailable(str(exc).splitlines()[0]) from exc
    except OSError as exc:
        raise StoreUnavailable(str(exc)) from exc


async def claim_due(
    session: AsyncSession, *, now: dt.datetime, lease: float, limit: int, holder: str | None = None
) -> list[Claim]:
    """Take up to ``limit`` due copies, leasing each for ``lease`` seconds to ``holder``.

    On PostgreSQL rows another worker is claiming are skipped (FOR UPDATE SKIP LOCKED); on
    SQLite the write transaction already holds the database lock, so no two claims overlap.
    """
    query = _claim_query(now, limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=QueueEntry)
    rows = (await session.execute(query)).all()
    if not rows:
        return []
    leased = now + dt.timedelta(seconds=lease)
    claims = []
    for entry, recipient, mail_from in rows:
        entry.due_at = leased
        entry.in_flight = True
        entry.holder = holder
        entry.attempts += 1
        claims.append(
            Claim(
                entry.id,
                recipient.id,
                recipient.account_id,
                recipient.address,
                recipient.message_id,
                mail_from,
                entry.attempts,
                entry.created_at,
                entry.expires_at,
                leased,
                delivery_address(recipient),
                holder,
            )
        )
    await session.flush()
    return claims


def delivery_address(recipient: Recipient) -> MailboxAddress:
    """The address a copy goes to: as the client gave it, or its key for older copies."""
    if recipient.delivery_local is None or recipient.delivery_domain is None:
        return from_key(recipient.address)
    return MailboxAddress(recipient.delivery_local, recipient.delivery_domain)


def renew_leases(session: Session, renewals: Sequence[tuple[Claim, dt.datetime]]) -> list[bool]:
    """Extend each claim's lease to the given time if it is still this claim's: the copy is
    still queued, nobody claimed it since (every claim counts an attempt) and it still names
    the claim's holder. False: another worker took the copy when the lease ran out or its
    holder was judged dead, and this holder must not send it."""
    held = []
    for claim, until in renewals:
        query = update(QueueEntry).where(
            QueueEntry.id == claim.queue_id, QueueEntry.attempts == claim.attempts
        )
        if claim.holder is not None:
            query = query.where(QueueEntry.holder == claim.holder)
        result = session.execute(query.values(due_at=until))
        held.append(int(getattr(result, "rowcount", 0) or 0) == 1)
    return held


def sent_events(sent: Sequence[tuple[Claim, int, str]]) -> dict[int, Event]:
    """Before the writer's turn: the message.delivered events of ``sent`` (by queue id) whose
    account an endpoint heard at this process's last look, their id and JSON built
    (``settle_sent_many`` takes them; it still asks who listens, in its transaction)."""
    kind = EventType.MESSAGE_DELIVERED
    return {
        claim.queue_id: prepared(_outcome(kind, claim, reply_code=code, reply=detail))
        for claim, code, detail in sent
        if heard_lately(claim.account_id, kind)
    }


def settle_sent_many(
    session: Session,
    sent: Sequence[tuple[Claim, int, str]],
    *,
    now: dt.datetime,
    built: Mapping[int, Event] | None = None,
) -> None:
    """Copies the upstream took, as (claim, reply code, reply text): two statements for all.
    ``built``: their events made before the turn (``sent_events``), by queue id."""
    if not sent:
        return
    conn = core_connection(session)
    _UNQUEUE(conn, [{"queue_id": claim.queue_id} for claim, _, _ in sent])
    rows = [
        {"recipient_id": claim.recipient_id, "reply_code": code, "detail": detail,
         "attempts": claim.attempts, "now": now}
        for claim, code, detail in sent
    ]  # fmt: skip
    count_outcomes(session, [claim.recipient_id for claim, _, _ in sent], RecipientStatus.SENT)
    matched = _SENT(conn, rows)
    kind = EventType.MESSAGE_DELIVERED
    if heard := listeners(session, {(claim.account_id, kind) for claim, _, _ in sent}):
        add_events(
            session,
            [(built or {}).get(claim.queue_id)
             or _outcome(kind, claim, reply_code=code, reply=detail)
             for claim, code, detail in sent if (claim.account_id, kind) in heard],
            now=now,
            heard=heard,
        )  # fmt: skip
    # As the ORM's bulk UPDATE did: a copy whose recipient row is gone fails the batch (where
    # the driver counts the rows of an executemany).
    dialect = conn.dialect
    counted = dialect.supports_sane_rowcount and (
        dialect.supports_sane_multi_rowcount or len(rows) == 1
    )
    if counted and matched != len(rows):
        raise StaleDataError(
            f"UPDATE statement on table 'recipients' expected to update {len(rows)} row(s); "
            f"{matched} were matched."
        )


async def settle_failed(session: AsyncSession, claim: Claim) -> None:
    """The copy bounced (recorded separately): it leaves the queue."""
    await session.execute(delete(QueueEntry).where(QueueEntry.id == claim.queue_id))
    await session.execute(
        update(Recipient).where(Recipient.id == claim.recipient_id).values(attempts=claim.attempts)
    )


async def settle_not_sent(
    session: AsyncSession, claim: Claim, *, why: str, reason: str | None, now: dt.datetime
) -> None:
    """The address was suppressed while the copy waited: it leaves the queue unsent."""
    await session.execute(delete(QueueEntry).where(QueueEntry.id == claim.queue_id))
    await session.run_sync(count_outcomes, [claim.recipient_id], RecipientStatus.NOT_SENT)
    await session.execute(
        update(Recipient)
        .where(Recipient.id == claim.recipient_id)
        .values(status=RecipientStatus.NOT_SENT, detail=why, reason=reason, updated_at=now)
    )
    event = _outcome(EventType.MESSAGE_NOT_SENT, claim, why=why, reason=reason)
    await record_events(session, [event], now=now)


def defer_many(
    session: Session,
    deferred: Sequence[tuple[Claim, dt.datetime, int | None, str]],
    *,
    now: dt.datetime,
) -> None:
    """Temporary failures, as (claim, retry at, reply code, reply text): two statements for all
    (in the group writer's transaction)."""
    if not deferred:
        return
    conn = core_connection(session)
    _RETRY(
        conn,
        [{"queue_id": claim.queue_id, "claimed_attempts": claim.attempts, "retry_at": retry_at,
          "last_error": detail[:2000]}
         for claim, retry_at, _, detail in deferred],
    )  # fmt: skip
    count_outcomes(session, [c.recipient_id for c, *_ in deferred], RecipientStatus.DEFERRED)
    _DEFERRED(
        conn,
        [{"recipient_id": claim.recipient_id, "reply_code": code, "detail": detail,
          "attempts": claim.attempts, "now": now}
         for claim, _, code, detail in deferred],
    )  # fmt: skip
    kind = EventType.MESSAGE_DEFERRED
    if heard := listeners(session, {(claim.account_id, kind) for claim, *_ in deferred}):
        add_events(
            session,
            [_outcome(kind, claim, reply_code=code, reply=detail,
                      next_attempt=retry_at.isoformat())
             for claim, retry_at, code, detail in deferred if (claim.account_id, kind) in heard],
            now=now,
            heard=heard,
        )  # fmt: skip


def _outcome(kind: EventType, claim: Claim, **data: object) -> Event:
    """The event of a copy's outcome (its Message-ID and campaign are added at delivery)."""
    facts = {"address": claim.address, "recipient_id": claim.recipient_id,
             "attempts": claim.attempts, **data}  # fmt: skip
    return Event(kind, claim.account_id, claim.address, facts, message_pk=claim.message_pk)


async def release(session: AsyncSession, claim: Claim, *, now: dt.datetime) -> None:
    """Give a claimed copy back, due at once (shutdown before the attempt finished), unless
    it is no longer this claim's (taken over since)."""
    query = update(QueueEntry).where(
        QueueEntry.id == claim.queue_id, QueueEntry.attempts == claim.attempts
    )
    if claim.holder is not None:
        query = query.where(QueueEntry.holder == claim.holder)
    await session.execute(
        query.values(due_at=now, in_flight=False, holder=None, attempts=QueueEntry.attempts - 1)
    )


async def drop_unreferenced_bodies(session: AsyncSession, *, before: dt.datetime) -> int:
    """Delete stored bodies of messages with no copy left in the queue."""
    pending = (
        select(QueueEntry.id)
        .join(Recipient, Recipient.id == QueueEntry.recipient_id)
        .where(Recipient.message_id == MessageBody.message_id)
    )
    old = select(Message.id).where(Message.received_at < before)
    result = await session.execute(
        delete(MessageBody).where(~exists(pending), MessageBody.message_id.in_(old))
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def list_queue(
    session: AsyncSession, *, now: dt.datetime, dead: Collection[str] = (), limit: int = 1000
) -> list[QueuedCopy]:
    """The queued copies, soonest due first, each with its state and holder (``dead``: the
    instances known to be gone, whose rows are still there)."""
    rows = await session.execute(
        select(
            QueueEntry,
            Recipient.address,
            Recipient.account_id,
            Message.message_id,
            RelayInstance.host,
            RelayInstance.pid,
        )
        .join(Recipient, Recipient.id == QueueEntry.recipient_id)
        .join(Message, Message.id == Recipient.message_id)
        .outerjoin(RelayInstance, RelayInstance.id == QueueEntry.holder)
        .order_by(QueueEntry.due_at)
        .limit(limit)
    )
    return [
        QueuedCopy(
            e.id,
            address,
            message_id,
            account_id,
            e.attempts,
            e.due_at,
            e.expires_at,
            e.last_error,
            _state(e, now, alive=host is not None and e.holder not in dead),
            Holder(e.holder, host, pid) if e.holder is not None and e.in_flight else None,
        )
        for e, address, account_id, message_id, host, pid in rows.all()
    ]


def _state(entry: QueueEntry, now: dt.datetime, *, alive: bool) -> CopyState:
    if entry.in_flight and entry.holder is not None and not alive:
        return CopyState.ORPHANED
    if entry.in_flight and entry.due_at > now:
        return CopyState.IN_FLIGHT
    return CopyState.DUE if entry.due_at <= now else CopyState.WAITING


async def make_due(session: AsyncSession, *, now: dt.datetime, queue_id: int | None) -> int:
    """Make one queued copy (or all) due now; copies being delivered are left alone."""
    query = update(QueueEntry).where(~QueueEntry.in_flight).values(due_at=now)
    if queue_id is not None:
        query = query.where(QueueEntry.id == queue_id)
    result = await session.execute(query)
    return int(getattr(result, "rowcount", 0) or 0)
