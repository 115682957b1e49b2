"""The dashboard's pages over real HTTP on 127.0.0.1: sign-in, the session cookie, CSRF,
roles, escaping of untrusted text, the Unbounce rules, and error pages without tracebacks."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
import trustme
from sqlalchemy import update

from config import Listen
from relay.admin import tokens as api_tokens
from relay.admin.unbounce_rules import CONFIRMATION
from relay.http.app import build_app
from relay.http.server import HttpListener, bind
from storage import admin, web_sessions
from storage.accounts import add_account
from storage.engine import Store, utcnow
from storage.models import WebSession
from tests.relay.http.dash_support import Served, served
from tests.support.api import SETTINGS
from tests.support.dashboard import HOSTILE, RAW_BOUNCE, seed


@pytest.fixture
async def app(store: Store) -> AsyncIterator[Served]:
    async for running in served(store):
        yield running


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, html
    return found.group(1)


@asynccontextmanager
async def sign_in(app: Served, user: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in with ``user``'s API token through the form."""
    async with app.client() as http:
        form = await http.get("/login")
        answer = await http.post(
            "/login",
            data={"token": app.tokens[user], "csrf_token": csrf_of(form.text), "next": "/"},
        )
        assert answer.status_code == 303, answer.text
        yield http


async def test_pages_need_a_session(app: Served) -> None:
    async with app.client() as http:
        answer = await http.get("/campaigns/spring?account=acme")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Fcampaigns%2Fspring%3Faccount%3Dacme"
    async with app.client() as http:
        form = await http.get(answer.headers["location"])
        signed = await http.post(
            "/login",
            data={"token": app.tokens["vera"], "csrf_token": csrf_of(form.text),
                  "next": re.search(r'name="next" value="([^"]+)"', form.text).group(1)},
        )  # fmt: skip
        form = await http.get("/login")
        elsewhere = await http.post(
            "/login",
            data={"token": app.tokens["vera"], "csrf_token": csrf_of(form.text),
                  "next": "//evil.example/"},
        )  # fmt: skip
    assert signed.headers["location"] == "/campaigns/spring?account=acme"
    assert elsewhere.headers["location"] == "/"  # never a redirect off the site


async def test_sign_in_sets_a_strict_http_only_cookie(app: Served) -> None:
    async with app.client() as http:
        form = await http.get("/login")
        answer = await http.post(
            "/login", data={"token": app.tokens["alice"], "csrf_token": csrf_of(form.text)}
        )
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "relay_session=" in c)
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback; over TLS it is Secure
    assert answer.headers["location"] == "/"


async def test_a_bad_token_or_a_forged_sign_in_form_is_refused(app: Served) -> None:
    async with app.client() as http:
        form = await http.get("/login")
        bad = await http.post(
            "/login", data={"token": "brt_nope", "csrf_token": csrf_of(form.text)}
        )
        forged = await http.post("/login", data={"token": app.tokens["alice"]})
    assert bad.status_code == 401
    assert "not valid" in bad.text
    assert forged.status_code == 403
    assert "relay_session" not in forged.headers.get("set-cookie", "")


async def test_a_password_signs_in_a_user_that_has_one(app: Served) -> None:
    async with app.store.transaction() as session:
        await web_sessions.set_password(session, app.seeded.users["mark"].id, "s3cret pass")
    async with app.client() as http:
        form = await http.get("/login")
        wrong = await http.post(
            "/login",
            data={"name": "mark", "password": "nope", "csrf_token": csrf_of(form.text)},
        )
        right = await http.post(  # each answer of the form brings a fresh form token
            "/login",
            data={"name": "mark", "password": "s3cret pass", "csrf_token": csrf_of(wrong.text)},
        )
        home = await http.get("/")
    assert wrong.status_code == 401
    assert right.status_code == 303
    assert "mark (marketing email, acme)" in home.text


async def test_hostile_text_in_a_bounce_is_shown_inert(app: Served) -> None:
    async with sign_in(app, "vera") as http:
        report = await http.get("/campaigns/spring", params={"account": "acme", "tab": "bounced"})
        record = await http.get("/addresses/evil@x.test", params={"account": "acme"})
    for page in (report, record):
        assert page.status_code == 200
        assert HOSTILE not in page.text
        assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page.text
        assert "<script>document" not in page.text
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


