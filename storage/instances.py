"""Relay instances: who holds each leased copy, their heartbeats, and reclaiming the copies of
instances that died without giving them back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.models import QueueEntry, RelayInstance


@dataclass(frozen=True, slots=True)
class InstanceInfo:
    """One registered relay process, as its row says."""

    id: str
    host: str
    pid: int
    boot_id: str | None
    process_start: int | None
    started_at: dt.datetime
    heartbeat_at: dt.datetime


async def store_clock(session: AsyncSession, fallback: dt.datetime) -> dt.datetime:
    """The clock heartbeats are written and judged by: the server's on PostgreSQL, so that
    hosts whose clocks differ agree on an age; ``fallback`` (this host's) on SQLite, whose
    processes all share one host."""
    if session.get_bind().dialect.name != "postgresql":
        return fallback
    now = await session.scalar(select(func.now()))
    assert isinstance(now, dt.datetime)
    return now.astimezone(dt.UTC)


async def register(session: AsyncSession, me: InstanceInfo) -> None:
    """Add this instance's row."""
    await session.execute(
        insert(RelayInstance).values(
            id=me.id,
            host=me.host,
            pid=me.pid,
            boot_id=me.boot_id,
            process_start=me.process_start,
            started_at=me.started_at,
            heartbeat_at=me.heartbeat_at,
        )
    )


async def beat(session: AsyncSession, instance_id: str, *, now: dt.datetime) -> bool:
    """``beat_in`` on an async session."""
    return await session.run_sync(beat_in, instance_id, now=now)


def beat_in(session: Session, instance_id: str, *, now: dt.datetime) -> bool:
    """Refresh the heartbeat (to ``now``, or the server's clock on PostgreSQL: one statement);
    False when the row is gone (another instance judged this one dead and took its copies).
    Synchronous, for ``Store.write_sync``: on SQLite the writer's turn is then held only while
    a thread runs it, never across the event loop's wake-ups (relay.instance)."""
    at = func.now() if session.get_bind().dialect.name == "postgresql" else now
    result = session.execute(
        update(RelayInstance).where(RelayInstance.id == instance_id).values(heartbeat_at=at)
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1


async def list_instances(session: AsyncSession) -> list[InstanceInfo]:
    """Every registered instance."""
    rows = await session.scalars(select(RelayInstance).order_by(RelayInstance.started_at))
    return [
        InstanceInfo(r.id, r.host, r.pid, r.boot_id, r.process_start, r.started_at, r.heartbeat_at)
        for r in rows
    ]


async def forget(session: AsyncSession, instance_ids: Collection[str]) -> None:
    """``forget_in`` on an async session."""
    await session.run_sync(forget_in, instance_ids)


def forget_in(session: Session, instance_ids: Collection[str]) -> None:
    """Remove instances' rows: they stopped, cleanly or not."""
    if instance_ids:
        session.execute(delete(RelayInstance).where(RelayInstance.id.in_(instance_ids)))


async def requeue_orphans(
    session: AsyncSession, *, now: dt.datetime, holders: Collection[str] | None = None
) -> int:
    """``requeue_orphans_in`` on an async session."""
    return await session.run_sync(requeue_orphans_in, now=now, holders=holders)


def requeue_orphans_in(
    session: Session, *, now: dt.datetime, holders: Collection[str] | None = None
) -> int:
    """Make due now every leased copy whose holder has no row any more (it died), of the
    given ``holders`` or of any. The attempt it was making counts: it may have reached the
    upstream."""
    query = update(QueueEntry).where(QueueEntry.in_flight, QueueEntry.holder.is_not(None))
    if holders is not None:
        if not holders:
            return 0
        query = query.where(QueueEntry.holder.in_(holders))
    live = select(RelayInstance.id)
    result = session.execute(
        query.where(QueueEntry.holder.not_in(live)).values(due_at=now, in_flight=False, holder=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)
