"""API tokens in the store: only the digest is kept; a token works until it expires or is
revoked; cursors of suppression pages round-trip and foreign ones are refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from config import async_database_url
from storage import admin, tokens
from storage.accounts import add_account
from storage.engine import Store, open_store
from storage.models import Role
from storage.schema import ensure_schema
from storage.suppression_pages import BadCursor, decode_cursor, encode_cursor

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


async def test_a_token_lives_until_it_expires_or_is_revoked(store: Store) -> None:
    async with store.transaction() as session:
        await add_account(session, "acme", [])
        ann = await admin.add_user(session, "ann", Role.SUPER_ADMIN, "acme", now=NOW)
        info, secret = await tokens.add_token(
            session, ann, name="crm", expires_at=NOW + dt.timedelta(days=1), now=NOW
        )
    assert secret.startswith("brt_")
    assert len(secret) >= 40
    async with store.reading() as session:
        found = await tokens.bearer(session, secret, now=NOW)
        expired = await tokens.bearer(session, secret, now=NOW + dt.timedelta(days=1))
        wrong = await tokens.bearer(session, secret[:-1] + "x", now=NOW)
        unprefixed = await tokens.bearer(session, secret.removeprefix("brt_"), now=NOW)
        stored = (await session.execute(text("SELECT token_hash FROM api_tokens"))).scalars()
        hashes = list(stored)
    assert found is not None
    assert (found.user.name, found.user.role, found.user.account) == (
        "ann", Role.SUPER_ADMIN, "acme",
    )  # fmt: skip
    assert (expired, wrong, unprefixed) == (None, None, None)
    assert hashes == [tokens.digest(secret)]
    assert secret not in hashes[0]
    async with store.transaction() as session:
        assert await tokens.revoke_token(session, info.id, now=NOW)
        assert not await tokens.revoke_token(session, info.id, now=NOW)
    async with store.reading() as session:
        assert await tokens.bearer(session, secret, now=NOW) is None
        (listed,) = await tokens.list_tokens(session)
    assert listed.state(NOW) == "revoked"


async def test_last_use_is_written_at_most_once_a_minute(store: Store) -> None:
    async with store.transaction() as session:
        root = await admin.add_user(session, "root", Role.OPERATOR, None, now=NOW)
        info, _ = await tokens.add_token(session, root, name="", expires_at=None, now=NOW)
        assert await tokens.touch(session, info, now=NOW)
    async with store.transaction() as session:
        used = await tokens.token_by_id(session, info.id)
        assert used.last_used_at == NOW
        assert not await tokens.touch(session, used, now=NOW + dt.timedelta(seconds=59))
        assert await tokens.touch(session, used, now=NOW + dt.timedelta(seconds=60))


def test_cursors_round_trip_and_foreign_ones_are_refused() -> None:
    assert decode_cursor(encode_cursor(NOW, 42)) == (NOW, 42)
    for foreign in ("", "nonsense", "W10", encode_cursor(NOW, 1)[:-3], "WyJ4IiwgMV0"):
        with pytest.raises(BadCursor):
            decode_cursor(foreign)
