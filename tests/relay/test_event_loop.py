"""Which event loop `relay serve` runs on (server.event_loop)."""

from __future__ import annotations

import asyncio
import sys

import pytest
import uvloop

from config import EventLoop
from relay.process import loop_factory
from relay.service import StartupError


def test_auto_runs_on_uvloop_where_it_is_installed() -> None:
    assert loop_factory(EventLoop.AUTO) is uvloop.new_event_loop
    assert loop_factory(EventLoop.UVLOOP) is uvloop.new_event_loop


def test_asyncio_is_asyncio_own_loop() -> None:
    assert loop_factory(EventLoop.ASYNCIO) is asyncio.new_event_loop


def test_without_uvloop_auto_falls_back_and_uvloop_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        sys.modules, "uvloop", None
    )  # what `import uvloop` meets where it is absent
    assert loop_factory(EventLoop.AUTO) is asyncio.new_event_loop
    with pytest.raises(StartupError, match="uvloop is not installed"):
        loop_factory(EventLoop.UVLOOP)
