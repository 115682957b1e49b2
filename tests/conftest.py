"""Fixtures shared by the whole suite: a test upstream, certificates, an in-process relay."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import trustme
import uvloop

from relay.service import RelayService
from tests.support.databases import BACKENDS, fresh_database
from tests.support.harness import Relay, add_account, base_sections, load
from tests.support.upstream import Upstream

MakeRelay = Callable[..., Awaitable[Relay]]

# The code below asyncio's streams (transports, protocols, the reading of commands and of
# DATA) runs on both loops `relay serve` may use; the subprocess tests run uvloop, its default.
BOTH_LOOPS = {
    "test_addresses.py",
    "test_auth.py",
    "test_bounce_forgery.py",
    "test_bounces.py",
    "test_connections.py",
    "test_bounce_fuzz.py",
    "test_delivery.py",
    "test_instances.py",
    "test_pipelining.py",
    "test_smtp_data.py",
    "test_smuggling.py",
    "test_submission.py",
    "test_webhook_delivery.py",
    "test_webhook_crash.py",
    "test_guard.py",
    "test_metrics.py",
    "test_webhook_api.py",
    "test_webhook_cli.py",
    # tests/http: the API served by uvicorn on the test's loop
    "test_listener.py",
    "test_api_auth.py",
    "test_api_suppressions.py",
}


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    if item.path.name in BOTH_LOOPS:
        return {"asyncio": asyncio.new_event_loop, "uvloop": uvloop.new_event_loop}
    return {"asyncio": asyncio.new_event_loop}


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_files(ca: trustme.CA, tmp_path: Path) -> tuple[Path, Path]:
    issued = ca.issue_cert("localhost", "127.0.0.1", "::1")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    return cert, key


@pytest.fixture
async def upstream() -> AsyncIterator[Upstream]:
    server = Upstream()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty store: SQLite, and PostgreSQL too where RELAY_TEST_DATABASE_URL is set."""
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def make_relay(
    tmp_path: Path,
    ca: trustme.CA,
    tls_files: tuple[Path, Path],
    upstream: Upstream,
    database_url: str,
) -> AsyncIterator[MakeRelay]:
    """Start a relay with the acme account (app@acme, domain acme.example); overrides by section."""
    started: list[RelayService] = []

    async def make(**overrides: dict[str, Any]) -> Relay:
        sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
        for name, values in overrides.items():
            sections.setdefault(name, {}).update(values)
        settings = load(tmp_path, sections)
        if not started:
            await add_account(settings, "acme", "acme.example", "app@acme")
        service = RelayService(settings)
        await service.startup()
        started.append(service)
        return Relay(settings, service, ca)

    yield make
    for service in started:
        await service.shutdown()


@pytest.fixture
async def relay(make_relay: MakeRelay) -> Relay:
    return await make_relay()
