"""``/api/v1/webhooks`` over real HTTP: the same rules as ``relay webhooks``, the secret once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from config.settings import VerpSettings, WebhookSettings
from relay.http.problems import BASE, MEDIA_TYPE
from relay.webhooks.dispatcher import Dispatcher
from relay.webhooks.secrets import unseal
from storage import admin, webhooks
from storage.engine import Store, utcnow
from storage.models import Role
from tests.support.api import SETTINGS, Api, served
from tests.support.webhook_receiver import Receiver

KEY = b"api-test-verp-key-0123456789"


async def _serve(store: Store, *, allow_private: bool) -> AsyncIterator[Api]:
    settings = SETTINGS.model_copy(
        update={
            "webhooks": WebhookSettings(allow_private=allow_private),
            "verp": VerpSettings(key=SecretStr(KEY.decode())),
        }
    )
    async with served(settings, store) as listener:
        yield Api(store, settings, f"http://127.0.0.1:{listener.port}")


@pytest.fixture
async def hooks_api(store: Store) -> AsyncIterator[Api]:
    async for api in _serve(store, allow_private=True):
        yield api


@pytest.fixture
async def strict_api(store: Store) -> AsyncIterator[Api]:
    async for api in _serve(store, allow_private=False):
        yield api


async def test_register_list_remove(hooks_api: Api) -> None:
    api = hooks_api
    await api.account("acme")
    await api.user("ann", Role.SUPER_ADMIN, "acme")
    await api.user("vic", Role.VIEWER, "acme")
    body = {"account": "acme", "url": "http://127.0.0.1:9/hooks", "events": ["message.bounced"]}
    async with api.client("ann") as http:
        made = await http.post("/api/v1/webhooks", json=body)
        assert made.status_code == 201, made.text
        secret = made.json()["secret"]
        assert secret.startswith("whsec_")
        listed = await http.get("/api/v1/webhooks", params={"account": "acme"})
    assert listed.status_code == 200
    [shown] = listed.json()["webhooks"]
    assert shown["events"] == ["message.bounced"]
    assert shown["enabled"] is True
    assert "secret" not in shown
    async with api.store.reading() as session:
        [stored] = await webhooks.list_endpoints(session, None)
        endpoint = await session.get(webhooks.WebhookEndpoint, stored.id)
    assert endpoint is not None
    assert unseal(endpoint.secret, KEY) == secret

    async with api.client("vic") as http:
        denied = await http.delete(f"/api/v1/webhooks/{shown['id']}")
        made_by_viewer = await http.post("/api/v1/webhooks", json=body)
    for answer in (denied, made_by_viewer):
        assert answer.status_code == 403
        assert answer.json()["type"] == BASE + "role"
    async with api.client() as http:
        assert (await http.post("/api/v1/webhooks", json=body)).status_code == 401
    async with api.client("ann") as http:
        gone = await http.delete(f"/api/v1/webhooks/{shown['id']}")
        again = await http.delete(f"/api/v1/webhooks/{shown['id']}")
    assert gone.status_code == 204
    assert again.status_code == 404


async def test_bad_requests_and_internal_targets(strict_api: Api) -> None:
    api = strict_api
    await api.account("acme")
    await api.user("ann", Role.SUPER_ADMIN, "acme")
    async with api.client("ann") as http:
        internal = await http.post(
            "/api/v1/webhooks",
            json={"account": "acme", "url": "http://169.254.169.254/", "events": "all"},
        )
        unknown = await http.post(
            "/api/v1/webhooks",
            json={"account": "acme", "url": "https://x.example/", "events": ["nope"]},
        )
        broken = await http.post("/api/v1/webhooks", content=b"{not json")
    assert internal.status_code == 422
    assert internal.headers["content-type"] == MEDIA_TYPE
    assert internal.json()["type"] == BASE + "webhook-target"
    assert unknown.status_code == 422
    assert unknown.json()["type"] == BASE + "malformed"
    assert broken.status_code == 422


async def test_send_test_event_to_one_endpoint_through_the_outbox(hooks_api: Api) -> None:
    api = hooks_api
    await api.account("acme")
    await api.account("other")
    await api.user("ann", Role.SUPER_ADMIN, "acme")
    await api.user("vic", Role.VIEWER, "acme")
    await api.user("olga", Role.SUPER_ADMIN, "other")
    receiver, bystander = Receiver(), Receiver()
    for r in (receiver, bystander):
        r.start()
    try:
        async with api.client("ann") as http:
            ids = []
            for r in (receiver, bystander):
                made = await http.post("/api/v1/webhooks", json={
                    "account": "acme", "url": r.url, "events": "all"})  # fmt: skip
                assert made.status_code == 201, made.text
                r.secret = made.json()["secret"]
                ids.append(made.json()["id"])
            sent = await http.post(f"/api/v1/webhooks/{ids[0]}/test")
        assert sent.status_code == 202, sent.text
        assert sent.json()["type"] == "webhook.test"
        event_id = sent.json()["event_id"]

        dispatcher = Dispatcher(api.settings, api.store, KEY)
        async with dispatcher.client() as client:
            assert await dispatcher.deliver_due(client) == 1
        [arrival] = receiver.arrivals
        assert (arrival.type, arrival.webhook_id) == ("webhook.test", event_id)
        assert arrival.data["endpoint"] == ids[0]
        assert arrival.data["sent_by"] == "ann"
        assert bystander.requests == 0
        assert receiver.unverified == []
        async with api.store.reading() as session:
            [logged] = await webhooks.attempts_log(session, ids[0])
            audit = await admin.audit_log(session, account_id=None, since=None)
        assert (logged.event, logged.event_id, logged.status_code) == (
            "webhook.test",
            event_id,
            204,
        )
        assert [e.actor for e in audit if e.action == "webhook_test"] == ["ann"]
    finally:
        for r in (receiver, bystander):
            r.stop()

    async with api.client("vic") as http:
        viewer = await http.post(f"/api/v1/webhooks/{ids[0]}/test")
    async with api.client("olga") as http:
        stranger = await http.post(f"/api/v1/webhooks/{ids[0]}/test")
    async with api.client() as http:
        anonymous = await http.post(f"/api/v1/webhooks/{ids[0]}/test")
    async with api.store.transaction() as session:
        await webhooks.disable_endpoint(session, ids[1], reason="410 Gone", now=utcnow())
    async with api.client("ann") as http:
        disabled = await http.post(f"/api/v1/webhooks/{ids[1]}/test")
        missing = await http.post("/api/v1/webhooks/999/test")
    assert (viewer.status_code, viewer.json()["type"]) == (403, BASE + "role")
    assert stranger.status_code == 403
    assert anonymous.status_code == 401
    assert (disabled.status_code, disabled.json()["type"]) == (409, BASE + "webhook-disabled")
    assert disabled.headers["content-type"] == MEDIA_TYPE
    assert missing.status_code == 404
    async with api.store.reading() as session:
        assert await webhooks.outbox_depth(session) == 0  # only the one test event was written
