"""The read model the HTTP API and the dashboard show: messages and campaigns with their
counts, one message's or campaign's recipients by tab, paginated with keyset cursors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from storage.addresses import BadAddress, normalize_address
from storage.models import (
    Bounce,
    CampaignCounts,
    Message,
    MessageCounts,
    QueueEntry,
    Recipient,
    RecipientStatus,
)
from storage.reports import not_sent_why

MAX_PAGE = 500
MESSAGES_SHOWN = 50  # of a campaign's messages, the newest, each with its own counts


class Tab(StrEnum):
    """The tabs of a message report; each recipient copy is in exactly one."""

    SENT = "sent"
    BOUNCED = "bounced"
    NOT_SENT = "not_sent"
    DEFERRED = "deferred"


TAB_STATUSES: dict[Tab, tuple[RecipientStatus, ...]] = {
    Tab.SENT: (RecipientStatus.SENT, RecipientStatus.DELIVERED),
    Tab.BOUNCED: (RecipientStatus.BOUNCED,),
    Tab.NOT_SENT: (RecipientStatus.NOT_SENT,),
    Tab.DEFERRED: (RecipientStatus.DEFERRED, RecipientStatus.QUEUED),
}
_TAB_OF = {status: tab for tab, statuses in TAB_STATUSES.items() for status in statuses}


@dataclass(frozen=True, slots=True)
class Counts:
    """Recipient copies per tab, and the bounce rate over the copies that left the relay."""

    sent: int = 0
    bounced: int = 0
    not_sent: int = 0
    deferred: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.bounced + self.not_sent + self.deferred

    @property
    def bounce_rate(self) -> float:
        attempted = self.sent + self.bounced
        return self.bounced / attempted if attempted else 0.0

    def of(self, tab: Tab) -> int:
        return int(getattr(self, tab.value))


@dataclass(frozen=True, slots=True)
class MessageSummary:
    id: int
    message_id: str
    campaign: str
    mail_from: str
    received_at: dt.datetime
    size: int
    counts: Counts = field(default_factory=Counts)


def clamp(limit: int) -> int:
    """A page size between 1 and MAX_PAGE."""
    return max(1, min(MAX_PAGE, limit))


def bare_message_id(value: str) -> str:
    """A Message-ID as stored: with its angle brackets, whether or not they were given."""
    value = value.strip()
    if not value:
        return value
    return value if value.startswith("<") else f"<{value.strip('<>')}>"


async def list_messages(
    session: AsyncSession,
    account_id: int,
    *,
    search: str | None = None,
    before: int | None = None,
    limit: int = 50,
) -> list[MessageSummary]:
    """The account's messages, newest first, matched on Message-ID, campaign or a recipient;
    ``before`` is the key of the last message of the previous page."""
    if search:  # the keys the matches give: looked up by key, not met on a walk of all
        query = select(Message).where(Message.id.in_(_matches(account_id, search, before, limit)))
    else:
        query = select(Message).where(Message.account_id == account_id)
        if before is not None:
            query = query.where(Message.id < before)
    messages = (await session.scalars(query.order_by(Message.id.desc()).limit(clamp(limit)))).all()
    counts = await _message_counts(session, [m.id for m in messages])
    return [
        MessageSummary(m.id, m.message_id, m.campaign, m.mail_from, m.received_at, m.size,
                       counts.get(m.id, Counts()))
        for m in messages
    ]  # fmt: skip


def _matches(account_id: int, term: str, before: int | None, limit: int) -> Select[tuple[int]]:
    """The keys of the newest page of messages matching ``term`` as a campaign, a Message-ID
    or a recipient: each taken newest first from its own index, so a campaign of a million
    messages gives its newest page, not every key."""
    term = term.strip()
    try:
        address = normalize_address(term) if "@" in term else None
    except BadAddress:
        address = None
    branches: list[tuple[InstrumentedAttribute[int], ColumnElement[bool]]] = [
        (Message.id, and_(Message.account_id == account_id, Message.campaign == term)),
        (
            Message.id,
            and_(Message.account_id == account_id, Message.message_id == bare_message_id(term)),
        ),
    ]
    if address:
        # Straight from the (account_id, address) index: the messages with this recipient.
        branches.append(
            (
                Recipient.message_id,
                and_(Recipient.account_id == account_id, Recipient.address == address),
            )
        )
    pages = []
    for key, condition in branches:
        if before is not None:
            condition = and_(condition, key < before)
        page = select(key.label("found")).where(condition).order_by(key.desc()).limit(clamp(limit))
        pages.append(select(page.subquery().c.found))
    keys = union(*pages).subquery()
    return select(keys.c.found)


async def _message_counts(session: AsyncSession, keys: list[int]) -> dict[int, Counts]:
    """The counters storage.outcome_counts keeps for these messages."""
    if not keys:
        return {}
    rows = await session.execute(
        select(MessageCounts.message_id, *_counters(MessageCounts)).where(
            MessageCounts.message_id.in_(keys)
        )
    )
    return {key: Counts(*numbers) for key, *numbers in rows.all()}


def _counters(
    table: type[MessageCounts] | type[CampaignCounts],
) -> list[InstrumentedAttribute[int]]:
    return [table.sent, table.bounced, table.not_sent, table.deferred]


@dataclass(frozen=True, slots=True)
class Target:
    """What a report is of: one Message-ID, or one campaign (maybe many messages)."""

    kind: str  # "message" or "campaign"
    value: str
    messages: list[MessageSummary]  # the newest MESSAGES_SHOWN
    counts: Counts
    message_count: int


def _scope(account_id: int, kind: str, value: str) -> Select[int]:
    column = Message.message_id if kind == "message" else Message.campaign
    wanted = bare_message_id(value) if kind == "message" else value
    return select(Message.id).where(Message.account_id == account_id, column == wanted)


async def target(session: AsyncSession, account_id: int, kind: str, value: str) -> Target | None:
    """The message(s) with this Message-ID or campaign, the newest MESSAGES_SHOWN of them
    with their own counts, and the counts of all; None if none."""
    keys = _scope(account_id, kind, value)
    column = Message.message_id if kind == "message" else Message.campaign
    wanted = bare_message_id(value) if kind == "message" else value
    messages = (
        await session.scalars(
            select(Message)
            .where(Message.account_id == account_id, column == wanted)
            .order_by(Message.id.desc())
            .limit(MESSAGES_SHOWN)
        )
    ).all()
    if not messages:
        return None
    if kind == "campaign":
        totals = select(*_counters(CampaignCounts), CampaignCounts.messages).where(
            CampaignCounts.account_id == account_id, CampaignCounts.campaign == value
        )
    else:  # the few messages with this Message-ID
        totals = select(*(func.sum(c) for c in _counters(MessageCounts)), func.count()).where(
            MessageCounts.message_id.in_(keys)
        )
    row = (await session.execute(totals)).first()
    per_message = await _message_counts(session, [m.id for m in messages])
    summaries = [
        MessageSummary(m.id, m.message_id, m.campaign, m.mail_from, m.received_at, m.size,
                       per_message.get(m.id, Counts()))
        for m in messages
    ]  # fmt: skip
    shown = messages[0].message_id if kind == "message" else value
    *numbers, number = (int(n or 0) for n in row) if row is not None else (0,) * 5
    return Target(kind, shown, summaries, Counts(*numbers), number)


@dataclass(frozen=True, slots=True)
class BounceFacts:
    """A bounce as a report row shows it when expanded."""

    id: int
    hard: bool
    reason: str
    party: str
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    at: dt.datetime
    source: str
    has_raw: bool


@dataclass(frozen=True, slots=True)
class RecipientRow:
    id: int
    message_key: int
    address: str
    tab: Tab
    status: str
    at: dt.datetime
    message_id: str
    campaign: str
    reason: str | None
    dsn_status: str | None
    reply_code: int | None
    detail: str | None
    why: str | None  # not sent: previously bounced, globally suppressed, complaint, ...
    next_attempt: dt.datetime | None  # deferred: when the queue tries again
    bounce: BounceFacts | None

    @property
    def cursor(self) -> str:
        """Where the next page starts (see ``recipients``)."""
        return f"{self.message_key}.{self.id}"


async def recipients(
    session: AsyncSession,
    account_id: int,
    kind: str,
    value: str,
    tab: Tab,
    *,
    after: str | None = None,
    limit: int = 100,
) -> list[RecipientRow]:
    """One tab of a message's or campaign's recipients, message by message in copy order;
    ``after`` is the ``cursor`` of the last row of the previous page."""
    column = Message.message_id if kind == "message" else Message.campaign
    wanted = bare_message_id(value) if kind == "message" else value
    query = (
        select(Recipient, Message.message_id, Message.campaign, QueueEntry.due_at)
        .join(Message, Message.id == Recipient.message_id)
        .outerjoin(QueueEntry, QueueEntry.recipient_id == Recipient.id)
        .where(
            Message.account_id == account_id,
            column == wanted,
            Recipient.status.in_(TAB_STATUSES[tab]),
        )
    )
    if after:
        message_key, copy_key = parse_cursor(after)
        query = query.where(
            or_(
                Message.id > message_key,
                and_(Message.id == message_key, Recipient.id > copy_key),
            )
        )
    # The messages in the order of their (account, campaign or Message-ID, key) index, each
    # one's copies in that of the message_id index: a walk that stops at the page's end, with
    # no set of a million message keys built first.
    ordered = query.order_by(Message.id, Recipient.id).limit(clamp(limit))
    rows = (await session.execute(ordered)).all()
    bounces = await latest_bounces(session, [r.id for r, *_ in rows])
    return [
        recipient_row(r, message_id, campaign, due, bounces.get(r.id))
        for r, message_id, campaign, due in rows
    ]


def parse_cursor(text: str) -> tuple[int, int]:
    """(message key, copy key) of a recipient page's cursor; ValueError for anything else."""
    message_key, dot, copy_key = text.partition(".")
    if not dot or not message_key.isdigit() or not copy_key.isdigit():
        raise ValueError(f"not a cursor of this list: {text[:40]!r}")
    return int(message_key), int(copy_key)


