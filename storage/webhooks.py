"""Webhooks in the store: endpoints, the outbox written with each fact, claims and attempts.

An event is inserted in the transaction that records its fact. A batch first asks, by one
indexed query in that transaction, which endpoints hear its (account, event) pairs, and builds
events (their JSON, their id) only for those: when no endpoint listens, nothing is built or
written. The dispatcher claims due rows with a lease as the delivery queue does
(storage.queue), and only the oldest pending event of each endpoint and address, so the
events of one address arrive in order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Integer,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.dml import Insert

from storage.engine import utcnow
from storage.models import (
    Base,
    Message,
    RelayInstance,
    WebhookAttempt,
    WebhookDispatchLease,
    WebhookEndpoint,
    WebhookOutbox,
    WebhookSubscription,
)
from storage.writer import ManyRows, core_connection


class EventType(StrEnum):
    MESSAGE_BOUNCED = "message.bounced"
    MESSAGE_NOT_SENT = "message.not_sent"
    MESSAGE_DELIVERED = "message.delivered"
    MESSAGE_DEFERRED = "message.deferred"
    COMPLAINT_RECEIVED = "complaint.received"
    SUPPRESSION_CREATED = "suppression.created"
    SUPPRESSION_REMOVED = "suppression.removed"
    ACCOUNT_WARNING = "account.warning"


@dataclass(frozen=True, slots=True)
class Event:
    """A fact to report to the endpoints of ``account_id`` (None: of every account)."""

    type: EventType
    account_id: int | None
    address: str  # events of one address are delivered in order; "" for none
    data: Mapping[str, Any]
    message_pk: int | None = None  # its Message-ID and campaign are added at delivery
    # Its webhook-id and data as JSON, when built before the writer's turn (``prepared``).
    built: tuple[str, str] | None = None


_subs = Base.metadata.tables[WebhookSubscription.__tablename__]
_outbox = Base.metadata.tables[WebhookOutbox.__tablename__]
_endpoints = Base.metadata.tables[WebhookEndpoint.__tablename__]
_COLUMNS = ["endpoint_id", "event_id", "event", "address", "message_pk", "data", "created_at",
            "due_at", "attempts"]  # fmt: skip

Listeners = dict[tuple[int | None, str], tuple[int, ...]]
"""The endpoints hearing each (account, event) of a batch; (None, event): every account's."""

_HEARING = (
    select(_subs.c.account_id, _subs.c.event, _subs.c.endpoint_id)
    .where(_subs.c.event.in_(bindparam("events", expanding=True)))
    .order_by(_subs.c.endpoint_id)
)
_HEARING_ACCOUNTS = _HEARING.where(_subs.c.account_id.in_(bindparam("accounts", expanding=True)))
_INSERT = ManyRows(insert(_outbox))


_HEARD: dict[tuple[int | None, str], bool] = {}  # the last answer of listeners() per pair


def heard_lately(account_id: int | None, kind: EventType) -> bool:
    """Whether this process's last ``listeners`` answer for the pair had an endpoint: a hint
    for building events before the writer's turn (``prepared``), never the answer itself."""
    return _HEARD.get((account_id, kind), False)


def prepared(event: Event) -> Event:
    """``event`` with its webhook-id and JSON built now, outside the writer's turn (where
    they were a third of what an event cost it); ``add_events`` uses them if it is heard."""
    return Event(event.type, event.account_id, event.address, event.data, event.message_pk,
                 (new_event_id(), _to_json(event.data)))  # fmt: skip


def listeners(session: Session, wanted: Collection[tuple[int | None, EventType]]) -> Listeners:
    """Which endpoints hear each of the ``wanted`` (account, event) pairs, by one indexed query
    in the session's transaction; pairs no endpoint hears are left out (an empty result: build
    no event at all). Exact as the fact it goes with: SQLite's writer holds the write lock from
    BEGIN IMMEDIATE, so no subscription changes until it commits; on PostgreSQL the query sees
    every subscription committed before it, as the outbox INSERT itself would."""
    if not wanted:
        return {}
    events = sorted({str(kind) for _, kind in wanted})
    accounts = {account for account, _ in wanted}
    known = None if None in accounts else sorted(a for a in accounts if a is not None)
    conn = core_connection(session)
    rows: Any
    if conn.dialect.name == "sqlite":
        rows = _hearing_sqlite(conn, events, known)
    elif known is None:
        rows = conn.execute(_HEARING, {"events": events})
    else:
        rows = conn.execute(_HEARING_ACCOUNTS, {"events": events, "accounts": known})
    found: dict[tuple[int | None, str], list[int]] = {}
    for account, event, endpoint_id in rows:
        for key in ((account, event), (None, event)):
            if key in wanted:
                found.setdefault(key, []).append(endpoint_id)
    if len(_HEARD) > 100_000:
        _HEARD.clear()
    for pair in wanted:
        _HEARD[pair] = pair in found
    return {key: tuple(ids) for key, ids in found.items()}


_HEARING_SQL: dict[tuple[int, int], str] = {}


