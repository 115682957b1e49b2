"""What the relay benchmarks share: a store preloaded with suppressed addresses, a scratch
PostgreSQL database, and ``relay serve`` as a subprocess on 127.0.0.1."""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from config.settings import async_database_url
from storage.accounts import add_account
from storage.engine import open_store, utcnow
from storage.models import Suppression
from storage.schema import ensure_schema
from tests.support.harness import write_config
from tests.support.process import free_port

ACCOUNT = "bench"


def suppressed_address(n: int) -> str:
    """The ``n``-th address :func:`preload` suppresses."""
    return f"gone{n}@suppressed.example"


async def preload(url: str, suppressed: int) -> None:
    """The bench account and ``suppressed`` suppressed addresses, in bulk."""
    store = open_store(async_database_url(url), pool_size=1)
    try:
        await ensure_schema(store)
        async with store.transaction() as session:
            account = await add_account(session, ACCOUNT, ["bench.example"])
            now = utcnow()
            batch = 50_000
            for start in range(0, suppressed, batch):
                rows = [
                    {"account_id": account.id, "address": suppressed_address(n),
                     "reason": "user_unknown", "created_at": now}
                    for n in range(start, min(start + batch, suppressed))
                ]  # fmt: skip
                await session.execute(insert(Suppression), rows)
        if not store.is_sqlite:
            # A live server's autovacuum would have analyzed a table this size long ago.
            async with store.transaction() as session:
                await session.execute(text("ANALYZE suppressions"))
    finally:
        await store.close()


MESSAGES_SEEN = re.compile(rb"mesg=(\d+)")


class SinkCounter:
    """The running count ``smtp-sink -c`` prints, fed its output as it arrives, with the moment
    each count was first seen: a run's end is the moment the sink had its last copy, to the
    millisecond, not the next turn of a polling loop.

    smtp-sink writes ``sess=N quit=N mesg=N`` and a carriage return after every event; a chunk
    of its output may end inside a record, so only complete records are read."""

    def __init__(self) -> None:
        self.count = 0
        self._rest = b""
        self._counts: list[int] = []  # each count as it rose, in order
        self._times: list[float] = []  # when each was seen

    def feed(self, chunk: bytes, now: float) -> None:
        """Take the next ``chunk`` of smtp-sink's output, read at monotonic time ``now``."""
        data = self._rest + chunk
        end = data.rfind(b"\r")
        if end < 0:
            self._rest = data[-256:]  # one record is about 40 bytes
            return
        self._rest = data[end + 1 :][-256:]
        found = MESSAGES_SEEN.findall(data[data.rfind(b"\r", 0, end) + 1 : end])
        if found and int(found[-1]) > self.count:
            self.count = int(found[-1])
            self._counts.append(self.count)
            self._times.append(now)

    def reached_at(self, target: int) -> float | None:
        """When the count first stood at ``target`` or more (None: not yet)."""
        at = bisect.bisect_left(self._counts, target)
        return self._times[at] if at < len(self._counts) else None


def plain_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


@contextlib.asynccontextmanager
async def scratch_postgres(admin_url: str, name: str) -> AsyncIterator[str]:
    """The URL of a new, empty database ``name`` on ``admin_url``'s server, dropped after."""
    admin = await asyncpg.connect(plain_dsn(admin_url))
    try:
        # The name is the bench's own (a left-over from an interrupted run is ours to drop).
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield plain_dsn(admin_url, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@dataclass
class ServedRelay:
    """``relay serve`` (one process) on 127.0.0.1, configured by a file in ``workdir``."""

    workdir: Path
    database_url: str
    server: dict[str, Any] = field(default_factory=dict)  # more [server] settings
    port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)  # the HTTP API (relay.http)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.workdir / "relay.log"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def write_config(self) -> Path:
        sections: dict[str, dict[str, Any]] = {
            "server": {
                "submission_listen": f"127.0.0.1:{self.port}",
                "bounce_listen": f"127.0.0.1:{free_port()}",
                **self.server,
            },
            "database": {"url": self.database_url},
            # Nothing is ever delivered (no DATA); a closed loopback port keeps it local.
            "delivery": {"upstream": f"smtp://127.0.0.1:{free_port()}"},
            "verp": {"return_path_domain": "bounces.bench.example"},
            "http": {"listen": f"127.0.0.1:{self.http_port}"},
        }
        top = {"data_dir": str(self.workdir / "var")}
        return write_config(self.workdir / "relay.toml", sections, top)

    def start(self, timeout: float = 60.0) -> None:
        """Start the process and wait until the submission port accepts connections."""
        config = self.write_config()
        # RELAY_* in the caller's environment would override the file.
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "relay", "--config", str(config), "serve"],
                stdout=subprocess.DEVNULL, stderr=log, env=env,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                said = self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"relay exited with {self.proc.returncode}:\n{said}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"relay did not listen within {timeout:.0f} s: see {self.log}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
