"""/webhooks: an account's endpoints with state and recent deliveries; add (the secret shown
once) and remove through relay.webhooks.endpoints, CSRF on every form, the CLI's roles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest

from config.settings import WebhookSettings
from storage import listings, webhooks
from storage.engine import Store, utcnow
from storage.webhooks import Event, EventType
from tests.relay.http.dash_support import Served, served
from tests.relay.http.test_dashboard import csrf_of, sign_in
from tests.support.api import SETTINGS

HOOKED = SETTINGS.model_copy(update={"webhooks": WebhookSettings(allow_private=True)})


@pytest.fixture
async def app(store: Store) -> AsyncIterator[Served]:
    async for running in served(store, HOOKED):
        yield running


async def _endpoint(store: Store, account_id: int, url: str) -> int:
    async with store.transaction() as session:
        return await webhooks.add_endpoint(
            session, account_id=account_id, url=url, sealed_secret="v1:",
            events=[EventType.MESSAGE_BOUNCED], now=utcnow(),
        )  # fmt: skip


async def _two_attempts(store: Store, account_id: int) -> None:
    """An event's first attempt answered 503, the second 200: the dispatcher's storage path."""
    now = utcnow()
    async with store.transaction() as session:
        await webhooks.record_events(
            session, [Event(EventType.MESSAGE_BOUNCED, account_id, "a@x.test", {"hard": True})],
            now=now,
        )  # fmt: skip
    for status in (503, 200):
        async with store.transaction() as session:
            (held,) = await webhooks.claim_deliveries(
                session, now=now + dt.timedelta(hours=1), lease=30, limit=1, holder=None
            )
            if status == 200:
                await webhooks.settle_delivered(session, held, status=200, duration_ms=7, now=now)
            else:
                await webhooks.settle_failed(
                    session, held, status=503, error="HTTP 503", retry_at=now, duration_ms=5,
                    now=now,
                )  # fmt: skip


async def test_endpoints_show_their_state_and_recent_deliveries(app: Served) -> None:
    acme = app.seeded.account.id
    live = await _endpoint(app.store, acme, "https://hooks.acme.example/live")
    dead = await _endpoint(app.store, acme, "https://hooks.acme.example/dead")
    await _endpoint(app.store, app.seeded.other.id, "https://hooks.other.example/secret")
    await _two_attempts(app.store, acme)
    async with app.store.transaction() as session:
        await webhooks.disable_endpoint(session, dead, reason="410 Gone", now=utcnow())
    async with sign_in(app, "vera") as http:
        page = await http.get("/webhooks")
    assert page.status_code == 200, page.text
    assert "https://hooks.acme.example/live" in page.text
    assert "hooks.other.example" not in page.text  # another account's
    section = page.text[page.text.index(f'id="e{dead}"') :]
    assert "Disabled</span> since" in section
    assert "410 Gone" in section
    live_part = page.text[page.text.index(f'id="e{live}"') : page.text.index(f'id="e{dead}"')]
    assert re.findall(r'<td class="status">(\d+)</td>', live_part) == ["200", "503"]
    assert "HTTP 503" in live_part
    assert "Add an endpoint" not in page.text  # a viewer changes nothing
    assert "Remove endpoint" not in page.text


async def test_add_shows_the_secret_once_and_remove_is_audited(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        page = await http.get("/webhooks")
        assert "No webhooks yet" in page.text
        form = {
            "account": "acme",
            "url": "http://127.0.0.1:9/hook",
            "csrf_token": csrf_of(page.text),
        }
        added = await http.post(
            "/webhooks", data={**form, "events": ["message.bounced", "suppression.created"]}
        )
        assert added.status_code == 200, added.text
        secret = re.search(r'<code id="secret">(whsec_[A-Za-z0-9+/=]+)</code>', added.text)
        assert secret is not None, added.text
        again = await http.get("/webhooks")
        assert "http://127.0.0.1:9/hook" in again.text
        assert "message.bounced, suppression.created" in again.text
        assert secret.group(1) not in again.text  # once
        async with app.store.reading() as session:
            (endpoint,) = await webhooks.list_endpoints(session, app.seeded.account.id)
        removed = await http.post(
            f"/webhooks/{endpoint.id}/remove",
            data={"account": "acme", "csrf_token": csrf_of(again.text)},
        )
        assert (removed.status_code, removed.headers["location"]) == (
            303, "/webhooks?account=acme&done=removed",
        )  # fmt: skip
        gone = await http.get(removed.headers["location"])
    assert "http://127.0.0.1:9/hook" not in gone.text
    assert "was removed" in gone.text
    async with app.store.reading() as session:
        rows = await listings.audit_page(session, account_id=None, actor="alice")
    assert [r.action for r in rows] == ["webhook_remove", "webhook_add"]


async def test_a_refused_target_or_no_event_is_said_on_the_page(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        page = await http.get("/webhooks")
        form = {"account": "acme", "url": "ftp://hooks.acme.example/x",
                "csrf_token": csrf_of(page.text), "events": "message.bounced"}  # fmt: skip
        refused = await http.post("/webhooks", data=form)
        assert refused.status_code == 422
        assert 'role="alert"' in refused.text
        assert "ftp://hooks.acme.example/x" in refused.text  # the form keeps what was typed
        none = await http.post(
            "/webhooks", data={**form, "url": "http://127.0.0.1:9/h", "events": []}
        )
        assert none.status_code == 422
        assert "choose at least one event" in none.text
    async with app.store.reading() as session:
        assert await webhooks.list_endpoints(session, app.seeded.account.id) == []


async def test_roles_and_csrf_as_the_cli(app: Served) -> None:
    other = await _endpoint(app.store, app.seeded.other.id, "https://hooks.other.example/x")
    async with sign_in(app, "otto") as http:
        assert (await http.get("/webhooks?account=acme")).status_code == 403
    async with sign_in(app, "vera") as http:
        page = await http.get("/webhooks")
        token = csrf_of(page.text)
        form = {"account": "acme", "url": "http://127.0.0.1:9/v", "events": "message.bounced"}
        viewer = await http.post("/webhooks", data={**form, "csrf_token": token})
        assert viewer.status_code == 403
        assert "user vera is a viewer: only an operator or a super_admin may do this" in viewer.text
    async with sign_in(app, "alice") as http:
        token = csrf_of((await http.get("/webhooks")).text)
        forged = await http.post("/webhooks", data={**form, "csrf_token": "x" * 43})
        assert forged.status_code == 403
        unsigned = await http.post(f"/webhooks/{other}/remove", data={"account": "acme"})
        assert unsigned.status_code == 403
        foreign = await http.post(f"/webhooks/{other}/remove", data={"csrf_token": token})
        assert foreign.status_code == 403
        assert "does not belong to account other" in foreign.text
        missing = await http.post("/webhooks/999/remove", data={"csrf_token": token})
        assert missing.status_code == 404
    async with app.store.reading() as session:
        assert await webhooks.list_endpoints(session, app.seeded.account.id) == []
        assert [e.id for e in await webhooks.list_endpoints(session, None)] == [other]


async def test_an_operator_chooses_the_account_first(app: Served) -> None:
    async with sign_in(app, "root") as http:
        page = await http.get("/webhooks")
        assert page.status_code == 200
        assert 'href="/webhooks?account=acme"' in page.text
        assert "Add an endpoint" in (await http.get("/webhooks?account=other")).text
