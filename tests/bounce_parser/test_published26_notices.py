"""Haraka's plugins' reply texts, read from their npm packages' source, twenty-sixth batch
(composed/published26.py, issue #14, judge65).

haraka-plugin-attachment's archive refusals (an encrypted archive, nested archives, an
archive's decompressed size and entry count, an archive it could not unpack), fcrdns's rDNS
lookup error, the headers plugin's duplicated singular header, helo.checks' rDNS mismatch and
address-literal form, qmail-deliverable's "not local" and its temporary failures, the spf
plugin's temporary error (451 4.7.24), Fail, SoftFail and "record not found", limit's rate
limits and uribl's listing of our sender domain, in our Postfix's, Exim's and Sendmail's
notices. ``composed/manifest_published26.json`` labels every recipient from the source's
meaning, by the rule written in published26.py's docstring before the first score; none of
these texts says a mailbox does not exist, so no label suppresses (``every_kind`` stays off).
The set was scored before any rule was written for it (docs/bounces.md, "Unseen, before any
fix" and the judge65 section).
``python -m tests.bounce_parser.test_published26_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published26.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"haraka"})
    several = (2, 3)
    bounces = 25
    delays = 7


if __name__ == "__main__":
    print_scores(MANIFEST)
