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
from tests.support.databases import BACKENDS, fresh_database, migrated_database
from tests.support.harness import Relay, add_account, base_sections, load
from tests.support.upstream import Upstream

MakeRelay = Callable[..., Awaitable[Relay]]

# The code below asyncio's streams (transports, protocols, the reading of commands and of
# DATA) runs on both loops `relay serve` may use; the subprocess tests run uvloop, its default.
BOTH_LOOPS = {
    "relay/bounce/test_forgery.py",
    "relay/bounce/test_fuzz.py",
    "relay/bounce/test_recorder.py",
    "relay/send/test_addresses.py",
    "relay/send/test_auth.py",
    "relay/send/test_delivery.py",
    "relay/send/test_mx.py",
    "relay/send/test_pipelining.py",
    "relay/send/test_submission.py",
    "relay/smtp/test_connections.py",
    "relay/smtp/test_data.py",
    "relay/smtp/test_pipelined_replies.py",
    "relay/smtp/test_smuggling.py",
    "relay/test_instances.py",
    # the API served by uvicorn on the test's loop
    "relay/http/test_api_auth.py",
    "relay/http/test_api_suppressions.py",
    "relay/http/test_listener.py",
    # webhooks, the guard and /metrics: the relay's listeners and the dispatcher's HTTP client
    "relay/http/test_metrics.py",
    "relay/http/test_webhook_api.py",
    "relay/test_guard.py",
    "relay/webhooks/test_dispatcher_chains.py",
    "relay/webhooks/test_dispatcher_http.py",
    "relay/webhooks/test_dispatcher_lease.py",
    "relay/webhooks/test_dispatcher_lock.py",
    "relay/webhooks/test_dispatcher_process.py",
    "relay/webhooks/test_dispatcher_targets.py",
    "relay/webhooks/test_import_events.py",
    "relay/webhooks/test_webhook_cli.py",
    "relay/webhooks/test_webhook_crash.py",
    "relay/webhooks/test_webhook_delivery.py",
    # the group writer: its COMMIT in a thread that gives the writer's turn back, the loop's
    # wake-up after it (speed6)
    "storage/test_group_writer.py",
    # the writer's turn handed from the flock's thread to the waiting task (speed7)
    "storage/test_writer_turn.py",
    # a connection in use while the store closes is closed when it comes back (leak13)
    "storage/test_drop_connections.py",
    # PostgreSQL: the group writer's connection lost between batches, the point reads on
    # asyncpg connections of the store's own (perf13)
    "storage/test_group_writer_postgres.py",
    "storage/test_lookups_postgres.py",
    # PostgreSQL: the group writer's statements as asyncpg tuples and unnest arrays (perf15)
    "storage/test_many_rows_postgres.py",
    "storage/test_record_postgres.py",
}
TESTS = Path(__file__).parent


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    if item.path.relative_to(TESTS).as_posix() in BOTH_LOOPS:
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
    """A store at the newest schema with no rows (as `relay serve` leaves an empty database):
    SQLite, and PostgreSQL too where RELAY_TEST_DATABASE_URL is set."""
    async with migrated_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database with no schema at all, for the tests that run the migrations themselves."""
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def make_relay(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    ca: trustme.CA,
    tls_files: tuple[Path, Path],
    upstream: Upstream,
    database_url: str,
) -> AsyncIterator[MakeRelay]:
    """Start a relay with the acme account (app@acme, domain acme.example); overrides by section.
    Its password is hashed cheaply unless the test is marked password_cost (harness.py)."""
    started: list[RelayService] = []
    password_cost = request.node.get_closest_marker("password_cost") is not None

    async def make(**overrides: dict[str, Any]) -> Relay:
        sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
        for name, values in overrides.items():
            sections.setdefault(name, {}).update(values)
        settings = load(tmp_path, sections)
        if not started:
            await add_account(
                settings, "acme", "acme.example", "app@acme", password_cost=password_cost
            )
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


# `make test` hands whole files to pytest-xdist's workers in collection order (--dist loadfile
# --no-loadscope-reorder: xdist would otherwise order files by their number of tests, which put
# the one-test files below last). Longest first, so that no long file ends the run alone: these
# took the most worker time in a run of the default suite on 2026-12-06 (seconds, loaded
# machine: test_submission 363, test_recorder 319, test_connections 192, test_forgery 189,
# test_instances 117, test_delivery 116, test_mailbox 113, test_api_suppressions 104,
# test_readme 95, test_auth 91, test_webhook_delivery 89, test_browser 85, test_dashboard 78,
# test_resources 71, test_guard 65, test_transport_invariance 61, test_load 58, the fuzz 53,
# test_demo 45); the other files follow in collection order.
FIRST = (
    "relay/send/test_submission.py",
    "relay/bounce/test_recorder.py",
    "relay/smtp/test_connections.py",
    "relay/bounce/test_forgery.py",
    "relay/test_instances.py",
    "relay/send/test_delivery.py",
    "relay/send/test_mx.py",
    "relay/bounce/test_mailbox.py",
    "relay/http/test_api_suppressions.py",
    "test_readme.py",
    "relay/send/test_auth.py",
    "relay/webhooks/test_webhook_delivery.py",
    "relay/http/test_browser.py",
    "relay/http/test_dashboard.py",
    "relay/http/test_resources.py",
    "relay/test_guard.py",
    "bounce_parser/test_transport_invariance.py",
    "relay/test_load.py",
    "relay/bounce/test_fuzz.py",
    "test_demo.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked slow_variants keeps its asyncio/SQLite variant in `make test`; the other
    event loops and stores are marked slow (`make test-all` runs them). The FIRST files are
    collected first (the order of the rest is kept)."""
    rank = {name: n for n, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.path.relative_to(TESTS).as_posix(), len(FIRST)))
    for item in items:
        if item.get_closest_marker("slow_variants") is None:
            continue
        variant = set((getattr(item, "callspec", None) and item.callspec.id.split("-")) or ())
        if not {"asyncio", "sqlite"} <= variant:
            item.add_marker(pytest.mark.slow)
