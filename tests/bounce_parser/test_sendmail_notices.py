"""Notices a real Sendmail 8.17 wrote in the real-MTA bed (tests/support/sendmail.py), kept
as files so that the parser is checked on them where the bed cannot run (it needs root).

Sendmail, talking to a server that did not announce ENHANCEDSTATUSCODES, gives every 550
answer to RCPT the Status 5.1.1 and a transcript line "<address>... User unknown"
(usersmtp.c smtprcpt(), deliver.c giveresponse()), whatever the server said: the remote's
words are the quoted "<<< " reply and the Diagnostic-Code. The labels come from the bed's
scripts (tests/support/real_mta.py), not from these texts.
"""

from __future__ import annotations

from pathlib import Path

from bounce_parser import Bounce, Party, Reason
from tests.bounce_parser.real_notices import failed_recipients

HERE = Path(__file__).parent / "real_sendmail"
SENDER_SIDE = {Reason.POLICY_VIOLATION, Reason.SECURITY_ERROR, Reason.REJECTED, Reason.BLOCKED}


def recipients(name: str) -> dict[str, Bounce]:
    return failed_recipients(HERE / name)


def test_a_refused_sender_under_sendmails_5_1_1_is_not_the_recipients_fault() -> None:
    # Exim's "550-Verification failed for <our sender> / 550-Unrouteable address / 550 Sender
    # verify failed": the Diagnostic-Code keeps only the first line, the transcript the rest.
    verifier = recipients("sender-verify-failed-exim.eml")["verifier@mx.test"]
    assert (verifier.reason, verifier.party, verifier.hard) == (
        Reason.REJECTED,
        Party.SENDER,
        False,
    )
    assert verifier.status == "5.1.1"  # what the notice states is still reported as stated


def test_the_remotes_5_7_1_is_not_read_as_sendmails_user_unknown() -> None:
    restricted = recipients("not-authorized-exchange.eml")["restricted@mx.test"]
    assert restricted.reason in SENDER_SIDE
    assert restricted.party is Party.SENDER
    assert not restricted.hard


def test_each_of_six_recipients_keeps_its_own_reply_in_sendmails_transcript() -> None:
    found = recipients("mixed-many.eml")
    verdicts = {a: (b.reason, b.hard) for a, b in found.items()}
    assert verdicts.pop("gatekept@mx.test")[0] in SENDER_SIDE  # not its neighbour's full inbox
    assert verdicts == {
        "former.staff+news@mx.test": (Reason.USER_UNKNOWN, True),
        "sleeper@mx.test": (Reason.SUSPEND, True),
        "brimming@mx.test": (Reason.MAILBOX_FULL, False),
        "roamer@mx.test": (Reason.USER_UNKNOWN, True),
    }
    assert not found["gatekept@mx.test"].hard


def test_an_expiry_reports_the_last_replys_status_under_sendmails_4_4_7() -> None:
    # Sendmail gave up when the queue lifetime ended: Status 4.4.7 for the recipient, the
    # greylisting server's last "450 4.2.0" in the Diagnostic-Code. The status reported is the
    # last reply's, as Postfix writes it in its own Status field (docs/bounces.md): it says why
    # the message expired. The reason is the expiry, and the address is not suppressed.
    greylisted = recipients("expired-greylisted.eml")["greylisted@mx.test"]
    assert greylisted.status == "4.2.0"
    assert (greylisted.reason, greylisted.party, greylisted.hard) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )
    assert (greylisted.diagnostic or "").startswith("450 4.2.0 <greylisted@mx.test>")


def test_an_expiry_without_a_reply_is_an_expiry_and_not_suppressed() -> None:
    # The server never greeted: no reply is quoted, only Sendmail's own transcript line "451
    # 4.4.1 reply: read error" for one attempt.
    silent = recipients("silent-until-expiry.eml")["someone@silent.test"]
    assert (silent.reason, silent.party, silent.hard) == (Reason.EXPIRED, Party.TRANSIENT, False)


def test_an_expiry_without_a_reply_reports_the_status_field() -> None:
    # No reply quoted: the Status field stands (docs/bounces.md), Sendmail's 4.4.7. Its
    # transcript line "451 4.4.1 reply: read error" is Sendmail's own (usersmtp.c reply()),
    # not a reply: Sendmail marks every line the remote wrote with "<<< ".
    assert recipients("silent-until-expiry.eml")["someone@silent.test"].status == "4.4.7"


def test_a_reply_to_quit_is_not_the_evidence_the_transcripts_last_failure_is() -> None:
    # Gmail's 421 4.7.28 closed the session at RCPT; Sendmail's Diagnostic-Code keeps the
    # reply to its QUIT, "221 Bye", which says nothing about the recipient.
    popular = recipients("rate-limited-until-expiry.eml")["popular@limits.test"]
    assert (popular.status, popular.reply_code) == ("4.7.28", 421)
    assert (popular.diagnostic or "").startswith("421-4.7.28 [127.0.0.1] Our system has")
    assert (popular.party, popular.hard) == (Party.SENDER, False)
