"""What the group writer's tests on SQLite submit: a store on SQLite's synchronous writer, an
account, messages of two recipients each, and the job that records them."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from config import async_database_url
from storage.accounts import add_account
from storage.engine import Store, open_store
from storage.messages import NewMessage, record_messages
from storage.schema import ensure_schema
from storage.writer import JobKind

NOW = dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC)


@contextlib.asynccontextmanager
async def sqlite_writer_store(tmp_path: Path) -> AsyncIterator[Store]:
    """A store on a SQLite file under ``tmp_path``, its schema made, closed after."""
    store = open_store(async_database_url(f"sqlite:///{tmp_path / 'relay.db'}"))
    await ensure_schema(store)
    assert store.sync_write is not None  # the path under test: SQLite's synchronous writer
    try:
        yield store
    finally:
        await store.close()


async def acme(store: Store) -> int:
    """The id of a new account "acme" sending from acme.example."""
    async with store.transaction() as session:
        return (await add_account(session, "acme", ["acme.example"])).id


def two_recipients(account_id: int, n: int) -> NewMessage:
    """The ``n``-th message of ``account_id``, to two recipients of its own."""
    return NewMessage(
        account_id, f"<m{n}@acme.example>", f"campaign{n % 2}", "n@acme.example", b"body",
        [f"r{n}@example.net", f"s{n}@example.net"], [],
    )  # fmt: skip


def record(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    """The writer's record job for ``news`` at ``NOW``."""
    return record_messages(session, news, now=NOW, lease=60, lifetime=3600)


RECORD: JobKind[NewMessage, Any] = JobKind("record", record)
