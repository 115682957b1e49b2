"""Machine replies that are not bounces, and TMDA's own failure notices, thirty-eighth batch
(composed/published38.py, issue #14, judge78).

TMDA's confirmation requests (its text and our message, our headers alone, or its text
alone), Request
Tracker's Autoreply (with RT's Precedence: bulk, and from an RT 5 whose default Precedence is
unset: no marker at all), osTicket's "Support Ticket Opened", Zammad's and Znuny's
acknowledgements, OTRS's auto reject of a follow-up ("Your email has been rejected!"),
Zendesk's "[Request received]" (no header of its own), Thunderbird's, gromox's and Exchange's
MDNs (displayed, denied, not read, deleted without being read), and, as the contrast, TMDA's
failure notices (an expired dated address, with our message and as text alone, an invalid
keyword address: dead; a sender address our sender may not use, the owner's incoming filter:
refused, not suppressed).
``composed/manifest_published38.json`` labels every notice from its source's meaning, by the
rule written in published38.py's docstring before the first score: the answers are
``auto_reply``, the MDNs ``not_bounce``, and neither may be read as a failure or suppress
anyone. The set was scored before any rule was written for it (docs/bounces.md, "Unseen,
before any fix" and the judge78 section). ``python -m tests.bounce_parser.test_published38_notices``
prints the scores and the misses.
"""

from __future__ import annotations

from typing import Any

import pytest

from bounce_parser import Kind, parse
from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    entries,
    failures,
    parse_set,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published38.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}

# The non-bounces still read as another kind than the label (notice -> the kind read): an
# acknowledgement with no marker of an automatic response (RT 5 with $DefaultMailPrecedence
# unset, Zendesk's trigger: neither Auto-Submitted, nor Precedence, nor X-Autoreply) is read
# as no bounce (NOT_BOUNCE), not as an auto-reply. Neither reading names a failure; nothing in
# the message but its words says a machine wrote it, and an In-Reply-To alone is what a
# person's reply has too, so no rule was written (docs/bounces.md, judge78).
KNOWN_KIND: dict[str, str] = {
    "rt5-autoreply-no-precedence.eml": "not_bounce",
    "zendesk-request-received.eml": "not_bounce",
}


def non_bounces() -> list[dict[str, Any]]:
    """The entries labelled as no failure at all (an automatic answer or an MDN)."""
    return [
        e
        for e in entries(MANIFEST)
        if all(x["kind"] in ("auto_reply", "not_bounce") for x in e["expected"])
    ]


def read_as_bounces(parsed: dict[str, BounceReport]) -> list[str]:
    """The non-bounces the parser reads as a failure of anyone, or with anyone to suppress."""
    return [
        e["path"]
        for e in non_bounces()
        if failures(parsed[e["path"]]) or any(b.suppresses for b in parsed[e["path"]].recipients)
    ]


def kinds_read_otherwise(parsed: dict[str, BounceReport]) -> dict[str, str]:
    """The non-bounces read as another kind than their label's (Kind's value)."""
    return {
        e["path"]: parsed[e["path"]].kind.value
        for e in non_bounces()
        if parsed[e["path"]].kind.value != e["expected"][0]["kind"]
    }


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset(
        {"tmda", "request-tracker", "osticket", "zammad", "znuny", "otrs", "zendesk"}
        | {"thunderbird", "gromox", "exchange"}
    )
    several = (1, 22)
    notices = 22
    bounces = 5
    delays = 0

    def test_no_machine_reply_is_read_as_a_bounce(self, parsed: dict[str, BounceReport]) -> None:
        assert len(non_bounces()) == 17
        assert read_as_bounces(parsed) == []

    def test_each_machine_reply_is_read_as_the_kind_its_source_says(
        self, parsed: dict[str, BounceReport]
    ) -> None:
        assert kinds_read_otherwise(parsed) == KNOWN_KIND


@pytest.mark.parametrize("path", sorted(e["path"] for e in non_bounces()))
def test_the_relay_records_no_failure_for(path: str) -> None:
    """What the bounce recorder acts on: a report of a failure kind with a failed recipient."""
    report = parse((COMPOSED / path).read_bytes())
    assert report.kind in (Kind.AUTO_REPLY, Kind.NOT_BOUNCE, Kind.DELIVERED), report
    assert not any(b.suppresses for b in report.recipients)


def test_a_failure_list_naming_our_own_sender_names_no_failed_recipient() -> None:
    """The rule that reads TMDA's list (an address listed under "The following address(es)
    failed:" is a failed recipient even when the notice comes from it) never takes our own
    return path for one: the same notice listing it instead of the owner's address."""
    raw = (COMPOSED / "tmda-expired-dated-address.eml").read_text(encoding="utf-8")
    dead = "k.keller-dated-1764000000.5f2a1c@tmda-user.example"
    ours = "bounce+c3f1a9@bounces.shop.example"
    listed = raw.replace(f"<{dead}>:\n\nYou have", f"<{ours}>:\n\nYou have")
    assert listed != raw
    addresses = {b.address.lower() for b in parse(listed.encode()).recipients}
    assert ours not in addresses


if __name__ == "__main__":
    print_scores(MANIFEST)
    reports = parse_set(MANIFEST)
    print("machine replies read as bounces:", read_as_bounces(reports))
    print("machine replies read as another kind:", kinds_read_otherwise(reports))
