"""Every /api/ endpoint wants a live bearer token (401 otherwise) and refuses a role or an
account that may not (403), with problem documents naming the rule."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pytest

from relay.admin.unbounce_rules import CONFIRMATION
from relay.http.openapi import BEARER, PATHS
from storage import tokens, webhooks
from storage.accounts import account_by_name
from storage.engine import utcnow
from storage.models import Role
from storage.webhooks import EventType
from tests.support.api import Api, problem_type

# every described operation that takes a token, with its path filled in
GUARDED = sorted(
    (
        re.sub(r"\{address\}", "someone%40example.test", path)
        .replace("{endpoint_id}", "1")
        .replace("{account}", "acme"),
        method,
    )
    for path, ops in PATHS.items()
    for method, op in ops.items()
    if op.get("security") == BEARER
)
BODIES = {
    "/api/v1/suppressions": {"account": "acme", "address": "someone@example.test"},
    "/api/v1/suppressions/check": {"account": "acme", "addresses": ["someone@example.test"]},
    "/api/v1/webhooks": {"account": "acme", "url": "https://hooks.example.test/x", "events": "all"},
}


def body_for(path: str) -> dict[str, object]:
    if path.startswith("/api/v1/global-suppressions/"):
        return {"confirm": CONFIRMATION}
    if path.endswith("/unbounce"):
        return {"account": "acme", "confirm": CONFIRMATION}
    return BODIES.get(path, {})


async def call(http: httpx.AsyncClient, path: str, method: str, **params: str) -> httpx.Response:
    if method == "get":
        return await http.get(path, params={"account": "acme", **params})
    if path.endswith("/import"):
        return await http.post(path, params={"account": "acme"}, content=b"a@b.test\n")
    return await http.request(method.upper(), path, json=body_for(path))


@pytest.fixture
async def acme(api: Api) -> Api:
    await api.account("acme")
    await api.account("other")
    await api.user("root", Role.OPERATOR)
    await api.user("ann", Role.SUPER_ADMIN, "acme")
    await api.user("vic", Role.VIEWER, "acme")
    await api.user("olga", Role.SUPER_ADMIN, "other")
    async with api.store.transaction() as session:  # webhook 1, of acme
        acme_id = (await account_by_name(session, "acme")).id
        await webhooks.add_endpoint(
            session, account_id=acme_id, url="https://hooks.example.test/x", sealed_secret="v1:",
            events=[EventType.MESSAGE_BOUNCED], now=utcnow(),
        )  # fmt: skip
    return api


def test_the_guarded_list_covers_the_api() -> None:
    assert len(GUARDED) >= 9
    assert all(path.startswith("/api/v1/") for path, _ in GUARDED)


async def test_no_token_a_wrong_one_or_another_scheme_is_401_everywhere(acme: Api) -> None:
    wrong = {"Authorization": "Bearer brt_" + "A" * 43}
    basic = {"Authorization": "Basic " + acme.tokens["root"]}
    async with acme.client() as http:
        for path, method in GUARDED:
            for headers in ({}, wrong, basic):
                http.headers.clear()
                http.headers.update(headers)
                answer = await call(http, path, method)
                assert (answer.status_code, problem_type(answer)) == (401, "unauthorized"), (
                    path, method, headers,
                )  # fmt: skip
                assert answer.headers["www-authenticate"] == "Bearer"


async def test_a_revoked_or_expired_token_is_401(acme: Api) -> None:
    async with acme.store.transaction() as session:
        listed = {t.user: t for t in await tokens.list_tokens(session)}
        await tokens.revoke_token(session, listed["ann"].id, now=utcnow())
    async with acme.store.transaction() as session:
        from relay.admin import tokens as api_tokens

        _, short = await api_tokens.add_token(
            session, "root", "vic", name="short", expires_days=1,
            now=utcnow() - dt.timedelta(days=2),
        )  # fmt: skip
    for secret in (acme.tokens["ann"], short):
        async with httpx.AsyncClient(
            base_url=acme.base_url, headers={"Authorization": f"Bearer {secret}"}
        ) as http:
            answer = await http.get("/api/v1/suppressions", params={"account": "acme"})
        assert (answer.status_code, problem_type(answer)) == (401, "unauthorized")


async def test_another_accounts_user_is_403_everywhere(acme: Api) -> None:
    async with acme.client("olga") as http:
        for path, method in GUARDED:
            answer = await call(http, path, method)
            if path.startswith("/api/v1/global-suppressions/"):
                expected = (403, "role")  # no account in play: operators only
            elif "tier=global" in path:
                continue
            elif (path, method) == ("/api/v1/accounts", "get"):
                assert answer.status_code == 200  # their own accounts only (test_api_accounts)
                assert [a["name"] for a in answer.json()["accounts"]] == ["other"]
                continue
            elif path.endswith("/resume"):
                expected = (403, "role")  # operators only, whatever the account
            else:
                expected = (403, "account")
            assert (answer.status_code, problem_type(answer)) == expected, (path, method)


# (path, method) a viewer may not use, and the rule: every change
VIEWER_REFUSED = {
    ("/api/v1/suppressions", "post"),
    ("/api/v1/suppressions/import", "post"),
    ("/api/v1/suppressions/someone%40example.test/unbounce", "post"),
    ("/api/v1/suppressions/someone%40example.test/unbounce", "get"),
    ("/api/v1/global-suppressions/someone%40example.test/unbounce", "post"),
    ("/api/v1/webhooks", "post"),
    ("/api/v1/webhooks/1", "delete"),
    ("/api/v1/webhooks/1/test", "post"),
    ("/api/v1/accounts/acme/resume", "post"),
}


async def test_a_viewer_reads_but_changes_nothing(acme: Api) -> None:
    async with acme.client("vic") as http:
        for path, method in GUARDED:
            answer = await call(http, path, method)
            if (path, method) in VIEWER_REFUSED:
                assert (answer.status_code, problem_type(answer)) == (403, "role"), path
            else:
                assert answer.status_code == 200, (path, method, answer.text)
    assert set(GUARDED) >= VIEWER_REFUSED


async def test_last_used_is_noted(acme: Api) -> None:
    async with acme.client("vic") as http:
        assert (await http.get("/api/v1/suppressions")).status_code == 200
    async with acme.store.reading() as session:
        listed = {t.user: t for t in await tokens.list_tokens(session)}
    assert listed["vic"].last_used_at is not None
    assert listed["ann"].last_used_at is None
