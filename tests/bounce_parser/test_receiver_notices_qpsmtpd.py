"""qpsmtpd 0.94 as the real RECEIVING server (tests/support/receivers_bed_qpsmtpd.py), its
plugins refusing in their own words by their own configuration, with Postfix 3.7 and Exim 4.96
writing the notices. The notices are kept in real_receivers_qpsmtpd_<writer>/ with the manifest
that labels them by construction; the tests read them (nothing is regenerated), and the bed is
run live where every server is present and the test runs as root (Postfix's run in the default
suite; Exim's is marked slow).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
)
from tests.support import receivers_bed_qpsmtpd as bed

SETS = WriterSets("real_receivers_qpsmtpd")
stored, entries = SETS.stored, SETS.entries


# what each plugin was set up to answer, as its source has it (the bed's docstring)
WORDS = {
    "qp_no_such_user": b"550 No such user.",
    "qp_badrcptto": b"550 mail to spamtrap@qp.test not accepted here (#5.1.1)",
    "qp_relaying_denied": b"550 Relaying denied (#5.7.1)",
    "qp_dnsbl": b"550 Listed by the test bed's block list",
    "qp_badmailfrom": b"550 Your envelope sender is in my badmailfrom list",
    "qp_sender_unresolvable": b"450 Temporary address resolution failure (#4.4.3)",
    "qp_message_too_big": b"552 Message too big!",
}


# qpsmtpd 0.94's resolvable_fromhost answers "450 Temporary address resolution failure
# (#4.4.3)" when our sender's domain does not exist (its "missing result" branch), the very
# words Qpsmtpd/DSN.pm's temp_resolver_failed gives when its own resolver fails: nothing in
# the notice tells our domain's absence from the receiver's DNS trouble, and RFC 3463 makes
# X.4.3 a transient network condition. The conservative verdict (transient, temporary, never
# suppressed) is kept; labelled by construction as our side. Strict.
AMBIGUOUS = {"qp_sender_unresolvable": "qpsmtpd's resolver-failure words for our bad domain"}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "qpsmtpd-receivers"
    words = WORDS
    known = dict.fromkeys(bed.WRITERS, AMBIGUOUS)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_ambiguous_resolver_failure_keeps_the_conservative_verdict(writer: str) -> None:
    # what the xfail leaves right: temporary, never suppressed, its own status and reply
    bounce = SETS.only(writer, "qp_sender_unresolvable")
    assert (bounce.suppresses, bounce.permanent, bounce.party) == (False, False, Party.TRANSIENT)
    assert (bounce.status, bounce.reply_code, bounce.reason) == ("4.4.3", 450, Reason.EXPIRED)


def test_a_5xx_greeting_is_temporary_for_postfix_and_final_for_exim() -> None:
    # the dnsbl plugin refuses the connection: Postfix skips it until its queue lifetime ends,
    # Exim gives up at once; both are our host refused, never suppressed
    for writer, permanent in (("postfix", False), ("exim", True)):
        bounce = SETS.only(writer, "qp_dnsbl")
        assert (bounce.permanent, bounce.suppresses) == (permanent, False)
        assert (bounce.party, bounce.reason) == (Party.SENDER, Reason.BLOCKED)
