"""European ISPs' and telcos' mail replies not yet carried, thirty-seventh batch
(composed/published37.py, issue #14, judge77).

BT Internet's policy refusals ("554 Message rejected, policy (3.2.1.1) - Your message looks like
SPAM ...", "554 Message rejected for policy reasons (3.2.2.1)"), its per-server limit "421 Too
many messages (1.5.6.1) from <ip>" and "451 System policy engine error", BT Business's "550
Message rejected due to sender IP reputation", Virgin Media's "550/554 5.2.0 Spam content
found", in our Postfix's, Exim's and Sendmail's notices. ``composed/manifest_published37.json``
labels every recipient from the publishing page's meaning, by the rule written in
published37.py's docstring before the first score; none of these texts says a recipient's
mailbox does not exist, so no label suppresses. The set was scored before any rule was written
for it (docs/bounces.md, "Unseen, before any fix" and the judge77 section).
``python -m tests.bounce_parser.test_published37_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published37.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"bt", "virginmedia"})
    several = (2, 3)
    notices = 17
    bounces = 16
    delays = 4


if __name__ == "__main__":
    print_scores(MANIFEST)
