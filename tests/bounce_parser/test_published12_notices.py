"""Mail server software, hosted-mail platforms, filtering gateways and sending services not yet
covered, twelfth batch (composed/published12.py, issue #14, judge48).

Amazon SES's, SMTP2GO's and MailChannels' refusals of OUR sender identity, account, quota or
content when they are our smart host (or the destination's relay, in an Exchange NDR in Spanish
or Japanese); MailChannels Inbound's, Rackspace Email's and Sophos Central Email's refusals at
the destination (block lists, SPF/DMARC, PTR, attachments, size, rate, unknown users, the
destination's own configuration); Sun/Oracle Messaging Server's "unknown or illegal alias",
its over-quota report (Recipient address user@ims-ms-daemon, Original address) and its
attachment refusal. ``composed/manifest_published12.json`` labels every recipient from the
documented meaning, by the rule written in published12.py's docstring before the first score.
The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before any
fix" and the judge48 section). ``python -m tests.bounce_parser.test_published12_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    entries,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published12.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en", "es", "ja"})
    several = (2, 5)
    bounces = 30
    every_kind = True
    delays = 6


def test_the_sending_services_refusals_of_our_sender_are_labelled_ours() -> None:
    found = entries(MANIFEST)
    # the sending services' refusals of OUR sender are sender-side and never suppress
    services = {"amazon-ses", "smtp2go"}
    ours = [
        x
        for e in found
        if e["engine_id"] in services
        for x in e["expected"]
        if x["kind"] == "bounce"
    ]
    assert ours
    assert not any(x["hardbounce"] for x in ours)
    assert not any("recipient" in x["party"].split("|") for x in ours)


if __name__ == "__main__":
    print_scores(MANIFEST)
