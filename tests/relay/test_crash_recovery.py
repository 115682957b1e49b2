"""A crash does not delay the mail: the copies a killed relay held are delivered as soon as a
relay notices it is gone, not when their lease (``queue.lease``) runs out, and a live relay's
copies are never taken from it."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from relay.instance import LOCAL_GRACE
from tests.support.harness import Relay, add_account, base_sections, load, message, write_config
from tests.support.process import RelayProcess, free_port, run_cli
from tests.support.upstream import Upstream

# The slow tests run in `make test-all`; the one unmarked here is this file's in `make test`.
SENDER = "news@acme.example"
LEASE = 300.0  # the default: a test that waited for it would time out


class _Port:
    def __init__(self, port: int) -> None:
        self.submission_port = port


@dataclass
class Relays:
    """Relay processes on one store, each with its own ports and config file."""

    tmp: Path
    tls_files: tuple[Path, Path]
    upstream: Upstream
    ca: object
    database_url: str
    processes: list[RelayProcess]
    clients: list[Relay]

    async def add(self, **queue: Any) -> tuple[RelayProcess, Relay]:
        n = len(self.processes)
        sections = base_sections(self.tmp, *self.tls_files, self.upstream.port, self.database_url)
        port = free_port()
        sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
        sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
        # The client hears 250 while the in-line attempt still waits for the slow upstream.
        sections["delivery"]["inline_budget"] = 0.5
        sections["queue"].update({"lease": LEASE, "retry_schedule": [0.5], **queue})
        settings = load(self.tmp, sections)
        if n == 0:
            await add_account(settings, "acme", "acme.example", "app@acme")
        config = write_config(
            self.tmp / f"relay{n}.toml", sections, {"data_dir": str(self.tmp / "var")}
        )
        process = RelayProcess(config, port)
        await process.start()
        self.processes.append(process)
        self.clients.append(Relay(settings, _Port(port), self.ca))  # type: ignore[arg-type]
        return process, self.clients[-1]


@pytest.fixture
async def relays(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, ca: object, database_url: str
) -> AsyncIterator[Relays]:
    made = Relays(tmp_path, tls_files, upstream, ca, database_url, [], [])
    yield made
    for process in made.processes:
        await process.kill()


async def send(relay: Relay, to: str) -> None:
    async with relay.client() as smtp:
        _, reply = await smtp.sendmail(SENDER, [to], message(SENDER, to))
    assert reply.startswith("2.0.0")


async def queue_list(process: RelayProcess) -> list[dict[str, Any]]:
    code, out, err = await run_cli(process.config, "queue", "list", "--json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


async def test_a_copy_in_flight_at_sigkill_arrives_within_5_s_of_the_restart(
    relays: Relays, upstream: Upstream
) -> None:
    process, relay = await relays.add()
    upstream.rcpt_delay = 3.0  # the in-line attempt is still waiting when the client hears 250
    await send(relay, "bob@example.net")
    await process.kill()
    upstream.rcpt_delay = 0.0
    assert upstream.received == []
    await process.start()
    restarted = time.monotonic()
    await upstream.wait_for(1, timeout=5.0)
    assert time.monotonic() - restarted < 5.0
    await asyncio.sleep(1.0)
    (got,) = upstream.received
    assert got.rcpt_tos == ("bob@example.net",)
    assert await queue_list(process) == []


@pytest.mark.slow
async def test_a_live_relay_takes_over_the_copies_of_a_killed_one_within_seconds(
    relays: Relays, upstream: Upstream
) -> None:
    survivor, _ = await relays.add()
    victim, relay = await relays.add()
    upstream.rcpt_delay = 20.0  # still in flight while the CLI starts
    await send(relay, "bob@example.net")
    (held,) = await queue_list(survivor)
    assert held["state"] == "in flight"
    assert held["pid"] == victim.pid
    assert held["host"]
    assert held["holder"]
    await victim.kill()
    killed = time.monotonic()
    upstream.rcpt_delay = 0.0
    await upstream.wait_for(1, timeout=8.0)  # the lease would take 300 s
    assert time.monotonic() - killed < 8.0
    await asyncio.sleep(1.0)
    assert [r.rcpt_tos for r in upstream.received] == [("bob@example.net",)]
    assert survivor.running


@pytest.mark.slow
async def test_live_relays_never_take_each_others_copies(
    relays: Relays, upstream: Upstream
) -> None:
    # Sends outlast the heartbeat's timeout, the grace for a gone local process and several
    # looks for dead instances: a relay that judged a live holder dead would send again.
    await relays.add(instance_timeout=2.0)
    await relays.add(instance_timeout=2.0)
    upstream.rcpt_delay = 4.0
    first_refused = {f"r{n}@example.net" for n in range(0, 8, 2)}
    upstream.rcpt_replies = dict.fromkeys(first_refused, "451 4.7.1 Try again later")
    addresses = [f"r{n}@example.net" for n in range(8)]
    await asyncio.gather(*(send(relays.clients[n % 2], to) for n, to in enumerate(addresses)))
    # The refused half goes round the queue workers: their retries are slow too.
    async with asyncio.timeout(30):
        while len(upstream.refused) < len(first_refused):
            await asyncio.sleep(0.1)
    upstream.rcpt_replies = {}
    await upstream.wait_for(len(addresses), timeout=40.0)
    await asyncio.sleep(6.0)  # time for any second delivery to show
    counts = Counter(a for r in upstream.received for a in r.rcpt_tos)
    assert counts == Counter(addresses)
    assert all(p.running for p in relays.processes)


@pytest.mark.slow
async def test_queue_list_shows_holders_and_retry_makes_orphans_due(
    relays: Relays, upstream: Upstream
) -> None:
    process, relay = await relays.add()
    upstream.rcpt_delay = 20.0  # still in flight while the CLI starts, twice
    await send(relay, "bob@example.net")
    (held,) = await queue_list(process)
    assert (held["state"], held["pid"]) == ("in flight", process.pid)
    code, _, err = await run_cli(process.config, "queue", "retry", str(held["id"]))
    assert code == 1
    assert f"pid {process.pid}" in err  # a live holder keeps its copy
    await process.kill()
    upstream.rcpt_delay = 0.0
    await asyncio.sleep(LOCAL_GRACE + 0.5)  # a gone process whose heartbeat also stopped
    (orphan,) = await queue_list(process)
    assert orphan["state"] == "orphaned"
    code, out, err = await run_cli(process.config, "queue", "retry")
    assert code == 0, err
    assert "1 queued copy due now (1 held by relay instances that are gone)" in out
    (due,) = await queue_list(process)
    assert (due["state"], due["holder"]) == ("due", None)