def recipient_row(
    r: Recipient,
    message_id: str,
    campaign: str,
    due: dt.datetime | None,
    bounce: BounceFacts | None,
) -> RecipientRow:
    """One copy as a report shows it."""
    tab = _TAB_OF[r.status]
    return RecipientRow(
        r.id, r.message_id, r.address, tab, str(r.status.value), r.updated_at, message_id, campaign,
        r.reason, r.dsn_status, r.reply_code, r.detail,
        not_sent_why(r.detail, r.reason) if tab is Tab.NOT_SENT else None,
        due if tab is Tab.DEFERRED else None,
        bounce if tab is Tab.BOUNCED else None,
    )  # fmt: skip


def bounce_facts(b: Bounce) -> BounceFacts:
    """What a page or the API shows of a stored bounce."""
    return BounceFacts(
        b.id, b.hard, b.reason, b.party, b.dsn_status, b.reply_code, b.diagnostic,
        b.created_at, str(b.source.value), b.raw is not None,
    )  # fmt: skip


async def latest_bounces(session: AsyncSession, recipient_ids: list[int]) -> dict[int, BounceFacts]:
    """The newest verified bounce of each of these copies."""
    if not recipient_ids:
        return {}
    found = await session.scalars(
        select(Bounce)
        .where(Bounce.recipient_id.in_(recipient_ids), Bounce.verified)
        .order_by(Bounce.id)
    )
    latest: dict[int, BounceFacts] = {}
    for b in found:
        assert b.recipient_id is not None
        latest[b.recipient_id] = bounce_facts(b)
    return latest


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    campaign: str
    messages: int
    last_at: dt.datetime | None  # None only in rows no message was counted into
    last_key: int


async def list_campaigns(
    session: AsyncSession, account_id: int, *, before: int | None = None, limit: int = 50
) -> list[CampaignSummary]:
    """The account's campaigns, the one with the newest message first: a walk of the
    (account, newest message) index of the counters storage.outcome_counts keeps; ``before``
    is the newest message's key of the last campaign of the previous page."""
    query = select(
        CampaignCounts.campaign,
        CampaignCounts.messages,
        CampaignCounts.last_at,
        CampaignCounts.last_key,
    ).where(CampaignCounts.account_id == account_id, CampaignCounts.messages > 0)
    if before is not None:
        query = query.where(CampaignCounts.last_key < before)
    rows = await session.execute(query.order_by(CampaignCounts.last_key.desc()).limit(clamp(limit)))
    return [CampaignSummary(c, n, at, key) for c, n, at, key in rows.all()]
