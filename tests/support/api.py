"""The HTTP API on a real socket of 127.0.0.1: an app served by uvicorn on the test's loop,
over a real store, with users and tokens made through the rules `relay tokens add` applies."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from config import Listen, Settings, load_settings
from relay.admin import tokens as api_tokens
from relay.http.app import relay_app
from relay.http.problems import BASE, MEDIA_TYPE
from relay.http.server import HttpListener, bind
from storage import admin
from storage.accounts import AccountInfo, add_account
from storage.engine import Store, utcnow
from storage.models import Role
from storage.suppressions import suppress, suppression_case
from tests.support.records import hard_bounced

SETTINGS = load_settings(environ={})


@dataclass
class Api:
    """A served app, its store, and a token per user name."""

    store: Store
    settings: Settings
    base_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None, **kwargs: Any) -> httpx.AsyncClient:
        """A client sending ``user``'s token (none when None)."""
        headers = {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=60, **kwargs)

    async def account(self, name: str, *, authenticated: bool = True) -> AccountInfo:
        """An account with a sending domain (whose check passed an hour ago, unless not)."""
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

    async def user(self, name: str, role: Role, account: str | None = None) -> str:
        """Add a user and a token acting as it (made by the operator root); the token."""
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


@asynccontextmanager
async def served(settings: Settings, store: Store) -> AsyncIterator[HttpListener]:
    """The app `relay serve` runs (less /metrics) on 127.0.0.1 (a free port) on the running loop."""
    listener = HttpListener(
        relay_app(settings, store),
        bind(Listen(host="127.0.0.1", port=0), reuse_port=False),
        tls=None,
        drain_timeout=2,
    )
    await listener.start()
    try:
        yield listener
    finally:
        await listener.stop()


def problem_type(answer: httpx.Response) -> str:
    """The problem's rule (the end of its type URI); fails unless it is a problem document."""
    assert answer.headers["content-type"] == MEDIA_TYPE, answer.text
    body = answer.json()
    assert body["status"] == answer.status_code
    assert body["type"].startswith(BASE)
    assert "Traceback" not in answer.text
    return str(body["type"]).removeprefix(BASE)


async def hard_bounce(
    store: Store, account: AccountInfo, address: str, *, reason: str = "user_unknown"
) -> int:
    """A copy sent by ``account`` to ``address`` that hard-bounced, now: the suppression it
    makes has that bounce as evidence. Returns the bounce's id."""
    async with store.transaction() as session:
        await hard_bounced(
            session, account.id, address, reason=reason, now=utcnow(), message_id=f"<m-{address}>"
        )
    async with store.reading() as session:
        case = await suppression_case(session, account.id, address)
    assert case is not None
    assert case.bounce_id is not None
    return case.bounce_id


async def suppress_directly(
    store: Store,
    address: str,
    *,
    account: AccountInfo | None,
    reason: str,
    at: dt.datetime | None = None,
) -> None:
    """A suppression without a bounce behind it (global when ``account`` is None)."""
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=account.id if account else None,
            address=address,
            reason=reason,
            detail=None,
            bounce_id=None,
            now=at or utcnow(),
        )
