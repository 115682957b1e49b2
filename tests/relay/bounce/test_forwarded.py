"""Notices a FORWARDER wrote about our copy (tests/support/forward_bed.py, judge40), replayed
to the relay's bounce listener at the VERP return path of a copy the relay sent to OUR
address (the alias, the ~/.forward user): what the recorder records for our address and
which address, if any, it suppresses. The rule (docs/bounces.md, judge40): a forwarding
target's failure is recorded on our copy, tied, with its reason; it never suppresses our
address (the notice cannot tell an alias with one target from one with several, one of them
alive), nor the target (never sent to by us).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bounce_parser import Party, parse
from relay.admin.reclassify import entry_for
from tests.support import forward_bed
from tests.support.bounces import bounce, bounces_of, rcpt_code, send
from tests.support.harness import Relay
from tests.support.upstream import Upstream

STORED = Path(__file__).parents[2] / "bounce_parser"


def _notice(writer: str, scenario: str, verp: str) -> bytes:
    raw = (STORED / f"real_forward_{writer}" / f"{scenario}.eml").read_bytes()
    return raw.replace(f"bounces+{scenario}@sender.test".encode(), verp.encode())


@pytest.mark.parametrize("writer", forward_bed.WRITERS)
async def test_a_forward_targets_failure_is_recorded_on_our_copy_and_suppresses_nothing(
    relay: Relay, upstream: Upstream, writer: str
) -> None:
    wrong = {}
    for scenario in forward_bed.scenarios():
        ours = forward_bed.OURS[scenario.name].address
        await send(relay, ours)
        verp = upstream.received[-1].mail_from
        assert await bounce(relay, _notice(writer, scenario.name, verp), verp) == (250, "ok")
        recorded = {(row.verified, row.hard) for row in await bounces_of(relay, ours)}
        codes = [await rcpt_code(relay, a) for a in (ours, *(e.address for e in scenario.failed))]
        if recorded != {(True, False)} or codes != [250] * len(codes):
            wrong[scenario.name] = (recorded, codes)
    assert wrong == {}


@pytest.mark.parametrize("writer", forward_bed.WRITERS)
def test_reclassification_judges_a_forwarded_failure_as_the_recorder_did(writer: str) -> None:
    # relay bounces reclassify finds the stored bounce's entry again: the target's, judged
    # as a forwarding target's failure, so it never hardens (and suppresses) our address
    for scenario in forward_bed.scenarios():
        raw = _notice(writer, scenario.name, "bounces@relay.test")
        entry = entry_for(parse(raw), forward_bed.OURS[scenario.name].address)
        assert entry is not None, scenario.name
        assert entry.address == scenario.failed[0].address
        assert (entry.hard, entry.party, entry.suppresses) == (False, Party.UNDETERMINED, False)
