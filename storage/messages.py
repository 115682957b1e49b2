"""Messages accepted from clients, their recipient copies and the account's contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.addresses import MailboxAddress, from_key
from storage.models import (
    Base,
    Contact,
    Message,
    MessageBody,
    QueueEntry,
    Recipient,
    RecipientStatus,
    UTCDateTime,
)
from storage.outcome_counts import count_new_copies, count_new_messages
from storage.queue import Claim
from storage.suppressions import SuppressionInfo, covering_suppressions
from storage.webhooks import Event, EventType, add_events, listeners
from storage.writer import KeyedInsert, ManyRows, core_connection

# Core statements on the tables, built once (see storage.writer.core_connection).
_tables = Base.metadata.tables
_MESSAGES = KeyedInsert(_tables[Message.__tablename__])
_RECIPIENTS = KeyedInsert(_tables[Recipient.__tablename__])
_QUEUE = KeyedInsert(_tables[QueueEntry.__tablename__])
_ADD_BODIES = ManyRows(insert(_tables[MessageBody.__tablename__]))
_ADD_RECIPIENTS = ManyRows(insert(_tables[Recipient.__tablename__]))
_ADD_CONTACTS: dict[str, ManyRows] = {
    "postgresql": ManyRows(
        postgresql.insert(_tables[Contact.__tablename__]).on_conflict_do_nothing()
    ),
    "sqlite": ManyRows(sqlite.insert(_tables[Contact.__tablename__]).on_conflict_do_nothing()),
}


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
    # A mailbox as the client gave it; a plain string is a comparison key delivered as is.
    recipients: Sequence[MailboxAddress | str]
    not_sent: Sequence[NotSent]

    def keys(self) -> list[str]:
        """The comparison keys of the recipients, in order."""
        return [_key(r) for r in self.recipients]


@dataclass(frozen=True, slots=True)
class Intake:
    """A message a session wants recorded: what DATA knows before the shared transaction."""

    account_id: int
    wanted: list[MailboxAddress]
    not_sent: dict[str, NotSent]  # by comparison key
    message_id: str
    campaign: str
    mail_from: str
    body: bytes


def _key(recipient: MailboxAddress | str) -> str:
    return recipient.key if isinstance(recipient, MailboxAddress) else recipient


def _mailbox(recipient: MailboxAddress | str) -> MailboxAddress:
    return recipient if isinstance(recipient, MailboxAddress) else from_key(recipient)


def _spelling(recipient: MailboxAddress | str) -> dict[str, str | None]:
    if isinstance(recipient, MailboxAddress):
        return {"delivery_local": recipient.local, "delivery_domain": recipient.domain}
    return {"delivery_local": None, "delivery_domain": None}


async def record_message(
    session: AsyncSession,
    new: NewMessage,
    *,
    now: dt.datetime,
    lease: float,
    lifetime: float,
    holder: str | None = None,
) -> tuple[int, list[Claim]]:
    """Record one message (see record_messages); returns its key and its claims."""
    recorded = await session.run_sync(
        record_messages, [new], now=now, lease=lease, lifetime=lifetime, holder=holder
    )
    return recorded[0]


def record_messages(
    session: Session,
    news: Sequence[NewMessage],
    *,
    now: dt.datetime,
    lease: float,
    lifetime: float,
    holder: str | None = None,
) -> list[tuple[int, list[Claim]]]:
    """Record messages, their recipients and contacts, and queue every accepted copy.

    Bulk statements: one INSERT per table for the whole batch. The copies are queued with a
    lease (due after ``lease`` seconds) held by the relay instance ``holder`` so the in-line
    attempt owns them; if this process dies, the next relay instance to notice takes them back
    (see relay.instance), or any relay process when the lease runs out.
    """
    if not news:
        return []
    conn = core_connection(session)
    message_pks = _MESSAGES(
        conn,
        [
            {
                "account_id": new.account_id,
                "message_id": new.message_id,
                "campaign": new.campaign,
                "mail_from": new.mail_from,
                "received_at": now,
                "size": len(new.body),
            }
            for new in news
        ],
    )
    bodies = [(pk, new.body) for pk, new in zip(message_pks, news, strict=True)]
    if conn.dialect.name == "postgresql":
        # one statement, one round trip, for the bodies and the contacts (perf15)
        _add_bodies_and_contacts(conn, bodies, news, now=now)
    else:
        _ADD_BODIES(conn, [{"message_id": pk, "data": data} for pk, data in bodies])
    common = {"updated_at": now, "attempts": 0, "reply_code": None, "dsn_status": None,
              "delivery_local": None, "delivery_domain": None}  # fmt: skip
    queued = [
        {**common, "message_id": pk, "account_id": new.account_id, "address": _key(r),
         **_spelling(r), "status": RecipientStatus.QUEUED, "detail": None, "reason": None}
        for pk, new in zip(message_pks, news, strict=True)
        for r in new.recipients
    ]  # fmt: skip
    refused = [
        {**common, "message_id": pk, "account_id": new.account_id, "address": item.address,
         "status": RecipientStatus.NOT_SENT, "detail": item.why, "reason": item.reason}
        for pk, new in zip(message_pks, news, strict=True)
        for item in new.not_sent
    ]  # fmt: skip
    recorded: list[tuple[int, list[Claim]]] = [(pk, []) for pk in message_pks]
    _not_sent_events(session, news, message_pks, now)
    count_new_copies(session, _copies(news, message_pks))
    count_new_messages(
        session,
        [(n.account_id, pk, n.campaign, now) for pk, n in zip(message_pks, news, strict=True)],
    )
    if not queued:
        if refused:
            _ADD_RECIPIENTS(conn, refused)
        if conn.dialect.name != "postgresql":
            _add_all_contacts(conn, news, now=now)
        return recorded
    # One INSERT for both lists, the refused first: each copy keeps the key two INSERTs gave.
    recipient_ids = _RECIPIENTS(conn, refused + queued)[len(refused) :]
    due, expires = now + dt.timedelta(seconds=lease), now + dt.timedelta(seconds=lifetime)
    queue_ids = _QUEUE(
        conn,
        [
            {"recipient_id": rid, "due_at": due, "in_flight": True, "holder": holder,
             "attempts": 1, "last_error": None, "expires_at": expires, "created_at": now}
            for rid in recipient_ids
        ],
    )  # fmt: skip
    copies = iter(zip(queue_ids, recipient_ids, strict=True))
    for (pk, claims), new in zip(recorded, news, strict=True):
        for r in new.recipients:
            queue_id, recipient_id = next(copies)
            claims.append(
                Claim(
                    queue_id, recipient_id, new.account_id, _key(r), pk, new.mail_from, 1, now,
                    expires, due, _mailbox(r), holder,
                )
            )  # fmt: skip
    if conn.dialect.name != "postgresql":
        _add_all_contacts(conn, news, now=now)
    return recorded


def _copies(
    news: Sequence[NewMessage], message_pks: Sequence[int]
) -> list[tuple[int, int, str, RecipientStatus, int]]:
    """What the counters of storage.outcome_counts get for these new messages' copies."""
    return [
        (new.account_id, pk, new.campaign, status, n)
        for pk, new in zip(message_pks, news, strict=True)
        for status, n in (
            (RecipientStatus.QUEUED, len(new.recipients)),
            (RecipientStatus.NOT_SENT, len(new.not_sent)),
        )
    ]


