"""A notice about a FORWARDING target of the copy's recipient (docs/bounces.md, judge40).

The recipient's server took our copy for our address and sent it on (an alias, a
~/.forward, a redirection); a target failed, and the notice is about the target: RFC 3464
section 2.3.2 puts the per-recipient fields on the Final-Recipient, section 2.3.1 names the
address the sender gave as Original-Recipient. Whether our address still reaches anyone the
notice cannot say (an alias with one dead target and one with a live one besides read the
same), and our address itself is not bad (its server knew it): the failure is recorded on
our copy with the target's reason, never as a permanent verdict on our address. One rule
for the recorder and for reclassification.
"""

from __future__ import annotations

import dataclasses

from bounce_parser import Bounce, Party
from storage.addresses import BadAddress, normalize_address


def forwarded_from(entry: Bounce, address: str) -> bool:
    """Whether ``entry`` reports a target that ``address`` (normalized) was forwarded to: the
    entry's original recipient is ``address``, its own address another."""
    if not entry.original_recipient:
        return False
    try:
        original = normalize_address(entry.original_recipient)
        final = normalize_address(entry.address)
    except BadAddress:
        return False
    return original == address and final != address


def as_forwarded(entry: Bounce) -> Bounce:
    """The verdict a target's failure gives the address forwarded to it: its reason, status
    and words kept; not hard, and whose fault undetermined (never suppressing, never
    escalating)."""
    return dataclasses.replace(entry, hard=False, party=Party.UNDETERMINED)
