"""Greylisting, a weighted policy and DKIM at the destination
(tests/support/receivers_bed_greylist.py): Debian's greylistd 0.9 behind a receiving Exim 4.96
(greylistd's documented ACL statement), policyd-weight 0.1.15 and OpenDKIM 2.11 behind a
receiving Postfix 3.7, with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept
in real_receivers_greylist_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated), and the bed is run live where every server is present
and the test runs as root (Postfix's run in the default suite; Exim's is marked slow).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
    flat,
    only_dead_addresses_suppressed,
)
from tests.support import receivers_bed_greylist as bed

SETS = WriterSets("real_receivers_greylist")
stored, entries = SETS.stored, SETS.entries


# What each component answers, as its source or documentation has it (the bed's docstring)
WORDS = {
    "rx_user_unknown": b"550 5.1.1 <nosuchuser@dkim.test>: Recipient address rejected: "
    b"User unknown in local recipient table",
    "greylistd_to_expiry": b"is not yet authorized to deliver mail from",
    "pw_no_dns_to_expiry": b"450 4.7.1 <fine@pw.test>: Recipient address rejected: No DNS "
    b"entries for your MTA, HELO and Domain. Contact YOUR administrator",
    "pw_forged": b"550 5.7.1 <other@pw.test>: Recipient address rejected: Mail appeared to be "
    b"SPAM or forged. Ask your Mail/DNS-Administrator to correct HELO and DNS MX settings or to "
    b"get removed from DNSBLs",
    "pw_dnsbl": b"550 5.7.1 <fine@pw-bl.test>: Recipient address rejected: Your MTA is listed "
    b"in too many DNSBLs",
    "grey_mixed": b"550 Unrouteable address",
}


# Read wrong before any fix (judge28), none left after: policyd-weight's DNSERRMSG until
# expiry was read as transient (policyd_weight.toml). Per writer, as strict xfails.
KNOWN_BY_WRITER: dict[str, dict[str, str]] = {"postfix": {}, "exim": {}}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "greylist-receivers"
    words = WORDS
    known = KNOWN_BY_WRITER

    @staticmethod
    def flatten(raw: bytes) -> bytes:
        # Exim splits its own long replies into "451-" lines: the continuation codes go too
        return flat(raw.replace(b"451-", b"").replace(b" 451 ", b" "))

    def test_no_policy_or_authentication_refusal_is_the_recipients_fault(self, writer: str) -> None:
        # the recipients' addresses are good: only the unknown users may be suppressed
        directory, _manifest = stored(writer)
        only_dead_addresses_suppressed(directory, bed.scenarios(), ("nosuchuser@", "departed@"))


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_greylisting_until_expiry_is_transient_and_never_suppresses(writer: str) -> None:
    # greylistd's "451 127.0.0.1 is not yet authorized to deliver mail from <...> to <...>.
    # Please try later." on every attempt until the queue lifetime ends
    bounce = SETS.only(writer, "greylistd_to_expiry")
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_policyd_weights_no_dns_deferral_until_expiry_is_ours_and_never_suppresses(
    writer: str,
) -> None:
    # "450 4.7.1 ... No DNS entries for your MTA, HELO and Domain. Contact YOUR administrator"
    # until the queue lifetime ends: our host's and domain's DNS (policyd_weight.toml); before
    # the entry the expiry alone made it transient
    bounce = SETS.only(writer, "pw_no_dns_to_expiry")
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.REQUIRE_PTR,
        Party.SENDER,
        False,
        False,
    )


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_opendkims_refusal_is_our_authentication_and_never_suppresses(writer: str) -> None:
    # "550 5.7.0 bad DKIM signature data" (opendkim.toml); before the entry the generic 5.7.0
    # alone made it security_error
    bounce = SETS.only(writer, "dkim_bad_signature")
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.AUTH_FAILURE,
        Party.SENDER,
        True,
        False,
    )
