"""The read resources of /api/v1 over real HTTP on 127.0.0.1: a message's and a campaign's
results by tab, an address's record, a bounce and its raw message, stats; their auth."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest

from relay.http.problems import BASE, MEDIA_TYPE
from storage.engine import Store
from tests.relay.http.dash_support import Served, served
from tests.support.dashboard import HOSTILE, RAW_BOUNCE


@pytest.fixture
async def app(store: Store) -> AsyncIterator[Served]:
    async for running in served(store):
        yield running


@pytest.mark.parametrize(
    "spelled", ["<one@acme.example>", "one@acme.example", "%3Cone%40acme.example%3E"]
)
async def test_a_message_by_its_id_with_or_without_brackets(app: Served, spelled: str) -> None:
    async with app.client("vera") as http:
        answer = await http.get(f"/api/v1/messages/{spelled}", params={"account": "acme"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["message"] == "<one@acme.example>"
    assert body["counts"] == {
        "sent": 2, "bounced": 2, "not_sent": 0, "deferred": 1, "total": 5, "bounce_rate": 0.5,
    }  # fmt: skip
    bounced = {r["address"]: r for r in body["tabs"]["bounced"]["recipients"]}
    gone = bounced["gone@x.test"]["bounce"]
    assert (gone["hard"], gone["reason"], gone["status"], gone["reply_code"]) == (
        True, "user_unknown", "5.1.1", 550,
    )  # fmt: skip
    assert gone["raw"] == f"/api/v1/bounces/{app.seeded.bounce_id}/raw"
    assert bounced["evil@x.test"]["bounce"]["diagnostic"] == HOSTILE
    (deferred,) = body["tabs"]["deferred"]["recipients"]
    assert deferred["next_attempt"] == "2026-11-23T12:30:00+00:00"


async def test_a_message_id_holding_a_slash(app: Served) -> None:
    async with app.client("vera") as http:
        answer = await http.get(f"/api/v1/messages/{quote('<a/b@x>', safe='')}")
    assert answer.status_code == 404  # looked up (not a routing miss): the id was whole
    assert "<a/b@x>" in answer.json()["detail"]


async def test_a_campaign_with_one_tab_and_its_pages(app: Served) -> None:
    seen: list[str] = []
    cursor = None
    async with app.client("alice") as http:
        for _ in range(5):
            params = {"tab": "bounced", "limit": "1", **({"cursor": cursor} if cursor else {})}
            answer = await http.get("/api/v1/campaigns/spring", params=params)
            assert answer.status_code == 200, answer.text
            tab = answer.json()["tabs"]
            assert list(tab) == ["bounced"]
            seen += [r["address"] for r in tab["bounced"]["recipients"]]
            cursor = tab["bounced"]["next_cursor"]
            if cursor is None:
                break
    assert seen == ["gone@x.test", "evil@x.test"]
    async with app.client("alice") as http:
        body = (await http.get("/api/v1/campaigns/spring", params={"tab": "not_sent"})).json()
    (row,) = body["tabs"]["not_sent"]["recipients"]
    assert (row["address"], row["why"]) == ("gone@x.test", "previously bounced")
    assert body["counts"]["total"] == 7


async def test_an_address_record_and_state(app: Served) -> None:
    async with app.client("mark") as http:
        answer = await http.get("/api/v1/addresses/GONE@x.test", params={"account": "acme"})
    body = answer.json()
    assert body["address"] == "gone@x.test"
    assert body["state"]["line"] == "Suppressed for acme since 2026-11-23: user_unknown 5.1.1"
    assert body["state"]["bounce_id"] == app.seeded.bounce_id
    assert [e["kind"] for e in body["events"]] == ["send", "bounce", "suppression", "send"]


async def test_a_bounce_and_its_raw_message(app: Served) -> None:
    bounce_id = app.seeded.bounce_id
    async with app.client("vera") as http:
        facts = await http.get(f"/api/v1/bounces/{bounce_id}")
        raw = await http.get(f"/api/v1/bounces/{bounce_id}/raw")
        none = await http.get(f"/api/v1/bounces/{app.seeded.hostile_bounce_id}/raw")
    assert facts.json()["address"] == "gone@x.test"
    assert facts.json()["campaign"] == "spring"
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "message/rfc822"
    assert raw.content == RAW_BOUNCE
    assert none.status_code == 404
    assert none.headers["content-type"] == MEDIA_TYPE


async def test_stats_per_day(app: Served) -> None:
    params = {"account": "acme", "from": "2026-11-01", "to": "2026-12-01", "interval": "day"}
    async with app.client("root") as http:
        answer = await http.get("/api/v1/stats", params=params)
    (day,) = answer.json()["intervals"]
    assert day["start"] == "2026-11-23"
    assert (day["sent"], day["bounced_hard"], day["complaints"], day["not_sent"]) == (4, 2, 1, 1)
    assert day["bounce_rate"] == 0.5


@pytest.mark.parametrize(
    ("params", "slug"),
    [
        ({"interval": "week"}, "malformed"),
        ({"cursor": "7"}, "malformed"),
        ({"from": "yesterday"}, "malformed"),
        ({"from": "2026-12-01", "to": "2026-11-01"}, "malformed"),
        ({"from": "2020-01-01", "to": "2026-01-01", "interval": "hour"}, "malformed"),
    ],
)
async def test_bad_parameters_are_422(app: Served, params: dict[str, str], slug: str) -> None:
    path = "/api/v1/campaigns/spring" if "cursor" in params else "/api/v1/stats"
    async with app.client("alice") as http:
        answer = await http.get(path, params=params)
    assert answer.status_code == 422
    assert answer.json()["type"] == BASE + slug


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/messages/one@acme.example?account=acme",
        "/api/v1/campaigns/spring?account=acme",
        "/api/v1/addresses/gone@x.test?account=acme",
        "/api/v1/bounces/1",
        "/api/v1/bounces/1/raw",
        "/api/v1/stats?account=acme",
    ],
)
async def test_every_resource_needs_a_token_and_the_account(app: Served, path: str) -> None:
    async with app.client() as http:
        anonymous = await http.get(path)
    async with app.client("otto") as http:  # a super administrator of another account
        other = await http.get(path)
    assert anonymous.status_code == 401
    assert anonymous.json()["type"] == BASE + "unauthorized"
    if "/bounces/" in path:
        assert other.status_code == 404  # another account's bounce is not there for it
    else:
        assert other.status_code == 403
        assert other.json()["type"] == BASE + "account"


async def test_an_operator_names_the_account(app: Served) -> None:
    async with app.client("root") as http:
        bare = await http.get("/api/v1/campaigns/spring")
        named = await http.get("/api/v1/campaigns/spring", params={"account": "other"})
        bounce = await http.get(f"/api/v1/bounces/{app.seeded.bounce_id}")
    assert bare.status_code == 422
    assert named.json()["counts"]["total"] == 1
    assert bounce.status_code == 200


async def test_the_openapi_document_lists_the_read_resources(app: Served) -> None:
    async with app.client() as http:
        paths = (await http.get("/api/v1/openapi.json")).json()["paths"]
    for path in (
        "/api/v1/messages/{message_id}",
        "/api/v1/campaigns/{campaign}",
        "/api/v1/addresses/{address}",
        "/api/v1/bounces/{bounce_id}",
        "/api/v1/bounces/{bounce_id}/raw",
        "/api/v1/stats",
    ):
        assert "get" in paths[path], path
