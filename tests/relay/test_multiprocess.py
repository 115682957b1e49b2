"""Several relay processes on one store: what one records the other obeys at once, and a
queued copy is delivered exactly once while both drain the queue."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from config import load_settings
from relay.workers import worker_settings
from storage import admin
from storage.engine import open_store, utcnow
from storage.schema import ensure_schema
from tests.support.harness import Relay, add_account, base_sections, load, message, write_config
from tests.support.process import RelayProcess, free_port
from tests.support.upstream import Upstream

# The slow tests run in `make test-all`; the one unmarked here is this file's in `make test`.
SENDER = "news@acme.example"


class _Port:
    def __init__(self, port: int) -> None:
        self.submission_port = port


@pytest.fixture
async def pair(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, ca: object, database_url: str
) -> AsyncIterator[tuple[Relay, Relay, Path]]:
    """Two relay processes, each with its own ports, on one store."""
    relays, processes = [], []
    for n in range(2):
        sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
        port = free_port()
        sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
        sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
        sections["queue"]["retry_schedule"] = [0.5]
        settings = load(tmp_path, sections)
        if n == 0:
            await add_account(settings, "acme", "acme.example", "app@acme")
        config = write_config(
            tmp_path / f"relay{n}.toml", sections, {"data_dir": str(tmp_path / "var")}
        )
        process = RelayProcess(config, port)
        await process.start()
        processes.append(process)
        relays.append(Relay(settings, _Port(port), ca))  # type: ignore[arg-type]
    yield relays[0], relays[1], tmp_path
    for process in processes:
        await process.kill()


async def rcpt(relay: Relay, to: str) -> int:
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", f"TO:<{to}>".encode())
    return code


@pytest.mark.slow
async def test_a_suppression_recorded_through_one_is_refused_by_the_other(
    pair: tuple[Relay, Relay, Path], upstream: Upstream
) -> None:
    one, other, _ = pair
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    async with one.client() as smtp:
        await smtp.sendmail(SENDER, ["dead@example.net"], message(SENDER, "dead@example.net"))
    assert await rcpt(other, "dead@example.net") == 550


@pytest.mark.slow
async def test_an_unbounce_takes_effect_in_both(
    pair: tuple[Relay, Relay, Path], upstream: Upstream
) -> None:
    one, other, tmp_path = pair
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    async with one.client() as smtp:
        await smtp.sendmail(SENDER, ["dead@example.net"], message(SENDER, "dead@example.net"))
    store = open_store(one.settings.database.url, pool_size=1)
    try:
        await ensure_schema(store)
        async with store.transaction() as session:
            await admin.add_user(session, "ann", admin.Role.SUPER_ADMIN, "acme", now=utcnow())
            await admin.store_domain_check(
                session, "acme.example", passed=True, detail=[], now=utcnow()
            )
    finally:
        await store.close()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "relay", "--config", str(tmp_path / "relay0.toml"),
        "unbounce", "dead@example.net", "--account", "acme", "--as", "ann", "--confirm",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await proc.communicate()
    assert proc.returncode == 0, err
    assert await rcpt(one, "dead@example.net") == 250
    assert await rcpt(other, "dead@example.net") == 250


async def test_queued_copies_are_delivered_exactly_once_by_two_processes(
    pair: tuple[Relay, Relay, Path], upstream: Upstream
) -> None:
    one, other, _ = pair
    recipients = [f"r{n}@example.net" for n in range(40)]
    for address in recipients:
        upstream.rcpt_replies[address] = "451 4.3.0 try later"
    for relay, batch in ((one, recipients[:20]), (other, recipients[20:])):
        async with relay.client() as smtp:
            for address in batch:
                await smtp.sendmail(SENDER, [address], message(SENDER, address))
    assert upstream.received == []
    upstream.rcpt_replies.clear()  # the upstream recovers; both queue workers race for the copies
    await upstream.wait_for(40, timeout=30)
    await asyncio.sleep(2)  # a second delivery of any copy would arrive by now
    counts = Counter(r.rcpt_tos[0] for r in upstream.received)
    assert set(counts) == set(recipients)
    assert max(counts.values()) == 1


@pytest.mark.slow
async def test_workers_share_the_ports_and_stop_together(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, ca: object, database_url: str
) -> None:
    sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
    port = free_port()
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
    settings = load(tmp_path, sections)
    await add_account(settings, "acme", "acme.example", "app@acme")
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    process = RelayProcess(config, port, extra=("--workers", "2"))
    await process.start()
    try:
        relay = Relay(settings, _Port(port), ca)  # type: ignore[arg-type]

        async def one(n: int) -> None:
            async with relay.client() as smtp:
                to = f"w{n}@example.net"
                await smtp.sendmail(SENDER, [to], message(SENDER, to))

        await asyncio.gather(*(one(n) for n in range(20)))
        assert len(upstream.received) == 20
        await process.signal(signal.SIGTERM)
        code, _ = await process.wait()
        assert code == 0
    finally:
        await process.kill()


def _children_of(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields follow the last ')'
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
async def test_the_default_runs_a_worker_per_core_and_they_stop_when_the_supervisor_dies(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, ca: object, database_url: str
) -> None:
    sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
    del sections["server"]["workers"]  # the default: "auto", one per usable core
    port = free_port()
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
    settings = load(tmp_path, sections)
    cores = len(os.sched_getaffinity(0))
    assert settings.server.worker_count == cores
    if cores < 2:
        pytest.skip("one usable core: the default runs a single process")
    await add_account(settings, "acme", "acme.example", "app@acme")
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    process = RelayProcess(config, port)
    await process.start()
    workers: list[int] = []
    try:
        async with asyncio.timeout(20):
            while len(workers := _children_of(process.pid)) < cores + 1:
                await asyncio.sleep(0.1)
        assert len(workers) == cores + 1  # and the webhook dispatcher's process
        # A supervisor killed outright leaves its workers behind; they must not serve on.
        # (not process.kill(): asyncio's wait() also waits for the workers' end of the pipe)
        os.kill(process.pid, signal.SIGKILL)
        async with asyncio.timeout(15):
            while any(_alive(pid) for pid in workers):
                await asyncio.sleep(0.1)
        with pytest.raises(ConnectionRefusedError):
            await asyncio.open_connection("127.0.0.1", port)
    finally:
        for pid in filter(_alive, workers):  # orphans would hold the stderr pipe open
            os.kill(pid, signal.SIGKILL)
        await process.kill()


@pytest.mark.slow
def test_a_worker_admits_its_share_of_the_connections() -> None:
    settings = load_settings(None, environ={})
    assert settings.server.max_connections == 1000
    assert worker_settings(settings, 2).server.max_connections == 500
    assert worker_settings(settings, 3).server.max_connections == 333  # never more in total
    assert worker_settings(settings, 64).server.max_connections == 15
