"""/api/v1/accounts: the bounce-rate guard's state of the accounts a token may see, and the
operator's resume (the rule `relay accounts resume` uses, audited)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from config.settings import GuardSettings
from storage import listings
from storage.engine import Store
from storage.models import Role
from tests.support.api import SETTINGS, Api, problem_type, served
from tests.support.guarded import send_and_bounce

# a small window and thresholds unlike the defaults, so the answer shows the settings' own
GUARDED = SETTINGS.model_copy(
    update={"guard": GuardSettings(window=10, warn_bounce_rate=0.04, pause_bounce_rate=0.15,
                                   warn_complaint_rate=0.002, pause_complaint_rate=0.006)}
)  # fmt: skip


@pytest.fixture
async def guarded(store: Store) -> AsyncIterator[Api]:
    async with served(GUARDED, store) as listener:
        api = Api(store, GUARDED, f"http://127.0.0.1:{listener.port}")
        acme = await api.account("acme")
        await api.account("other")
        await api.user("root", Role.OPERATOR)
        await api.user("ann", Role.SUPER_ADMIN, "acme")
        await api.user("vic", Role.VIEWER, "acme")
        await send_and_bounce(store, GUARDED, acme, sent=10, bounced=2)
        yield api


async def test_a_paused_account_shows_its_rates_window_and_thresholds(guarded: Api) -> None:
    async with guarded.client("vic") as http:
        answer = await http.get("/api/v1/accounts/acme")
    assert answer.status_code == 200, answer.text
    guard = answer.json()["guard"]
    assert guard["enabled"] is True
    assert guard["state"] == "paused"
    assert guard["why"] == "bounce rate 20.0% over the last 10 copies"
    assert guard["bounce_rate"] == 0.2
    assert guard["complaint_rate"] == 0.0
    assert guard["window"] == {"size": 10, "copies": 10, "full": True}
    assert guard["thresholds"] == {
        "warn_bounce_rate": 0.04, "warn_complaint_rate": 0.002,
        "pause_bounce_rate": 0.15, "pause_complaint_rate": 0.006,
    }  # fmt: skip
    assert guard["since"].endswith("+00:00")


async def test_the_list_holds_only_the_accounts_the_token_may_see(guarded: Api) -> None:
    async with guarded.client("root") as http:
        everyone = (await http.get("/api/v1/accounts")).json()["accounts"]
    async with guarded.client("ann") as http:
        own = (await http.get("/api/v1/accounts")).json()["accounts"]
    states = {a["name"]: a["guard"]["state"] for a in everyone}
    assert states == {"acme": "paused", "other": "active"}
    assert [a["name"] for a in own] == ["acme"]
    assert own[0]["domains"] == ["acme.example"]


async def test_only_an_operator_resumes_and_it_is_audited(guarded: Api) -> None:
    for user in ("ann", "vic"):
        async with guarded.client(user) as http:
            refused = await http.post("/api/v1/accounts/acme/resume")
        assert (refused.status_code, problem_type(refused)) == (403, "role"), user
        assert "only an operator may do this" in refused.json()["detail"]
    async with guarded.client("root") as http:
        missing = await http.post("/api/v1/accounts/nobody/resume")
        assert (missing.status_code, problem_type(missing)) == (404, "not-found")
        resumed = await http.post("/api/v1/accounts/acme/resume")
        assert resumed.status_code == 200, resumed.text
        body = resumed.json()
        assert body["was"] == {"state": "paused",
                               "why": "bounce rate 20.0% over the last 10 copies"}  # fmt: skip
        assert body["guard"]["state"] == "active"
        assert body["guard"]["window"]["copies"] == 0  # a fresh window
        after = (await http.get("/api/v1/accounts/acme")).json()["guard"]
    assert after["state"] == "active"
    assert after["bounce_rate"] == 0.0
    async with guarded.store.reading() as session:
        rows = await listings.audit_page(session, account_id=None, action="account_resume")
    assert [(r.actor, r.subject) for r in rows] == [("root", "acme")]


async def test_the_openapi_document_describes_them(guarded: Api) -> None:
    async with guarded.client() as http:
        paths = (await http.get("/api/v1/openapi.json")).json()["paths"]
    assert "get" in paths["/api/v1/accounts"]
    assert "get" in paths["/api/v1/accounts/{account}"]
    assert "403" in paths["/api/v1/accounts/{account}/resume"]["post"]["responses"]
