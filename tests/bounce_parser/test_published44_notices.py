"""Web hosts' and registrars' own mail-platform replies from their knowledge-base pages,
forty-fourth batch (composed/published44.py, issue #14, judge86).

Bluehost's incoming bouncebacks (a mailbox that does not exist, the recipient's block list
holding our sender, our sender refused, too many messages in one session, greylisting, a full
mail queue until expiry), GoDaddy's 552 for spam or virus content, DreamHost's outgoing quota
and Web Hosting Hub's outbound spam filter as the smart host our relay submits through, in our
Postfix's, Exim's and Sendmail's notices. ``composed/manifest_published44.json`` labels every
recipient from the page's meaning, by the rule written in published44.py's docstring before the
first score; only Bluehost's bare "recipient rejected" is a dead address. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge86
section). ``python -m tests.bounce_parser.test_published44_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published44.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"bluehost", "godaddy", "dreamhost", "webhostinghub"})
    several = (2, 3)
    notices = 19
    bounces = 19
    delays = 3
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