def _not_sent_events(
    session: Session, news: Sequence[NewMessage], message_pks: Sequence[int], now: dt.datetime
) -> None:
    kind = EventType.MESSAGE_NOT_SENT
    heard = listeners(session, {(new.account_id, kind) for new in news if new.not_sent})
    if not heard:
        return
    events = [
        Event(kind, new.account_id, item.address,
              {"address": item.address, "why": item.why, "reason": item.reason}, message_pk=pk)
        for pk, new in zip(message_pks, news, strict=True) if (new.account_id, kind) in heard
        for item in new.not_sent
    ]  # fmt: skip
    add_events(session, events, now=now, heard=heard)


def record_batch(
    session: Session,
    intakes: Sequence[Intake],
    *,
    refusal: Callable[[str, SuppressionInfo], NotSent],
    now: dt.datetime,
    lease: float,
    lifetime: float,
    holder: str | None,
) -> list[list[Claim]]:
    """Record the messages of many sessions in one transaction (see storage.writer.GroupWriter).

    The suppressions are checked again inside the transaction, so a bounce recorded since a
    recipient's RCPT counts: such a recipient is not sent, with ``refusal``'s words for why.
    """
    by_account: dict[int, set[str]] = {}
    for intake in intakes:
        by_account.setdefault(intake.account_id, set()).update(m.key for m in intake.wanted)
    found: dict[int, dict[str, SuppressionInfo]] = {}
    for account_id, addresses in sorted(by_account.items()):
        found[account_id] = covering_suppressions(session, account_id, sorted(addresses))
    news = []
    for intake in intakes:
        not_sent = dict(intake.not_sent)
        for mailbox in intake.wanted:
            hit = found[intake.account_id].get(mailbox.key)
            if hit is not None:
                not_sent.setdefault(mailbox.key, refusal(mailbox.key, hit))
        news.append(
            NewMessage(
                account_id=intake.account_id,
                message_id=intake.message_id,
                campaign=intake.campaign,
                mail_from=intake.mail_from,
                body=intake.body,
                recipients=_first_of_each(intake.wanted, not_sent),
                not_sent=list(not_sent.values()),
            )
        )
    recorded = record_messages(
        session, news, now=now, lease=lease, lifetime=lifetime, holder=holder
    )
    return [claims for _, claims in recorded]


