"""chasquid 1.11 as the real RECEIVING server (tests/support/receivers_bed_chasquid.py),
refusing in its own words by its own configuration (its users database, relaying only for an
authenticated user, max_data_size_mb, its SPF check, a post-data hook in the words of Debian's
example hook),
with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_chasquid_<writer>/ with the manifest that labels them by construction; the tests
read them, and the bed is run live where every server is present and the test runs as root
(both live runs marked slow: the deferral waits for the 8 s queue lifetime, and the default
suite's chasquid run is the writer bed's, test_chasquid_notices.py).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
)
from tests.support import receivers_bed_chasquid as bed

SETS = WriterSets("real_receivers_chasquid")
stored, entries = SETS.stored, SETS.entries


# conn.go's replies, and the hook's line under chasquid's 554/451 (the bed's docstring)
WORDS = {
    "chq_no_such_user": b"550 5.1.1 Destination address is unknown (user does not exist)",
    "chq_relay_not_allowed": b"503 5.7.1 Relay not allowed",
    "chq_message_too_big": b"552 5.3.4 Message too big",
    "chq_spf_fail": b"550 5.7.23 SPF check failed: matched all",
    "chq_hook_spam": b"554 spam detected",
    "chq_hook_greylisted": b"451 greylisted, please try again",
}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "chasquid-receivers"
    words = WORDS
    # the deferral waits for the 8 s queue lifetime, and the default suite's chasquid run is
    # the writer bed's (test_chasquid_notices.py)
    live_default = ()


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_hooks_refusals_are_ours_or_passing(writer: str) -> None:
    # "554 spam detected": the content, our side; "451 greylisted" until expiry: transient
    directory, _manifest = stored(writer)
    (spam,) = parse((directory / "chq_hook_spam.eml").read_bytes()).recipients
    assert (spam.reason, spam.party, spam.suppresses) == (Reason.SPAM_DETECTED, Party.SENDER, False)
    (grey,) = parse((directory / "chq_hook_greylisted.eml").read_bytes()).recipients
    assert (grey.permanent, grey.suppresses) == (False, False)
    assert grey.party is Party.TRANSIENT
