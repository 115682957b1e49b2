"""Providers' and gateways' published error texts, third batch (composed/published3.py, issue
#14, judge22).

Google's Gmail SMTP error reference (the 4.x/5.x lines the tables lacked), Apple iCloud,
GMX/WEB.DE/mail.com, Chinese providers' and hosters' lists (zh), Korean portals, Hornetsecurity,
the filtering gateways' replies Broadcom lists, Spambrella, Proofpoint, Interia (a Polish
notice) and German hosters' lists; ``composed/manifest_published3.json`` labels every recipient
by construction from the documented meaning. The set was scored before any rule was written for
it (docs/bounces.md, "Unseen, before any fix" and the judge22 section).
``python -m tests.bounce_parser.test_published3_notices`` prints the scores and the misses.
"""

from __future__ import annotations

import pytest

from bounce_parser.report import BounceReport
from tests.bounce_parser.composed_sets import (
    COMPOSED,
    delay_notices,
    disagreements,
    entries,
    extra_addresses,
    good_addresses_suppressed,
    parse_set,
    print_scores,
    sender_failures_blamed,
    taken_for_bounces,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_published3.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # Empty since judge25's rule (bounce_parser/judge.py: a final notice quoting a temporary
    # generic X.7.0/X.7.1/X.7.9, its reason from the status alone, is the queue lifetime's end)
    # reads iCloud's "451 4.7.1 Service unavailable - try again later", given up at expiry, as
    # expired and transient; judge22 had left it read as X.7.1's security_error (our side).
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, BounceReport]:
    return parse_set(MANIFEST)


def test_every_recipient_is_read_as_labelled(parsed: dict[str, BounceReport]) -> None:
    # An entry of KNOWN_WRONG that no longer disagrees fails here too: remove it with its fix.
    assert disagreements(parsed, MANIFEST) == KNOWN_WRONG


def test_no_address_is_reported_that_the_notice_does_not_fail(
    parsed: dict[str, BounceReport],
) -> None:
    assert extra_addresses(parsed, MANIFEST) == {}


def test_no_good_address_is_suppressed_and_no_sender_failure_blamed(
    parsed: dict[str, BounceReport],
) -> None:
    assert good_addresses_suppressed(parsed, MANIFEST) == []
    assert sender_failures_blamed(parsed, MANIFEST) == []


def test_the_delay_notices_are_never_bounces(parsed: dict[str, BounceReport]) -> None:
    delays = delay_notices(MANIFEST)
    assert len(delays) == 8
    assert taken_for_bounces(parsed, delays) == []


def test_the_set_covers_the_providers_and_languages_and_names_each_source() -> None:
    found = entries(MANIFEST)
    assert len(found) >= 30
    assert len({e["engine_id"] for e in found}) >= 12
    assert {"en", "zh", "pl"} <= {e["lang"] for e in found}
    assert sum(len(e["expected"]) >= 3 for e in found) >= 3
    assert unnamed_sources(MANIFEST) == []


if __name__ == "__main__":
    print_scores(MANIFEST)
