"""The relay as a process: SIGKILL after 250 loses nothing, SIGTERM drains and exits 0,
a start-up failure says one line and exits 3."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bounce_parser.verp import ReturnPath
from tests.support.harness import Relay, add_account, base_sections, load, message, write_config
from tests.support.process import RelayProcess, free_port
from tests.support.upstream import Upstream

# The slow tests run in `make test-all`; the one unmarked here is this file's in `make test`.


@pytest.fixture
async def proc_relay(
    tmp_path: Path,
    tls_files: tuple[Path, Path],
    upstream: Upstream,
    ca: object,
    database_url: str,
) -> AsyncIterator[tuple[RelayProcess, Relay]]:
    port = free_port()
    sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["delivery"]["inline_budget"] = 0.5
    sections["queue"]["lease"] = 2.0
    settings = load(tmp_path, sections)
    await add_account(settings, "acme", "acme.example", "app@acme")
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    process = RelayProcess(config, port)
    await process.start()

    class _Service:  # the harness's client only needs the port
        submission_port = port

    yield process, Relay(settings, _Service(), ca)  # type: ignore[arg-type]
    await process.kill()


@pytest.mark.slow
async def test_sigkill_right_after_250_then_restart_still_delivers(
    proc_relay: tuple[RelayProcess, Relay], upstream: Upstream
) -> None:
    process, relay = proc_relay
    upstream.rcpt_delay = 3.0  # the in-line attempt is still running when the client hears 250
    async with relay.client() as smtp:
        _, reply = await smtp.sendmail(
            "news@acme.example",
            ["bob@example.net"],
            message("news@acme.example", "bob@example.net"),
        )
    assert reply.startswith("2.0.0")
    await process.kill()
    upstream.rcpt_delay = 0.0
    assert upstream.received == []
    await process.start()
    await upstream.wait_for(1, timeout=20)
    await asyncio.sleep(1.0)
    (got,) = upstream.received
    assert got.rcpt_tos == ("bob@example.net",)
    assert ReturnPath.verify(got.mail_from, relay.key, today=dt.date.today()) is not None


async def test_sigterm_drains_and_exits_0(
    proc_relay: tuple[RelayProcess, Relay], upstream: Upstream
) -> None:
    process, relay = proc_relay
    upstream.rcpt_delay = 1.5  # still in flight after the 0.5 s in-line budget
    async with relay.client() as smtp:
        await smtp.sendmail(
            "news@acme.example",
            ["bob@example.net"],
            message("news@acme.example", "bob@example.net"),
        )
    assert upstream.received == []
    await process.signal(signal.SIGTERM)
    code, _ = await process.wait()
    assert code == 0
    assert len(upstream.received) == 1  # the drain let the in-flight copy finish


@pytest.mark.slow
async def test_a_port_in_use_fails_start_up_with_one_line_and_exit_3(
    proc_relay: tuple[RelayProcess, Relay], tmp_path: Path
) -> None:
    running, _ = proc_relay
    second = RelayProcess(running.config, running.port)
    await second.launch()
    code, err = await second.wait()
    lines = err.decode().strip().splitlines()
    assert code == 3
    assert lines[-1].startswith("relay: cannot listen on 127.0.0.1:")
    assert "Traceback" not in err.decode()
    with socket.create_connection(("127.0.0.1", running.port), timeout=5):
        pass  # the first relay still serves
