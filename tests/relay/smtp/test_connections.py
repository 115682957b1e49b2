"""Connection accounting: however a connection ends, on either event loop, the open-connection
count goes back to 0 and the limit still admits exactly max_connections clients."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import socket
import struct
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from relay.smtp.limit import ConnectionLimit
from tests.conftest import MakeRelay
from tests.support.harness import PASSWORD, Relay
from tests.support.probes import PROBES

MAX = 6  # max_connections of the relay under test
ROUNDS = 60  # rounds of every probe kind below: 720 probes per listener, loop and store

ROOT = Path(__file__).resolve().parents[3]
RELAY = [sys.executable, "-m", "relay"]


@contextlib.asynccontextmanager
async def _client(port: int) -> AsyncIterator[socket.socket]:
    """A connected socket, closed however the probe ends (a reply may never come)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
        yield sock
    finally:
        sock.close()


async def _reply(sock: socket.socket) -> bytes:
    """Bytes up to the end of one reply line (or of the connection)."""
    loop, data = asyncio.get_running_loop(), b""
    while not data.endswith(b"\r\n"):
        chunk = await loop.sock_recv(sock, 4096)
        if not chunk:
            break
        data += chunk
    return data


SUBMISSION_PROBES = list(PROBES)
BOUNCE_PROBES = [
    "fin_before_banner",
    "rst_before_banner",
    "fin_after_banner",
    "rst_after_ehlo",
    "full_session",
]


async def probe(port: int, rounds: int, kinds: list[str]) -> dict[str, int]:
    """Run the probes of tests/support/probes.py in another process; what they were told."""
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "tests.support.probes", str(port), str(rounds), *kinds],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=ROOT,
    )
    counts: dict[str, int] = json.loads(done.stdout)
    return counts


async def cut_mid_data(relay: Relay, *, reset: bool) -> None:
    """An authenticated session that dies in the middle of a message."""
    reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
    try:
        await reader.readline()
        for line in (b"EHLO probe.test\r\n", b"STARTTLS\r\n"):
            writer.write(line)
            await _lines(reader)
        await writer.start_tls(relay.client_tls(), server_hostname="127.0.0.1")
        token = base64.b64encode(b"\0app@acme\0" + PASSWORD.encode())
        for line in (
            b"EHLO probe.test\r\n",
            b"AUTH PLAIN " + token + b"\r\n",
            b"MAIL FROM:<news@acme.example>\r\n",
            b"RCPT TO:<someone@example.net>\r\n",
            b"DATA\r\n",
        ):
            writer.write(line)
            await _lines(reader)
        writer.write(b"Subject: cut\r\n\r\n" + b"x" * 5000 + b"\r\n")
        await writer.drain()
        if reset:
            raw = writer.get_extra_info("socket")
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
    finally:
        writer.close()
        with contextlib.suppress(OSError, ConnectionError):
            await writer.wait_closed()


async def _lines(reader: asyncio.StreamReader) -> None:
    while (await reader.readline())[3:4] == b"-":
        pass


async def silent(port: int, seconds: float) -> None:
    """A client that connects and says nothing: the relay's idle timeout closes it."""
    async with _client(port):
        await asyncio.sleep(seconds)


async def settled(limit: ConnectionLimit, timeout: float = 15.0) -> int:
    """The open count once nothing is closing any more (or the timeout)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while limit.open:
                await asyncio.sleep(0.05)
    return limit.open


async def admitted(port: int, tries: int) -> list[bytes]:
    """The banners of ``tries`` clients that stay connected, opened one after another."""
    async with contextlib.AsyncExitStack() as stack:
        banners = []
        for _ in range(tries):
            sock = await stack.enter_async_context(_client(port))
            banners.append(await _reply(sock))
        return banners


async def closed(port: int, timeout: float = 15.0) -> int:
    """Sockets of the listener on ``port`` in CLOSE_WAIT once none is left (or the timeout).

    Clients that hung up before the relay accepted them sit in CLOSE_WAIT in the listen
    backlog until a busy relay gets to them; a leaked socket stays (the idle timeout is 60 s).
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while close_wait(port):
                await asyncio.sleep(0.05)
    return close_wait(port)


