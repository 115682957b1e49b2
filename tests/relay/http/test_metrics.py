"""``GET /metrics``: the store's totals and the processes' instruments in Prometheus text,
open to loopback, behind ``metrics.token`` for everyone else."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from config import Settings
from config.settings import MetricsSettings
from relay.admin import tokens as api_tokens
from relay.http.app import relay_app
from relay.metrics import RelayMetrics
from storage import admin
from storage.engine import utcnow
from storage.models import Role
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.bounces import bounce, rcpt_code, send
from tests.support.cli import invoke
from tests.support.harness import Relay, add_account, base_sections, load, message, write_config
from tests.support.process import RelayProcess, free_port
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def scrape(relay: Relay, **kwargs: object) -> httpx.Response:
    assert relay.service.http is not None
    url = f"http://127.0.0.1:{relay.service.http.port}/metrics"
    async with httpx.AsyncClient(timeout=30) as http:
        return await http.get(url, **kwargs)  # type: ignore[arg-type]


async def test_metrics_count_what_happened(make_relay: MakeRelay, upstream: Upstream) -> None:
    relay = await make_relay()
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    async with relay.client() as smtp:
        to = ["ok@example.net", "gone@example.net"]
        await smtp.sendmail(SENDER, to, message(SENDER, ", ".join(to)))
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", b"TO:<gone@example.net>")
        assert code == 550  # suppressed now
        await smtp.rset()

    answer = await scrape(relay)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    found = samples(answer.text)
    assert found[("relay_messages_accepted_total", ())] == 1
    assert found[("relay_copies_total", (("outcome", "sent"),))] == 1
    assert found[("relay_copies_total", (("outcome", "bounced"),))] == 1
    assert found[("relay_bounces_total", (("kind", "hard"), ("reason", "user_unknown")))] == 1
    assert found[("relay_complaints_total", ())] == 0
    assert found[("relay_rcpt_total", (("result", "accepted"),))] == 2
    assert found[("relay_rcpt_total", (("result", "suppressed"),))] == 1
    assert found[("relay_rcpt_check_seconds_count", ())] == 3
    assert found[("relay_delivery_seconds_count", ())] == 1
    assert found[("relay_queue_depth", ())] == 0
    assert found[("relay_webhook_deliveries_total", (("result", "delivered"),))] == 0
    assert found[("relay_account_bounce_rate", (("account", "acme"),))] == pytest.approx(0.5)
    assert ("relay_smtp_connections", (("listener", "submission"),)) in found


async def test_outside_loopback_a_token_is_needed(make_relay: MakeRelay) -> None:
    relay = await make_relay()
    assert relay.service.store is not None
    settings = relay.settings.model_copy(
        update={"metrics": MetricsSettings(token=SecretStr("scrape-me-0123"))}
    )
    app = relay_app(settings, relay.service.store, metrics=RelayMetrics())
    # The app itself, called as uvicorn calls it for a client at a public address.
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://relay.test") as http:
        bare = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await http.get("/metrics", headers={"Authorization": "Bearer scrape-me-0123"})
    assert bare.status_code == 401
    assert bare.headers["www-authenticate"].startswith("Bearer")
    assert wrong.status_code == 401
    assert right.status_code == 200
    assert "relay_messages_accepted_total" in right.text
    # No token configured: only loopback is served.
    app = relay_app(relay.settings, relay.service.store, metrics=RelayMetrics())
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://relay.test") as http:
        refused = await http.get("/metrics", headers={"Authorization": "Bearer "})
    assert refused.status_code == 401


class _Port:
    def __init__(self, port: int) -> None:
        self.submission_port = port


async def _two_workers(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, database_url: str
) -> tuple[Settings, int, int, RelayProcess]:
    """A started ``relay serve --workers 2`` with account acme: its settings, submission port,
    HTTP port and process."""
    sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
    port, http_port = free_port(), free_port()
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
    sections["http"] = {"listen": f"127.0.0.1:{http_port}"}
    settings = load(tmp_path, sections)
    await add_account(settings, "acme", "acme.example", "app@acme")
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    process = RelayProcess(config, port, extra=("--workers", "2"))
    await process.start()
    return settings, port, http_port, process


@pytest.mark.slow
async def test_two_workers_are_counted_together(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, ca: object, database_url: str
) -> None:
    settings, port, http_port, process = await _two_workers(
        tmp_path, tls_files, upstream, database_url
    )
    try:
        relay = Relay(settings, _Port(port), ca)  # type: ignore[arg-type]

        async def one(n: int) -> None:
            async with relay.client() as smtp:
                to = f"w{n}@example.net"
                await smtp.sendmail(SENDER, [to], message(SENDER, to))

        await asyncio.gather(*(one(n) for n in range(12)))
        # Whichever worker answers a scrape, it reports the RCPTs both answered.
        async with httpx.AsyncClient(timeout=30) as http:
            for _ in range(6):
                answer = await http.get(f"http://127.0.0.1:{http_port}/metrics")
                found = samples(answer.text)
                assert found[("relay_rcpt_total", (("result", "accepted"),))] == 12
                assert found[("relay_messages_accepted_total", ())] == 12
        assert len(list((tmp_path / "var" / "metrics").glob("*.db"))) >= 2
    finally:
        await process.kill()


async def test_a_bounce_the_parser_cannot_judge_is_counted_and_never_suppresses(
    make_relay: MakeRelay, upstream: Upstream, tmp_path: Path
) -> None:
    # One soft bounce would escalate (soft_threshold 1): an undetermined one still must not.
    relay = await make_relay(bounces={"soft_threshold": 1, "soft_min_days": 0})
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    await send(relay, "dead@example.net")
    await send(relay, "odd@example.net")
    verp = upstream.received[-1].mail_from
    unreadable = (
        f"From: MAILER-DAEMON@mx.example.net\r\nTo: {verp}\r\nSubject: ?\r\n"
        "Content-Type: text/plain\r\n\r\nsomething happened\r\n"
    ).encode()
    assert await bounce(relay, unreadable, verp) == (250, "ok")
    assert await rcpt_code(relay, "odd@example.net") == 250
    assert await rcpt_code(relay, "dead@example.net") == 550

    found = samples((await scrape(relay)).text)
    by_party = {
        party: found[("relay_bounces_by_party_total", (("party", party),))]
        for party in ("recipient", "sender", "transient", "undetermined")
    }
    assert by_party == {"recipient": 1, "sender": 0, "transient": 0, "undetermined": 1}

    store = db.store_of(relay)
    async with store.transaction() as session:
        await admin.add_user(session, "root", Role.OPERATOR, None, now=utcnow())
        _, secret = await api_tokens.add_token(
            session, "root", "root", name="test", expires_days=None, now=utcnow()
        )
    assert relay.service.http is not None
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{relay.service.http.port}",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    ) as http:
        answer = await http.get("/api/v1/stats", params={"account": "acme"})
    assert answer.status_code == 200, answer.text
    (today,) = answer.json()["intervals"]
    assert (today["bounced_hard"], today["bounced_soft"]) == (1, 1)
    assert today["bounced_by_party"] == by_party

    config = ("--config", str(tmp_path / "relay.toml"))
    listed = await asyncio.to_thread(
        invoke, (*config, "bounces", "list", "--account", "acme", "--undetermined", "--json"),
        env={},
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (row["address"], row["hard"], row["party"]) == ("odd@example.net", False, "undetermined")
    assert row["diagnostic"] is not None  # recorded with its evidence


def _workers_of(pid: int) -> list[int]:
    """The live child processes of ``pid`` (from /proc) but the webhook dispatcher's."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            dispatcher = b"--dispatcher" in (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[1]) == pid and fields[0] != "Z" and not dispatcher:
            found.append(int(entry.name))
    return found


