"""Hosting panels' and commercial mail servers' published refusal texts, sixth batch
(composed/published6.py, issue #14, judge36).

cPanel's and DirectAdmin's Exim (its ACL replies, cPanel's hourly limits), HestiaCP, Plesk,
ISPConfig, Virtualmin, MDaemon, IceWarp, Kerio Connect, FTGate, PSCS VPOP3 and SmarterMail;
``composed/manifest_published6.json`` labels every recipient by construction from the
documented meaning. The set was scored before any rule was written for it (docs/bounces.md,
"Unseen, before any fix" and the judge36 section).
``python -m tests.bounce_parser.test_published6_notices`` prints the scores and the misses.
"""

from __future__ import annotations

import pytest

from bounce_parser import parse
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    entries,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published6.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# Plesk's grey handler refuses through its milter without a text of its own, so the reply is
# Postfix's default for any milter REJECT (src/smtpd/milter8.c: "550 5.7.1 Command rejected");
# a ClamAV or OpenDMARC milter's refusal reads the same, so no rule can read the grey handler's
# black list out of these words: X.7.1 (security_error) is all they state.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("plesk-grey-command-rejected.eml", "ola.quinn@plesk-client.example"): frozenset({"reason"}),
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    delays = 4
    bounces = 30
    engines = frozenset(
        {"cpanel", "plesk", "directadmin", "mdaemon", "icewarp", "kerio", "smartermail"}
    )
    several = (2, 5)


def test_the_set_holds_the_text_forms() -> None:
    assert {"mdaemon-text", "smartermail-text"} <= {e["form"] for e in entries(MANIFEST)}


if __name__ == "__main__":
    print_scores(MANIFEST)


def _listed_then_transcript(reply_a: str, reply_b: str, arrows: tuple[str, str]) -> bytes:
    sent, said = arrows
    return (
        "From: postmaster@mx.example\nTo: bounce@shop.example\nSubject: Permanent Delivery"
        " Failure\n\nThe attached message had PERMANENT fatal delivery errors.\n\n"
        "Failed address: a@one.example\nFailed address: b@two.example\n\n"
        "--- Session Transcript ---\nAttempting SMTP connection to [192.0.2.31]\n"
        f"{sent} MAIL From:<bounce@shop.example>\n{said} 250 2.1.0 Ok\n"
        f"{sent} RCPT To:<a@one.example>\n{said} {reply_a}\n"
        "Attempting SMTP connection to [192.0.2.32]\n"
        f"{sent} MAIL From:<bounce@shop.example>\n{said} 250 2.1.0 Ok\n"
        f"{sent} RCPT To:<b@two.example>\n{said} 250 2.1.5 Ok\n{sent} DATA\n"
        f"{said} 354 go ahead\n{said} {reply_b}\n"
    ).encode()


@pytest.mark.parametrize("arrows", [("-->", "<--"), (">>>", "<<<")])
def test_a_transcript_reply_is_the_recipient_its_rcpt_named(arrows: tuple[str, str]) -> None:
    # Addresses listed one a line, then a transcript: the reply to "RCPT To:<a>" is a's, the
    # reply to the DATA after "RCPT To:<b>" is b's (RFC 5321 sections 3.3, 4.1.1.3), not the
    # last listed address's whole transcript (MDaemon's notice; Sendmail's markers alike).
    raw = _listed_then_transcript(
        "552 Requested mail action aborted: exceeded storage allocation",
        "501 5.7.1 Message is too long",
        arrows,
    )
    got = {b.address: b for b in parse(raw).recipients}
    assert got["a@one.example"].reason.value == "mailbox_full"
    assert got["a@one.example"].party.value == "recipient"
    assert got["b@two.example"].reason.value == "mesg_too_big"
    assert got["b@two.example"].party.value == "sender"
