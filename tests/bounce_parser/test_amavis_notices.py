"""amavisd-new 2.13 with SpamAssassin 4.0 as the destination's real content filter
(tests/support/amavis_bed.py), before the queue (its refusals become the receiving Postfix's
replies, and Postfix 3.7, Exim 4.96, Sendmail 8.17 or Courier 1.0.16 as the sender writes the
notice) and after it (amavisd
writes its own notice). The notices are kept in real_amavis_<writer>/ with the manifest that
labels them by construction; the tests read them (nothing is regenerated), and the bed is run
live where every server is present and the test runs as root (Postfix's run in the default
suite; Exim's, Sendmail's and Courier's are marked slow). The bed runs in a subprocess of its
own (its own namespaces and event loop), so the module does not run on both loops.
"""

from __future__ import annotations

import email
import email.policy

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
)
from tests.support import amavis_bed as bed

SETS = WriterSets("real_amavis")
stored, entries = SETS.stored, SETS.entries


def notice(writer: str, scenario: str) -> bytes:
    directory, _manifest = stored(writer)
    return (directory / f"{scenario}.eml").read_bytes()


WORDS = {
    "av_pre_spam": (b"554 5.7.0 Reject, id=", b"- spam"),
    "av_pre_banned": (b"554 5.7.0 Reject, id=", b"- BANNED:", b"setup.exe"),
    "av_pre_virus": (b"554 5.7.0 Reject, id=", b"- INFECTED: Bed.Test.Signature.UNOFFICIAL"),
    "av_pre_bad_header": (b"554 5.6.0 Reject, id=", b"- BAD HEADER"),
    "av_pre_spam_tempfail": (b"450 4.7.0 Temporary failure, id=", b"- spam"),
    "av_pre_scanner_failed": (
        b"451 4.5.0 Error in processing, id=",
        b"virus_scan FAILED: AV: ALL VIRUS SCANNERS",
    ),
    # its size limit for one recipient, at RCPT TO (In/SMTP.pm), before and after the queue
    "av_pre_oversized": (b"552 5.3.4 Declared message size", b"exceeds size limit for"),
    "av_post_oversized": (b"552 5.3.4 Declared message size", b"exceeds size limit for"),
    "av_pre_spam_lover": (b"554 5.7.0 Reject, id=", b"- spam"),
    # its own notices after the queue: the same reply with "Bounce", and its templates
    "av_post_spam": (b"554 5.7.0 Bounce, id=", b"considered unsolicited bulk e-mail"),
    "av_post_banned": (b"5.7.0 Bounce, id=", b"BANNED CONTENTS ALERT"),
    "av_post_virus": (b"5.7.0 Bounce, id=", b"VIRUS ALERT", b"Bed.Test.Signature"),
    "av_post_bad_header": (b"554 5.6.0 Bounce, id=", b'Duplicate header field: "Subject"'),
    "av_pre_8bit_header": (b"554 5.6.0 Reject, id=", b"- BAD HEADER"),
    "av_post_8bit_header": (b"554 5.6.0 Bounce, id=", b"Non-encoded non-ASCII data"),
    "av_post_spam_lover": (b"554 5.7.0 Bounce, id=", b"- spam"),
    # the reinjection's refusal relayed by amavisd (its CC_MTA), and its own DSN for it
    "av_pre_gone_downstream": (b"550 5.1.1 id=", b"- Rejected by next-hop MTA on relaying"),
    "av_post_gone_downstream": (b"550 5.1.1 id=", b"- Rejected by next-hop MTA on relaying"),
    "av_post_gone_mixed": (b"Delivery status notification, MTA-BLOCKED",),
    # the destination's Postfix in its own words
    "av_pre_unknown": (b"550 5.1.1", b"User unknown in virtual mailbox table"),
    "av_post_full": (b"error writing message: File too large",),
    "av_pre_filter_down": (b"451 4.3.0 Error: queue file write error",),
    "av_post_filter_down": (b"Connection refused",),
}


FROM = {
    "amavisd": '"Content-filter at amavis-rx.test" <postmaster@amavis-rx.test>',
    "rx": "Mail Delivery System <MAILER-DAEMON@amavis-rx.test>",
    ("tx", "postfix"): "Mail Delivery System <MAILER-DAEMON@postfix.test>",
    ("tx", "exim"): "Mail Delivery System <Mailer-Daemon@exim-tx.test>",
    ("tx", "sendmail"): "Mail Delivery Subsystem <MAILER-DAEMON@sendmail.test>",
    # Courier 1.0.16's notice: its own name in an encoded word, and the null return path
    ("tx", "courier"): "Courier mail server at =?utf-8?Q?courier=2Etest?= <@>",
}


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_each_notice_is_written_by_the_server_the_bed_says(writer: str) -> None:
    # before the queue the sending MTA writes (amavisd itself where one recipient took the
    # message); after it amavisd, or the destination's Postfix for what amavisd passed
    for scenario in bed.scenarios():
        raw = notice(writer, scenario.name)
        sender = email.message_from_bytes(raw, policy=email.policy.compat32)["From"]
        key = (scenario.writer, writer) if scenario.writer == "tx" else scenario.writer
        assert " ".join(str(sender).split()) == FROM[key], scenario.name


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    # amavisd compiles SpamAssassin's rules first; the three deferrals wait for the 8 s queue
    # lifetime. Sendmail 8.17 (its transcript, "<<< " replies) and Courier 1.0.16 (Status
    # 5.0.0 beside the quoted reply) write the same refusals (judge26).
    live_name = "amavis"
    words = WORDS


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_content_filters_refusal_is_never_the_recipients_fault(writer: str) -> None:
    # spam (refused for good or for now), a virus, banned contents and a bad header section,
    # refused before or after the queue, to one recipient or beside an unknown user or a
    # recipient that took it: the sender's side, never suppressed
    for scenario in bed.scenarios():
        if scenario.content == "plain":
            continue
        found = {b.address: b for b in parse(notice(writer, scenario.name)).recipients}
        for want in scenario.failed:
            if want.party != "sender":
                continue
            got = found[want.address]
            assert (got.party, got.suppresses) == (Party.SENDER, False), scenario.name


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_scanner_failure_is_the_destinations_trouble_not_a_virus(writer: str) -> None:
    # amavisd's "451 4.5.0 Error in processing, id=..., virus_scan FAILED: AV: ALL VIRUS
    # SCANNERS FAILED" (Amavis.pm check_mail, "$which_section FAILED"): its virus_scan step
    # failed, no virus was found; the receiving system's trouble, returned at expiry
    (bounce,) = parse(notice(writer, "av_pre_scanner_failed")).recipients
    assert bounce.reason is not Reason.VIRUS_DETECTED
    assert (bounce.party, bounce.permanent, bounce.suppresses) == (Party.TRANSIENT, False, False)
    assert bounce.reason in {Reason.EXPIRED, Reason.SYSTEM_ERROR}


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_filter_down_is_never_a_dead_address(writer: str) -> None:
    # no content filter to hand the mail to: the destination's trouble, returned at the end
    # of a queue lifetime, temporary and transient
    for name in ("av_pre_filter_down", "av_post_filter_down"):
        (bounce,) = parse(notice(writer, name)).recipients
        assert (bounce.permanent, bounce.suppresses) == (False, False), name
        assert (bounce.party, bounce.reason) == (Party.TRANSIENT, Reason.EXPIRED), name
