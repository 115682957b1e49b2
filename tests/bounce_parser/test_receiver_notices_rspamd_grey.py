"""rspamd's greylisting with Redis at the destination (tests/support/receivers_bed_rspamd_grey.py):
a receiving Postfix 3.7 with Debian's rspamd 3.4 as its milter and redis-server 7.0 for its
greylist module, with Postfix 3.7 and Exim 4.96 writing the notices. The notices are kept in
real_receivers_rspamd_grey_<writer>/ with the manifest that labels them by construction; the
tests read them (nothing is regenerated); both live runs are marked slow (rspamd's start alone
takes about 17 s here, judge25).
"""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason
from tests.bounce_parser.real_notices import (
    BedChecks,
    WriterSets,
)
from tests.support import receivers_bed_rspamd_grey as bed

SETS = WriterSets("real_receivers_rspamd_grey")
stored, entries = SETS.stored, SETS.entries


# the greylist module's default message (modules.d/greylist.conf), under the milter's soft
# reject code; the unknown user Postfix's own
WORDS = {
    "rspamd_greylisted_to_expiry": b"451 4.7.1 Try again later",
    "rg_user_unknown": b"User unknown in local recipient table",
}


class TestSets(BedChecks):
    bed = bed
    sets = SETS
    live_name = "rspamd-grey-receivers"
    words = WORDS
    # rspamd's start alone takes about 17 s here (judge25)
    live_default = ()


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_rspamds_greylisting_until_expiry_is_transient_and_never_suppresses(writer: str) -> None:
    bounce = SETS.only(writer, "rspamd_greylisted_to_expiry")
    assert (bounce.reason, bounce.party, bounce.permanent, bounce.suppresses) == (
        Reason.EXPIRED,
        Party.TRANSIENT,
        False,
        False,
    )
