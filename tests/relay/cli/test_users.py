"""The admin side end to end: a relay running, the ``relay`` command on the same store (in this
process, and once as a real one), and the changes taking effect at the relay's next RCPT."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage import admin
from storage.engine import utcnow
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.cli import relay_cmd
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


async def rcpt(relay: Relay, to: str) -> int:
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", f"TO:<{to}>".encode())
    return code


async def send(relay: Relay, to: list[str], campaign: str = "spring-sale") -> None:
    async with relay.client() as smtp:
        extra = f"X-Campaign-ID: {campaign}\r\n"
        await smtp.sendmail(SENDER, to, message(SENDER, ", ".join(to), extra=extra))


@pytest.fixture
async def admin_relay(relay: Relay, tmp_path: Path) -> Relay:
    """The relay, an operator, a super admin and a viewer of acme, and a passed domain check."""
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    for name, role in [("ann", "super_admin"), ("vic", "viewer"), ("meg", "marketing_email")]:
        done = await relay_cmd(
            tmp_path, "users", "add", name, "--account", "acme", "--role", role, "--as", "root"
        )
        assert done.returncode == 0, done.stderr
    async with db.store_of(relay).transaction() as session:
        await admin.store_domain_check(
            session, "acme.example", passed=True, detail=[], now=utcnow()
        )
    return relay


async def test_unbounce_end_to_end_once_only(
    admin_relay: Relay, upstream: Upstream, tmp_path: Path
) -> None:
    relay = admin_relay
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 <dead@example.net>: User unknown"
    await send(relay, ["dead@example.net"])
    assert await rcpt(relay, "dead@example.net") == 550

    refused = await relay_cmd(
        tmp_path, "unbounce", "dead@example.net", "--account", "acme", "--as", "vic", "--confirm"
    )
    assert refused.returncode == 3
    assert "only a marketing_email or a super_admin may" in refused.stderr

    declined = await relay_cmd(
        tmp_path, "unbounce", "Dead@Example.net", "--account", "acme", "--as", "ann", stdin="n\n"
    )
    assert declined.returncode == 3
    assert "user_unknown" in declined.stdout  # the bounce was shown before the question
    assert "5.1.1" in declined.stdout
    assert "I confirm this email address is correct [y/N]" in declined.stdout
    assert await rcpt(relay, "dead@example.net") == 550

    done = await relay_cmd(
        tmp_path, "unbounce", "dead@example.net", "--account", "acme", "--as", "meg", stdin="y\n"
    )
    assert done.returncode == 0, done.stderr
    assert "1 of 10 used, 9 remaining" in done.stdout
    assert await rcpt(relay, "dead@example.net") == 250

    await send(relay, ["dead@example.net"])  # bounces hard again
    assert await rcpt(relay, "dead@example.net") == 550
    again = await relay_cmd(
        tmp_path, "unbounce", "dead@example.net", "--account", "acme", "--as", "ann", "--confirm"
    )
    assert again.returncode == 3
    assert "already unbounced once" in again.stderr

    audit = await relay_cmd(tmp_path, "audit", "--account", "acme", "--json")
    actions = [json.loads(line)["action"] for line in audit.stdout.splitlines()]
    assert actions.count("unbounce") == 1
    assert "user_add" in actions


async def test_unbounce_without_as_or_with_a_bad_address(
    admin_relay: Relay, tmp_path: Path
) -> None:
    no_user = await relay_cmd(tmp_path, "unbounce", "a@b.example", "--account", "acme")
    assert no_user.returncode == 1
    assert "--as USER" in no_user.stderr
    bad = await relay_cmd(
        tmp_path, "unbounce", "not-an-address", "--account", "acme", "--as", "ann"
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


async def test_users_need_a_manager_after_the_first(admin_relay: Relay, tmp_path: Path) -> None:
    by_viewer = await relay_cmd(
        tmp_path, "users", "add", "x", "--account", "acme", "--role", "viewer", "--as", "vic"
    )
    assert by_viewer.returncode == 3
    by_admin = await relay_cmd(tmp_path, "users", "add", "op2", "--role", "operator", "--as", "ann")
    assert by_admin.returncode == 3
    listed = await relay_cmd(tmp_path, "users", "list", "--csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert {r["user"]: r["role"] for r in rows} == {
        "root": "operator",
        "ann": "super_admin",
        "vic": "viewer",
        "meg": "marketing_email",
    }


async def test_report_counts_match_a_scripted_run(
    make_relay: MakeRelay, upstream: Upstream, tmp_path: Path
) -> None:
    relay = await make_relay(bounces={"soft_threshold": 0})
    await db.suppress(relay, "acme", "old@example.net", "user_unknown")
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    upstream.rcpt_replies["spam@example.net"] = "554 5.7.1 Message rejected as spam"
    upstream.rcpt_replies["later@example.net"] = "451 4.3.0 try later"
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        for to in [
            "ok1@example.net",
            "ok2@example.net",
            "dead@example.net",
            "spam@example.net",
            "later@example.net",
        ]:
            await smtp.rcpt(to)
        code, _ = await smtp.execute_command(b"RCPT", b"TO:<old@example.net>")
        assert code == 550
        await smtp.data(message(SENDER, "list", extra="X-Campaign-ID: autumn\r\n"))

    done = await relay_cmd(tmp_path, "report", "autumn", "--account", "acme", "--json")
    assert done.returncode == 0, done.stderr
    outcomes = {json.loads(x)["address"]: json.loads(x) for x in done.stdout.splitlines()}
    assert {a: o["outcome"] for a, o in outcomes.items()} == {
        "ok1@example.net": "sent",
        "ok2@example.net": "sent",
        "dead@example.net": "bounced_hard",
        "spam@example.net": "bounced_soft",
        "later@example.net": "deferred",
        "old@example.net": "not_sent",
    }
    assert outcomes["old@example.net"]["detail"] == "previously bounced"
    assert outcomes["spam@example.net"]["reason"] == "spam_detected"

    table = await relay_cmd(
        tmp_path, "report", "autumn", "--account", "acme", "--save-segment", "autumn-bounced"
    )
    assert table.returncode == 0
    assert "segment autumn-bounced saved with 2 addresses" in table.stdout
    csv_out = await relay_cmd(
        tmp_path, "report", "autumn", "--account", "acme", "--bounced", "--csv"
    )
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert sorted(r["address"] for r in rows) == ["dead@example.net", "spam@example.net"]
    hard = await relay_cmd(tmp_path, "bounces", "list", "--account", "acme", "--hard", "--json")
    assert [json.loads(x)["address"] for x in hard.stdout.splitlines()] == ["dead@example.net"]
    every = await relay_cmd(tmp_path, "bounces", "list", "--account", "acme", "--json")
    parties = {json.loads(x)["address"]: json.loads(x)["party"] for x in every.stdout.splitlines()}
    assert parties == {"dead@example.net": "recipient", "spam@example.net": "sender"}
    sender = await relay_cmd(
        tmp_path, "bounces", "list", "--account", "acme", "--party", "sender", "--json"
    )
    assert [json.loads(x)["address"] for x in sender.stdout.splitlines()] == ["spam@example.net"]
    unjudged = await relay_cmd(
        tmp_path, "bounces", "list", "--account", "acme", "--undetermined", "--json"
    )
    assert (unjudged.returncode, unjudged.stdout) == (0, "")
    show = await relay_cmd(tmp_path, "bounces", "show", "dead@example.net", "--account", "acme")
    assert show.returncode == 0
    assert "user_unknown" in show.stdout
    assert "account" in show.stdout  # the suppression's scope


async def test_report_of_an_unknown_campaign_is_one_line(relay: Relay, tmp_path: Path) -> None:
    done = await relay_cmd(tmp_path, "report", "nope", "--account", "acme")
    assert done.returncode == 1
    assert done.stderr.strip() == "relay: error: no message or campaign 'nope' for account acme"


async def test_piped_views_print_every_value_whole(
    relay: Relay, upstream: Upstream, tmp_path: Path
) -> None:
    # A long address and a long diagnostic: a table cut to the terminal's width would lose both.
    dead = "a.very.long.local.part.that.goes.on.and.on.dead@subdomain.example.net"
    diagnostic = "550 5.1.1 " + "the mailbox does not exist here, " * 4 + "sorry"
    upstream.rcpt_replies[dead] = diagnostic
    await send(relay, [dead])
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    piped = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "relay", "--config", str(tmp_path / "relay.toml"),
         "bounces", "list", "--account", "acme"],
        capture_output=True, text=True, env={**env, "COLUMNS": "80"}, timeout=60, check=False,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    header, row, total = piped.stdout.splitlines()
    assert header.split("\t")[:4] == ["address", "hard", "reason", "party"]
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert cells["address"] == dead
    assert cells["diagnostic"] == diagnostic.removeprefix("550 ")  # the reply's text
    assert "…" not in piped.stdout
    assert total == "1 bounce"
    hard = await relay_cmd(tmp_path, "bounces", "list", "--account", "acme", "--hard")
    assert hard.stdout.splitlines()[-1] == "1 address"


async def test_bounces_show_has_json(relay: Relay, upstream: Upstream, tmp_path: Path) -> None:
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    await send(relay, ["dead@example.net"])
    done = await relay_cmd(
        tmp_path, "bounces", "show", "dead@example.net", "--account", "acme", "--json"
    )
    assert done.returncode == 0, done.stderr
    history = json.loads(done.stdout)
    assert (history["address"], history["account"]) == ("dead@example.net", "acme")
    assert [b["reason"] for b in history["bounces"]] == ["user_unknown"]
    assert [s["scope"] for s in history["suppressions"]] == ["account"]
    assert len(history["sends"]) == 1
    assert history["unbounces"] == []


async def test_an_imported_suppression_is_not_called_a_bounce(relay: Relay, tmp_path: Path) -> None:
    await db.suppress(relay, "acme", "left@example.net", "unsubscribed")
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, text = await smtp.execute_command(b"RCPT", b"TO:<left@example.net>")
    assert code == 550
    assert "not sent: suppressed on" in text
    assert "bounced" not in text
