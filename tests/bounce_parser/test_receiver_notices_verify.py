"""The destination's address verification and DNS-based refusals
(tests/support/receivers_bed_verify.py): a receiving Postfix 3.7 with reject_unverified_recipient
and reject_unverified_sender (their probes to scripted servers), reject_unknown_recipient_domain
and reject_unknown_sender_domain (NXDOMAIN and SERVFAIL), reject_rbl_client and
reject_rhsbl_sender against the bed's zones; postscreen(8) with postscreen_dnsbl_action =
enforce; a receiving Exim 4.96 with recipient and sender callouts and dnslists; Postfix 3.7 and
Exim 4.96 writing the notices. The notices are kept in real_receivers_verify_<writer>/ with the
manifest that labels them by construction; the tests read them (nothing is regenerated), and the
bed is run live where every server is present and the test runs as root (Postfix's quick run,
three scenarios that end at once, in the default suite; the full runs are marked slow).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, flat
from tests.support import receivers_bed_verify as bed

SETS = WriterSets("real_receivers_verify")
stored, entries = SETS.stored, SETS.entries

# What each check answers, as Postfix's smtpd_check.c / postscreen and Exim's acl.c and
# verify.c write it (the bed's docstring)
WORDS = {
    "pf_user_unknown": b"550 5.1.1 <nosuchuser@local.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "pf_unverified_recipient": b"550 5.1.1 <gone@vfy.test>: Recipient address rejected: "
    b"undeliverable address: host 127.0.0.1[127.0.0.1] said: 550 5.1.1 User unknown",
    "pf_unverified_deferred_to_expiry": b"450 4.1.1 <later@vfy.test>: Recipient address "
    b"rejected: unverified address: host 127.0.0.1[127.0.0.1] said: 450 4.2.1",
    "pf_unverified_default_code_to_expiry": b"450 4.1.1 <gone@vfy-default.test>: Recipient "
    b"address rejected: unverified address: host 127.0.0.1[127.0.0.1] said: 550 5.1.1 User "
    b"unknown",
    "pf_unverified_sender_default_code_to_expiry": b"450 4.1.7 "
    b"<bounces+pf_unverified_sender_default_code_to_expiry@vsender.test>: Sender address "
    b"rejected: unverified address: host 127.0.0.1[127.0.0.1] said: 550 5.1.1 No such mailbox",
    "pf_unverified_sender": b"550 5.1.7 <bounces+pf_unverified_sender@vsender.test>: Sender "
    b"address rejected: undeliverable address:",
    "pf_unknown_recipient_domain": b"550 5.1.2 <fine@nx-rcpt.test>: Recipient address "
    b"rejected: Domain not found",
    "pf_recipient_domain_servfail_to_expiry": b"450 4.1.2 <fine@sf-rcpt.test>: Recipient "
    b"address rejected: Domain not found",
    "pf_unknown_sender_domain": b"550 5.1.8 <bounces+pf_unknown_sender_domain@nx-sender.test>: "
    b"Sender address rejected: Domain not found",
    "pf_sender_domain_servfail_to_expiry": b"450 4.1.8 "
    b"<bounces+pf_sender_domain_servfail_to_expiry@sf-sender.test>: Sender address rejected: "
    b"Domain not found",
    "pf_rbl_client": b"554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using "
    b"bl.test; " + bed.BLOCK_LIST_TEXT.encode(),
    "pf_rhsbl_sender": b"554 5.7.1 Service unavailable; Sender address "
    b"[bounces+pf_rhsbl_sender@sender.test] blocked using rhsbl.bl.test; Domain listed by the "
    b"verify bed's RHSBL",
    "ps_dnsbl": b"550 5.7.1 Service unavailable; client [127.0.0.1] blocked using bl.test",
    "ex_callout_recipient": (b"Callout verification failed:", b"550 5.1.1 User unknown"),
    "ex_callout_deferred_to_expiry": b"451 Could not complete recipient verify callout",
    "ex_sender_callout": (b"Verification failed for", b"Response: 550 5.1.1", b"Sender verify"),
    "ex_dnslists": b"550 Administrative prohibition",
    "ex_dnslists_message": b"550 127.0.0.1 is listed at bl.test (" + bed.BLOCK_LIST_TEXT.encode(),
    "ex_user_unknown": b"550 Unrouteable address",
}

# Read wrong and left so (strict xfails): Postfix writes the same "450 4.1.2 ... Recipient
# address rejected: Domain not found" for a SERVFAIL (reject_tempfail_action) as for an
# NXDOMAIN under its default unknown_address_reject_code 450 (judge16's unknown_recipient_domain,
# labelled the recipient's): no reading of the notice tells the two apart. Never suppressed.
INDISTINGUISHABLE = (
    "Postfix's SERVFAIL deferral has the words of its NXDOMAIN refusal under code 450 (read as "
    "the recipient's domain, not transient; never suppressed)"
)
KNOWN_BY_WRITER = {
    writer: {"pf_recipient_domain_servfail_to_expiry": INDISTINGUISHABLE} for writer in bed.WRITERS
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "verify-receivers"
    words = WORDS
    known = KNOWN_BY_WRITER

    @staticmethod
    def flatten(raw: bytes) -> bytes:
        # Exim's multi-line replies: the continuation codes go too
        return flat(raw.replace(b"550-", b"").replace(b"\n 550 ", b" "))

    def test_no_sender_side_refusal_is_the_recipients_fault(self, writer: str) -> None:
        # every address labelled not to be suppressed is kept, and none whose refusal is our
        # side's (a listing, our sender refused, our domain unknown) is blamed on the recipient
        directory, _manifest = stored(writer)
        for name, entry in entries(writer).items():
            report = {
                b.address: b for b in parse((directory / entry["path"]).read_bytes()).recipients
            }
            for want in entry["expected"]:
                got = report[want["address"]]
                if not want["hardbounce"]:
                    assert not got.suppresses, (name, got)
                if want["party"] == "sender":
                    assert got.party is not Party.RECIPIENT, (name, got)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_postfix_unverified_address_until_expiry_is_transient_and_never_suppresses(
    writer: str,
) -> None:
    # "450 4.1.1 <a>: Recipient address rejected: unverified address: host ... said: 450 4.2.1
    # ..." until the queue lifetime ends: smtpd_check.c puts 4.1.1 on every temporary result
    # of its probe, and RFC 3463 makes X.1.1 "only useful for permanent failures": the
    # address was not found dead, its probe did not finish
    bounce = SETS.only(writer, "pf_unverified_deferred_to_expiry")
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_exims_sender_callout_keeps_the_notices_status(writer: str) -> None:
    # "550-Verification failed for <our sender> ... Response: 550 5.1.1 No such mailbox here
    # 550 Sender verify failed": the 5.1.1 is our server's answer about our sender, not the
    # receiver's status for the recipient; the notice's Status (5.0.0) stands
    bounce = SETS.only(writer, "ex_sender_callout")
    assert (bounce.reason, bounce.party, bounce.suppresses, bounce.status) == (
        Reason.REJECTED,
        Party.SENDER,
        False,
        "5.0.0",
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_verified_dead_recipient_is_suppressed(writer: str) -> None:
    # "undeliverable address: host ... said: 550 5.1.1 User unknown": the next hop's refusal
    bounce = SETS.only(writer, "pf_unverified_recipient")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.USER_UNKNOWN,
        Party.RECIPIENT,
        True,
    )