def _hearing_sqlite(conn: Any, events: list[str], accounts: list[int] | None) -> list[Any]:
    """``_HEARING`` (``_HEARING_ACCOUNTS`` with ``accounts``) on the DB-API connection: the
    group writer asks it in every commit that settles copies, and SQLAlchemy's compiling of
    the expanding IN lists cost about 60 us a call, the driver's statement cache 5."""
    shape = (len(events), -1 if accounts is None else len(accounts))
    if (sql := _HEARING_SQL.get(shape)) is None:
        # Only placeholders are put in the text; the values go as parameters.
        marks = ", ".join("?" * len(events))
        sql = f"SELECT account_id, event, endpoint_id FROM webhook_subscriptions WHERE event IN ({marks})"  # noqa: E501, S608
        if accounts is not None:
            sql += f" AND account_id IN ({', '.join('?' * len(accounts))})"
        sql += " ORDER BY endpoint_id"
        _HEARING_SQL[shape] = sql
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, (*events, *(accounts or ())))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def add_events(
    session: Session,
    events: Sequence[Event],
    *,
    now: dt.datetime,
    heard: Listeners | None = None,
) -> None:
    """Put ``events`` in the outbox of every endpoint subscribed to them, in the session's
    transaction (the group writer's): the fact and its events commit together or not at all.
    ``heard``: what ``listeners`` answered for these events in this transaction (a batch that
    asked first builds only the events someone hears)."""
    if not events:
        return
    if heard is None:
        heard = listeners(session, {(e.account_id, e.type) for e in events})
    if not heard:
        return
    stamp = now.astimezone(dt.UTC)
    conn = core_connection(session)
    if conn.dialect.name == "sqlite":
        _add_sqlite(conn, events, heard, stamp)
        return
    rows: list[dict[str, Any]] = []
    for event in events:
        endpoints = heard.get((event.account_id, event.type))
        if not endpoints:
            continue
        event_id, data = event.built or (new_event_id(), _to_json(event.data))
        kind = str(event.type)
        rows.extend(
            {"endpoint_id": endpoint_id, "event_id": event_id, "event": kind,
             "address": event.address, "message_pk": event.message_pk, "data": data,
             "created_at": stamp, "due_at": stamp, "attempts": 0}
            for endpoint_id in endpoints
        )  # fmt: skip
    if rows:
        _INSERT(conn, rows)


# One encoder for every event: json.dumps with arguments builds a new one per call.
_to_json = json.JSONEncoder(default=str, separators=(",", ":")).encode


def new_event_id() -> str:
    """A webhook-id: 128 random bits in hex (as the bulk import's ``randomblob(16)``)."""
    return os.urandom(16).hex()


_INSERT_SQL = (
    "INSERT INTO webhook_outbox (endpoint_id, event_id, data, event, address, message_pk,"
    " created_at, due_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)"
)


def _add_sqlite(conn: Any, events: Sequence[Event], heard: Listeners, stamp: dt.datetime) -> None:
    """``add_events``' rows as tuples on the DB-API cursor, in the writer's turn: a row is
    built and stored in a third of the time ManyRows' dict and conversions took (the outbox
    rows were most of what webhooks add to an SMTP commit). The stamp is converted once, by
    the column type's own conversion, so the stored text is SQLAlchemy's."""
    when = _stamp_of(conn.dialect)(stamp)
    wanted = [(e, heard.get((e.account_id, e.type))) for e in events]
    randoms = os.urandom(16 * len(wanted)).hex()
    rows = [
        (endpoint_id, *(event.built or (randoms[32 * n : 32 * n + 32], _to_json(event.data))),
         str(event.type), event.address, event.message_pk, when, when)
        for n, (event, endpoints) in enumerate(wanted) if endpoints
        for endpoint_id in endpoints
    ]  # fmt: skip
    if not rows:
        return
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(_INSERT_SQL, rows)
    finally:
        cursor.close()


_STAMPS: dict[str, Any] = {}


def _stamp_of(dialect: Any) -> Any:
    """The bind conversion of the outbox's timestamps on ``dialect`` (cached): the one
    SQLAlchemy (and ManyRows) applies, so the stored text is the same."""
    if (convert := _STAMPS.get(dialect.name)) is None:
        kind = _outbox.c.created_at.type
        convert = kind.dialect_impl(dialect).bind_processor(dialect) or (lambda value: value)
        _STAMPS[dialect.name] = convert
    return convert


async def record_events(
    session: AsyncSession, events: Sequence[Event], *, now: dt.datetime
) -> None:
    """add_events, on an async session."""
    if events:
        await session.run_sync(add_events, events, now=now)


async def subscribed(session: AsyncSession, account_id: int, event: EventType) -> bool:
    """Whether an endpoint of the account hears ``event``: bulk writers skip the event
    statement (and what it needs) when none does."""
    query = select(_subs.c.endpoint_id).where(
        _subs.c.account_id == account_id, _subs.c.event == str(event)
    )
    return (await session.scalar(query.limit(1))) is not None