async def test_a_message_report_has_its_tabs_and_counts(app: Served) -> None:
    async with sign_in(app, "vera") as http:
        page = await http.get("/messages/%3Cone%40acme.example%3E", params={"account": "acme"})
        csv = await http.get(
            "/report.csv",
            params={"account": "acme", "kind": "campaign", "value": "spring", "tab": "bounced"},
        )
    text = re.sub(r"\s+", " ", page.text)
    for label, count in (("Sent", 2), ("Bounced", 2), ("Not sent", 0), ("Deferred", 1)):
        assert f'{label} <span class="count">{count}</span>' in text
    assert "user_unknown" in text
    rows = csv.text.splitlines()
    assert rows[0].startswith("address,outcome,status,date,reason")
    assert sorted(r.split(",")[0] for r in rows[1:]) == ["evil@x.test", "gone@x.test"]


async def test_a_viewer_sees_no_unbounce_and_may_not_post_one(app: Served) -> None:
    async with sign_in(app, "vera") as http:
        page = await http.get("/addresses/gone@x.test", params={"account": "acme"})
        posted = await http.post(
            "/addresses/gone@x.test/unbounce",
            data={"account": "acme", "confirm": CONFIRMATION, "csrf_token": csrf_of(page.text)},
        )
    assert "Suppressed for acme since 2026-11-23: user_unknown 5.1.1" in page.text
    assert "Unbounce…" not in page.text
    assert 'id="unbounce"' not in page.text
    assert posted.status_code == 403
    assert "only a marketing_email or a super_admin may do this" in posted.text


async def test_unbounce_once_then_refused_by_the_rule(app: Served) -> None:
    async with sign_in(app, "mark") as http:
        page = await http.get("/addresses/gone@x.test", params={"account": "acme", "unbounce": 1})
        token = csrf_of(page.text)
        assert "<dialog" in page.text
        assert "only once" in page.text
        assert CONFIRMATION in page.text
        unconfirmed = await http.post(
            "/addresses/gone@x.test/unbounce",
            data={"account": "acme", "confirm": "yes", "csrf_token": token},
        )
        done = await http.post(
            "/addresses/gone@x.test/unbounce",
            data={"account": "acme", "confirm": CONFIRMATION, "csrf_token": token},
        )
        after = await http.get(done.headers["location"])
        # suppressed again by a new hard bounce, the second unbounce is refused by rule
        async with app.store.transaction() as session:
            from storage.suppressions import suppress

            await suppress(
                session, account_id=app.seeded.account.id, address="gone@x.test",
                reason="user_unknown", detail=None, bounce_id=None, now=utcnow(),
            )  # fmt: skip
        again = await http.post(
            "/addresses/gone@x.test/unbounce",
            data={"account": "acme", "confirm": CONFIRMATION, "csrf_token": token},
        )
    assert unconfirmed.status_code == 422
    assert "word for word" in unconfirmed.text
    assert done.status_code == 303
    assert "was unbounced" in after.text
    assert "Not suppressed for acme" in after.text
    assert again.status_code == 409
    assert "already unbounced once" in again.text


