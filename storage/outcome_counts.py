"""Each message's and campaign's recipient copies per report tab (Sent / Bounced / Not sent /
Deferred), kept in step with the copies' outcomes, so a report reads a row, not a million.

Every write of a copy's status calls into this module in the same transaction, one line at the
call site: ``count_outcomes(session, ids, to)`` just before an UPDATE gives copies the status
``to`` (it reads their status as it is, locking the rows on PostgreSQL as the UPDATE would), and
``count_new_copies`` for the copies an INSERT adds (and ``count_new_messages`` for its
messages: each campaign's number of messages and its newest, for the campaigns list). The
changes gather in the session and are written just before it commits, in one order (messages by
key, then campaigns), so concurrent transactions never wait for each other's counter rows in
opposite orders, and the one row of a large campaign is held only for the commit, not for the
whole transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, bindparam, case, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from storage.models import (
    Base,
    CampaignCounts,
    Message,
    MessageCounts,
    Recipient,
    RecipientStatus,
    UTCDateTime,
)
from storage.writer import ManyRows, core_connection, session_connection

TABS = ("sent", "bounced", "not_sent", "deferred")
# The report tab (and counter column) of each status; storage.views' tabs are the same.
TAB_OF: dict[RecipientStatus, str] = {
    RecipientStatus.SENT: "sent",
    RecipientStatus.DELIVERED: "sent",
    RecipientStatus.BOUNCED: "bounced",
    RecipientStatus.NOT_SENT: "not_sent",
    RecipientStatus.QUEUED: "deferred",
    RecipientStatus.DEFERRED: "deferred",
}
_CHUNK = 5000  # keys per IN list (SQLite allows 32766 bound values)
_PENDING = "storage.outcome_counts"
_messages = Base.metadata.tables[MessageCounts.__tablename__]
_campaigns = Base.metadata.tables[CampaignCounts.__tablename__]


@dataclass
class _Tally:
    """The changes of one transaction, by message key and by (account, campaign)."""

    messages: dict[int, list[int]] = field(default_factory=dict)
    accounts: dict[int, int] = field(default_factory=dict)  # message key -> account
    campaigns: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    # New messages per (account, campaign): how many, the newest's key and when it came.
    news: dict[tuple[int, str], tuple[int, int, dt.datetime]] = field(default_factory=dict)

    def add(self, account_id: int, message_pk: int, campaign: str, tab: str, n: int) -> None:
        column = TABS.index(tab)
        self.messages.setdefault(message_pk, [0, 0, 0, 0])[column] += n
        self.accounts[message_pk] = account_id
        self.campaigns.setdefault((account_id, campaign), [0, 0, 0, 0])[column] += n


# The present status of copies about to change, built once (SQLAlchemy caches its compiled
# form; building it anew for each outcome batch cost more than running it).
_recipients = Base.metadata.tables[Recipient.__tablename__]
_message_rows = Base.metadata.tables[Message.__tablename__]
_PRESENT = (
    select(_recipients.c.account_id, _recipients.c.message_id, _message_rows.c.campaign,
           _recipients.c.status)
    .join(_message_rows, _message_rows.c.id == _recipients.c.message_id)
    .where(_recipients.c.id.in_(bindparam("ids", expanding=True)))
    # Read committed: a copy another transaction is settling is read after it commits; the
    # rows locked in key order, as every other caller locks them.
    .order_by(_recipients.c.id)
    .with_for_update(of=_recipients)
)  # fmt: skip


def _tally(session: Session) -> _Tally:
    found = session.info.get(_PENDING)
    if found is None:
        found = session.info[_PENDING] = _Tally()
    assert isinstance(found, _Tally)
    return found


def count_outcomes(
    session: Session,
    recipient_ids: Collection[int],
    to: RecipientStatus,
    only: ColumnElement[bool] | None = None,
) -> None:
    """The copies ``recipient_ids`` (those of them matching ``only``, the UPDATE's further
    condition) are about to get the status ``to``: move each from the tab of its present status
    to that of ``to``. Call it before the UPDATE, in its transaction (from async code:
    ``await session.run_sync(count_outcomes, ids, to)``)."""
    if not recipient_ids:
        return
    tally = _tally(session)
    target = TAB_OF[to]
    keys = sorted(set(recipient_ids))
    query = _PRESENT if only is None else _PRESENT.where(only)
    conn = core_connection(session)  # Core: the ORM's loading layer was most of the read's CPU
    for start in range(0, len(keys), _CHUNK):
        rows = conn.execute(query, {"ids": keys[start : start + _CHUNK]})
        for account_id, message_pk, campaign, status in rows:
            was = TAB_OF[status]
            if was != target:
                tally.add(account_id, message_pk, campaign, was, -1)
                tally.add(account_id, message_pk, campaign, target, 1)


def count_new_copies(
    session: Session, copies: Iterable[tuple[int, int, str, RecipientStatus, int]]
) -> None:
    """Copies just added: (account, message key, campaign, status, how many)."""
    tally = _tally(session)
    for account_id, message_pk, campaign, status, n in copies:
        if n:
            tally.add(account_id, message_pk, campaign, TAB_OF[status], n)


def count_new_messages(
    session: Session, messages: Iterable[tuple[int, int, str, dt.datetime]]
) -> None:
    """Messages just added: (account, message key, campaign, received at)."""
    news = _tally(session).news
    for account_id, message_pk, campaign, at in messages:
        number, last_key, last_at = news.get((account_id, campaign), (0, 0, at))
        if message_pk > last_key:
            last_key, last_at = message_pk, at
        news[(account_id, campaign)] = (number + 1, last_key, last_at)


def _upsert_statement(dialect: str, table: Table, keys: tuple[str, ...]) -> Insert:
    """INSERT ... ON CONFLICT DO UPDATE adding each row's numbers to the counter row."""
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    changes: dict[str, Any] = {tab: table.c[tab] + statement.excluded[tab] for tab in TABS}
    if "last_key" in table.c:
        newer = statement.excluded.last_key > table.c.last_key
        changes["messages"] = table.c.messages + statement.excluded.messages
        changes["last_at"] = case((newer, statement.excluded.last_at), else_=table.c.last_at)
        changes["last_key"] = case((newer, statement.excluded.last_key), else_=table.c.last_key)
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changes)


