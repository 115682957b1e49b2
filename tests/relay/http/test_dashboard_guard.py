"""The account page shows the bounce-rate guard's state with the thresholds from the settings,
and operators (only) resume a paused account there, through the CLI's rule, with CSRF."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from storage import listings
from storage.engine import Store
from tests.relay.http.dash_support import Served, served
from tests.relay.http.test_api_accounts import GUARDED
from tests.relay.http.test_dashboard import csrf_of, sign_in
from tests.support.guarded import send_and_bounce


@pytest.fixture
async def app(store: Store) -> AsyncIterator[Served]:
    async for running in served(store, GUARDED):
        await send_and_bounce(store, GUARDED, running.seeded.account, sent=10, bounced=2)
        yield running


async def test_the_page_shows_the_pause_and_the_settings_thresholds(app: Served) -> None:
    async with sign_in(app, "vera") as http:
        page = await http.get("/accounts/acme")
    assert page.status_code == 200, page.text
    assert 'class="guard-state">paused<' in page.text
    # when it paused: an ISO 8601 <time> with its zone, shown as every date is
    assert re.search(
        r'Paused since <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">'
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC</time>:",
        page.text,
    ), page.text
    assert "bounce rate 20.0% over the last 10 copies" in page.text
    assert "pauses at 15% or 0.6%" in page.text
    assert "warn 4%</text>" in page.text  # the chart's lines: GUARDED's, not the defaults
    assert "pause 15%</text>" in page.text
    assert "pause 0.6%</text>" in page.text
    assert "pause 10%</text>" not in page.text
    assert "Resume sending" not in page.text


async def test_only_an_operator_resumes_and_only_with_the_csrf_token(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        page = await http.get("/accounts/acme")
        assert "Resume sending" not in page.text
        refused = await http.post("/accounts/acme/resume", data={"csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403
        assert "only an operator may do this" in refused.text
    async with sign_in(app, "root") as http:
        page = await http.get("/accounts/acme")
        assert "Resume sending" in page.text
        forged = await http.post("/accounts/acme/resume", data={"csrf_token": "x" * 43})
        assert forged.status_code == 403
        assert 'class="guard-state">paused<' in (await http.get("/accounts/acme")).text
        done = await http.post("/accounts/acme/resume", data={"csrf_token": csrf_of(page.text)})
        assert (done.status_code, done.headers["location"]) == (
            303, "/accounts/acme?done=resumed",
        )  # fmt: skip
        after = await http.get(done.headers["location"])
    assert 'class="guard-state">active<' in after.text
    assert "Resumed: the account may send again" in after.text
    assert "Resume sending" not in after.text
    async with app.store.reading() as session:
        rows = await listings.audit_page(session, account_id=None, action="account_resume")
    assert [(r.actor, r.subject) for r in rows] == [("root", "acme")]