def suppressions_created(rows: Any, *, account_id: int, dialect: str, now: dt.datetime) -> Insert:
    """INSERT ... SELECT of a ``suppression.created`` event for each row of ``rows`` (columns
    address, reason, detail: the rows a bulk import added) and each subscribed endpoint of
    the account; set-based, so an import of a million rows stays one statement."""
    if dialect == "postgresql":
        event_id: Any = func.replace(cast(func.gen_random_uuid(), Text()), "-", "")
        as_json: Any = func.json_build_object
    else:
        event_id = func.lower(func.hex(func.randomblob(16)))
        as_json = func.json_object

    def text(value: str) -> Any:
        return cast(literal(value, Text()), Text())  # typed: json_build_object takes "any"

    data = as_json(
        text("address"), rows.c.address, text("scope"), text("account"),
        text("reason"), rows.c.reason, text("detail"), rows.c.detail, text("bounce_id"), null(),
    )  # fmt: skip
    stamp = literal(now, _outbox.c.created_at.type)
    chosen = (
        select(
            _subs.c.endpoint_id,
            event_id,
            text(str(EventType.SUPPRESSION_CREATED)),
            rows.c.address,
            null(),
            cast(data, Text()),
            stamp,
            stamp,
            literal(0, Integer()),
        )
        .select_from(rows)
        .join(_subs, true())
        .where(
            _subs.c.account_id == account_id,
            _subs.c.event == str(EventType.SUPPRESSION_CREATED),
        )
    )
    return insert(_outbox).from_select(_COLUMNS, chosen)


TEST_EVENT = "webhook.test"  # sent on request to one endpoint; no one subscribes to it


async def add_test_event(
    session: AsyncSession, endpoint_id: int, data: Mapping[str, Any], *, now: dt.datetime
) -> str:
    """Put a ``webhook.test`` event in the outbox of that endpoint only; its webhook-id."""
    event_id = uuid.uuid4().hex
    session.add(
        WebhookOutbox(
            endpoint_id=endpoint_id, event_id=event_id, event=TEST_EVENT, address="",
            message_pk=None, data=json.dumps(data, default=str, separators=(",", ":")),
            created_at=now, due_at=now, attempts=0,
        )
    )  # fmt: skip
    await session.flush()
    return event_id


# -- endpoints ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EndpointInfo:
    id: int
    account_id: int
    url: str
    events: tuple[str, ...]
    created_at: dt.datetime
    disabled_at: dt.datetime | None
    disabled_reason: str | None
    pending: int = 0


async def add_endpoint(
    session: AsyncSession,
    *,
    account_id: int,
    url: str,
    sealed_secret: str,
    events: Sequence[EventType],
    now: dt.datetime,
) -> int:
    """Register an endpoint and its subscriptions; its id."""
    endpoint = WebhookEndpoint(
        account_id=account_id,
        url=url,
        secret=sealed_secret,
        events=",".join(events),
        created_at=now,
    )
    session.add(endpoint)
    await session.flush()
    session.add_all(
        WebhookSubscription(endpoint_id=endpoint.id, account_id=account_id, event=str(e))
        for e in events
    )
    await session.flush()
    return endpoint.id


def _info(e: WebhookEndpoint, pending: int = 0) -> EndpointInfo:
    return EndpointInfo(
        e.id,
        e.account_id,
        e.url,
        tuple(e.events.split(",")),
        e.created_at,
        e.disabled_at,
        e.disabled_reason,
        pending,
    )


async def list_endpoints(session: AsyncSession, account_id: int | None) -> list[EndpointInfo]:
    """The endpoints of an account (None: all), with the number of events waiting for each."""
    waiting = (
        select(WebhookOutbox.endpoint_id, _count()).group_by(WebhookOutbox.endpoint_id).subquery()
    )
    query = (
        select(WebhookEndpoint, waiting.c.n)
        .outerjoin(waiting, waiting.c.endpoint_id == WebhookEndpoint.id)
        .order_by(WebhookEndpoint.id)
    )
    if account_id is not None:
        query = query.where(WebhookEndpoint.account_id == account_id)
    return [_info(e, n or 0) for e, n in (await session.execute(query)).all()]


def _count() -> Any:
    return func.count().label("n")


async def endpoint(session: AsyncSession, endpoint_id: int) -> EndpointInfo | None:
    found = await session.get(WebhookEndpoint, endpoint_id)
    return _info(found) if found is not None else None


async def remove_endpoint(session: AsyncSession, endpoint_id: int) -> bool:
    """Delete the endpoint, its subscriptions, waiting events and log (cascade)."""
    for model in (WebhookSubscription, WebhookOutbox, WebhookAttempt):
        await session.execute(delete(model).where(model.endpoint_id == endpoint_id))
    result = await session.execute(delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id))
    return bool(getattr(result, "rowcount", 0))


async def disable_endpoint(
    session: AsyncSession, endpoint_id: int, *, reason: str, now: dt.datetime
) -> int:
    """Stop an endpoint: no new events, its waiting ones dropped; how many were dropped."""
    return await session.run_sync(
        lambda s: disable_endpoint_in(s, endpoint_id, reason=reason, now=now)
    )


