"""The suppression resources over real HTTP: list and filter with cursors, look up, the bulk
check against what RCPT itself answers, add, unbounce under every rule (each refusal its own
problem type), the operator's global unbounce, CSV import and export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import httpx
import pytest

from relay.admin.unbounce_rules import CONFIRMATION
from storage import admin
from storage.bounces import COMPLAINT
from storage.engine import utcnow
from storage.models import Role
from tests.conftest import MakeRelay
from tests.support.api import Api, hard_bounce, problem_type, suppress_directly
from tests.support.harness import Relay

V1 = "/api/v1"


@pytest.fixture
async def acme(api: Api) -> Api:
    """acme (authenticated domain) with a super admin, a marketer and a viewer; other with its
    own super admin; the operator root."""
    await api.account("acme")
    await api.account("other")
    await api.user("root", Role.OPERATOR)
    await api.user("ann", Role.SUPER_ADMIN, "acme")
    await api.user("meg", Role.MARKETING_EMAIL, "acme")
    await api.user("vic", Role.VIEWER, "acme")
    await api.user("olga", Role.SUPER_ADMIN, "other")
    return api


async def account_of(api: Api, name: str) -> Any:
    async with api.store.reading() as session:
        from storage.accounts import account_by_name

        return await account_by_name(session, name)


def unbounce_body(account: str = "acme", confirm: str = CONFIRMATION) -> dict[str, str]:
    return {"account": account, "confirm": confirm}


# --- list ----------------------------------------------------------------------------------


async def test_list_pages_newest_first_with_a_cursor_and_filters(acme: Api) -> None:
    account = await account_of(acme, "acme")
    start = utcnow() - dt.timedelta(days=30)
    for n in range(25):
        await suppress_directly(
            acme.store,
            f"user{n:02}@list.test",
            account=account,
            reason="manual" if n % 2 else "imported",
            at=start + dt.timedelta(days=n),
        )
    await hard_bounce(acme.store, account, "dead@list.test")
    await suppress_directly(acme.store, "g@list.test", account=None, reason="host_unknown")
    seen: list[str] = []
    cursor = None
    async with acme.client("vic") as http:
        for _ in range(10):
            params = {"account": "acme", "limit": "10", **({"cursor": cursor} if cursor else {})}
            page = (await http.get(f"{V1}/suppressions", params=params)).json()
            seen += [item["address"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        known = await http.get(
            f"{V1}/suppressions", params={"account": "acme", "hard_reason_known": "true"}
        )
        unknown = await http.get(
            f"{V1}/suppressions", params={"account": "acme", "hard_reason_known": "false"}
        )
        manual = await http.get(
            f"{V1}/suppressions", params={"account": "acme", "reason": "manual"}
        )
        since = await http.get(
            f"{V1}/suppressions",
            params={"account": "acme", "since": (start + dt.timedelta(days=20)).isoformat()},
        )
        part = await http.get(f"{V1}/suppressions", params={"account": "acme", "address": "ER0"})
        bad_cursor = await http.get(
            f"{V1}/suppressions", params={"account": "acme", "cursor": "nonsense"}
        )
    # newest first: the bounce (now), then user24 ... user00; the global one is not acme's
    assert seen == ["dead@list.test", *(f"user{n:02}@list.test" for n in reversed(range(25)))]
    (item,) = known.json()["items"]
    assert item["address"] == "dead@list.test"
    assert item["bounce_reason"] == "user_unknown"
    assert item["hard"] is True
    assert item["bounce_id"] is not None
    assert len(unknown.json()["items"]) == 25
    assert {i["reason"] for i in manual.json()["items"]} == {"manual"}
    assert len(manual.json()["items"]) == 12
    assert len(since.json()["items"]) == 6  # user20 .. user24 and the bounce
    assert sorted(i["address"] for i in part.json()["items"]) == [
        f"user0{n}@list.test" for n in range(10)
    ]
    assert (bad_cursor.status_code, problem_type(bad_cursor)) == (422, "malformed")


async def test_the_global_tier_is_listed_for_operators_only(acme: Api) -> None:
    await suppress_directly(acme.store, "g@list.test", account=None, reason="host_unknown")
    async with acme.client("root") as http:
        listed = await http.get(f"{V1}/suppressions", params={"tier": "global"})
    async with acme.client("ann") as http:
        refused = await http.get(f"{V1}/suppressions", params={"tier": "global"})
    assert [(i["address"], i["tier"]) for i in listed.json()["items"]] == [
        ("g@list.test", "global")
    ]
    assert (refused.status_code, problem_type(refused)) == (403, "role")


# --- one address ----------------------------------------------------------------------------


async def test_get_one_says_whether_and_why_with_the_evidence(acme: Api) -> None:
    account = await account_of(acme, "acme")
    bounce_id = await hard_bounce(acme.store, account, "dead@one.test")
    await suppress_directly(acme.store, "g@one.test", account=None, reason="host_unknown")
    async with acme.client("vic") as http:
        dead = await http.get(f"{V1}/suppressions/Dead@ONE.test", params={"account": "acme"})
        shared = await http.get(f"{V1}/suppressions/g%40one.test", params={"account": "acme"})
        fine = await http.get(f"{V1}/suppressions/fine@one.test", params={"account": "acme"})
        junk = await http.get(f"{V1}/suppressions/not-an-address", params={"account": "acme"})
    body = dead.json()
    assert body["suppressed"] is True
    assert body["tier"] == "account"
    assert body["address"] == "dead@one.test"
    assert (body["reason"], body["bounce_id"], body["dsn_status"]) == (
        "user_unknown", bounce_id, "5.1.1",
    )  # fmt: skip
    assert dt.datetime.fromisoformat(body["since"]).tzinfo is not None
    assert (shared.json()["suppressed"], shared.json()["tier"]) == (True, "global")
    assert fine.json() == {
        "address": "fine@one.test",
        "account": "acme",
        "suppressed": False,
        "tier": None,
        "globally_suppressed": False,
    }
    assert (junk.status_code, problem_type(junk)) == (422, "bad-address")


# --- the bulk check -------------------------------------------------------------------------

CHECKED = [
    "dead@check.test",  # the account's own suppression
    "DEAD@Check.Test",  # the same, spelled otherwise
    "g@check.test",  # global
    "fine@check.test",
    "a%b@check.test",  # relay form
    "no-at-sign",  # syntax
    "josé@check.test",  # non-ASCII: needs SMTPUTF8
    "x@localhost",  # never a destination of direct MX delivery
    "x@[127.0.0.1]",  # an address literal: not taken at all
]


async def test_check_answers_what_rcpt_answers(make_relay: MakeRelay) -> None:
    # The relay itself (its HTTP listener on the same loop): the check's replies must be the
    # very replies its SMTP listener gives at RCPT TO.
    relay = await make_relay(delivery={"upstream": "mx"}, http={"listen": "127.0.0.1:0"})
    assert relay.service.http is not None
    api = Api(relay.service.store, relay.settings, f"http://127.0.0.1:{relay.service.http.port}")  # type: ignore[arg-type]
    await api.user("root", Role.OPERATOR)
    account = await account_of(api, "acme")
    await hard_bounce(api.store, account, "dead@check.test")
    await suppress_directly(api.store, "g@check.test", account=None, reason="host_unknown")
    for smtputf8 in (False, True):
        async with api.client("root") as http:
            answer = await http.post(
                f"{V1}/suppressions/check",
                json={"account": "acme", "addresses": CHECKED, "smtputf8": smtputf8},
            )
        results = answer.json()["results"]
        assert [r["address"] for r in results] == CHECKED
        for address, result in zip(CHECKED, results, strict=True):
            assert result["reply"] == await rcpt_reply(relay, address, smtputf8=smtputf8), address
            assert result["refused"] is not result["reply"].startswith("250")
    causes = [r["cause"] for r in results]
    assert causes == [
        "suppressed", "suppressed", "suppressed", None, "relay_form", "bad_address", None,
        "destination", "bad_address",
    ]  # fmt: skip
    assert answer.json()["not_sendable"] == 7


async def rcpt_reply(relay: Relay, address: str, *, smtputf8: bool) -> str:
    async with relay.client() as smtp:
        options = ["SMTPUTF8"] if smtputf8 else []
        await smtp.mail("news@acme.example", options=options)
        code, text = await smtp.execute_command(b"RCPT", f"TO:<{address}>".encode())
    return f"{code} {text}"


async def test_check_takes_at_most_10000_addresses(acme: Api) -> None:
    async with acme.client("vic") as http:
        many = await http.post(
            f"{V1}/suppressions/check",
            json={"account": "acme", "addresses": [f"u{n}@x.test" for n in range(10_000)]},
        )
        too_many = await http.post(
            f"{V1}/suppressions/check",
            json={"account": "acme", "addresses": [f"u{n}@x.test" for n in range(10_001)]},
        )
        not_json = await http.post(f"{V1}/suppressions/check", content=b"{nope")
        wrong = await http.post(f"{V1}/suppressions/check", json={"account": "acme"})
    assert many.json()["checked"] == 10_000
    assert (too_many.status_code, problem_type(too_many)) == (422, "malformed")
    assert (not_json.status_code, problem_type(not_json)) == (422, "malformed")
    assert (wrong.status_code, problem_type(wrong)) == (422, "malformed")
    assert wrong.json()["errors"][0]["field"] == "addresses"


# --- add ------------------------------------------------------------------------------------


async def test_add_suppresses_once_and_is_audited(acme: Api) -> None:
    body = {"account": "acme", "address": "Stop@Add.test", "reason": "unsubscribed"}
    async with acme.client("ann") as http:
        first = await http.post(f"{V1}/suppressions", json=body)
        again = await http.post(f"{V1}/suppressions", json=body)
        bad = await http.post(f"{V1}/suppressions", json={**body, "address": "a b@add.test"})
        check = await http.post(
            f"{V1}/suppressions/check", json={"account": "acme", "addresses": ["stop@add.test"]}
        )
    assert (first.status_code, first.json()["added"]) == (201, True)
    assert (again.status_code, again.json()["added"]) == (200, False)
    assert (bad.status_code, problem_type(bad)) == (422, "bad-address")
    assert check.json()["results"][0]["cause"] == "suppressed"
    async with acme.store.reading() as session:
        log = await admin.audit_log(session, account_id=None, since=None)
    assert [(e.actor, e.action, e.subject) for e in log if e.action == "suppression_add"] == [
        ("ann", "suppression_add", "stop@add.test")
    ]


async def test_add_is_refused_to_a_viewer_and_to_another_account(acme: Api) -> None:
    body = {"account": "acme", "address": "stop@add.test"}
    async with acme.client("vic") as http:
        viewer = await http.post(f"{V1}/suppressions", json=body)
    async with acme.client("olga") as http:
        stranger = await http.post(f"{V1}/suppressions", json=body)
        nowhere = await http.post(f"{V1}/suppressions", json={**body, "account": "nope"})
    assert (viewer.status_code, problem_type(viewer)) == (403, "role")
    assert (stranger.status_code, problem_type(stranger)) == (403, "account")
    # not 404: another tenant learns nothing of which accounts exist
    assert (nowhere.status_code, problem_type(nowhere)) == (403, "account")


# --- unbounce -------------------------------------------------------------------------------


async def unbounce(api: Api, user: str, address: str, **body: str) -> httpx.Response:
    async with api.client(user) as http:
        return await http.post(f"{V1}/suppressions/{address}/unbounce", json=unbounce_body(**body))


async def test_unbounce_lifts_the_bounce_once_and_only_once(acme: Api) -> None:
    account = await account_of(acme, "acme")
    await hard_bounce(acme.store, account, "dead@unb.test")
    async with acme.client("meg") as http:
        preview = await http.get(
            f"{V1}/suppressions/dead@unb.test/unbounce", params={"account": "acme"}
        )
    assert preview.json()["suppression"]["reason"] == "user_unknown"
    assert preview.json()["quota"] == {"allowed": 10, "used": 0, "remaining": 10}
    done = await unbounce(acme, "meg", "dead@unb.test")
    assert done.status_code == 200, done.text
    assert done.json()["quota"] == {"allowed": 10, "used": 1, "remaining": 9}
    async with acme.client("meg") as http:
        state = await http.get(f"{V1}/suppressions/dead@unb.test", params={"account": "acme"})
    assert state.json()["suppressed"] is False
    await hard_bounce(acme.store, account, "dead@unb.test")  # bounces again: suppressed again
    again = await unbounce(acme, "meg", "dead@unb.test")
    assert (again.status_code, problem_type(again)) == (409, "unbounce-once")


@pytest.mark.parametrize(
    ("user", "confirm", "status", "rule"),
    [
        ("vic", CONFIRMATION, 403, "role"),
        ("root", CONFIRMATION, 403, "role"),  # operators lift global bounces, not an account's
        ("olga", CONFIRMATION, 403, "account"),
        ("ann", "", 422, "unconfirmed"),
        ("ann", CONFIRMATION.lower(), 422, "unconfirmed"),
        ("ann", CONFIRMATION + ".", 422, "unconfirmed"),
    ],
)
async def test_unbounce_refusals_by_role_and_confirmation(
    acme: Api, user: str, confirm: str, status: int, rule: str
) -> None:
    account = await account_of(acme, "acme")
    await hard_bounce(acme.store, account, "dead@unb.test")
    answer = await unbounce(acme, user, "dead@unb.test", confirm=confirm)
    assert (answer.status_code, problem_type(answer)) == (status, rule)
    if rule == "unconfirmed":
        assert answer.json()["confirmation"] == CONFIRMATION
    async with acme.client("ann") as http:
        state = await http.get(f"{V1}/suppressions/dead@unb.test", params={"account": "acme"})
    assert state.json()["suppressed"] is True  # nothing changed


async def test_unbounce_refusals_by_rule(acme: Api) -> None:
    account = await account_of(acme, "acme")
    await acme.account("bare", authenticated=False)
    await acme.user("bea", Role.SUPER_ADMIN, "bare")
    bare = await account_of(acme, "bare")
    await hard_bounce(acme.store, bare, "dead@bare.test")
    await suppress_directly(acme.store, "g@unb.test", account=None, reason="host_unknown")
    await suppress_directly(acme.store, "spam@unb.test", account=account, reason=COMPLAINT)
    answers = {
        "authenticated-domain": await unbounce(acme, "bea", "dead@bare.test", account="bare"),
        "global-tier": await unbounce(acme, "ann", "g@unb.test"),
        "not-suppressed": await unbounce(acme, "ann", "fine@unb.test"),
        "complaint": await unbounce(acme, "ann", "spam@unb.test"),
    }
    for rule, answer in answers.items():
        assert (answer.status_code, problem_type(answer)) == (409, rule), answer.text
    async with acme.client("ann") as http:
        preview = await http.get(
            f"{V1}/suppressions/g@unb.test/unbounce", params={"account": "acme"}
        )
    assert (preview.status_code, problem_type(preview)) == (409, "global-tier")


async def test_the_monthly_quota_refuses_the_eleventh(acme: Api) -> None:
    account = await account_of(acme, "acme")
    async with acme.store.transaction() as session:
        ann = await admin.user_by_name(session, "ann")
        for n in range(10):  # ten unbounces made earlier this month
            await admin.record_unbounce(
                session,
                account_id=account.id,
                address=f"before{n}@unb.test",
                user_id=ann.id,
                reason="user_unknown",
                bounce_id=None,
                now=utcnow() - dt.timedelta(seconds=n + 1),
            )
    await hard_bounce(acme.store, account, "dead@unb.test")
    answer = await unbounce(acme, "ann", "dead@unb.test")
    assert (answer.status_code, problem_type(answer)) == (409, "unbounce-quota")
    assert "10 of 10 used" in answer.json()["detail"]


async def test_global_unbounce_is_the_operators_and_never_for_abandoned_mailboxes(
    acme: Api,
) -> None:
    await suppress_directly(acme.store, "g@glob.test", account=None, reason="host_unknown")
    await suppress_directly(acme.store, "gone@glob.test", account=None, reason="user_unknown")
    body = {"confirm": CONFIRMATION}
    async with acme.client("ann") as http:
        refused = await http.post(f"{V1}/global-suppressions/g@glob.test/unbounce", json=body)
    async with acme.client("root") as http:
        unconfirmed = await http.post(
            f"{V1}/global-suppressions/g@glob.test/unbounce", json={"confirm": "yes"}
        )
        lifted = await http.post(f"{V1}/global-suppressions/g@glob.test/unbounce", json=body)
        abandoned = await http.post(f"{V1}/global-suppressions/gone@glob.test/unbounce", json=body)
        nothing = await http.post(f"{V1}/global-suppressions/g@glob.test/unbounce", json=body)
    assert (refused.status_code, problem_type(refused)) == (403, "role")
    assert (unconfirmed.status_code, problem_type(unconfirmed)) == (422, "unconfirmed")
    assert lifted.status_code == 200
    assert (abandoned.status_code, problem_type(abandoned)) == (409, "abandoned-mailbox")
    assert (nothing.status_code, problem_type(nothing)) == (409, "not-suppressed")


# --- CSV ------------------------------------------------------------------------------------

ESP_EXPORT = (
    "Email Address,Reason,Date Added\n"
    "One@Import.test,hard_bounce,2026-11-01\n"
    "two@import.test,,2026-11-02 10:00:00\n"
    "not an address,x,2026-11-03\n"
    "one@import.test,dup,2026-11-04\n"
)


async def test_import_a_raw_csv_body_then_export_it(acme: Api) -> None:
    async with acme.client("meg") as http:
        imported = await http.post(
            f"{V1}/suppressions/import",
            params={"account": "acme", "filename": "esp.csv"},
            content=ESP_EXPORT.encode(),
            headers={"content-type": "text/csv"},
        )
        exported = await http.get(f"{V1}/suppressions.csv", params={"account": "acme"})
    assert imported.status_code == 200, imported.text
    body = imported.json()
    assert (body["rows"], body["imported"], body["already_suppressed"], body["skipped"]) == (
        3, 2, 1, 1,
    )  # fmt: skip
    assert body["bad_rows"] == ["esp.csv:4: not an address: 'not an address'"]
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["address", "reason", "created", "status"]
    assert sorted(r[:3] for r in rows[1:]) == [
        ["one@import.test", "hard_bounce", "2026-11-01 00:00:00"],
        ["two@import.test", "imported", "2026-11-02 10:00:00"],
    ]
    assert exported.headers["content-type"].startswith("text/csv")
    async with acme.store.reading() as session:
        log = await admin.audit_log(session, account_id=None, since=None)
    assert [(e.actor, e.subject) for e in log if e.action == "suppressions_import"] == [
        ("meg", "esp.csv")
    ]


async def test_import_a_form_upload_and_refusals(acme: Api) -> None:
    files = {"file": ("list.csv", b"a@form.test\nb@form.test\n", "text/csv")}
    async with acme.client("ann") as http:
        uploaded = await http.post(
            f"{V1}/suppressions/import", params={"account": "acme"}, files=files
        )
        empty = await http.post(
            f"{V1}/suppressions/import", params={"account": "acme"}, content=b""
        )
        no_column = await http.post(
            f"{V1}/suppressions/import", params={"account": "acme"}, content=b"x,y\n1,2\n"
        )
        no_file = await http.post(
            f"{V1}/suppressions/import",
            params={"account": "acme"},
            data={"other": "1"},
            files={"nope": ("x.csv", b"a@b.test\n")},
        )
    async with acme.client("vic") as http:
        viewer = await http.post(
            f"{V1}/suppressions/import", params={"account": "acme"}, files=files
        )
    assert uploaded.json()["imported"] == 2
    assert uploaded.json()["file"] == "list.csv"
    assert (empty.status_code, problem_type(empty)) == (422, "malformed")
    assert "no address column" in no_column.json()["detail"]
    assert (no_file.status_code, problem_type(no_file)) == (422, "malformed")
    assert (viewer.status_code, problem_type(viewer)) == (403, "role")
