"""Microsoft 365 (Exchange Online) NDRs in languages whose NDR prose was not carried yet, from
Microsoft's localized Learn pages, forty-seventh batch (composed/published47.py, issue #14,
judge94).

The 5.1.8 NDR a user restricted from sending gets ("you weren't recognized as a valid
sender", "Remote Server returned '550 5.1.8 Access denied, bad outbound sender'"), as the
Dutch, Swedish, Turkish, Korean, Simplified and Traditional Chinese, Arabic and Polish
translations of Microsoft's restricted-users page quote it, each as Microsoft 365 sends it
(multipart/report with its delivery-status part), without that part, and text-only.
``composed/manifest_published47.json`` labels every recipient from the page's meaning, by the
rule written in published47.py's docstring before the first score: the sender's restriction,
never a suppression (``every_kind`` stays off). The set was scored before any rule was written
for it (docs/bounces.md, "Unseen, before any fix" and the judge94 section); every recipient was
read as labelled then, so no known-wrong entry is kept.
``python -m tests.bounce_parser.test_published47_notices`` prints the scores and the misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published47.json"


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    languages = frozenset({"nl", "sv", "tr", "ko", "zh", "ar", "pl"})
    engines = frozenset({"microsoft365"})
    several = (2, 8)
    notices = 24
    bounces = 32
    delays = 0


if __name__ == "__main__":
    print_scores(MANIFEST)
