"""Fixtures of the HTTP tests: a fresh store and the API served over it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from config import async_database_url
from storage.engine import Store, open_store
from storage.schema import ensure_schema
from tests.support.api import SETTINGS, Api, served


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


@pytest.fixture
async def api(store: Store) -> AsyncIterator[Api]:
    async with served(SETTINGS, store) as listener:
        yield Api(store, SETTINGS, f"http://127.0.0.1:{listener.port}")
