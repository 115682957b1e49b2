"""The queue worker with nothing due (perf17, issue #18): each pass a read of what is due, not
a write transaction in the writer's turn; the clean-up of old bodies and raw bounces once a
``CLEAN_EVERY``, not once a ``poll_interval``; a copy that falls due is still claimed."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select, update

from relay.send import delivery
from storage.engine import utcnow
from storage.models import Message, MessageBody
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every statement any engine of this process runs meanwhile (SQLAlchemy's cursor event:
    the claim, the clean-up's DELETE and UPDATE, the read of what is due)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


async def test_an_idle_queue_worker_reads_and_never_writes(make_relay: MakeRelay) -> None:
    relay = await make_relay(queue={"poll_interval": 0.05})
    await asyncio.sleep(0.3)  # start-up's first pass (and its clean-up) done
    with statements() as seen:
        await asyncio.sleep(1.0)  # about twenty passes
    looks = [s for s in seen if s.startswith("SELECT queue.id FROM queue WHERE queue.due_at <=")]
    claims = [s for s in seen if "FROM queue JOIN recipients" in s]
    cleans = [s for s in seen if s.startswith(("DELETE FROM message_bodies", "UPDATE bounces"))]
    # Before: twenty claims in write transactions, each with its clean-up, and no read.
    assert claims == []
    assert cleans == []
    assert len(looks) >= 5, seen
    assert await db.queue_size(relay) == 0


async def test_a_copy_that_falls_due_is_claimed_and_sent(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(queue={"retry_schedule": [0.5], "poll_interval": 0.05})
    upstream.rcpt_replies["slow@example.net"] = "450 4.2.1 Mailbox temporarily unavailable"
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["slow@example.net"], message(SENDER, "slow"))
    await db.settled(relay, "slow@example.net", "deferred")
    del upstream.rcpt_replies["slow@example.net"]  # the retry gets through
    await db.settled(relay, "slow@example.net", "sent")
    assert len(upstream.to("slow@example.net")) == 1
    assert await db.queue_size(relay) == 0


async def _bodies(relay: Relay) -> int:
    async with db.store_of(relay).reading() as session:
        return int(await session.scalar(select(func.count(MessageBody.message_id))) or 0)


async def test_old_bodies_are_dropped_once_a_clean_every(
    make_relay: MakeRelay, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = await make_relay(queue={"retry_schedule": [0.3], "poll_interval": 0.05})
    upstream.rcpt_replies["slow@example.net"] = "450 4.2.1 Mailbox temporarily unavailable"
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["slow@example.net"], message(SENDER, "slow"))
    await db.settled(relay, "slow@example.net", "deferred")
    del upstream.rcpt_replies["slow@example.net"]
    await db.settled(relay, "slow@example.net", "sent")
    # Its body is no queued copy's any more; made older than the bodies kept.
    async with db.store_of(relay).transaction() as session:
        old = utcnow() - dt.timedelta(hours=1)  # BODIES_KEPT: 5 minutes
        await session.execute(update(Message).values(received_at=old))
    assert await _bodies(relay) == 1
    deliverer = relay.service.deliverer
    assert deliverer is not None
    assert await deliverer.drain_once() == 0
    assert await _bodies(relay) == 1  # cleaned at start-up: not again within CLEAN_EVERY
    monkeypatch.setattr(delivery, "CLEAN_EVERY", 0.0)
    assert await deliverer.drain_once() == 0
    assert await _bodies(relay) == 0
