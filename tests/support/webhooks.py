"""Shared steps of the webhook tests: register an endpoint as the CLI does, wait for events."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from config import Settings
from relay.webhooks.endpoints import Registered, register_endpoint
from relay.webhooks.secrets import new_secret, seal
from storage import accounts, webhooks
from storage.engine import Store, open_store, utcnow
from storage.models import Recipient, WebhookAttempt, WebhookOutbox
from storage.schema import ensure_schema
from storage.webhooks import Event, EventType
from tests.support.harness import Relay, add_account, base_sections, load, write_config
from tests.support.process import free_port
from tests.support.webhook_receiver import Receiver

SENDER = "news@acme.example"
ALL_EVENTS = tuple(EventType)


async def register(
    settings: Settings,
    receiver: Receiver,
    *,
    events: Sequence[EventType] = ALL_EVENTS,
    allow_private: bool = True,
) -> Registered:
    """Register the receiver's URL for acme (no users yet: the bootstrap actor) and give the
    receiver the secret, as a tenant would paste it into its application."""
    assert settings.verp.key is not None
    store = open_store(settings.database.url, pool_size=1)
    try:
        async with store.transaction() as session:
            done = await register_endpoint(
                session, account="acme", url=receiver.url, events=events, as_user=None,
                master_key=settings.verp.key.get_secret_value().encode(),
                allow_private=allow_private, now=utcnow(),
            )  # fmt: skip
    finally:
        await store.close()
    receiver.secret = done.secret
    return done


@contextlib.contextmanager
def receiving() -> Iterator[Receiver]:
    """A webhook receiver listening on 127.0.0.1 for the length of the block."""
    made = Receiver()
    made.start()
    try:
        yield made
    finally:
        made.stop()


@contextlib.asynccontextmanager
async def sqlite_file_store(path: Path) -> AsyncIterator[Store]:
    """A store on a new SQLite file at ``path`` with the schema made, closed after the block."""
    made = open_store(f"sqlite+aiosqlite:///{path}")
    try:
        await ensure_schema(made)
        yield made
    finally:
        await made.close()


async def wait_until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.05)


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.1)


async def endpoint_state(settings: Settings, endpoint_id: int) -> webhooks.EndpointInfo:
    store = open_store(settings.database.url, pool_size=1)
    try:
        async with store.reading() as session:
            found = await webhooks.endpoint(session, endpoint_id)
    finally:
        await store.close()
    assert found is not None
    return found


async def attempts(settings: Settings, endpoint_id: int | None) -> list[webhooks.AttemptInfo]:
    store = open_store(settings.database.url, pool_size=1)
    try:
        async with store.reading() as session:
            return await webhooks.attempts_log(session, endpoint_id, limit=1000)
    finally:
        await store.close()


async def outcomes_and_outbox(settings: Settings) -> tuple[list[tuple[str, str]], int]:
    """Each recipient copy's (address, status), and how many events the outbox holds or
    delivered."""
    store = open_store(settings.database.url, pool_size=1)
    try:
        async with store.reading() as session:
            statuses = sorted((a, str(s)) for a, s in await session.execute(_STATUSES))
            events = await session.scalar(select(func.count()).select_from(WebhookOutbox))
            logged = await session.scalar(select(func.count()).select_from(WebhookAttempt))
    finally:
        await store.close()
    return statuses, int(events or 0) + int(logged or 0)


_STATUSES = select(Recipient.address, Recipient.status)


class _Port:
    def __init__(self, port: int) -> None:
        self.submission_port = port


@dataclass(frozen=True)
class ServedRelay:
    """What a ``relay serve`` test with webhooks needs: the settings, the config file to start
    the process with, its submission port and a client for it."""

    settings: Settings
    config: Path
    port: int
    relay: Relay


async def relay_with_webhooks(
    tmp_path: Path,
    tls_files: tuple[Path, Path],
    upstream_port: int,
    database_url: str,
    ca: object,
    receiver: Receiver,
    **hooks: Any,
) -> ServedRelay:
    """Config for a relay process whose account acme has an endpoint at ``receiver``
    subscribed to every event; ``hooks`` are the [webhooks] settings besides allow_private."""
    sections = base_sections(tmp_path, *tls_files, upstream_port, database_url)
    port = free_port()
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
    sections["webhooks"] = {"allow_private": True, **hooks}
    settings = load(tmp_path, sections)
    await add_account(settings, "acme", "acme.example", "app@acme")
    await register(settings, receiver)
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    return ServedRelay(settings, config, port, Relay(settings, _Port(port), ca))  # type: ignore[arg-type]


async def endpoint_with_events(
    store: Store, url: str, addresses: list[str], *, key: bytes
) -> tuple[int, str]:
    """An endpoint of a new account "acme" at ``url`` (its secret sealed with ``key``) and one
    message.delivered per address given, numbered in ``data["n"]`` in that order; the
    endpoint's id and its signing secret."""
    secret = new_secret()
    async with store.transaction() as session:
        acme = (await accounts.add_account(session, "acme", ["acme.example"])).id
        endpoint_id = await webhooks.add_endpoint(
            session, account_id=acme, url=url, sealed_secret=seal(secret, key),
            events=[EventType.MESSAGE_DELIVERED], now=utcnow(),
        )  # fmt: skip
    async with store.transaction() as session:
        await webhooks.record_events(
            session,
            [Event(EventType.MESSAGE_DELIVERED, acme, a, {"address": a, "n": n})
             for n, a in enumerate(addresses)],
            now=utcnow(),
        )  # fmt: skip
    return endpoint_id, secret


async def delivered_events(
    store: Store, receiver: Receiver, addresses: list[str], *, key: bytes
) -> None:
    """``endpoint_with_events`` at the receiver, which learns the endpoint's secret."""
    _, receiver.secret = await endpoint_with_events(store, receiver.url, addresses, key=key)
