"""Notice templates of servers outside every other set (composed/templates.py, issue #14).

Eight servers that neither Debian packages nor the shared corpus has (hMailServer,
SmarterMail, Stalwart, Apache James, mox, maddy, XMail, Citadel) write their own notices
around the remote's reply; ``composed/manifest_templates.json`` labels every recipient by
construction. Each recipient must be read as labelled: found, the suppress bit, the status the
notice states, a reason the label accepts, and whose fault it is. A delay notice is never a
bounce. ``python -m tests.bounce_parser.test_template_notices`` prints the scores.
"""

from __future__ import annotations

import pytest

from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    delay_notices,
    disagreements,
    entries,
    good_addresses_suppressed,
    parse_set,
    print_scores,
    sender_failures_blamed,
    taken_for_bounces,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_templates.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return parse_set(MANIFEST)


def test_every_recipient_is_read_as_labelled(parsed: dict[str, BounceReport]) -> None:
    # An entry of KNOWN_WRONG that no longer disagrees fails here too: remove it with its fix.
    assert disagreements(parsed, MANIFEST) == KNOWN_WRONG


def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
    parsed: dict[str, BounceReport],
) -> None:
    assert good_addresses_suppressed(parsed, MANIFEST) == []
    assert sender_failures_blamed(parsed, MANIFEST) == []


def test_delay_notices_are_never_bounces(parsed: dict[str, BounceReport]) -> None:
    delays = delay_notices(MANIFEST)
    assert len(delays) >= 2
    assert taken_for_bounces(parsed, delays) == []


def test_the_set_covers_eight_servers_and_names_each_source() -> None:
    servers = {e["engine_id"] for e in entries(MANIFEST)}
    assert servers == {
        "hmailserver",
        "smartermail",
        "stalwart",
        "james",
        "mox",
        "maddy",
        "xmail",
        "citadel",
    }
    assert sum(len(e["expected"]) for e in entries(MANIFEST)) >= 25
    assert any(len(e["expected"]) >= 3 for e in entries(MANIFEST))
    assert unnamed_sources(MANIFEST) == []


if __name__ == "__main__":
    print_scores(MANIFEST)
