"""The group writer's workload that bench_sqlite_writer.py and bench_pg_writer.py both run:
batches of messages recorded, then each message's copies settled as sent, through the writer
the relay uses (storage.writer.GroupWriter)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from storage import queue
from storage.messages import NewMessage, record_messages
from storage.writer import GroupWriter, JobKind


def _record(session: Session, news: Sequence[NewMessage]) -> list[Any]:
    now = dt.datetime.now(dt.UTC)
    return record_messages(session, news, now=now, lease=60, lifetime=3600)


def _settle(session: Session, batches: Sequence[list[queue.Claim]]) -> list[None]:
    now = dt.datetime.now(dt.UTC)
    sent = [(claim, 250, "2.0.0 Ok: queued") for claims in batches for claim in claims]
    queue.settle_sent_many(session, sent, now=now)
    return [None] * len(batches)


RECORD: JobKind[NewMessage, Any] = JobKind("record", _record)
SETTLE: JobKind[list[queue.Claim], None] = JobKind("settle", _settle)


def rounds_of(
    writer: GroupWriter, account_id: int, rcpts: int, size: int
) -> Callable[[int], Awaitable[None]]:
    """A round of ``batches`` batches: ``size`` messages of ``rcpts`` recipients each recorded
    together, then their copies settled together (messages numbered on across rounds)."""
    body = b"Subject: bench\r\n\r\n" + b"x" * 2000
    serial = [0]

    def message() -> NewMessage:
        serial[0] += 1
        n = serial[0]
        return NewMessage(
            account_id, f"<m{n}@acme.example>", f"campaign {n % 10}", "n@acme.example",
            body, [f"r{n}.{i}@example.net" for i in range(rcpts)], [],
        )  # fmt: skip

    async def one_round(batches: int) -> None:
        for _ in range(batches):
            recorded = await asyncio.gather(
                *(writer.submit(RECORD, message()) for _ in range(size))
            )
            await asyncio.gather(*(writer.submit(SETTLE, claims) for _, claims in recorded))

    return one_round
