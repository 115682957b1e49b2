"""``relay bounces reclassify``: stored verdicts judged wrong by an older parser, corrected from
the evidence kept (real returned messages, real SMTP replies) by the command as a real process
on a real store."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from config import async_database_url
from relay.bounce.recording import record_bounce
from storage import admin
from storage.accounts import AccountInfo, add_account
from storage.bounces import BounceEvidence
from storage.engine import Store, open_store, utcnow
from storage.models import AuditEntry, Bounce, BounceSource, Recipient, Role, Suppression
from storage.schema import ensure_schema
from storage.suppression_lists import add_suppression
from tests.support.cli import Done, relay_cmd
from tests.support.dsn import dsn
from tests.support.records import sent_copy

NOW = utcnow()
RETURN_PATH = "b+token@bounces.acme.example"
# The evidence: the Status field of the returned message and its diagnostic.
USER_UNKNOWN = ("5.1.1", "smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown")
MAILBOX_FULL = ("5.2.2", "smtp; 552 5.2.2 <{rcpt}>: Mailbox full")
BLOCKED = (
    "5.7.1",
    "smtp; 550 5.7.1 Service unavailable; client host [192.0.2.7] blocked using zen.spamhaus.org",
)
# The text of an SMTP reply as the send path keeps it (after the reply code).
BLOCKED_REPLY = BLOCKED[1].removeprefix("smtp; 550 ")
# What an older parser made of them: the wrong verdicts under test.
WRONG_HARD = ("user_unknown", "5.1.1", "recipient")
WRONG_SOFT = ("mailbox_full", "4.2.2", "recipient")


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


async def reclassify_cmd(database_url: str, tmp_path: Path, *args: str) -> Done:
    """``relay bounces reclassify ARGS...`` as the operator runs it, on the test's store."""
    env = {
        "RELAY_DATABASE_URL": database_url,
        "RELAY_DATA_DIR": str(tmp_path / "var"),
        "COLUMNS": "250",
    }
    return await relay_cmd(tmp_path, "bounces", "reclassify", *args, env=env)


async def setup(store: Store, *names: str) -> list[AccountInfo]:
    async with store.transaction() as session:
        accounts = [await add_account(session, n, [f"{n}.example"]) for n in names]
        await admin.add_user(session, "root", Role.OPERATOR, None, now=NOW)
        await admin.add_user(session, "ann", Role.SUPER_ADMIN, names[0], now=NOW)
        await admin.add_user(session, "vic", Role.VIEWER, names[0], now=NOW)
    return accounts


async def stored_bounce(
    store: Store,
    account: AccountInfo,
    address: str,
    wrong: tuple[str, str, str],
    *,
    hard: bool,
    evidence: tuple[str, str],
    smtp: bool = False,
    sent: dt.datetime = NOW,
) -> int:
    """A copy sent to ``address`` and its bounce, stored with the verdict ``wrong`` (as an
    older parser judged it) but with the real evidence: the returned message or the reply."""
    reason, status, party = wrong
    async with store.transaction() as session:
        copy = await sent_copy(
            session, account.id, address, now=sent, message_id="<m@acme>", sender="n@acme.example"
        )
        raw_status, diagnostic = evidence
        raw = None if smtp else dsn(RETURN_PATH, address, status=raw_status, diagnostic=diagnostic)
        recorded = await record_bounce(
            session,
            BounceEvidence(
                address=address,
                hard=hard,
                reason=reason,
                dsn_status=status,
                reply_code=550,
                diagnostic=diagnostic if smtp else diagnostic.format(rcpt=address),
                source=BounceSource.SMTP if smtp else BounceSource.DSN,
                recipient_id=copy,
                raw=raw,
                party=party,
                fingerprint=None if smtp else f"copy-{copy}",
            ),
            now=NOW,
        )
    return recorded.bounce_id


