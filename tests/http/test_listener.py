"""The HTTP listener: served by uvicorn on the running loop, the health check, tokens (401),
and problem details instead of tracebacks."""

from __future__ import annotations

import datetime as dt

from relay.http.problems import BASE, MEDIA_TYPE
from storage import tokens
from storage.engine import open_store, utcnow
from storage.models import Role
from tests.http.conftest import SETTINGS, Api, serve


async def test_healthz_answers_ok_without_a_token(api: Api) -> None:
    async with api.client() as http:
        answer = await http.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


async def test_healthz_is_503_when_the_store_does_not_answer() -> None:
    # a PostgreSQL URL on a port nobody listens on: every connection is refused
    dead = open_store("postgresql+asyncpg://relay:relay@127.0.0.1:9/none")
    try:
        async for url in serve(SETTINGS, dead):
            async with Api(dead, SETTINGS, url).client() as http:
                answer = await http.get("/healthz")
    finally:
        await dead.close()
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}


async def test_unknown_path_is_a_problem_document(api: Api) -> None:
    async with api.client() as http:
        answer = await http.get("/api/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == MEDIA_TYPE
    assert answer.json()["type"] == BASE + "not-found"


async def test_a_token_acts_as_its_user_until_revoked_or_expired(api: Api) -> None:
    await api.account("acme")
    secret = await api.user("ann", Role.SUPER_ADMIN, "acme")
    assert secret.startswith("brt_")
    async with api.store.reading() as session:
        found = await tokens.bearer(session, secret, now=utcnow())
        later = await tokens.bearer(session, secret, now=utcnow() + dt.timedelta(days=9999))
        wrong = await tokens.bearer(session, secret + "x", now=utcnow())
    assert found is not None
    assert found.user.name == "ann"
    assert later is not None  # no expiry given
    assert wrong is None
    async with api.store.transaction() as session:
        assert await tokens.revoke_token(session, found.token.id, now=utcnow())
    async with api.store.reading() as session:
        assert await tokens.bearer(session, secret, now=utcnow()) is None


async def test_only_the_digest_is_stored(api: Api) -> None:
    await api.account("acme")
    secret = await api.user("ann", Role.SUPER_ADMIN, "acme")
    async with api.store.reading() as session:
        listed = await tokens.list_tokens(session)
    assert [t.user for t in listed] == ["ann"]
    from sqlalchemy import text

    async with api.store.reading() as session:
        stored = (await session.execute(text("SELECT token_hash FROM api_tokens"))).scalars().all()
    assert stored == [tokens.digest(secret)]
    assert secret not in stored
