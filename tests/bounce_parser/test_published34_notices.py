"""Secure email gateways' published replies not yet carried, thirty-fourth batch
(composed/published34.py, issue #14, judge73).

Mimecast's 4xx table ("Unable to process connection at this time" while its server is under
maximum load, "Internal resource temporarily unavailable" for greylisting or our IP's
reputation: delays, then the end of the queue lifetime) and its "Invalid Recipient" for an
unknown internal user; Trend Micro Hosted Email Security's ERS-RBL and ERS-QIL refusals, its
RBL+ refusal and Deep Discovery Email Inspector's RBL+ denial; a recipient's filtering gateway's
"Recipient not authorized, your IP has been found on a block list" (Broadcom's list), in our
Postfix's, Exim's and Sendmail's notices.
``composed/manifest_published34.json`` labels every recipient from the vendor page's meaning,
by the rule written in published34.py's docstring before the first score. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge73
section). ``python -m tests.bounce_parser.test_published34_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published34.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"mimecast", "trendmicro", "symantec"})
    several = (2, 3)
    notices = 21
    bounces = 16
    delays = 6
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