def disable_endpoint_in(
    session: Session, endpoint_id: int, *, reason: str, now: dt.datetime
) -> int:
    """``disable_endpoint`` on a synchronous session."""
    session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.disabled_at.is_(None))
        .values(disabled_at=now, disabled_reason=reason[:500])
    )
    session.execute(
        delete(WebhookSubscription).where(WebhookSubscription.endpoint_id == endpoint_id)
    )
    dropped = session.execute(delete(WebhookOutbox).where(WebhookOutbox.endpoint_id == endpoint_id))
    return int(getattr(dropped, "rowcount", 0) or 0)


# -- delivery ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delivery:
    """An event this process holds for one attempt at one endpoint."""

    outbox_id: int
    endpoint_id: int
    url: str
    sealed_secret: str
    event_id: str
    event: str
    body: bytes
    created_at: dt.datetime
    attempts: int  # this attempt's number
    address: str = ""
    # False: read under the SQLite dispatcher's lease row (``due_events``), its row untouched,
    # so the row still holds ``attempts - 1``; True: claimed (its row's attempts raised).
    leased: bool = True

    @property
    def stored_attempts(self) -> int:
        """The attempts its outbox row holds while this process has it."""
        return self.attempts if self.leased else self.attempts - 1

    @property
    def lane(self) -> tuple[int, str]:
        """What its order is kept within: the endpoint and the address."""
        return (self.endpoint_id, self.address)


@dataclass(frozen=True, slots=True)
class Claim:
    """What one pass took: the deliveries (each lane's in order), and how many waiting events
    it found blocked behind their address's head and put aside until that one is settled."""

    deliveries: list[Delivery]
    put_aside: int


@dataclass(frozen=True, slots=True)
class Leased:
    """What one pass leased, by outbox id (in lane order), and how many it put aside."""

    ids: list[int]
    put_aside: int


CHAIN = 20  # events of one lane a pass may take, to be sent one after the other
WINDOW = 4  # a pass reads at most WINDOW * limit due events


def _orphaned() -> Any:
    # Held by a relay instance whose row is gone (relay.instance forgets dead ones).
    return and_(
        WebhookOutbox.holder.is_not(None),
        ~exists().where(RelayInstance.id == WebhookOutbox.holder),
    )


async def any_due(session: AsyncSession, *, now: dt.datetime) -> bool:
    """Whether an event is due: a read, so an idle dispatcher never takes the write lock."""
    query = select(WebhookOutbox.id).where(WebhookOutbox.due_at <= now).limit(1)
    return (await session.scalar(query)) is not None


def any_due_in(session: Session, *, now: dt.datetime) -> bool:
    """``any_due`` on a synchronous session."""
    query = select(WebhookOutbox.id).where(WebhookOutbox.due_at <= now).limit(1)
    return session.scalar(query) is not None


async def any_orphaned(session: AsyncSession) -> bool:
    """Whether an event is held by a relay instance that died (a read of the held rows only:
    the partial index on holder)."""
    return (await session.scalar(select(WebhookOutbox.id).where(_orphaned()).limit(1))) is not None


async def release_orphans(session: AsyncSession, *, now: dt.datetime) -> int:
    """``release_orphans_in`` on an async session."""
    return await session.run_sync(release_orphans_in, now=now)


