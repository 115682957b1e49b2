"""The webhook dispatcher as a process of its own: ``relay serve --workers N`` runs one next
to its N workers, at a lower CPU priority (``webhooks.nice``; ``webhooks.idle``: Linux's
SCHED_IDLE for its event loop and read threads).

Mail wins the CPU: under a full SMTP load the workers take the cores and the dispatcher
gets what they leave, so webhooks never slow SMTP; the outbox holds what waits (durable,
in order), and the dispatcher catches up as soon as SMTP leaves it room. How far behind it
is shows as ``relay_webhook_oldest_event_seconds``. A single-process relay (``--workers 1``)
keeps the dispatcher on its own event loop, as a task.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from config import Settings, ensure_verp_key, redact
from relay.instance import Instance
from relay.process import EXIT_STARTUP_FAILED, exit_with_parent, loop_factory
from relay.service import StartupError, supervised
from relay.webhooks.dispatcher import Dispatcher
from storage.engine import Store, StoreUnavailable, open_store

log = logging.getLogger(__name__)


# Threads of the dispatcher's executor: its store writes (Store.write_sync), a wait for the
# writer's turn, a name look-up; all made before the niceness goes up (full_priority_threads).
THREADS = 4


def full_priority_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Give ``loop`` an executor whose threads all exist now, before ``lower_priority``.

    On Linux the niceness is a thread's, and a thread gets its creator's: made later, by the
    niced event loop, the thread that runs the dispatcher's write transactions (holding
    SQLite's writer turn, which the SMTP workers wait for) would be niced too, and on a busy
    host it waited for a CPU while holding the turn (a priority inversion: the workers then
    waited for the niced process). Made now, at the workers' priority, and never more of
    them: the HTTP work stays niced, the turn is held at full speed."""
    executor = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="relay-hooks")
    started = threading.Barrier(THREADS + 1)
    # Each task waits for all the others: the executor starts a thread for each.
    made = [executor.submit(started.wait, 10) for _ in range(THREADS)]
    try:
        started.wait(10)
        for future in made:
            future.result()
    except threading.BrokenBarrierError:  # a host too busy to start them: made as needed
        log.warning("webhooks: the dispatcher's threads did not start in time")
    loop.set_default_executor(executor)


def lower_priority(nice: int) -> int:
    """Add ``nice`` to the calling thread's niceness (0: leave it), and so to the threads it
    starts (Linux: ``full_priority_threads``); the niceness it now has."""
    if nice:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, min(19, os.getpriority(os.PRIO_PROCESS, 0) + nice))
        except OSError as exc:  # a container may refuse; the dispatcher still works
            log.warning("webhooks: cannot lower the dispatcher's priority: %s", exc)
    return os.getpriority(os.PRIO_PROCESS, 0)


def idle_scheduled() -> bool:
    """Put the calling thread, and so the threads it starts, under Linux's SCHED_IDLE: it then
    runs only on a CPU nothing else wants (a niced thread still gets its weight's share, about
    a tenth of a core at nice 10 next to a busy worker); whether it now is. For the dispatcher's
    event loop (its HTTP work) and the read threads it starts, never for a thread that holds
    SQLite's writer turn (full_priority_threads: made before, they keep the workers' policy),
    and every write of the dispatcher's process runs on those (Store.write_sync)."""
    policy = getattr(os, "SCHED_IDLE", None)
    if policy is None:  # not Linux: the niceness alone
        return False
    try:
        os.sched_setscheduler(0, policy, os.sched_param(0))
    except OSError as exc:  # a container may refuse; the dispatcher still works, niced
        log.warning("webhooks: cannot idle-schedule the dispatcher: %s", exc)
        return False
    return True


def dispatcher_store(settings: Settings) -> Store:
    """The dispatcher process's store. On SQLite its commits do not wait for the disk
    (synchronous=NORMAL): it then holds the write lock the SMTP workers wait for only while
    its statements run, and a commit lost to an OS crash is an event sent again with the
    same webhook-id, which receivers already take (at least once). The workers' commits
    stay FULL."""
    return open_store(settings.database.url, pool_size=2, synchronous="NORMAL")


async def dispatch(settings: Settings, *, supervisor: int) -> int:
    """Deliver the outbox until SIGTERM/SIGINT or until the supervisor is gone."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    full_priority_threads(loop)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    watch = asyncio.create_task(exit_with_parent(supervisor, stop))
    store = dispatcher_store(settings)
    instance = Instance(store, timeout=settings.queue.instance_timeout)
    try:
        try:
            await instance.register()
        except (StoreUnavailable, OSError) as exc:
            shown = redact(settings.database.url)
            raise StartupError(f"cannot open the store {shown}: {exc}") from exc
        heartbeat = asyncio.create_task(instance.run())
        key = ensure_verp_key(settings)
        dispatcher = Dispatcher(settings, store, key, holder=lambda: instance.id)
        niceness = lower_priority(settings.webhooks.nice)
        idle = settings.webhooks.idle and idle_scheduled()
        log.info("webhook dispatcher running (nice %d%s)", niceness, ", idle" if idle else "")
        await supervised("webhook dispatcher", lambda: dispatcher.run(stop), stop)
        heartbeat.cancel()
        await asyncio.gather(heartbeat, return_exceptions=True)
        try:
            await instance.deregister()
        except StoreUnavailable as exc:
            log.warning("webhooks: could not deregister: %s", exc)
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        await store.close()
    return 0


def run(settings: Settings, *, supervisor: int) -> int:
    """The dispatcher process's life: 0 after a clean stop, 3 when it cannot start."""
    try:
        with asyncio.Runner(loop_factory=loop_factory(settings.server.event_loop)) as runner:
            return runner.run(dispatch(settings, supervisor=supervisor))
    except StartupError as exc:
        print(f"relay: {redact(str(exc))}", file=sys.stderr, flush=True)
        return EXIT_STARTUP_FAILED