def close_wait(port: int) -> int:
    """Sockets of this process's listener on ``port`` in CLOSE_WAIT (peer gone, never closed)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                count += local_port == port and fields[3] == "08"
    return count


@pytest.fixture
async def small_relay(make_relay: MakeRelay) -> Relay:
    # A long idle timeout: a connection leaked must not be healed by it within the test.
    return await make_relay(server={"max_connections": MAX, "idle_timeout": 60.0})


async def test_probes_of_every_kind_leave_no_connection_counted(small_relay: Relay) -> None:
    relay = small_relay
    limits = relay.service.connection_limits
    port, bounce_port = relay.port, relay.service.bounce_port
    async with asyncio.timeout(240):
        told, _ = await asyncio.gather(
            probe(port, ROUNDS, SUBMISSION_PROBES),
            probe(bounce_port, ROUNDS, BOUNCE_PROBES),
        )
        assert told["220"] > ROUNDS  # the probes met the relay, not only a closed port
        for n in range(10):
            await cut_mid_data(relay, reset=n % 2 == 0)
    assert await closed(port) == await closed(bounce_port) == 0
    assert await settled(limits["submission"]) == 0
    assert await settled(limits["bounce"]) == 0
    for listener in (port, bounce_port):
        banners = await admitted(listener, MAX + 1)
        assert [b[:4] for b in banners] == [b"220 "] * MAX + [b"421 "]
    assert await settled(limits["submission"]) == 0
    assert await settled(limits["bounce"]) == 0


@pytest.mark.parametrize("kind", SUBMISSION_PROBES)
async def test_each_way_of_ending_releases_its_count(small_relay: Relay, kind: str) -> None:
    relay = small_relay
    limit = relay.service.connection_limits["submission"]
    # Two probing processes at once keep the relay's loop busy, so that clients are gone
    # by the time it accepts them, as under real load.
    await asyncio.gather(probe(relay.port, 50, [kind]), probe(relay.port, 50, [kind]))
    # First every probe accepted and closed (a busy relay may not have accepted the last ones
    # yet when the probes are done: they are not counted then), then the count.
    assert await closed(relay.port) == 0
    assert await settled(limit) == 0
    assert [b[:4] for b in await admitted(relay.port, MAX + 1)] == [b"220 "] * MAX + [b"421 "]


async def stalled_in_starttls(port: int, seconds: float) -> None:
    """A client that asks for STARTTLS and then never starts the handshake."""
    async with _client(port) as sock:
        await _reply(sock)
        for line in (b"EHLO probe.test\r\n", b"STARTTLS\r\n"):
            await asyncio.get_running_loop().sock_sendall(sock, line)
            await _reply(sock)
        await asyncio.sleep(seconds)


async def test_the_idle_timeout_releases_silent_and_stalled_clients(
    make_relay: MakeRelay,
) -> None:
    # 1.5 s: a test process descheduled for half a second under the suite's own load (it
    # happened at 0.5 s) must not look to the relay like a client that stopped talking.
    relay = await make_relay(server={"max_connections": MAX, "idle_timeout": 1.5})
    limits = relay.service.connection_limits
    async with asyncio.timeout(30):
        clients = asyncio.gather(
            *(silent(relay.port, 5.0) for _ in range(MAX // 2)),
            *(stalled_in_starttls(relay.port, 5.0) for _ in range(MAX // 2)),
            *(silent(relay.service.bounce_port, 5.0) for _ in range(MAX)),
        )
        try:
            while limits["submission"].open < MAX or limits["bounce"].open < MAX:
                await asyncio.sleep(0.02)  # every client admitted
            # the relay lets go of them while every client still holds its end
            assert await settled(limits["submission"], timeout=2.5) == 0
            assert await settled(limits["bounce"], timeout=2.5) == 0
            assert not clients.done()
        finally:
            await clients
    assert [b[:4] for b in await admitted(relay.port, MAX + 1)] == [b"220 "] * MAX + [b"421 "]


async def test_relay_status_shows_the_live_count(
    make_relay: MakeRelay, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    relay = await make_relay(server={"max_connections": MAX, "status_interval": 0.1})
    with caplog.at_level(logging.INFO, logger="relay.status"):
        async with _client(relay.port) as first, _client(relay.port) as second:
            await _reply(first)
            await _reply(second)
            await asyncio.sleep(0.3)  # a status update or two
            shown = await asyncio.to_thread(
                subprocess.run,
                [*RELAY, "--config", str(tmp_path / "relay.toml"), "status", "--json"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
                env={k: v for k, v in os.environ.items() if not k.startswith("RELAY_")},
            )
    assert shown.returncode == 0, shown.stderr
    rows = [json.loads(line) for line in shown.stdout.splitlines()]
    mine = {r["listener"]: r for r in rows if r["process"] == os.getpid()}
    assert (mine["submission"]["open"], mine["submission"]["limit"]) == (2, MAX)
    assert mine["bounce"]["open"] == 0
    assert any("submission 2 open of 6" in r.getMessage() for r in caplog.records), caplog.records