# Built once per dialect: building one (its ``excluded`` columns, the CASEs) cost more than
# running it, twice in every outcome transaction. On SQLite the rows go to the driver as
# tuples (storage.writer.ManyRows), on PostgreSQL too (perf15).
_UPSERTS = {
    (dialect, table.name): ManyRows(_upsert_statement(dialect, table, keys))
    for dialect in ("sqlite", "postgresql")
    for table, keys in ((_messages, ("message_id",)), (_campaigns, ("account_id", "campaign")))
}


def _upsert(conn: Connection, table: Table, rows: list[Any]) -> None:
    if rows:
        _UPSERTS[(conn.dialect.name, table.name)](conn, rows)


@event.listens_for(Session, "before_commit")
def _write(session: Session) -> None:
    write_pending(session)


def write_pending(session: Session) -> None:
    """Write the counter changes the session's transaction has gathered so far (its commit
    does at the latest; the group writer calls it first, on the event loop)."""
    tally = session.info.pop(_PENDING, None)
    if not isinstance(tally, _Tally):
        return
    messages = [
        {"message_id": pk, "account_id": tally.accounts[pk], **dict(zip(TABS, n, strict=True))}
        for pk, n in sorted(tally.messages.items())
        if any(n)
    ]
    campaigns = []
    for key in sorted(tally.campaigns.keys() | tally.news.keys()):
        n = tally.campaigns.get(key, [0, 0, 0, 0])
        number, last_key, last_at = tally.news.get(key, (0, 0, None))
        if any(n) or number:
            campaigns.append(
                {"account_id": key[0], "campaign": key[1], **dict(zip(TABS, n, strict=True)),
                 "messages": number, "last_key": last_key, "last_at": last_at}
            )  # fmt: skip
    if not messages and not campaigns:
        return
    conn = session_connection(session)
    if conn.dialect.name == "postgresql":
        _upsert_both(conn, messages, campaigns)
        return
    _upsert(conn, _messages, messages)
    _upsert(conn, _campaigns, campaigns)


def _both_statement() -> str:
    """PostgreSQL: both tables' upserts as one statement, each table's rows as arrays (one
    per column, ``unnest``), so a transaction's counters cost one round trip and one
    statement, not an executemany of a row each for either table (perf15). The campaigns'
    INSERT waits for the messages' (its one-time filter reads the CTE first), so the rows are
    still locked messages first, each table's in key order, as on SQLite."""
    message_columns = ("message_id", "account_id", *TABS)
    campaign_columns = ("account_id", "campaign", *TABS, "messages", "last_key", "last_at")
    types = {"campaign": "varchar", "last_at": "timestamptz"}
    n = 0

    def arrays(columns: tuple[str, ...]) -> str:
        nonlocal n
        out = []
        for column in columns:
            n += 1
            out.append(f"${n}::{types.get(column, 'bigint')}[]")
        return ", ".join(out)

    def adds(table: str) -> str:
        return ", ".join(f"{tab} = {table}.{tab} + excluded.{tab}" for tab in TABS)

    newer = "excluded.last_key > campaign_counts.last_key"
    # every name is the schema's own, every value a parameter
    return " ".join([
        "WITH m AS (INSERT INTO message_counts (", ", ".join(message_columns), ")",
        "SELECT * FROM unnest(", arrays(message_columns), ")",
        "ON CONFLICT (message_id) DO UPDATE SET", adds("message_counts"), "RETURNING 1)",
        "INSERT INTO campaign_counts (", ", ".join(campaign_columns), ")",
        "SELECT * FROM unnest(", arrays(campaign_columns), ")",
        "WHERE (SELECT count(*) FROM m) >= 0",
        "ON CONFLICT (account_id, campaign) DO UPDATE SET", adds("campaign_counts") + ",",
        "messages = campaign_counts.messages + excluded.messages,",
        "last_at = CASE WHEN", newer, "THEN excluded.last_at ELSE campaign_counts.last_at END,",
        "last_key = CASE WHEN", newer, "THEN excluded.last_key ELSE campaign_counts.last_key END",
    ])  # fmt: skip


_BOTH = _both_statement()


def _upsert_both(conn: Connection, messages: list[Any], campaigns: list[Any]) -> None:
    """Both tables' rows in one statement (``_BOTH``); the timestamps converted as the
    column's own type converts them (aware UTC)."""
    utc = UTCDateTime()
    arrays: list[list[Any]] = [
        [row[column] for row in messages] for column in ("message_id", "account_id", *TABS)
    ]
    arrays += [
        [row[column] for row in campaigns]
        for column in ("account_id", "campaign", *TABS, "messages", "last_key")
    ]
    arrays.append([utc.process_bind_param(row["last_at"], conn.dialect) for row in campaigns])
    conn.exec_driver_sql(_BOTH, tuple(arrays))


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: Any) -> None:
    session.info.pop(_PENDING, None)


def counts_by_tab(rows: Iterable[tuple[RecipientStatus, int]]) -> dict[str, int]:
    """Copies per tab from (status, number) pairs, as the counters hold them."""
    tally: dict[str, int] = defaultdict(int)
    for status, number in rows:
        tally[TAB_OF[status]] += number
    return {tab: tally[tab] for tab in TABS}
