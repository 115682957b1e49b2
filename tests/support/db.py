"""Looking into (and breaking) a test relay's real store."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from relay.dkim_sign import public_key_of
from storage.accounts import account_by_name
from storage.engine import Store, utcnow
from storage.models import QueueEntry, Recipient, SendingDomain
from storage.suppressions import suppress as store_suppress
from tests.support.databases import set_connections_allowed
from tests.support.harness import Relay


def store_of(relay: Relay) -> Store:
    assert relay.service.store is not None
    return relay.service.store


async def dkim_public_key(relay: Relay, domain: str) -> str:
    async with store_of(relay).reading() as session:
        pem = await session.scalar(
            select(SendingDomain.dkim_private_key).where(SendingDomain.domain == domain)
        )
    assert pem is not None
    return public_key_of(pem)


async def recipient(relay: Relay, recipient_id: int) -> Recipient:
    async with store_of(relay).reading() as session:
        row = await session.get(Recipient, recipient_id)
    assert row is not None
    return row


async def recipients_of(relay: Relay, address: str) -> list[Recipient]:
    async with store_of(relay).reading() as session:
        rows = await session.scalars(
            select(Recipient).where(Recipient.address == address).order_by(Recipient.id)
        )
        return list(rows)


async def settled(relay: Relay, address: str, status: str, timeout: float = 10.0) -> Recipient:
    """The latest copy to ``address`` once its status is ``status`` (outcomes commit shortly
    after the upstream's reply, in the relay's next shared transaction)."""
    async with asyncio.timeout(timeout):
        while True:
            rows = await recipients_of(relay, address)
            if rows and rows[-1].status == status:
                return rows[-1]
            await asyncio.sleep(0.05)


async def queue_size(relay: Relay) -> int:
    async with store_of(relay).reading() as session:
        return int(await session.scalar(select(func.count(QueueEntry.id))) or 0)


async def suppress(relay: Relay, account: str, address: str, reason: str) -> None:
    async with store_of(relay).transaction() as session:
        info = await account_by_name(session, account)
        await store_suppress(
            session,
            account_id=info.id,
            address=address,
            reason=reason,
            detail=None,
            bounce_id=None,
            now=utcnow(),
        )


async def break_store(relay: Relay) -> None:
    """Make the store unreachable for real. SQLite: close every connection and put a
    directory where the database file was. PostgreSQL: the database refuses connections."""
    store = store_of(relay)
    if not store.is_sqlite:
        await set_connections_allowed(store.url, False)
        return
    path = Path(str(make_url(store.url).database))
    # A connection checked out (the queue worker's) would outlive dispose() unclosed: wait
    # for a moment when none is.
    reader = store.read.kw["bind"]
    async with asyncio.timeout(10):
        while store.engine.pool.checkedout() or reader.pool.checkedout():  # type: ignore[attr-defined]
            await asyncio.sleep(0.005)
    await store.engine.dispose()
    await store.read.kw["bind"].dispose()
    for engine in (store.lookups, store.sync_write):
        if engine is not None:
            engine.dispose()
    os.replace(path, path.with_suffix(".moved"))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()
