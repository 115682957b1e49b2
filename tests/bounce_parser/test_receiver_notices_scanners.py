"""clamsmtp, sa-exim and filter-rspamd at the destination (tests/support/receivers_bed_scanners.py):
Debian's
clamsmtp 1.10 (an SMTP proxy asking clamd 1.4 with the bed's own signature) in front of a
receiving Postfix 3.7 (scenarios cs_*: a virus bounced, clamd out of reach until expiry, an
unknown user passed through, a mixed message) and sa-exim 4.2.1 (SpamAssassin 4.0's spamd
from Exim's local_scan) inside a receiving Exim 4.96 (sa_*: GTUBE over SApermreject, the
bed's marker over SAtempreject until expiry, an unknown user, a mixed message) and
opensmtpd-filter-rspamd 0.1.7 (rspamd 3.4) as a receiving OpenSMTPD 6.8's filter (osr_*: GTUBE,
a soft reject until expiry, rspamd out of reach until expiry, an unknown user, a mixed
message), with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_scanners_<writer>/ with the manifest that labels them by construction; the tests
read them (nothing is regenerated), and the bed is run live where the three components are
unpacked and the test runs as root (Postfix's quick run, clamsmtp's three scenarios that end
at once, in the default suite; the full runs are marked slow).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    QuickBedChecks,
    WriterSets,
    only_dead_addresses_suppressed,
)
from tests.support import receivers_bed_scanners as bed

SETS = WriterSets("real_receivers_scanners")
stored, entries = SETS.stored, SETS.entries

# What each component answers, as its sources have it (the bed's docstring)
WORDS = {
    "cs_no_such_user": b"550 5.1.1 <nosuchuser@cs.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "cs_virus": bed.VIRUS_REJECTED.encode(),
    "cs_scan_failed_to_expiry": bed.LOCAL_ERROR.encode(),
    "sa_no_such_user": b"550 Unrouteable address",
    "sa_gtube": b"550 " + bed.PERM_REJECTED.encode(),
    "sa_tempreject_to_expiry": b"451 " + bed.TEMP_REJECTED.encode(),
    "osr_no_such_user": b"550 Invalid recipient: <nosuchuser@osr.test>",
    "osr_gtube": bed.GTUBE_REJECTED.encode(),
    "osr_soft_reject_to_expiry": bed.SOFT_REJECTED.encode(),
    "osr_rspamd_down_to_expiry": bed.RSPAMD_FAILED.encode(),
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "scanners-receivers"
    words = WORDS

    def test_no_content_refusal_is_the_recipients_fault(self, writer: str) -> None:
        # the recipients' addresses are good: only the unknown users may be suppressed
        directory, _manifest = stored(writer)
        only_dead_addresses_suppressed(directory, bed.scenarios(), ("nosuchuser@", "departed@"))


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_clamsmtps_virus_bounce_is_the_senders(writer: str) -> None:
    # "550 Virus Detected; Content Rejected" (clamsmtpd.c, Action: bounce) under Status 5.0.0
    bounce = SETS.only(writer, "cs_virus")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.VIRUS_DETECTED,
        Party.SENDER,
        False,
    )


TEMPFAILS = (
    "cs_scan_failed_to_expiry",
    "sa_tempreject_to_expiry",
    "osr_soft_reject_to_expiry",
    "osr_rspamd_down_to_expiry",
)


@pytest.mark.parametrize("scenario", TEMPFAILS)
@pytest.mark.parametrize("writer", bed.WRITERS)
def test_a_scanners_tempfail_until_expiry_is_transient(writer: str, scenario: str) -> None:
    # clamsmtpd's "451 Local Error", sa-exim's "451 Please try again later", filter-rspamd's
    # "451 <rspamd's message>" and "421 server internal error", on every attempt
    bounce = SETS.only(writer, scenario)
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_sa_exims_bare_rejected_after_the_data_is_the_senders(writer: str) -> None:
    # "550 Rejected" (sa-exim's default SAmsgpermrej) after the end of the data, Status 5.0.0:
    # the message refused, ours (commands.py's DATA rule); before it undefined, undetermined
    bounce = SETS.only(writer, "sa_gtube")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.FILTERED,
        Party.SENDER,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_filter_rspamds_gtube_reject_is_spam(writer: str) -> None:
    # "550 Gtube pattern": rspamd's reject action's message, after the data, as filter-rspamd
    # answers it (no enhanced code: Status 5.0.0)
    bounce = SETS.only(writer, "osr_gtube")
    assert (bounce.reason, bounce.party, bounce.suppresses) == (
        Reason.SPAM_DETECTED,
        Party.SENDER,
        False,
    )
