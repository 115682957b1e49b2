"""ManyRows (storage.writer): the group writer's bulk statements sent to SQLite as tuples
store exactly what SQLAlchemy's own executemany stores, value by value and type by type."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, bindparam, create_engine, delete, text

from storage import messages, outcome_counts, queue
from storage.models import Base, RecipientStatus
from storage.writer import ManyRows

NOW = dt.datetime(2026, 12, 5, 23, 59, 58, 123456, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 12, 6, 1, 2, 3, 4, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture
def engines(tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """Two stores with the same rows: one written by ManyRows, one by SQLAlchemy."""
    pair = []
    for name in ("many_rows", "sqlalchemy"):
        engine = create_engine(f"sqlite:///{tmp_path / name}.db")
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO accounts (id, name, created_at) VALUES (1, 'a', '')"))
            conn.execute(
                text(
                    "INSERT INTO messages (id, account_id, message_id, campaign, mail_from,"
                    " received_at, size) VALUES (1, 1, '<m@a>', 'c', 's@a', '', 1)"
                )
            )
        pair.append(engine)
    yield pair[0], pair[1]
    for engine in pair:
        engine.dispose()


def recipient(n: int, status: RecipientStatus, detail: str | None) -> dict[str, Any]:
    return {"id": n, "message_id": 1, "account_id": 1, "address": f"r{n}@example.net",
            "delivery_local": f"R{n}" if n % 2 else None, "delivery_domain": "example.net",
            "status": status, "detail": detail, "reason": None, "reply_code": None,
            "dsn_status": None, "attempts": 0, "updated_at": NOW}  # fmt: skip


RECIPIENTS = [recipient(n, RecipientStatus.QUEUED, None) for n in (1, 2, 3)] + [
    recipient(4, RecipientStatus.NOT_SENT, "previously bounced: «user unknown»")
]
QUEUED = [
    {"id": n, "recipient_id": n, "due_at": LATER if n == 2 else NOW, "in_flight": n != 3,
     "holder": "h1" if n != 3 else None, "attempts": 1, "last_error": None,
     "expires_at": LATER, "created_at": NOW}
    for n in (1, 2, 3)
]  # fmt: skip
STEPS: list[tuple[str, ManyRows, list[dict[str, Any]]]] = [
    ("recipients", messages._RECIPIENTS._plain, RECIPIENTS),
    ("queue", messages._QUEUE._plain, QUEUED),
    ("message_bodies", messages._ADD_BODIES, [{"message_id": 1, "data": b"\x00\xffbody\r\n"}]),
    ("contacts", messages._ADD_CONTACTS["sqlite"],
     [{"account_id": 1, "address": a, "created_at": NOW} for a in ("x@a", "y@a", "x@a")]),
    ("queue", queue._RETRY,
     [{"queue_id": 1, "claimed_attempts": 1, "retry_at": LATER, "last_error": "451 4.7.1 wait"},
      {"queue_id": 2, "claimed_attempts": 7, "retry_at": LATER, "last_error": "stale claim"}]),
    ("recipients", queue._DEFERRED,
     [{"recipient_id": 1, "reply_code": 451, "detail": "451 4.7.1 wait", "attempts": 1,
       "now": LATER}]),
    ("recipients", queue._SENT,
     [{"recipient_id": n, "reply_code": 250, "detail": "2.0.0 Ok", "attempts": 2, "now": NOW}
      for n in (2, 3)]),
    ("queue", queue._UNQUEUE, [{"queue_id": 2}, {"queue_id": 3}]),
    # the outcome counters' upserts: a new row, then numbers added to it
    ("message_counts", outcome_counts._UPSERTS[("sqlite", "message_counts")],
     [{"message_id": 1, "account_id": 1, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3}]),
    ("message_counts", outcome_counts._UPSERTS[("sqlite", "message_counts")],
     [{"message_id": 1, "account_id": 1, "sent": 2, "bounced": 0, "not_sent": 0,
       "deferred": -2}]),
    ("campaign_counts", outcome_counts._UPSERTS[("sqlite", "campaign_counts")],
     [{"account_id": 1, "campaign": c, "sent": 0, "bounced": 0, "not_sent": 1, "deferred": 3,
       "messages": 1, "last_key": 1, "last_at": NOW} for c in ("c", "d")]),
    ("campaign_counts", outcome_counts._UPSERTS[("sqlite", "campaign_counts")],
     [{"account_id": 1, "campaign": "c", "sent": 2, "bounced": 0, "not_sent": 0, "deferred": -2,
       "messages": 0, "last_key": 0, "last_at": None},  # no new message: the newest stays
      {"account_id": 1, "campaign": "d", "sent": 0, "bounced": 0, "not_sent": 0, "deferred": 1,
       "messages": 1, "last_key": 7, "last_at": LATER}]),
]  # fmt: skip


def dump(engine: Engine, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` as SQLite holds it: each value with its storage class."""
    with sqlite3.connect(str(engine.url.database)) as db:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        picks = ", ".join(f"{c}, typeof({c})" for c in columns)
        # the table and column names are the schema's own, not input
        return db.execute(f"SELECT {picks} FROM {table} ORDER BY rowid").fetchall()  # noqa: S608


