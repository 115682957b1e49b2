"""Notices a real nullmailer 2.2 wrote in the real-MTA bed (tests/support/nullmailer.py), kept
as files so that the parser is checked on them where the bed cannot run (it needs root).

nullmailer-dsn (src/dsn.cc) writes an RFC 3464 report for nullmailer-send, which calls it only
after moving a message into the failed queue (src/send.cc bounce_msg()): on a permanent
refusal, and when the message outlived ``queuelifetime``; for the latter, the last reply's
4.x.x status makes it write "Action: delayed". It copies the reply into Diagnostic-Code with
the second and later lines of a multi-line reply unfolded. The labels come from the bed's
scripts (tests/support/real_mta.py), not from these texts.
"""

from __future__ import annotations

from pathlib import Path

from bounce_parser import Bounce, Kind, Party, Reason, parse
from tests.bounce_parser.real_notices import failed_recipients

HERE = Path(__file__).parent / "real_nullmailer"


def recipients(name: str) -> dict[str, Bounce]:
    return failed_recipients(HERE / name)


def test_a_final_notice_that_says_delayed_is_an_expiry() -> None:
    # 450 4.2.0 greylisted until the queue lifetime ended: the copy was dropped.
    found = recipients("expired-greylisted.eml")
    greylisted = found["greylisted@mx.test"]
    assert (greylisted.action, greylisted.reason) == ("failed", Reason.EXPIRED)
    assert greylisted.status == "4.2.0"
    assert not greylisted.hard
    assert not greylisted.permanent


def test_an_expiry_after_a_rate_limit_keeps_the_quoted_replys_status() -> None:
    # nullmailer's Status field cuts "4.7.28" to "4.7.2"; the quoted reply keeps it whole.
    popular = recipients("rate-limited-until-expiry.eml")["popular@limits.test"]
    assert popular.status == "4.7.28"
    assert popular.party is not Party.RECIPIENT
    assert not popular.hard


def test_a_multi_line_reply_without_folding_is_read_whole() -> None:
    # Gmail's spam refusal: "unsolicited mail" is on the reply's second line.
    filtered = recipients("spam-blocked.eml")["filtered@mx.test"]
    assert filtered.reason is Reason.SPAM_DETECTED
    assert "UnsolicitedMessageError" in (filtered.diagnostic or "")
    assert (filtered.party, filtered.hard) == (Party.SENDER, False)


def test_a_permanent_refusal_is_still_a_failure_of_the_recipient() -> None:
    nosuchuser = recipients("user-unknown.eml")["nosuchuser@mx.test"]
    assert (nosuchuser.reason, nosuchuser.hard, nosuchuser.status) == (
        Reason.USER_UNKNOWN,
        True,
        "5.1.1",
    )


def test_a_delay_report_with_a_retry_date_stays_a_delay() -> None:
    # nullmailer-dsn given --retry-until (a delay warning) adds Will-Retry-Until: not final.
    raw = (HERE / "expired-greylisted.eml").read_bytes()
    raw = raw.replace(
        b"Remote-MTA: dns; 127.0.0.1\r\n",
        b"Remote-MTA: dns; 127.0.0.1\r\nWill-Retry-Until: Mon, 07 Dec 2026 05:28:35 +0000\r\n",
    )
    assert b"Will-Retry-Until" in raw
    assert parse(raw).kind is Kind.DELAYED


def test_a_reply_quoting_another_recipient_condemns_only_that_one() -> None:
    # nullmailer gave the message up at the first refused RCPT and lists every recipient
    # with that one reply, "550 5.1.1 <gone@mx.test>: ... User unknown": the others were
    # never tried (fine@mx.test was a good address).
    found = recipients("mixed.eml")
    assert set(found) == {"gone@mx.test", "stuffed@mx.test", "fine@mx.test", "closed@mx.test"}
    gone = found.pop("gone@mx.test")
    assert (gone.reason, gone.hard, gone.party) == (Reason.USER_UNKNOWN, True, Party.RECIPIENT)
    for neighbour in found.values():
        assert not neighbour.hard
        assert neighbour.party is Party.UNDETERMINED
        assert neighbour.reason is Reason.UNDEFINED
