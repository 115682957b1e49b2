"""Relay instances and the copies they hold: who is judged dead (a gone process on this machine,
a silent heartbeat from another), what a running relay's queue worker then delivers, and what it
leaves to a live holder."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from config.settings import async_database_url
from relay.instance import LOCAL_GRACE, Instance, Machine, process_start, reclaim
from storage import instances
from storage.addresses import from_key
from storage.engine import Store, open_store, utcnow
from storage.instances import InstanceInfo
from storage.models import QueueEntry, RelayInstance
from storage.queue import Claim
from storage.schema import ensure_schema
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"
REFUSED = "451 4.7.1 Try again later"
OTHER_MACHINE = "boot-id-of-another-machine"


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    opened = open_store(async_database_url(database_url))
    await ensure_schema(opened)
    yield opened
    await opened.close()


@pytest.fixture
def exited_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def zombie() -> Iterator[subprocess.Popen[bytes]]:
    """A child that has exited and is not reaped yet (a killed relay its parent has not
    waited for): its pid still answers signals."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    stat = Path(f"/proc/{child.pid}/stat")
    deadline = time.monotonic() + 10
    while stat.read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield child
    child.wait()


@pytest.fixture
def live_child() -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child
    child.kill()
    child.wait()


def ghost(
    ident: str,
    *,
    silent: float,
    pid: int = 1,
    boot_id: str | None = OTHER_MACHINE,
    started: int | None = None,
) -> InstanceInfo:
    """An instance row whose last heartbeat was ``silent`` seconds ago."""
    beat = utcnow() - dt.timedelta(seconds=silent)
    return InstanceInfo(ident, "ghost.test", pid, boot_id, started, beat, beat)


async def add_instances(store: Store, *rows: InstanceInfo) -> None:
    async with store.transaction() as session:
        for row in rows:
            await instances.register(session, row)


async def registered(store: Store) -> set[str]:
    async with store.reading() as session:
        return {i.id for i in await instances.list_instances(session)}


async def test_another_machine_is_dead_once_its_heartbeat_is_older_than_the_timeout(
    store: Store,
) -> None:
    await add_instances(store, ghost("stale", silent=11), ghost("fresh", silent=2))
    found = await reclaim(store, instance_timeout=10)
    assert [i.id for i in found.instances] == ["stale"]
    assert await registered(store) == {"fresh"}


async def test_on_this_machine_a_gone_process_is_dead_and_a_live_one_is_not(
    store: Store,
    exited_pid: int,
    live_child: subprocess.Popen[bytes],
    zombie: subprocess.Popen[bytes],
) -> None:
    here = Machine.this().boot_id
    started = process_start(live_child.pid)
    quiet = LOCAL_GRACE + 1  # a stalled event loop: silent, yet alive
    await add_instances(
        store,
        ghost("gone", silent=quiet, pid=exited_pid, boot_id=here),
        ghost("alive", silent=600, pid=live_child.pid, boot_id=here, started=started),
        # the same pid, started at another time: the pid was reused after its relay died
        ghost("reused", silent=quiet, pid=live_child.pid, boot_id=here, started=(started or 0) + 1),
        ghost("zombie", silent=quiet, pid=zombie.pid, boot_id=here),
        # just killed: its heartbeat has not stopped for long enough yet
        ghost("recent", silent=0.5, pid=exited_pid, boot_id=here),
    )
    found = await reclaim(store, instance_timeout=10)
    assert {i.id for i in found.instances} == {"gone", "reused", "zombie"}
    assert await registered(store) == {"alive", "recent"}


async def test_an_instance_judged_dead_sends_nothing_it_held_and_registers_anew(
    store: Store,
) -> None:
    me = Instance(store, timeout=10)
    await me.register()
    before = me.id
    bob = from_key("bob@example.net")
    claim = Claim(1, 1, 1, bob.key, 1, SENDER, 1, utcnow(), utcnow(), utcnow(), bob, before)
    assert me.holds(claim)
    async with store.transaction() as session:  # what another instance does to a dead one
        await instances.forget(session, [before])
    await me.beat()
    assert me.id != before
    assert not me.holds(claim)
    assert await registered(store) == {me.id}
    await me.deregister()
    assert await registered(store) == set()