def release_orphans_in(session: Session, *, now: dt.datetime) -> int:
    """Make due now every event held by an instance whose row is gone (relay.instance forgets
    dead ones), without waiting for its lease to run out. Apart from the claim: an OR of the
    two in the claim's WHERE would make every claim read the whole outbox. Synchronous, for
    ``Store.write_sync`` (the dispatcher's writes)."""
    result = session.execute(
        update(_outbox)
        .where(_outbox.c.holder.is_not(None), _outbox.c.holder.not_in(select(RelayInstance.id)))
        .values(due_at=now, holder=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def claim_deliveries(
    session: AsyncSession, *, now: dt.datetime, lease: float, limit: int, holder: str | None
) -> list[Delivery]:
    """``claim`` with one event per lane: the deliveries only."""
    found = await claim(session, now=now, lease=lease, limit=limit, holder=holder)
    return found.deliveries


async def claim(
    session: AsyncSession,
    *,
    now: dt.datetime,
    lease: float,
    limit: int,
    holder: str | None,
    chain: int = 1,
) -> Claim:
    """``lease`` and the deliveries it leased, read in the same transaction."""
    found = await lease_due(session, now=now, lease=lease, limit=limit, holder=holder, chain=chain)
    return Claim(await deliveries(session, found.ids), found.put_aside)


async def lease_due(
    session: AsyncSession,
    *,
    now: dt.datetime,
    lease: float,
    limit: int,
    holder: str | None,
    chain: int = 1,
) -> Leased:
    """``lease_due_in`` on an asynchronous session."""
    return await session.run_sync(
        lambda s: lease_due_in(s, now=now, lease=lease, limit=limit, holder=holder, chain=chain)
    )


def lease_due_in(
    session: Session,
    *,
    now: dt.datetime,
    lease: float,
    limit: int,
    holder: str | None,
    chain: int = 1,
) -> Leased:
    """Take the oldest waiting event of up to ``limit`` lanes (endpoint and address), and with
    it up to ``chain - 1`` of the events that follow it in that lane (with ``chain`` > 1: or
    as many as the window holds of that lane, if more), all leased for ``lease`` seconds
    (SKIP LOCKED on PostgreSQL, as storage.queue).

    What a pass reads is bounded, whatever waits: the first ``WINDOW * limit`` due events.
    The ones among them blocked behind their lane's head are put aside (due again a lease
    after that head is), so the next pass does not read them again; settling the head brings
    its followers back at once (``settle_all_delivered``).

    The events themselves are read by ``deliveries``: after the commit, the dispatcher
    does it outside the write transaction (on SQLite the write lock the SMTP side waits
    for), since nobody else takes a leased event."""
    postgres = session.get_bind().dialect.name == "postgresql"
    ids, blocked = _window(session, now=now, limit=limit, chain=chain, postgres=postgres)
    if ids:
        # One statement leases them all: the rows are locked (PostgreSQL) or the write lock is
        # held (SQLite), so each one's attempts is what is read below.
        session.execute(
            update(_outbox)
            .where(_outbox.c.id.in_(ids))
            .values(
                due_at=now + dt.timedelta(seconds=lease),
                attempts=_outbox.c.attempts + 1,
                holder=holder,
            )
        )
    put_aside = _put_aside(session, blocked, now=now, lease=lease)
    return Leased(ids, put_aside)


def _window_query() -> Any:
    # Prebuilt (a pass's SQLAlchemy construction cost about what its rows do); no due_at:
    # its conversion, 200 a pass, for nothing.
    earlier = _outbox.alias("earlier")
    head = ~exists().where(
        earlier.c.endpoint_id == _outbox.c.endpoint_id,
        earlier.c.address == _outbox.c.address,
        earlier.c.id < _outbox.c.id,
    )
    return (
        select(_outbox.c.id, _outbox.c.endpoint_id, _outbox.c.address, head.label("head"))
        .where(_outbox.c.due_at <= bindparam("w_now"))
        .order_by(_outbox.c.due_at, _outbox.c.id)
        .limit(bindparam("w_count"))
    )


_WINDOW = _window_query()
_WINDOW_LOCKED = _window_query().with_for_update(skip_locked=True, of=_outbox)
_FOLLOWERS = (
    select(_outbox.c.id)
    .where(
        _outbox.c.endpoint_id == bindparam("f_endpoint"),
        _outbox.c.address == bindparam("f_address"),
        _outbox.c.id > bindparam("f_head"),
    )
    .order_by(_outbox.c.id)
    .limit(bindparam("f_count"))
)


def _window(
    session: Session, *, now: dt.datetime, limit: int, chain: int, postgres: bool
) -> tuple[list[int], list[Any]]:
    """What a pass takes (``lease_due_in``): the ids, each lane's in order, and the rows of
    the window blocked behind a head it does not take (to put aside)."""
    window = _WINDOW_LOCKED if postgres else _WINDOW
    rows = session.execute(window, {"w_now": now, "w_count": WINDOW * limit}).all()
    heads = {(r.endpoint_id, r.address): r.id for r in rows if r.head}
    taken = dict(list(heads.items())[:limit])
    blocked = [r for r in rows if not r.head]
    lanes: dict[tuple[int, str], list[int]] = {lane: [head] for lane, head in taken.items()}
    if chain > 1:
        seen = Counter((r.endpoint_id, r.address) for r in blocked)
        for lane in seen.keys() & taken.keys():
            # The whole of what the window saw of a lane it takes, when more than a chain:
            # put aside now, each would be written twice more (put aside, brought back) before
            # it is sent; a backlog of one address goes in passes of the window's size.
            count = max(chain - 1, seen[lane])
            lanes[lane] += _followers(session, lane, taken[lane], count, postgres)
    ids = [i for chained in lanes.values() for i in chained]
    leased = set(ids)
    return ids, [r for r in blocked if r.id not in leased]


@dataclass(frozen=True, slots=True)
class Due:
    """What a pass under the SQLite lease row read: the deliveries (each lane's in order)
    and the window's rows blocked behind a head it did not take (to put aside)."""

    deliveries: list[Delivery]
    blocked: list[Any]


async def due_events(session: AsyncSession, *, now: dt.datetime, limit: int, chain: int) -> Due:
    """``due_events_in`` on an asynchronous session."""
    return await session.run_sync(lambda s: due_events_in(s, now=now, limit=limit, chain=chain))


def due_events_in(session: Session, *, now: dt.datetime, limit: int, chain: int) -> Due:
    """``lease_due_in``'s choice of events, read without writing anything (SQLite, under the
    dispatcher's lease row: no other process delivers): the deliveries, their attempts
    counted, their rows untouched until the pass settles them. Synchronous, so that the
    dispatcher reads a pass in one hop to a thread (its statements one after the other on a
    DB-API cursor, not each a round trip through the event loop)."""
    ids, blocked = _window(session, now=now, limit=limit, chain=chain, postgres=False)
    return Due(deliveries_in(session, ids, leased=False), blocked)


def put_aside_in(
    session: Session, blocked: Sequence[Any], *, now: dt.datetime, lease: float
) -> int:
    """``due_events``' blocked rows put aside (in the transaction that settles its pass)."""
    return _put_aside(session, blocked, now=now, lease=lease)


_lease_row = Base.metadata.tables[WebhookDispatchLease.__tablename__]
LOCAL = "~"  # a holder without a relay instance (tests): its lease only runs out


def take_dispatch_lease_in(
    session: Session, *, holder: str, now: dt.datetime, lease: float
) -> bool:
    """SQLite: make ``holder`` the process that delivers the outbox for ``lease`` seconds,
    unless another holds it (its lease not run out, its relay instance still there); whether
    ``holder`` now has it. Renewing is the same call."""
    row = _lease_row.c
    free = or_(
        row.holder == holder,
        row.until < now,
        and_(~row.holder.startswith(LOCAL), row.holder.not_in(select(RelayInstance.id))),
    )
    until = now + dt.timedelta(seconds=lease)
    taken = session.execute(
        update(_lease_row).where(row.id == 1, free).values(holder=holder, until=until)
    )
    if getattr(taken, "rowcount", 0):
        return True
    if session.scalar(select(row.id).where(row.id == 1)) is not None:
        return False
    session.execute(insert(_lease_row).values(id=1, holder=holder, until=until))
    return True


def _followers(
    session: Session, lane: tuple[int, str], head: int, count: int, postgres: bool
) -> list[int]:
    """The ids of up to ``count`` events after ``head`` in its lane, in order, none skipped."""
    found = session.scalars(
        _FOLLOWERS, {"f_endpoint": lane[0], "f_address": lane[1], "f_head": head, "f_count": count}
    )
    following = list(found)
    if postgres and following:
        # Another dispatcher's window may hold some: the chain stops before the first one.
        locked = set(
            session.scalars(
                select(WebhookOutbox.id)
                .where(WebhookOutbox.id.in_(following))
                .with_for_update(skip_locked=True)
            )
        )
        for n, event in enumerate(following):
            if event not in locked:
                return following[:n]
    return following


def _put_aside(session: Session, blocked: Sequence[Any], *, now: dt.datetime, lease: float) -> int:
    """Make the blocked events due a lease after their lane's head: settling the head makes
    them due sooner; if that is lost (a crash, a race between two relays), they come back."""
    if not blocked:
        return 0
    margin = dt.timedelta(seconds=lease)
    until: dict[tuple[int, str], dt.datetime] = {}
    for lane in {(r.endpoint_id, r.address) for r in blocked}:
        head_due = session.scalar(
            select(WebhookOutbox.due_at)
            .where(WebhookOutbox.endpoint_id == lane[0], WebhookOutbox.address == lane[1])
            .order_by(WebhookOutbox.id)
            .limit(1)
        )
        until[lane] = max(head_due or now, now) + margin
    session.execute(
        update(_outbox).where(_outbox.c.id == bindparam("put")).values(due_at=bindparam("until")),
        [{"put": r.id, "until": until[(r.endpoint_id, r.address)]} for r in blocked],
    )
    return len(blocked)


async def deliveries(
    session: AsyncSession, ids: Sequence[int], *, leased: bool = True
) -> list[Delivery]:
    """``deliveries_in`` on an asynchronous session."""
    if not ids:
        return []
    return await session.run_sync(lambda s: deliveries_in(s, ids, leased=leased))


_DELIVERIES = (
    select(
        _outbox.c.id,
        _outbox.c.endpoint_id,
        _outbox.c.address,
        _outbox.c.event_id,
        _outbox.c.event,
        _outbox.c.message_pk,
        _outbox.c.data,
        _outbox.c.created_at,
        _outbox.c.attempts,
        _endpoints.c.url,
        _endpoints.c.secret,
    )
    .join(_endpoints, _endpoints.c.id == _outbox.c.endpoint_id)
    .where(_outbox.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_outbox.c.id)
)


def deliveries_in(session: Session, ids: Sequence[int], *, leased: bool = True) -> list[Delivery]:
    """The leased events ``ids`` as they are sent (their bodies built), in id order; one
    gone since (its endpoint removed) is left out. ``leased=False``: read under the lease
    row, their rows untouched (``due_events``): this attempt is one more than stored."""
    if not ids:
        return []
    rows = session.execute(_DELIVERIES, {"ids": list(ids)}).all()
    pks = {row[5] for row in rows if row[5]}
    messages: dict[int, tuple[str, str]] = {}
    if pks:
        found = session.execute(
            select(Message.id, Message.message_id, Message.campaign).where(Message.id.in_(pks))
        )
        messages = {pk: (mid, campaign) for pk, mid, campaign in found}
    extra = 0 if leased else 1
    return [
        Delivery(outbox_id, endpoint_id, url, secret, event_id, event,
                 _body(event, created_at, data, messages.get(message_pk or 0)),
                 created_at, attempts + extra, address, leased)
        for (outbox_id, endpoint_id, address, event_id, event, message_pk, data, created_at,
             attempts, url, secret) in rows
    ]  # fmt: skip


def envelope(entry: WebhookOutbox, message: tuple[str, str] | None) -> bytes:
    """The Standard Webhooks body: the same bytes on every attempt."""
    return _body(entry.event, entry.created_at, entry.data, message)


def _body(
    event: str, created_at: dt.datetime, data_json: str, message: tuple[str, str] | None
) -> bytes:
    data = json.loads(data_json)
    if message is not None:
        data.setdefault("message_id", message[0])
        data.setdefault("campaign", message[1])
    stamp = created_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return _to_envelope({"type": event, "timestamp": stamp, "data": data}).encode("utf-8")


# One encoder for every body (json.dumps with arguments builds one a call); the same bytes.
_to_envelope = json.JSONEncoder(separators=(",", ":"), sort_keys=True).encode


_attempts = Base.metadata.tables[WebhookAttempt.__tablename__]
_DELIVERED = ManyRows(
    delete(_outbox).where(
        _outbox.c.id == bindparam("outbox_id"), _outbox.c.attempts == bindparam("attempts")
    )
)
_LOGGED = ManyRows(insert(_attempts))


def _brought_back() -> Any:
    # The next CHAIN events of a lane whose delivered events are gone (not those another
    # relay took over since), unless held or failed: each is an index look-up.
    lane = and_(
        _outbox.c.endpoint_id == bindparam("b_endpoint"),
        _outbox.c.address == bindparam("b_address"),
    )
    following = (
        select(_outbox.c.id)
        .where(lane, _outbox.c.id > bindparam("b_last"))
        .order_by(_outbox.c.id)
        .limit(CHAIN)
    )
    earlier = aliased(_outbox)
    still_there = exists().where(
        earlier.c.endpoint_id == bindparam("b_endpoint"),
        earlier.c.address == bindparam("b_address"),
        earlier.c.id <= bindparam("b_last"),
    )
    return (
        update(_outbox)
        .where(
            _outbox.c.id.in_(following.scalar_subquery()),
            _outbox.c.due_at > bindparam("b_now"),
            _outbox.c.holder.is_(None),
            _outbox.c.last_error.is_(None),
            ~still_there,
        )
        .values(due_at=bindparam("b_now"))
    )


# A ManyRows: through SQLAlchemy's executemany it was the dearest statement of a pass's
# settling (38 us of the 101 an event held the writer's turn, bench_outbox_turn; 17 so).
_BROUGHT_BACK = ManyRows(_brought_back())


async def settle_all_delivered(
    session: AsyncSession,
    delivered: Sequence[tuple[Delivery, int, int]],
    *,
    now: dt.datetime,
) -> None:
    """Events the endpoints took, as (delivery, status, duration_ms): they leave the outbox
    and each attempt is logged, two statements for all; the events put aside behind them in
    their lanes are due at once (three)."""
    if delivered:
        await session.run_sync(lambda s: settle_all_delivered_in(s, delivered, now=now))


def settle_all_delivered_in(
    session: Session, delivered: Sequence[tuple[Delivery, int, int]], *, now: dt.datetime
) -> None:
    """``settle_all_delivered`` on a synchronous session."""
    if not delivered:
        return
    conn = core_connection(session)
    _DELIVERED(
        conn,
        [{"outbox_id": d.outbox_id, "attempts": d.stored_attempts} for d, _, _ in delivered],
    )
    _LOGGED(
        conn,
        [{"endpoint_id": d.endpoint_id, "event_id": d.event_id, "event": d.event, "at": now,
          "attempt": d.attempts, "status_code": status, "error": None, "duration_ms": ms}
         for d, status, ms in delivered],
    )  # fmt: skip
    last: dict[tuple[int, str], int] = {}
    for d, _, _ in delivered:
        last[d.lane] = max(last.get(d.lane, 0), d.outbox_id)
    if not _any_later(conn, now):
        return  # no event is due after now: the bring-back would change no row
    _BROUGHT_BACK(
        conn,
        [
            {"b_endpoint": e, "b_address": a, "b_last": n, "b_now": now}
            for (e, a), n in last.items()
        ],
    )


_LATER = select(_outbox.c.id).where(_outbox.c.due_at > bindparam("l_now")).limit(1)
_LATER_SQL = "SELECT 1 FROM webhook_outbox WHERE due_at > ? LIMIT 1"


def _any_later(conn: Any, now: dt.datetime) -> bool:
    """Whether an event of the outbox is due after ``now`` (one look at the due_at index).
    None is what a healthy outbox holds (no failure waiting for its retry, nothing put
    aside or leased), and then the bring-back, whose rows must all be due after ``now``,
    has nothing to do: it was a statement per lane, the dearest of a pass's settling. On
    SQLite on the DB-API cursor (2 us; exec_driver_sql took 23), ``now`` converted as the
    column's own type converts it, so it compares as the stored text."""
    if conn.dialect.name != "sqlite":
        return conn.execute(_LATER, {"l_now": now}).first() is not None
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        # Not execute(...).fetchone(): under aiosqlite that is the driver's coroutine.
        cursor.execute(_LATER_SQL, (_stamp_of(conn.dialect)(now),))
        return cursor.fetchone() is not None
    finally:
        cursor.close()


async def settle_delivered(
    session: AsyncSession, delivery: Delivery, *, status: int, duration_ms: int, now: dt.datetime
) -> None:
    """The endpoint took the event: it leaves the outbox, the attempt is logged."""
    await settle_all_delivered(session, [(delivery, status, duration_ms)], now=now)


async def settle_failed(
    session: AsyncSession,
    delivery: Delivery,
    *,
    status: int | None,
    error: str,
    retry_at: dt.datetime,
    duration_ms: int,
    now: dt.datetime,
) -> None:
    """The attempt failed: try again at ``retry_at`` (unless another process took it since)."""
    await session.run_sync(
        lambda s: settle_failed_in(
            s,
            delivery,
            status=status,
            error=error,
            retry_at=retry_at,
            duration_ms=duration_ms,
            now=now,
        )
    )


def settle_failed_in(
    session: Session,
    delivery: Delivery,
    *,
    status: int | None,
    error: str,
    retry_at: dt.datetime,
    duration_ms: int,
    now: dt.datetime,
) -> None:
    """``settle_failed`` on a synchronous session."""
    session.execute(
        update(WebhookOutbox)
        .where(
            WebhookOutbox.id == delivery.outbox_id,
            WebhookOutbox.attempts == delivery.stored_attempts,
        )
        .values(due_at=retry_at, holder=None, last_error=error[:2000], attempts=delivery.attempts)
    )
    _log(session, delivery, status, error, duration_ms, now)


def _log(
    session: Session,
    delivery: Delivery,
    status: int | None,
    error: str | None,
    duration_ms: int,
    now: dt.datetime,
) -> None:
    session.add(
        WebhookAttempt(
            endpoint_id=delivery.endpoint_id,
            event_id=delivery.event_id,
            event=delivery.event,
            at=now,
            attempt=delivery.attempts,
            status_code=status,
            error=(error or "")[:1000] or None,
            duration_ms=duration_ms,
        )
    )


async def release_deliveries(
    session: AsyncSession, deliveries: Sequence[Delivery], *, now: dt.datetime
) -> None:
    """Give unfinished claims back, due at once (shutdown)."""
    await session.run_sync(lambda s: release_deliveries_in(s, deliveries, now=now))


_RELEASED = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("r_id"), _outbox.c.attempts == bindparam("r_attempts"))
    .values(due_at=bindparam("r_now"), holder=None, attempts=_outbox.c.attempts - 1)
)