def test_the_bulk_statements_store_what_sqlalchemy_stores(engines: tuple[Engine, Engine]) -> None:
    ours, theirs = engines
    runs: list[tuple[Engine, Callable[[Connection, ManyRows, list[dict[str, Any]]], int]]] = [
        (ours, lambda conn, many, rows: many(conn, rows)),
        (theirs, lambda conn, many, rows: int(conn.execute(many.statement, rows).rowcount)),
    ]
    for table, many, rows in STEPS:
        counts = []
        for engine, run in runs:
            with engine.begin() as conn:
                counts.append(run(conn, many, rows))
        assert counts[0] == counts[1], f"{table}: rows matched"
        assert dump(ours, table) == dump(theirs, table), table
    # the steps did change rows (so the comparison compared something)
    assert len(dump(ours, "queue")) == 1
    assert len(dump(ours, "contacts")) == 2
    assert [row[4:12:2] for row in dump(ours, "message_counts")] == [(2, 0, 1, 1)]
    # (campaign, sent, deferred, messages, last_key), and when the newest came
    campaigns = {row[2]: row[4:18:2] for row in dump(ours, "campaign_counts")}
    assert campaigns["c"][:1] + campaigns["c"][3:6] == (2, 1, 1, 1)
    assert campaigns["d"][:1] + campaigns["d"][3:6] == (0, 4, 2, 7)
    assert campaigns["c"][6] != campaigns["d"][6]  # d's newest is the later message


def test_a_statement_only_sqlalchemy_can_run_goes_through_sqlalchemy(
    engines: tuple[Engine, Engine],
) -> None:
    ours, _ = engines
    # an expanding IN list cannot go to the driver as tuples: ManyRows falls back
    table = Base.metadata.tables["contacts"]
    many = ManyRows(delete(table).where(table.c.address.in_(bindparam("gone", expanding=True))))
    with ours.begin() as conn:
        messages._ADD_CONTACTS["sqlite"](
            conn, [{"account_id": 1, "address": a, "created_at": NOW} for a in ("x@a", "y@a")]
        )
        assert many(conn, [{"gone": ["x@a", "z@a"]}]) == 1
    assert [row[4] for row in dump(ours, "contacts")] == ["y@a"]  # (value, type)s


def test_keyed_insert_numbers_rows_on_from_the_largest_key(engines: tuple[Engine, Engine]) -> None:
    ours, _ = engines
    with ours.begin() as conn:
        first = messages._RECIPIENTS(conn, RECIPIENTS[:2])
        conn.execute(text("DELETE FROM recipients WHERE id = :id"), {"id": first[0]})
        second = messages._RECIPIENTS(conn, RECIPIENTS[2:])
    assert first == [1, 2]
    assert second == [3, 4]
    assert [(row[0], row[6]) for row in dump(ours, "recipients")] == [
        (2, "r2@example.net"),
        (3, "r3@example.net"),
        (4, "r4@example.net"),
    ]