async def held_copy(relay: Relay, upstream: Upstream, holder: str) -> None:
    """Queue a copy for bob (refused once), then make it look leased by ``holder``."""
    upstream.rcpt_replies["bob@example.net"] = REFUSED
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    async with db.store_of(relay).transaction() as session:
        await session.execute(
            update(QueueEntry).values(
                in_flight=True, holder=holder, due_at=utcnow() + dt.timedelta(seconds=300)
            )
        )
    upstream.rcpt_replies.clear()


async def test_a_running_relay_delivers_at_once_what_a_silent_machine_held(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(queue={"instance_timeout": 2.0, "retry_schedule": [300]})
    store = db.store_of(relay)
    await add_instances(store, ghost("silent", silent=0))
    await held_copy(relay, upstream, "silent")
    # at once: about 2-3 s here (the 2 s timeout, then a sweep), not after the 300 s lease; the
    # margin is for a loaded machine (5 s was once too little there, at load ~7)
    await upstream.wait_for(1, timeout=15.0)
    assert await registered(store) == {relay.service.instance.id}  # type: ignore[union-attr]
    await db.settled(relay, "bob@example.net", "sent")
    assert await db.queue_size(relay) == 0


async def test_a_running_relay_leaves_alone_what_a_beating_machine_holds(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(queue={"instance_timeout": 2.0, "retry_schedule": [300]})
    store = db.store_of(relay)
    await add_instances(store, ghost("beating", silent=0))

    async def heartbeat() -> None:  # the other machine's, from before its copy is held
        while True:
            async with store.transaction() as session:
                await instances.beat(session, "beating", now=utcnow())
            await asyncio.sleep(0.25)

    # Beating in the background, not only after held_copy: queueing the copy can itself take
    # longer than the 2 s timeout on a busy machine, which made a live holder look dead.
    beating = asyncio.create_task(heartbeat())
    try:
        await held_copy(relay, upstream, "beating")
        await asyncio.sleep(4.0)  # twice the timeout, while the heartbeat goes on
        assert not beating.done()
        assert upstream.received == []
        async with store.reading() as session:
            assert await session.scalar(select(QueueEntry.holder)) == "beating"
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating
    await upstream.wait_for(1, timeout=5.0)  # its heartbeat stopped: now it is dead


async def test_a_clean_stop_removes_the_instance_row(make_relay: MakeRelay) -> None:
    relay = await make_relay()
    store = open_store(relay.settings.database.url)
    try:
        async with store.reading() as session:
            (row,) = await session.scalars(select(RelayInstance))
        assert (row.pid, row.host) == (os.getpid(), Machine.this().host)
        await relay.service.shutdown()
        assert await registered(store) == set()
    finally:
        await store.close()


async def test_the_heartbeat_goes_on_while_shutdown_drains_the_copies_in_flight(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    # Another machine would otherwise judge a draining relay dead and send its copies again.
    relay = await make_relay(delivery={"inline_budget": 0.5}, server={"drain_timeout": 10.0})
    upstream.rcpt_delay = 4.0
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["bob@example.net"], message(SENDER, "bob@example.net"))
    store = open_store(relay.settings.database.url)
    try:
        stopping = asyncio.create_task(relay.service.shutdown())
        await asyncio.sleep(3.0)
        assert not stopping.done()
        async with store.reading() as session:
            (row,) = await session.scalars(select(RelayInstance))
        assert (utcnow() - row.heartbeat_at).total_seconds() < 2.0
        await stopping
        assert len(upstream.received) == 1
        assert await registered(store) == set()
    finally:
        await store.close()
