"""This relay process as the store knows it: its instance row, the heartbeat that keeps the row
fresh, and reclaiming at once the copies that dead instances held.

Every copy a process leases names it as the holder. A holder on this machine is dead when its
process is gone (its pid not running, a zombie, or running a process that started later) and
its heartbeat has stopped for a few seconds; a holder on
another machine (a shared PostgreSQL) is dead when its heartbeat is older than
``queue.instance_timeout``. A live holder's copies are never taken from it: the lease alone
still bounds a holder that lives but forgets a copy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from storage import instances
from storage.engine import Store, StoreUnavailable, utcnow
from storage.instances import InstanceInfo
from storage.queue import Claim

log = logging.getLogger(__name__)

HEARTBEAT = 1.0  # seconds between two heartbeats (and two looks for dead instances)
# A process on this machine that is gone is dead, but only once its heartbeat has also
# stopped for this long: a live relay in another pid namespace of the same kernel (another
# container) never is, whatever its pid looks like from here.
LOCAL_GRACE = 3.0
# A holder sends nothing more once its own last heartbeat is older than this share of
# instance_timeout: by then another machine may judge it dead and take its copies.
FRESH_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Machine:
    """Who this kernel is: the boot id tells two machines (or two boots of one) apart."""

    host: str
    boot_id: str | None

    @classmethod
    def this(cls) -> Machine:
        return cls(socket.gethostname(), _boot_id())

    def runs(self, other: InstanceInfo) -> bool:
        """Whether ``other`` ran on this machine in its current boot."""
        if self.boot_id is not None or other.boot_id is not None:
            return self.boot_id == other.boot_id
        return self.host == other.host


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip() or None
    except OSError:
        return None


def _stat(pid: int) -> tuple[str, int] | None:
    """Process ``pid``'s state letter and start time (clock ticks since boot), where known."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # Fields 3 and 22; the command name (field 2) may hold spaces and parentheses.
    fields = stat.rpartition(")")[2].split()
    try:
        return fields[0], int(fields[19])
    except (IndexError, ValueError):
        return None