def _established_to(pid: int, port: int) -> int:
    """How many TCP connections to ``port`` the process ``pid`` holds (/proc/net/tcp*)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    held = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "01" and fields[9] in inodes:
                held += 1
    return held


@pytest.mark.slow
async def test_a_killed_workers_open_connections_leave_the_gauge(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, database_url: str
) -> None:
    _, port, http_port, process = await _two_workers(tmp_path, tls_files, upstream, database_url)
    clients: list[asyncio.StreamWriter] = []

    async def open_gauge() -> float | None:
        async with httpx.AsyncClient(timeout=10) as http:
            try:
                answer = await http.get(f"http://127.0.0.1:{http_port}/metrics")
            except httpx.TransportError:  # the killed worker's half-open accept queue
                return None
        return samples(answer.text).get(("relay_smtp_connections", (("listener", "submission"),)))

    async def gauge_becomes(expected: float) -> None:
        async with asyncio.timeout(30):
            while await open_gauge() != expected:
                await asyncio.sleep(0.3)

    try:
        for _ in range(8):  # SO_REUSEPORT spreads them over both workers
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            assert (await reader.readline()).startswith(b"220")
            clients.append(writer)
        await gauge_becomes(8)
        workers = _workers_of(process.pid)
        assert len(workers) == 2
        held = {pid: _established_to(pid, port) for pid in workers}
        assert sum(held.values()) == 8
        victim = max(held, key=lambda pid: held[pid])
        os.kill(victim, signal.SIGKILL)
        # The supervisor starts another worker; the gauge counts the survivor's connections.
        await gauge_becomes(8 - held[victim])
    finally:
        for writer in clients:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
        await process.kill()
