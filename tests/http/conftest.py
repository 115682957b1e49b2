"""An API served by uvicorn on a real socket of 127.0.0.1, over a real store, with users and
tokens made through the same rules as `relay tokens add`."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from config import Listen, Settings, async_database_url, load_settings
from relay import api_tokens
from relay.http.app import build_app
from relay.http.server import HttpListener, bind
from storage import admin
from storage.accounts import AccountInfo, add_account
from storage.engine import Store, open_store, utcnow
from storage.models import Role
from storage.schema import ensure_schema

SETTINGS = load_settings(environ={})


@dataclass
class Api:
    """A served app, its store, and a token per user name."""

    store: Store
    settings: Settings
    base_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None, **kwargs: object) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=30,
            **kwargs,  # type: ignore[arg-type]
        )

    async def account(self, name: str, *, authenticated: bool = True) -> AccountInfo:
        async with self.store.transaction() as session:
            info = await add_account(session, name, [f"{name}.example"])
            if authenticated:
                await admin.store_domain_check(
                    session,
                    f"{name}.example",
                    passed=True,
                    detail=[],
                    now=utcnow() - dt.timedelta(hours=1),
                )
        return info

    async def user(self, name: str, role: Role, account: str | None) -> str:
        """Add a user and a token acting as it (made by the operator ``root``); the token."""
        async with self.store.transaction() as session:
            if await admin.user_count(session) == 0:
                await admin.add_user(session, "root", Role.OPERATOR, None, now=utcnow())
            if name != "root":
                await admin.add_user(session, name, role, account, now=utcnow())
            _, secret = await api_tokens.add_token(
                session, "root", name, name="test", expires_days=None, now=utcnow()
            )
        self.tokens[name] = secret
        return secret


async def serve(settings: Settings, store: Store) -> AsyncIterator[str]:
    """The app on 127.0.0.1 (a free port) on the running loop; yields its base URL."""
    listener = HttpListener(
        build_app(settings, store),
        bind(Listen(host="127.0.0.1", port=0), reuse_port=False),
        tls=None,
        drain_timeout=2,
    )
    await listener.start()
    try:
        yield f"http://127.0.0.1:{listener.port}"
    finally:
        await listener.stop()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


@pytest.fixture
async def api(store: Store) -> AsyncIterator[Api]:
    async for url in serve(SETTINGS, store):
        yield Api(store, SETTINGS, url)
