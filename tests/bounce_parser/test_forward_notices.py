"""Forwarding at the destination (tests/support/forward_bed.py, judge40): a real Postfix 3.7
forwarder (virtual_alias_maps, a ~/.forward, postsrsd 1.10 rewriting the envelope sender to
SRS and back) and Debian's Exim 4.96 (its redirect router) take our copy for OUR address and
send it on to targets a scripted next hop refuses, or a domain that does not exist; the
forwarder writes the notice. The notices are kept in real_forward_<writer>/ with the
manifest that labels them by construction: the failed recipients are the forward TARGETS
(RFC 3464 section 2.3.2), each with OUR address as its original recipient. The default suite
runs Postfix's quick live run (every scenario but the one that waits for the queue lifetime);
the full runs are slow.
"""

from __future__ import annotations

import pytest

from bounce_parser import parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets
from tests.support import forward_bed as bed

SETS = WriterSets("real_forward")

# The next hop's replies (forward_bed.USER_UNKNOWN, MAILBOX_FULL), as each writer quotes them.
WORDS = {
    "fw_alias_dead": bed.USER_UNKNOWN.format("gone1@dest.test").encode(),
    "fw_alias_mixed": bed.USER_UNKNOWN.format("gone2@dest.test").encode(),
    "fw_dot_forward": bed.USER_UNKNOWN.format("gone5@dest.test").encode(),
    "fw_alias_full": bed.MAILBOX_FULL.format("full@dest.test").encode(),
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "forward"
    words = WORDS


@pytest.mark.parametrize("writer", bed.WRITERS)
@pytest.mark.parametrize("scenario", sorted(bed.OURS))
def test_each_target_names_our_address_as_its_original_recipient(
    writer: str, scenario: str
) -> None:
    # RFC 3464 section 2.3.1 (Postfix writes Original-Recipient even with no ORCPT given);
    # Exim says "(generated from <ours>)" beside each target
    directory, _manifest = SETS.stored(writer)
    report = parse((directory / f"{scenario}.eml").read_bytes())
    assert report.recipients
    for entry in report.recipients:
        assert entry.original_recipient == bed.OURS[scenario].address, entry


def test_the_notice_travelled_through_srs_to_our_return_path() -> None:
    # postsrsd rewrote the envelope sender; the notice came back to ours through its reverse
    directory, _manifest = SETS.stored("postfix")
    raw = (directory / "fw_alias_mixed.eml").read_bytes()
    assert b"X-Postfix-Sender: rfc822; SRS0=" in raw
    assert b"=sender.test=bounces+fw_alias_mixed@fw.test" in raw
    assert b"\nTo: bounces+fw_alias_mixed@sender.test" in raw.replace(b"\r\n", b"\n")
