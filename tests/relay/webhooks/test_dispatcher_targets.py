"""An endpoint's checked target serves the dispatcher's passes for a few seconds (one name
look-up and check an endpoint every few seconds, not one a pass): meanwhile the requests go to
the address that was checked, never to what the name resolves to since, and once that time is
out the name is resolved and checked again, so a name turned to an internal address is refused.

The name service is the event loop's getaddrinfo, answered here from a table (no DNS server on
the loopback); nothing connects anywhere."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from config.settings import WebhookSettings
from relay.webhooks.dispatcher import TARGET_TTL, Dispatcher
from relay.webhooks.targets import TargetRefused
from storage.engine import Store, open_store
from tests.support.api import SETTINGS

URL = "https://hooks.example/in?tenant=7"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    made = open_store(f"sqlite+aiosqlite:///{tmp_path / 'relay.db'}")
    yield made
    await made.close()


@pytest.fixture
async def names(monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], list[str]]:
    """The addresses names resolve to (change them to re-point a name), and each look-up."""
    answers = {"hooks.example": "93.184.215.14"}  # a global address: allowed
    asked: list[str] = []

    async def getaddrinfo(host: str, port: int, **_: Any) -> list[Any]:
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", getaddrinfo)
    return answers, asked


async def test_a_checked_target_is_kept_a_while_then_checked_again_and_refused(
    store: Store, names: tuple[dict[str, str], list[str]]
) -> None:
    answers, asked = names
    hooked = WebhookSettings(allow_private=False)  # as in production
    hooks = Dispatcher(SETTINGS.model_copy(update={"webhooks": hooked}), store, b"k" * 32)
    assert hooks.target_ttl == TARGET_TTL > 0

    first = await hooks._target(URL)
    assert str(first.address) == "93.184.215.14"
    assert first.headers["host"] == "hooks.example"
    assert first.server_hostname == "hooks.example"  # TLS checks the name, not the address
    assert asked == ["hooks.example"]

    answers["hooks.example"] = "10.0.0.7"  # the name re-pointed inside (DNS rebinding)
    kept = await hooks._target(URL)
    # No look-up within the time: the checked address, never the internal one.
    assert kept is first
    assert asked == ["hooks.example"]

    hooks.target_ttl = 0.0  # the time is out
    with pytest.raises(TargetRefused, match=r"internal address \(10\.0\.0\.7\)"):
        await hooks._target(URL)
    assert asked == ["hooks.example"] * 2
    hooks.target_ttl = TARGET_TTL
    # A refusal is not kept: the next attempt looks the name up again.
    with pytest.raises(TargetRefused, match="internal address"):
        await hooks._target(URL)
    assert asked == ["hooks.example"] * 3
