"""``relay serve`` as one process: the event loop it runs on, the signals that stop it, its
exit status, and (as one of ``--workers N``) stopping when its supervisor is gone."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
from collections.abc import Callable

from config import EventLoop, Settings, redact
from relay import logs
from relay.service import RelayService, StartupError

# the logger of the code's former home, so that log filters keep working
log = logging.getLogger("relay.service")

EXIT_STARTUP_FAILED = 3
PARENT_CHECK_INTERVAL = 0.5  # seconds between a worker's looks at its supervisor


def _tune_collector() -> None:
    """Garbage collection for a long-running server, once start-up is done.

    Every session leaves reference cycles (aiosmtpd's protocol holds its own bound methods),
    so the cyclic collector runs hundreds of times a second at Python's default threshold,
    and each full pass walks every object start-up made (modules, SQLAlchemy's caches). Those
    are frozen out of its way, and it runs after 10,000 new objects instead of 700: a few
    percent of the CPU a message costs, for at most a few megabytes waiting to be collected.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def loop_factory(choice: EventLoop) -> Callable[[], asyncio.AbstractEventLoop]:
    """The event loop ``relay serve`` runs on.

    uvloop runs the same asyncio code on libuv, with the transports and the loop's own
    book-keeping in C: a relay spends most of its time there (a read, a reply, a write per
    SMTP command), so it does more with each core. aiosmtpd's STARTTLS wraps the loop's
    transport in asyncio's own TLS protocol, which works on either loop.
    """
    if choice is EventLoop.ASYNCIO:
        return asyncio.new_event_loop
    try:
        import uvloop
    except ImportError:
        if choice is EventLoop.UVLOOP:
            raise StartupError(
                "server.event_loop is 'uvloop' but uvloop is not installed "
                "(pip install uvloop, or set event_loop = 'auto')"
            ) from None
        return asyncio.new_event_loop
    return uvloop.new_event_loop


async def exit_with_parent(parent: int, should_exit: asyncio.Event) -> None:
    """A worker whose supervisor is gone (SIGKILLed, say) shuts down cleanly instead of
    serving on, unsupervised, on ports a restarted relay would then share with it."""
    while not should_exit.is_set():
        if os.getppid() != parent:
            log.warning("the supervisor (pid %s) is gone; this worker stops", parent)
            should_exit.set()
            return
        await asyncio.sleep(PARENT_CHECK_INTERVAL)


def run(settings: Settings, *, supervisor: int | None = None) -> int:
    """Serve until SIGTERM/SIGINT; 0 after a clean shutdown, 3 when start-up fails. A worker
    (of the ``supervisor`` process) shares the ports with its siblings and stops when the
    supervisor is gone."""

    async def main() -> int:
        # A supervised worker leaves the webhooks to the dispatcher process beside it.
        service = RelayService(
            settings, reuse_port=supervisor is not None, dispatch=supervisor is None
        )
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, service.should_exit.set)
        if supervisor is not None:
            watch = asyncio.create_task(exit_with_parent(supervisor, service.should_exit))
            service.background.append(watch)
        try:
            await service.startup()
        except StartupError as exc:
            await service.shutdown()
            print(f"relay: {redact(str(exc))}", file=sys.stderr, flush=True)
            return EXIT_STARTUP_FAILED
        _tune_collector()
        logs.lean_records()
        await service.serve()
        log.info("relay stopped")
        return 0

    try:
        factory = loop_factory(settings.server.event_loop)
    except StartupError as exc:
        print(f"relay: {redact(str(exc))}", file=sys.stderr, flush=True)
        return EXIT_STARTUP_FAILED
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(main())
