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

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published3.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    # Empty since judge25's rule (bounce_parser/judge.py: a final notice quoting a temporary
    # generic X.7.0/X.7.1/X.7.9, its reason from the status alone, is the queue lifetime's end)
    # reads iCloud's "451 4.7.1 Service unavailable - try again later", given up at expiry, as
    # expired and transient; judge22 had left it read as X.7.1's security_error (our side).
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    delays = 8
    distinct_engines = 12
    languages = frozenset({"en", "zh", "pl"})
    several = (3, 3)


if __name__ == "__main__":
    print_scores(MANIFEST)
