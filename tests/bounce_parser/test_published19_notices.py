"""Languages with no phrase table yet, nineteenth batch (composed/published19.py, issue #14,
judge57).

Sympa's own delivery status notifications as its shipped catalogues write them in Hungarian,
Estonian, Basque, Galician and Romanian (a list that does not exist, 5.1.1; a post over the
list's size limit, 5.2.3; a non-subscriber's post to a closed list, 5.7.1; the sentences a
catalogue does not translate in English, as Sympa writes them), a Hungarian organisation's
Exchange 2010 NDR ("Létrehozó kiszolgáló:", RESOLVER.ADR.ExRecipNotFound for one and two
recipients), UPC Hungary's "sender rejected" under Exchange's prose that blames the recipient's
address (alone, and beside an unknown recipient under the Hungarian heading), and three delay
notices of our Postfix for a list host that greylists. ``composed/manifest_published19.json``
labels every recipient from its writer's documented meaning, by the rule written in
published19.py's docstring before the first score. The set was scored before any rule was
written for it (docs/bounces.md, "Unseen, before any fix" and the judge57 section).
``python -m tests.bounce_parser.test_published19_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published19.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"hu", "et", "eu", "gl", "ro"})
    engines = frozenset({"sympa", "exchange", "upc-hu", "postgrey"})
    notices = 22
    several = (2, 3)
    bounces = 21
    every_kind = False
    delays = 3


if __name__ == "__main__":
    print_scores(MANIFEST)
