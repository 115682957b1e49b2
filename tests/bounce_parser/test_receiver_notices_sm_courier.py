"""Sendmail 8.17 and Courier 1.0.16 as the real RECEIVING servers
(tests/support/receivers_bed_sm_courier.py), each refusing in its own words by its own
configuration, with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_sm_courier_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated), and the bed is run live where every server is
present and the test runs as root (Postfix's run in the default suite, about 13 s; Exim's
is marked slow).
"""

from __future__ import annotations

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
)
from tests.support import receivers_bed_sm_courier as bed

SETS = WriterSets("real_receivers_sm_courier")
stored, entries = SETS.stored, SETS.entries


# what each receiver was set up to answer, as its source has it (the bed's docstring)
WORDS = {
    "sm_user_unknown": b"550 5.1.1 <nosuchuser@sm.test>... User unknown",
    "sm_virtuser_nouser": b"553 5.3.0 <nosuchuser@sm-virt.test>... User unknown",
    "sm_relaying_denied": b"550 5.7.1 <fine@sm-elsewhere.test>... Relaying denied.",
    "sm_access_reject": b"550 5.7.1 <fine@sm-access.test>... Access denied",
    "sm_dnsbl": b"Rejected: 127.0.0.2 listed at bl.test",
    "sm_message_too_big": b"552 5.2.3 Message exceeds maximum fixed size (20000)",
    "sm_temp_lookup_failure": b"451 4.4.3 Temporary lookup failure of 127.0.0.2 at",
    "co_user_unknown": b"550 User <nosuchuser> unknown",
    "co_relaying_denied": b"513 Relaying denied.",
    "co_block_list": b"511 Listed by the test bed's block list",
    "co_sender_domain": b"517-Domain does not exist: sender.test.",
    "co_message_too_big": b"bytes) exceeds administrative limit(20000).",
    "co_helo_lookup_failed": b"417 DNS lookup on HELO",
}


# Sendmail answers its MaxMessageSize (the server's limit for every message) with RFC 3463's
# X.2.3, the per-mailbox limit ("rather than the system limit"): a specific status beats any
# text (docs/bounces.md, precedence rule 4), so the reason is exceed_limit; the suppress bit,
# permanence, party and status are right. Kept as labelled, strict.
STATUS_DISAGREES = {"sm_message_too_big": "Sendmail's 5.2.3 for its system size limit"}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "sm-courier-receivers"
    words = WORDS
    known = dict.fromkeys(bed.WRITERS, STATUS_DISAGREES)


def test_sendmails_size_refusal_is_the_sender_side_under_its_own_status() -> None:
    # what the xfail leaves right: never suppressed, permanent, ours, 5.2.3 as stated
    for writer in bed.WRITERS:
        bounce = SETS.only(writer, "sm_message_too_big")
        assert (bounce.suppresses, bounce.permanent, bounce.party) == (False, True, Party.SENDER)
        assert (bounce.status, bounce.reason) == ("5.2.3", Reason.EXCEED_LIMIT)


def test_courier_refusing_our_helo_name_until_expiry_is_our_host() -> None:
    # Courier's BOFHCHECKHELO "417 DNS lookup on HELO <our name> failed.  Try again later.",
    # given up on after the queue lifetime: our sending host refused for its name (as
    # Postfix's reject_unknown_helo_hostname), temporary, never suppressed; read before as a
    # transient expiry. The status is each notice's (receivers_bed.gave_up_status).
    for writer, stated in (("exim", "5.0.0"), ("postfix", "4.0.0")):
        directory, _manifest = stored(writer)
        raw = (directory / "co_helo_lookup_failed.eml").read_bytes()
        assert f"Status: {stated}".encode() in raw
        (bounce,) = parse(raw).recipients
        assert (bounce.status, bounce.reply_code, bounce.permanent) == (stated, 417, False)
        assert (bounce.reason, bounce.party, bounce.suppresses) == (
            Reason.BLOCKED,
            Party.SENDER,
            False,
        )


def test_sendmails_access_map_refusal_is_a_policy_not_the_status_alone() -> None:
    # proto.m4's "550 Access denied" for an access map REJECT: under 5.7.1 it read as a
    # security error from the status alone; it is the site's policy, ours, never suppressed
    for writer in bed.WRITERS:
        bounce = SETS.only(writer, "sm_access_reject")
        assert bounce.reason is Reason.POLICY_VIOLATION
        assert (bounce.party, bounce.suppresses) == (Party.SENDER, False)