def release_deliveries_in(
    session: Session, deliveries: Sequence[Delivery], *, now: dt.datetime
) -> None:
    """``release_deliveries`` on a synchronous session. One read under the lease row
    (``leased=False``) was never raised: only its due time changes, if it must."""
    claimed = [d for d in deliveries if d.leased]
    if claimed:
        session.execute(_RELEASED, [{"r_id": d.outbox_id, "r_attempts": d.attempts, "r_now": now}
                                    for d in claimed])  # fmt: skip
    later = [d for d in deliveries if not d.leased]
    if later and now > utcnow():
        session.execute(_DUE_LATER, [{"l_id": d.outbox_id, "l_attempts": d.stored_attempts,
                                      "l_due": now} for d in later])  # fmt: skip


_DUE_LATER = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("l_id"), _outbox.c.attempts == bindparam("l_attempts"))
    .values(due_at=bindparam("l_due"))
)


@dataclass(frozen=True, slots=True)
class AttemptInfo:
    at: dt.datetime
    endpoint_id: int
    event_id: str
    event: str
    attempt: int
    status_code: int | None
    error: str | None
    duration_ms: int


async def attempts_log(
    session: AsyncSession, endpoint_id: int | None, *, limit: int = 100
) -> list[AttemptInfo]:
    """The most recent attempts (of one endpoint, or all), newest first."""
    query = select(WebhookAttempt).order_by(WebhookAttempt.id.desc()).limit(limit)
    if endpoint_id is not None:
        query = query.where(WebhookAttempt.endpoint_id == endpoint_id)
    return [
        AttemptInfo(a.at, a.endpoint_id, a.event_id, a.event, a.attempt, a.status_code, a.error,
                    a.duration_ms)
        for a in await session.scalars(query)
    ]  # fmt: skip


