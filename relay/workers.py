"""``relay serve --workers N``: N relay processes sharing the listening ports (SO_REUSEPORT)
on one store, kept running by a small supervisor."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

from prometheus_client import multiprocess

from config import Settings, ensure_tls_pair, ensure_verp_key, redact
from relay.metrics import metrics_dir
from relay.process import EXIT_STARTUP_FAILED
from relay.service import StartupError
from storage.engine import StoreUnavailable, open_store
from storage.schema import SchemaOutdated, ensure_schema

log = logging.getLogger(__name__)


def prepare(settings: Settings) -> None:
    """What the workers must not race on: the schema, the VERP key, the TLS pair."""

    async def schema() -> None:
        store = open_store(settings.database.url, pool_size=1)
        try:
            await ensure_schema(store)
        finally:
            await store.close()

    try:
        asyncio.run(schema())
    except SchemaOutdated as exc:
        raise StartupError(str(exc)) from exc
    except (StoreUnavailable, OSError) as exc:
        shown = redact(settings.database.url)
        raise StartupError(f"cannot open the store {shown}: {exc}") from exc
    ensure_verp_key(settings)
    ensure_tls_pair(settings)


def worker_settings(settings: Settings, workers: int) -> Settings:
    """A worker's settings: ``max_connections`` holds for the whole relay, so each of the
    ``workers`` processes admits its share of it."""
    server = settings.server
    share = max(1, server.max_connections // workers)
    return settings.model_copy(
        update={"server": server.model_copy(update={"max_connections": share})}
    )


def supervise(
    settings: Settings,
    workers: int,
    worker_argv: Sequence[str],
    dispatcher_argv: Sequence[str] | None = None,
) -> int:
    """Run ``workers`` copies of ``worker_argv`` and one of ``dispatcher_argv`` (the webhook
    dispatcher's process); restart one that dies, stop all on a signal."""
    try:
        prepare(settings)
    except StartupError as exc:
        print(f"relay: {redact(str(exc))}", file=sys.stderr, flush=True)
        return EXIT_STARTUP_FAILED
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    roles = [worker_argv] * workers + ([dispatcher_argv] if dispatcher_argv else [])

    def spawn(n: int) -> subprocess.Popen[bytes]:
        # our own interpreter and arguments, not input from anywhere else
        return subprocess.Popen([sys.executable, "-m", "relay", *roles[n]])  # noqa: S603

    def buried(child: subprocess.Popen[bytes]) -> None:
        # Its live gauges (open connections) would otherwise be summed into /metrics forever:
        # a worker killed outright never zeroes them itself.
        multiprocess.mark_process_dead(child.pid, str(metrics_dir(settings)))  # type: ignore[no-untyped-call]

    children = [spawn(n) for n in range(len(roles))]
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    restarts: list[float] = []
    while True:
        alive = [c for c in children if c.poll() is None]
        if stopping and not alive:
            break
        for n, child in enumerate(children):
            code = child.poll()
            if code is None or stopping:
                continue
            if code == EXIT_STARTUP_FAILED:
                log.error("worker %s could not start; stopping the others", child.pid)
                stop(signal.SIGTERM, None)
                break
            restarts = [t for t in restarts if t > time.monotonic() - 60] + [time.monotonic()]
            if len(restarts) > 5 * workers:
                log.error("workers keep dying; giving up")
                stop(signal.SIGTERM, None)
                break
            log.warning("worker %s exited with %s; starting another", child.pid, code)
            buried(child)
            children[n] = spawn(n)
        time.sleep(0.2)
    codes = [c.wait() for c in children]
    for child in children:
        buried(child)
    return EXIT_STARTUP_FAILED if EXIT_STARTUP_FAILED in codes else 0