async def state(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything reclassification may change."""
    async with store.reading() as session:
        bounces = await session.execute(
            select(Bounce.id, Bounce.hard, Bounce.reason, Bounce.party, Bounce.dsn_status)
            .order_by(Bounce.id)
        )  # fmt: skip
        suppressions = await session.execute(
            select(Suppression.account_id, Suppression.address, Suppression.reason,
                   Suppression.bounce_id).order_by(Suppression.account_id, Suppression.address)
        )  # fmt: skip
        audit = await session.execute(
            select(AuditEntry.action, AuditEntry.subject, AuditEntry.detail).order_by(AuditEntry.id)
        )
        recipients = await session.execute(
            select(Recipient.id, Recipient.reason, Recipient.dsn_status).order_by(Recipient.id)
        )
        return {
            "bounces": [tuple(r) for r in bounces],
            "suppressions": [tuple(r) for r in suppressions],
            "audit": [tuple(r) for r in audit],
            "recipients": [tuple(r) for r in recipients],
        }


def suppressions_of(now: dict[str, list[tuple[object, ...]]]) -> dict[str, tuple[object, ...]]:
    return {str(r[1]): r for r in now["suppressions"] if r[0] is not None}


def table(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


async def wrong_store(store: Store) -> dict[str, int]:
    """acme's bounces judged wrongly, of every kind the command must handle."""
    (acme,) = await setup(store, "acme")
    ids = {
        # Stored hard, but the returned message says mailbox full / a sender-side block.
        "full@x.test": await stored_bounce(
            store, acme, "full@x.test", WRONG_HARD, hard=True, evidence=MAILBOX_FULL
        ),
        "blocked@x.test": await stored_bounce(
            store, acme, "blocked@x.test", WRONG_HARD, hard=True, evidence=BLOCKED
        ),
        # Seen during the SMTP session: the reply kept says the sending host is blocked.
        "smtp@x.test": await stored_bounce(
            store,
            acme,
            "smtp@x.test",
            WRONG_HARD,
            hard=True,
            evidence=("", BLOCKED_REPLY),
            smtp=True,
        ),
        # Stored soft, but the returned message says 5.1.1 user unknown.
        "dead@x.test": await stored_bounce(
            store, acme, "dead@x.test", WRONG_SOFT, hard=False, evidence=USER_UNKNOWN
        ),
    }
    # A person suppressed it by hand before its (wrongly hard) bounce came in.
    async with store.transaction() as session:
        await add_suppression(
            session, acme.id, "manual@x.test", reason="asked", actor="ann", now=NOW
        )
    ids["manual@x.test"] = await stored_bounce(
        store, acme, "manual@x.test", WRONG_HARD, hard=True, evidence=MAILBOX_FULL
    )
    # Two hard bounces; the first (behind the suppression) is wrong, the second right.
    ids["twice@x.test"] = await stored_bounce(
        store, acme, "twice@x.test", WRONG_HARD, hard=True, evidence=MAILBOX_FULL
    )
    await stored_bounce(store, acme, "twice@x.test", WRONG_HARD, hard=True, evidence=USER_UNKNOWN)
    # Unbounced yesterday; a copy sent before that bounces now (kept, superseded).
    async with store.transaction() as session:
        await admin.record_unbounce(
            session, account_id=acme.id, address="stale@x.test", user_id=None,
            reason="user_unknown", bounce_id=None, now=NOW - dt.timedelta(days=1),
        )  # fmt: skip
    ids["stale@x.test"] = await stored_bounce(
        store, acme, "stale@x.test", WRONG_SOFT, hard=False, evidence=USER_UNKNOWN,
        sent=NOW - dt.timedelta(days=2),
    )  # fmt: skip
    return ids


async def test_dry_run_changes_nothing_then_the_run_corrects_verdicts_and_suppressions(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    ids = await wrong_store(store)
    before = await state(store)
    sup = suppressions_of(before)
    assert set(sup) == {
        "full@x.test", "blocked@x.test", "smtp@x.test", "manual@x.test", "twice@x.test"
    }  # fmt: skip

    dry = await reclassify_cmd(database_url, tmp_path, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert await state(store) == before
    planned = table(dry.stdout)
    people = await reclassify_cmd(database_url, tmp_path, "--dry-run")
    assert people.returncode == 0, people.stderr
    assert "full@x.test" in people.stdout
    assert "hard user_unknown (recipient) 5.1.1" in people.stdout
    assert "soft mailbox_full (recipient) 5.2.2" in people.stdout
    assert "dry run: 8 bounces judged again, 7 changed" in people.stdout
    assert await state(store) == before

    done = await reclassify_cmd(database_url, tmp_path, "--as", "root", "--json", "--batch", "1")
    assert done.returncode == 0, done.stderr
    assert table(done.stdout) == planned  # the dry run showed exactly what happened
    rows = {(r["address"], r["bounce"]): r for r in table(done.stdout)}
    assert len(rows) == 7
    after = await state(store)
    sup = suppressions_of(after)

    full = rows["full@x.test", ids["full@x.test"]]
    assert full["old"] == "hard user_unknown (recipient) 5.1.1"
    assert full["new"] == "soft mailbox_full (recipient) 5.2.2"
    assert full["suppression"] == "lifted"
    assert full["rule"] not in (None, "-")
    for address in ("blocked@x.test", "smtp@x.test"):
        row = rows[address, ids[address]]
        assert str(row["new"]).startswith("soft blocked (sender) 5.7.1"), row
        assert row["suppression"] == "lifted"
    for address in ("full@x.test", "blocked@x.test", "smtp@x.test"):
        assert address not in sup
    lifts = [a for a in after["audit"] if a[0] == "suppression_remove"]
    assert sorted(str(a[1]) for a in lifts) == ["blocked@x.test", "full@x.test", "smtp@x.test"]
    assert all(json.loads(str(a[2]))["reason"] == "reclassified" for a in lifts)

    dead = rows["dead@x.test", ids["dead@x.test"]]
    assert (dead["new"], dead["suppression"]) == ("hard user_unknown (recipient) 5.1.1", "added")
    assert sup["dead@x.test"][2:] == ("user_unknown", ids["dead@x.test"])

    manual = rows["manual@x.test", ids["manual@x.test"]]
    assert manual["suppression"] == "kept: asked, not this bounce's verdict"
    assert sup["manual@x.test"][2:] == ("asked", None)
    twice = rows["twice@x.test", ids["twice@x.test"]]
    assert twice["suppression"] == "kept: another hard bounce"
    assert "twice@x.test" in sup
    stale = rows["stale@x.test", ids["stale@x.test"]]
    assert stale["new"] == "hard user_unknown (recipient) 5.1.1"
    assert stale["suppression"] == "none: sent before the latest unbounce"
    assert "stale@x.test" not in sup
    # The copies' outcomes carry the corrected reason too.
    assert {r[1] for r in after["recipients"]} >= {"blocked", "user_unknown", "mailbox_full"}
    run = [a for a in after["audit"] if a[0] == "bounces_reclassify"]
    assert len(run) == 1
    assert json.loads(str(run[0][2]))["changed"] == 7

    again = await reclassify_cmd(database_url, tmp_path, "--as", "root")
    assert again.returncode == 0, again.stderr
    assert "8 bounces judged again, 0 changed" in again.stdout
    settled = await state(store)
    assert settled["bounces"] == after["bounces"]
    assert settled["suppressions"] == after["suppressions"]


async def test_who_may_run_it_and_the_scope(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    acme, beta = await setup(store, "acme", "beta")
    await stored_bounce(store, acme, "full@x.test", WRONG_HARD, hard=True, evidence=MAILBOX_FULL)
    beta_bounce = await stored_bounce(
        store, beta, "full@x.test", WRONG_HARD, hard=True, evidence=MAILBOX_FULL
    )
    before = await state(store)

    async def reclassify(*args: str) -> subprocess.CompletedProcess[str]:
        return await reclassify_cmd(database_url, tmp_path, *args)

    nobody = await reclassify()
    assert nobody.returncode == 1
    assert "--as USER" in nobody.stderr
    assert "Traceback" not in nobody.stderr
    viewer = await reclassify("--as", "vic", "--account", "acme")
    assert viewer.returncode == 3
    assert "only an operator or a super_admin" in viewer.stderr
    everyone = await reclassify("--as", "ann")
    assert everyone.returncode == 3
    assert "give --account" in everyone.stderr
    other = await reclassify("--as", "ann", "--account", "beta")
    assert other.returncode == 3
    assert "does not belong to account beta" in other.stderr
    unknown = await reclassify("--as", "root", "--account", "nope")
    assert unknown.returncode == 1
    assert "Traceback" not in unknown.stderr
    bad_date = await reclassify("--as", "root", "--since", "yesterday")
    assert bad_date.returncode == 2
    later = await reclassify("--as", "root", "--since", (NOW + dt.timedelta(days=1)).isoformat())
    assert later.returncode == 0
    assert "0 bounces judged again" in later.stdout
    assert (await state(store))["bounces"] == before["bounces"]

    own = await reclassify("--as", "ann", "--account", "acme")
    assert own.returncode == 0, own.stderr
    assert "1 bounces judged again, 1 changed" in own.stdout
    after = await state(store)
    beta_row = next(b for b in after["bounces"] if b[0] == beta_bounce)
    assert beta_row[1:3] == (True, "user_unknown")  # beta's bounce is not acme's to judge
    assert {r[0] for r in after["suppressions"]} == {beta.id}


async def test_bounces_now_hard_for_several_accounts_suppress_globally(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    accounts = await setup(store, "acme", "beta", "gamma")
    for account in accounts:
        await stored_bounce(
            store, account, "gone@x.test", WRONG_SOFT, hard=False, evidence=USER_UNKNOWN
        )
    assert (await state(store))["suppressions"] == []
    done = await reclassify_cmd(database_url, tmp_path, "--as", "root", "--json")
    assert done.returncode == 0, done.stderr
    notes = [r["suppression"] for r in table(done.stdout)]
    assert notes == ["added", "added", "added; globally too"]
    scopes = {r[0] for r in (await state(store))["suppressions"]}
    assert scopes == {None, *(a.id for a in accounts)}
