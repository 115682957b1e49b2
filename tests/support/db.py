"""Looking into (and breaking) a test relay's real store."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
import os
import resource
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.engine import make_url

from relay.send.dkim import public_key_of
from storage.accounts import account_by_name
from storage.engine import Store, open_store, utcnow
from storage.models import QueueEntry, Recipient, RecipientStatus, SendingDomain
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
    await suppress_all(store_of(relay), account, [address], reason)


async def suppress_all(store: Store, account: str, addresses: Iterable[str], reason: str) -> None:
    """Suppress every one of ``addresses`` for the account, in one transaction."""
    async with store.transaction() as session:
        info = await account_by_name(session, account)
        now = utcnow()
        for address in addresses:
            await store_suppress(
                session,
                account_id=info.id,
                address=address,
                reason=reason,
                detail=None,
                bounce_id=None,
                now=now,
            )


@contextlib.asynccontextmanager
async def opened(url: str) -> AsyncIterator[Store]:
    """The store at ``url`` (a relay's ``settings.database.url``) of a relay in another process."""
    store = open_store(url, pool_size=2)
    try:
        yield store
    finally:
        await store.close()


async def statuses(store: Store) -> dict[str, list[RecipientStatus]]:
    """Every recipient copy the store holds: its address and status, oldest copy first."""
    async with store.reading() as session:
        rows = await session.execute(
            select(Recipient.address, Recipient.status).order_by(Recipient.id)
        )
    found: dict[str, list[RecipientStatus]] = {}
    for address, status in rows.all():
        found.setdefault(address, []).append(status)
    return found


async def queued_addresses(store: Store) -> list[str]:
    """The address of every copy in the queue (one entry per copy)."""
    async with store.reading() as session:
        rows = await session.scalars(
            select(Recipient.address).join(QueueEntry, QueueEntry.recipient_id == Recipient.id)
        )
        return list(rows)


async def unsettled(store: Store, *, within: float) -> int:
    """Copies being attempted, or due in the next ``within`` seconds: 0 once the queue is
    at rest (what is left waits for a later retry)."""
    soon = utcnow() + dt.timedelta(seconds=within)
    async with store.reading() as session:
        count = await session.scalar(
            select(func.count(QueueEntry.id)).where(
                or_(QueueEntry.in_flight, QueueEntry.due_at <= soon)
            )
        )
    return int(count or 0)


def files_open_on(database: Path) -> list[str]:
    """What this process has open on the SQLite file ``database``: the file (under any name
    it was moved to, ``.moved`` by ``break_store``) and its -wal/-shm, deleted or not."""
    stem = str(database.with_suffix(""))
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the listing's own descriptor, closed meanwhile
        if target.startswith(stem + "."):
            found.append(target)
    return found


def database_path(relay: Relay) -> Path:
    return Path(str(make_url(store_of(relay).url).database))


async def break_store(relay: Relay) -> None:
    """Make the store unreachable for real. SQLite: close every connection and put a
    directory where the database file was. PostgreSQL: the database refuses connections."""
    store = store_of(relay)
    if not store.is_sqlite:
        await set_connections_allowed(store.url, False)
        return
    path = database_path(relay)
    # The connections in use at this moment (a background task's) are closed as they come
    # back (Store.drop_connections), the idle ones now.
    await store.drop_connections()
    os.replace(path, path.with_suffix(".moved"))
    while True:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            path.mkdir()
            break
        except FileExistsError:
            # A thread of the relay's (aiosqlite's, for the webhook dispatcher's read) opened
            # the path between the move and here, and SQLite created an empty database there.
            path.unlink()
    # A task of the relay's that ran while the first drop awaited may have opened a connection
    # (the look-ups' pool kept one): it reads the moved file still, and the RCPT after this
    # was answered 250 from it (1 run in 6). Every connection opened from now on fails.
    await store.drop_connections()


@contextlib.asynccontextmanager
async def store_outage(url: str, pid: int) -> AsyncIterator[None]:
    """The store is gone for the relay process ``pid`` until the block ends, for real.

    PostgreSQL: the database refuses connections and drops the open ones. SQLite (the store is
    a file inside the relay process): the process may not write a byte to any file, as with a
    failed or full disk: every write fails with EFBIG (Python ignores SIGXFSZ), reads go on.
    Root may write through any file mode, which is why no chmod is used here.
    """
    if make_url(url).get_backend_name() != "sqlite":
        await set_connections_allowed(url, False)
        try:
            yield
        finally:
            await set_connections_allowed(url, True)
        return
    soft, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, hard))
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):  # the relay died: the test says so
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (soft, hard))


def turn_free_within(database: Path, longest: float) -> float | None:
    """Seconds until the writer's turn of the SQLite file ``database`` (storage.engine
    .WriterTurn's lock file) could be taken by another holder, polled on a file description of
    our own; None if not within ``longest``."""
    fd = os.open(database.with_name(database.name + ".writer-lock"), os.O_RDWR | os.O_CREAT)
    started = time.monotonic()
    try:
        while time.monotonic() - started < longest:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                time.sleep(0.005)
                continue
            fcntl.flock(fd, fcntl.LOCK_UN)
            return time.monotonic() - started
        return None
    finally:
        os.close(fd)