async def prune_attempts(session: AsyncSession, *, before: dt.datetime) -> int:
    """``prune_attempts_in`` on an async session."""
    return await session.run_sync(prune_attempts_in, before=before)


def prune_attempts_in(session: Session, *, before: dt.datetime) -> int:
    """Forget the attempts logged before ``before``: those before the first one (by id) logged
    at or after it; how many. The log is appended to in time order, so that is all of them
    but for one logged out of order (two dispatchers' clocks, a clock set back), kept until a
    later prune's cut passes it; no attempt at or after ``before`` is ever forgotten. By id,
    not by an index on ``at``: the look for the cut reads only the rows it forgets (the
    primary key in order), and settling a pass writes no such index. Synchronous, for
    ``Store.write_sync`` (the dispatcher's writes)."""
    log = _attempts.c
    kept = select(log.id).where(log.at >= before).order_by(log.id).limit(1).scalar_subquery()
    everything = select(func.max(log.id) + 1).scalar_subquery()
    result = session.execute(delete(_attempts).where(log.id < func.coalesce(kept, everything)))
    return int(getattr(result, "rowcount", 0) or 0)


async def outbox_depth(session: AsyncSession) -> int:
    """Events waiting for delivery, over all endpoints."""
    return int(await session.scalar(select(_count()).select_from(WebhookOutbox)) or 0)
