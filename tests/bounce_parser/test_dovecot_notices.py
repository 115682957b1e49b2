"""Notices for what a real Dovecot 2.3.19 (LMTP, LDA) with Pigeonhole Sieve 0.5.19 refuses, behind
a real Postfix 3.7 (tests/support/dovecot_bed.py), kept in real_dovecot/ with the manifest that
labels them by construction (users, quotas, Sieve scripts), and regenerated live where Postfix
and Dovecot are installed and the test runs as root.

Postfix quotes Dovecot's LMTP replies ("550 5.1.1 <a> User doesn't exist: a", "552 5.2.2 <a>
Quota exceeded (mailbox for user is full)", 452 4.2.2 under ``quota_full_tempfail = yes``,
"451 4.2.0 <a> Mail size is larger than the maximum size allowed ..." over
``quota_max_mail_size``, retried until the queue lifetime ends) and
writes "user unknown" or "permission denied. Command output: Quota exceeded ..." for the LDA's
exit codes; the LDA without -e sends Dovecot's own DSN (Status 5.2.2); a Sieve ``reject`` is
Dovecot's MDN (RFC 5429 section 2.1.2), a Sieve ``vacation`` an auto-reply (RFC 5230).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bounce_parser import Kind, Party, Reason, parse
from tests.bounce_parser.real_notices import check_failed, entries_by, read_manifest, run_live
from tests.support import dovecot_bed

HERE = Path(__file__).parent / "real_dovecot"
MANIFEST = read_manifest(HERE)
ENTRIES = entries_by(MANIFEST)


def check(raw: bytes, entry: dict[str, Any]) -> None:
    """The parser's report on ``raw`` against the entry's labels, every field at once."""
    report = parse(raw)
    if not entry["bounce"]:
        assert report.kind is Kind.AUTO_REPLY
        assert not any(b.suppresses for b in report.recipients)
        return
    check_failed(raw, entry, status_stated=False)  # the status only where one is labelled


def test_every_scenario_has_its_one_labelled_notice() -> None:
    assert set(ENTRIES) == {s.name for s in dovecot_bed.scenarios()}
    assert all(n == 1 for n in MANIFEST["notices"].values())


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_stored_notice(name: str) -> None:
    entry = ENTRIES[name]
    check((HERE / entry["path"]).read_bytes(), entry)


def test_a_sieve_reject_is_the_recipients_refusal_of_the_message_never_a_dead_address() -> None:
    # RFC 5429 section 2.1.2: Pigeonhole's reject is an MDN, "automatic-action/
    # MDN-sent-automatically; deleted"; the address is alive and its filter refused this
    # message: failed for good, filtered, the sender's side, never suppressed.
    for name in ("lmtp_sieve_reject.eml", "lda_sieve_reject.eml"):
        report = parse((HERE / name).read_bytes())
        assert report.kind is Kind.FAILED
        (rejector,) = report.recipients
        assert rejector.address.startswith("rejector@")
        assert (rejector.reason, rejector.party, rejector.permanent) == (
            Reason.FILTERED,
            Party.SENDER,
            True,
        )
        assert not rejector.suppresses
        assert "This address does not take mail from your list." in (rejector.diagnostic or "")


@pytest.mark.parametrize(
    "disposition",
    [
        "manual-action/MDN-sent-manually; displayed",
        "automatic-action/MDN-sent-automatically; processed",
        "manual-action/MDN-sent-manually; deleted",  # a person deleted it: it was delivered
    ],
)
def test_any_other_disposition_notification_reports_a_delivered_message(disposition: str) -> None:
    # RFC 8098 section 3.2.6: only an automatic deletion is the rejection RFC 5429 sends; a
    # read receipt or a person's deletion reports a message that was delivered.
    raw = (HERE / "lmtp_sieve_reject.eml").read_bytes()
    stated = b"Disposition: automatic-action/MDN-sent-automatically; deleted"
    assert stated in raw
    report = parse(raw.replace(stated, b"Disposition: " + disposition.encode()))
    assert report.kind is Kind.NOT_BOUNCE
    assert not any(b.suppresses for b in report.recipients)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The bed run once (about 15 s: the tempfail scenario waits for the queue lifetime)."""
    return run_live(tmp_path_factory, dovecot_bed.missing(), "dovecot-bed", dovecot_bed.generate)


def test_the_live_bed_writes_one_notice_per_scenario_and_delivers_the_rest(
    live: tuple[Path, dict[str, Any]],
) -> None:
    _out, manifest = live
    assert manifest["error"] is None, manifest["log"]
    assert manifest["notices"] == {s.name: 1 for s in dovecot_bed.scenarios()}, manifest["log"]
    # fine takes the neighbours' copies (mixed, reject); full and tempfull keep only the seed;
    # rejector's and small's mailboxes stay empty; away keeps the message it answered.
    assert manifest["delivered"] == {
        "fine": 2,
        "full": 1,
        "tempfull": 1,
        "small": 0,
        "capped": 0,
        "rejector": 0,
        "away": 1,
    }


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_live_notice(live: tuple[Path, dict[str, Any]], name: str) -> None:
    out, manifest = live
    entry = next(e for e in manifest["entries"] if e["scenario"] == name)
    assert entry == ENTRIES[name]  # the same labels as the stored notice's
    check((out / entry["path"]).read_bytes(), entry)