def process_start(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot; None where unknown."""
    stat = _stat(pid)
    return stat[1] if stat is not None else None


def process_alive(pid: int, started: int | None) -> bool:
    """Whether ``pid`` still runs the process that started at ``started``."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    stat = _stat(pid)
    if stat is None:
        return True
    state, now_started = stat
    return state != "Z" and (started is None or now_started == started)


def is_dead(other: InstanceInfo, *, machine: Machine, now: dt.datetime, timeout: float) -> bool:
    """Whether ``other`` is gone, judged from ``machine`` at ``now`` (the store's clock)."""
    silent = (now - other.heartbeat_at).total_seconds()
    if machine.runs(other):
        return silent > LOCAL_GRACE and not process_alive(other.pid, other.process_start)
    return silent > timeout


@dataclass(frozen=True, slots=True)
class Reclaimed:
    instances: list[InstanceInfo]
    copies: int


async def _dead(
    store: Store, *, instance_timeout: float, me: str | None, machine: Machine
) -> list[InstanceInfo]:
    async with store.reading() as session:
        now = await instances.store_clock(session, utcnow())
        found = await instances.list_instances(session)
    return [
        other
        for other in found
        if other.id != me and is_dead(other, machine=machine, now=now, timeout=instance_timeout)
    ]


async def reclaim(
    store: Store,
    *,
    instance_timeout: float,
    me: str | None = None,
    machine: Machine | None = None,
    sweep: bool = True,
) -> Reclaimed:
    """Forget the dead instances and make the copies they held due now. ``sweep``: every copy
    whose holder's row is gone too, not only the dead ones' just found (a look over the whole
    queue, made at start-up and by an operator, not with every heartbeat)."""
    machine = machine or Machine.this()
    dead = await _dead(store, instance_timeout=instance_timeout, me=me, machine=machine)
    if not dead and not sweep:
        return Reclaimed([], 0)
    ids, now = [d.id for d in dead], utcnow()

    def forget(session: Session) -> int:
        instances.forget_in(session, ids)
        return instances.requeue_orphans_in(session, now=now, holders=None if sweep else ids)

    # In a thread on SQLite (Store.write_sync), as the heartbeat (Instance.beat).
    copies = await store.write_sync(forget)
    return Reclaimed(dead, copies)


async def dead_instances(store: Store, *, instance_timeout: float) -> set[str]:
    """The ids of the registered instances that are gone (judged as ``reclaim`` does)."""
    found = await _dead(store, instance_timeout=instance_timeout, me=None, machine=Machine.this())
    return {other.id for other in found}


class Instance:
    """This process's row: registered at start, refreshed every second, removed at a clean
    stop. It holds a copy while the copy names it and its heartbeat is fresh."""

    def __init__(self, store: Store, *, timeout: float) -> None:
        self._store = store
        self._timeout = timeout
        self._machine = Machine.this()
        self._beaten = 0.0  # time.monotonic() when the last heartbeat was sent, 0: never
        # Only another machine judges by the heartbeat's age, and a SQLite file has one.
        self._fenced = not store.is_sqlite
        self.id = ""

    def holds(self, claim: Claim) -> bool:
        """Whether this process may still send ``claim``."""
        fresh = time.monotonic() - self._beaten < self._timeout * FRESH_SHARE
        return (fresh or not self._fenced) and (claim.holder is None or claim.holder == self.id)

    async def register(self) -> None:
        """Add a row with a new id (a process judged dead comes back as a new instance),
        then reclaim the copies of instances that died."""
        pid = os.getpid()
        sent = time.monotonic()
        async with self._store.transaction() as session:
            now = await instances.store_clock(session, utcnow())
            me = InstanceInfo(
                secrets.token_hex(8), self._machine.host, pid, self._machine.boot_id,
                process_start(pid), now, now,
            )  # fmt: skip
            await instances.register(session, me)
        self.id, self._beaten = me.id, sent
        log.info("relay instance %s (%s, pid %d)", me.id, me.host, pid)
        await self._reclaim(sweep=True)

    async def _reclaim(self, *, sweep: bool) -> None:
        found = await reclaim(
            self._store,
            instance_timeout=self._timeout,
            me=self.id,
            machine=self._machine,
            sweep=sweep,
        )
        for dead in found.instances:
            log.warning(
                "relay instance %s (%s, pid %d) is gone; its copies are due again",
                dead.id, dead.host, dead.pid,
            )  # fmt: skip
        if found.copies:
            log.warning("%d copies held by gone instances are due again", found.copies)

    async def beat(self) -> None:
        """Refresh the heartbeat (re-register if another instance judged this one dead),
        then look for dead instances."""
        sent = time.monotonic()
        me, now = self.id, utcnow()
        # In a thread on SQLite (Store.write_sync): the writer's turn is not held across this
        # process's event loop wake-ups, which the webhook dispatcher's idle-scheduled loop
        # may wait long for under a full load (the SMTP workers would wait with it).
        held = await self._store.write_sync(lambda session: instances.beat_in(session, me, now=now))
        if not held:
            log.warning("relay instance %s was judged dead; it registers again", self.id)
            await self.register()
            return
        self._beaten = sent
        await self._reclaim(sweep=False)

    async def run(self) -> None:
        """Beat every second until cancelled: through the drain at shutdown too, while this
        process still holds copies, until ``deregister``."""
        interval = min(HEARTBEAT, self._timeout / 4)
        while True:
            await asyncio.sleep(interval)
            try:
                await self.beat()
            except StoreUnavailable as exc:
                log.warning("heartbeat: store unavailable: %s", exc)

    async def deregister(self) -> None:
        """Remove the row (a clean stop: every copy was settled or given back)."""
        if me := self.id:
            # In a thread on SQLite (Store.write_sync), as the heartbeat.
            await self._store.write_sync(lambda session: instances.forget_in(session, [me]))
            self.id = ""
