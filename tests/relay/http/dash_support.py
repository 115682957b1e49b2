"""A served app over a store filled as a running relay fills it (tests.support.dashboard),
with an API token for every seeded user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from config import Settings
from relay.admin import tokens as api_tokens
from storage.engine import Store, utcnow
from tests.support.api import SETTINGS
from tests.support.api import served as serve
from tests.support.dashboard import Seeded, seed


@dataclass
class Served:
    store: Store
    base_url: str
    seeded: Seeded
    tokens: dict[str, str]

    def client(self, user: str | None = None, **kwargs: object) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=30,
            **kwargs,  # type: ignore[arg-type]
        )


async def served(store: Store, settings: Settings = SETTINGS) -> AsyncIterator[Served]:
    """Seed the store, make a token per user, serve the app; yields the whole."""
    seeded = await seed(store)
    secrets = {}
    async with store.transaction() as session:
        for name in seeded.users:
            _, secrets[name] = await api_tokens.add_token(
                session, "root", name, name="test", expires_days=None, now=utcnow()
            )
    async with serve(settings, store) as listener:
        yield Served(store, f"http://127.0.0.1:{listener.port}", seeded, secrets)