async def test_changes_without_the_csrf_token_are_403(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        missing = await http.post(
            "/addresses/gone@x.test/unbounce", data={"account": "acme", "confirm": CONFIRMATION}
        )
        wrong = await http.post(
            "/addresses/gone@x.test/unbounce",
            data={"account": "acme", "confirm": CONFIRMATION, "csrf_token": "x" * 43},
        )
        logout = await http.post("/logout")
        still = await http.get("/")
    for answer in (missing, wrong, logout):
        assert answer.status_code == 403
        assert "security token" in answer.text
    assert still.status_code == 200  # the forged sign-out did not end the session


async def test_sign_out_ends_the_session_everywhere(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        cookie = http.cookies["relay_session"]
        home = await http.get("/")
        out = await http.post("/logout", data={"csrf_token": csrf_of(home.text)})
    async with app.client(cookies={"relay_session": cookie}) as replay:
        again = await replay.get("/")
    assert out.status_code == 303
    assert again.status_code == 303  # the old cookie no longer names a session


async def test_sessions_expire(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        async with app.store.transaction() as session:
            await session.execute(
                update(WebSession).values(expires_at=utcnow() - dt.timedelta(seconds=1))
            )
        answer = await http.get("/")
    assert answer.status_code == 303


async def test_another_accounts_pages_are_refused(app: Served) -> None:
    async with sign_in(app, "otto") as http:
        report = await http.get("/campaigns/spring", params={"account": "acme"})
        record = await http.get("/addresses/gone@x.test", params={"account": "acme"})
    for page in (report, record):
        assert page.status_code == 403
        assert "does not belong to account acme" in page.text


async def test_an_operator_sees_the_global_tier(app: Served) -> None:
    async with app.store.transaction() as session:
        from storage.suppressions import suppress

        await suppress(
            session, account_id=None, address="gone@x.test", reason="has_moved",
            detail="3 accounts", bounce_id=None, now=utcnow(),
        )  # fmt: skip
    async with sign_in(app, "root") as http:
        page = await http.get("/addresses/gone@x.test", params={"account": "acme"})
        done = await http.post(
            "/addresses/gone@x.test/global-unbounce",
            data={"account": "acme", "confirm": CONFIRMATION, "csrf_token": csrf_of(page.text)},
        )
        listing = await http.get("/suppressions", params={"tier": "global"})
    assert "Global suppression" in page.text
    assert "Lift the global suppression" in page.text
    assert done.status_code == 303
    assert "gone@x.test" not in listing.text


async def test_suppressions_filter_and_export(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        known = await http.get("/suppressions", params={"known": "1"})
        everything = await http.get("/suppressions")
        csv = await http.get("/suppressions.csv", params={"known": "1"})
    assert "gone@x.test" in known.text
    assert "spam@x.test" not in known.text  # a complaint is no hard bounce
    assert "spam@x.test" in everything.text
    lines = csv.text.splitlines()
    assert lines[0] == "address,reason,created,status,tier,detail"
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["evil@x.test", "gone@x.test"]


@pytest.mark.parametrize(
    "path", ["/", "/accounts/acme", "/audit", "/suppressions", "/messages/two@acme.example"]
)
async def test_every_page_renders(app: Served, path: str) -> None:
    async with sign_in(app, "alice") as http:
        page = await http.get(path)
    assert page.status_code == 200, page.text
    assert page.text.startswith("<!doctype html>")
    assert "Traceback" not in page.text


async def test_dates_are_iso_8601_with_their_zone(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        listing = await http.get("/", params={"account": "acme"})
        report = await http.get("/campaigns/spring", params={"account": "acme", "tab": "deferred"})
    # received at NOW (2026-11-23 12:00 UTC); the deferred copy's next attempt NOW + 30 min
    assert '<time datetime="2026-11-23T12:00:00Z">2026-11-23 12:00:00 UTC</time>' in listing.text
    assert '<time datetime="2026-11-23T12:30:00Z">2026-11-23 12:30:00 UTC</time>' in report.text


async def test_empty_states_say_where_the_listeners_are(app: Served) -> None:
    async with app.store.transaction() as session:
        await add_account(session, "quiet", ["quiet.example"])
    async with sign_in(app, "alice") as http:
        unbounced = await http.get("/campaigns/autumn", params={"account": "acme"})
    async with sign_in(app, "root") as http:
        empty = await http.get("/", params={"account": "quiet"})
    assert unbounced.status_code == 200, unbounced.text
    assert "No bounces yet: the bounce listener is at 127.0.0.1:2526;" in unbounced.text
    assert empty.status_code == 200, empty.text
    assert "No messages yet: the submission listener is at 127.0.0.1:2525;" in empty.text


async def test_missing_pages_are_html_and_api_misses_stay_problems(app: Served) -> None:
    async with sign_in(app, "alice") as http:
        page = await http.get("/nowhere")
        missing = await http.get("/messages/nope@x", params={"account": "acme"})
        api = await http.get("/api/v1/nowhere")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "There is no page at /nowhere" in page.text
    assert missing.status_code == 404
    assert "no message" in missing.text
    assert api.headers["content-type"] == "application/problem+json"


async def test_the_raw_returned_message_downloads_with_the_session(app: Served) -> None:
    bounce_id = app.seeded.bounce_id
    async with sign_in(app, "vera") as http:
        page = await http.get("/campaigns/spring", params={"account": "acme"})
        raw = await http.get(f"/bounces/{bounce_id}/raw")
    async with sign_in(app, "otto") as http:
        foreign = await http.get(f"/bounces/{bounce_id}/raw")
    assert f'href="/bounces/{bounce_id}/raw"' in page.text
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "message/rfc822"
    assert raw.content == RAW_BOUNCE
    assert foreign.status_code == 404


async def test_the_bounced_are_saved_as_a_segment(app: Served) -> None:
    async with sign_in(app, "mark") as http:
        page = await http.get("/campaigns/spring", params={"account": "acme"})
        form = {"account": "acme", "kind": "campaign", "value": "spring", "name": "spring-gone"}
        missing = await http.post("/segments", data=form)
        saved = await http.post("/segments", data={**form, "csrf_token": csrf_of(page.text)})
        after = await http.get(saved.headers["location"])
    async with sign_in(app, "vera") as http:
        page = await http.get("/campaigns/spring", params={"account": "acme"})
        viewer = await http.post("/segments", data={**form, "csrf_token": csrf_of(page.text)})
    assert missing.status_code == 403
    assert saved.status_code == 303
    assert "Segment “spring-gone” saved with 2 addresses" in after.text
    assert "Save segment" not in page.text
    assert viewer.status_code == 403
    async with app.store.reading() as session:
        members = await admin.segment_members(session, app.seeded.account.id, "spring-gone")
    assert sorted(m[0] for m in members) == ["evil@x.test", "gone@x.test"]


async def test_a_csv_list_is_imported_with_a_summary(app: Served) -> None:
    upload = b"address,reason\nnew1@x.test,unsubscribed\nGONE@x.test,\nnot-an-address,\n"
    async with sign_in(app, "mark") as http:
        page = await http.get("/suppressions")
        files = {"file": ("list.csv", upload, "text/csv")}
        form = {"account": "acme", "csrf_token": csrf_of(page.text)}
        missing = await http.post("/suppressions/import", data={"account": "acme"}, files=files)
        done = await http.post("/suppressions/import", data=form, files=files)
        listing = await http.get("/suppressions")
    async with sign_in(app, "vera") as http:
        viewer = await http.get("/suppressions")
    assert 'id="import-form"' in page.text
    assert missing.status_code == 403
    assert done.status_code == 200, done.text
    summary = re.sub(r"\s+", " ", done.text)
    assert '<dt>Added</dt><dd id="imported">1</dd>' in summary
    assert "<dt>Already suppressed</dt><dd>1</dd>" in summary
    assert '<dt>Skipped</dt><dd id="skipped">1</dd>' in summary
    assert "not-an-address" in summary
    assert "new1@x.test" in listing.text
    assert 'id="import-form"' not in viewer.text  # a viewer imports nothing


async def test_failed_sign_ins_are_slowed_then_refused(store: Store) -> None:
    server = SETTINGS.server.model_copy(
        update={"auth_failures_before_lockout": 2, "auth_failure_delay": 0.2}
    )
    async for app in served(store, SETTINGS.model_copy(update={"server": server})):
        async with app.client() as http:
            answers = []
            for token in ("brt_a", "brt_b", app.tokens["alice"]):
                form = await http.get("/login")
                started = asyncio.get_running_loop().time()
                answer = await http.post(
                    "/login", data={"token": token, "csrf_token": csrf_of(form.text)}
                )
                answers.append((answer.status_code, asyncio.get_running_loop().time() - started))
    (first, slow1), (second, slow2), (third, _) = answers
    assert (first, second) == (401, 401)
    assert slow1 >= 0.2
    assert slow2 >= 0.4  # the delay doubles
    assert third == 429  # even the right token, from this client, for now


async def test_over_tls_the_session_cookie_is_secure(
    store: Store, ca: trustme.CA, tls_files: tuple[Path, Path]
) -> None:
    seeded = await seed(store)
    async with store.transaction() as session:
        _, token = await api_tokens.add_token(
            session, "root", "alice", name="t", expires_days=None, now=utcnow()
        )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    sock = bind(Listen(host="127.0.0.1", port=0), reuse_port=False)
    listener = HttpListener(build_app(SETTINGS, store), sock, tls=context, drain_timeout=2)
    await listener.start()
    trusted = ssl.create_default_context()
    ca.configure_trust(trusted)
    try:
        async with httpx.AsyncClient(
            base_url=f"https://127.0.0.1:{listener.port}", verify=trusted
        ) as http:
            form = await http.get("/login")
            answer = await http.post(
                "/login", data={"token": token, "csrf_token": csrf_of(form.text)}
            )
    finally:
        await listener.stop()
    assert seeded.users["alice"].name == "alice"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if "relay_session=" in c)
    assert "; Secure" in cookie
    assert "HttpOnly" in cookie