def _first_of_each(
    mailboxes: list[MailboxAddress], skip: dict[str, NotSent]
) -> list[MailboxAddress]:
    """The first spelling of each comparison key, leaving out those in ``skip``."""
    first: dict[str, MailboxAddress] = {}
    for mailbox in mailboxes:
        if mailbox.key not in skip:
            first.setdefault(mailbox.key, mailbox)
    return list(first.values())


def _contacts_of(news: Sequence[NewMessage]) -> list[tuple[int, list[str]]]:
    """Each account's addresses in ``news`` (recipients and refused ones), in key order."""
    by_account: dict[int, set[str]] = {}
    for new in news:
        seen = by_account.setdefault(new.account_id, set())
        seen.update(new.keys())
        seen.update(n.address for n in new.not_sent)
    return [(account_id, sorted(addresses)) for account_id, addresses in sorted(by_account.items())]


def _add_all_contacts(conn: Connection, news: Sequence[NewMessage], *, now: dt.datetime) -> None:
    for account_id, addresses in _contacts_of(news):
        _insert_contacts(conn, account_id, addresses, now=now)


# PostgreSQL: the bodies and the contacts of a batch in one statement, each table's rows as
# arrays (``unnest``), the contacts in key order as the executemany inserted them.
_BODIES_AND_CONTACTS = (
    "WITH b AS (INSERT INTO message_bodies (message_id, data)"
    " SELECT * FROM unnest($1::bigint[], $2::bytea[]))"
    " INSERT INTO contacts (account_id, address, created_at)"
    " SELECT a, c, $5::timestamptz FROM unnest($3::bigint[], $4::varchar[]) AS u(a, c)"
    " ON CONFLICT DO NOTHING"
)


def _add_bodies_and_contacts(
    conn: Connection,
    bodies: Sequence[tuple[int, bytes]],
    news: Sequence[NewMessage],
    *,
    now: dt.datetime,
) -> None:
    contacts = [(a, address) for a, addresses in _contacts_of(news) for address in addresses]
    conn.exec_driver_sql(
        _BODIES_AND_CONTACTS,
        (
            [pk for pk, _ in bodies],
            [data for _, data in bodies],
            [a for a, _ in contacts],
            [address for _, address in contacts],
            UTCDateTime().process_bind_param(now, conn.dialect),
        ),
    )


async def add_contacts(
    session: AsyncSession, account_id: int, addresses: Sequence[str], *, now: dt.datetime
) -> None:
    """Add the addresses the account has not seen before to its contacts."""
    await session.run_sync(insert_contacts, account_id, addresses, now=now)


def insert_contacts(
    session: Session, account_id: int, addresses: Sequence[str], *, now: dt.datetime
) -> None:
    """Add the addresses the account has not seen before to its contacts (one statement)."""
    if addresses:
        _insert_contacts(core_connection(session), account_id, addresses, now=now)


def _insert_contacts(
    conn: Connection, account_id: int, addresses: Collection[str], *, now: dt.datetime
) -> None:
    unique = sorted(set(addresses))
    if not unique:
        return
    statement = _ADD_CONTACTS.get(conn.dialect.name)
    if statement is None:  # pragma: no cover - only the two backends are supported
        raise NotImplementedError(conn.dialect.name)
    statement(conn, [{"account_id": account_id, "address": a, "created_at": now} for a in unique])


async def message_bodies(session: AsyncSession, message_pks: Iterable[int]) -> dict[int, bytes]:
    """The stored messages as they go upstream, by message key (one query for all)."""
    rows = await session.execute(
        select(MessageBody.message_id, MessageBody.data).where(
            MessageBody.message_id.in_(set(message_pks))
        )
    )
    return {int(pk): bytes(data) for pk, data in rows.all()}
