"""Localized notice templates that mail software ships (composed/localized4.py, issue #14,
judge29).

masqmail's German, French and Italian failure and delay templates, gromox's Chinese
(simplified and traditional) and Japanese local-delivery bounces, and Postfix with a Dutch and
a Russian bounce_template_file; ``composed/manifest_localized4.json`` labels every recipient by
construction from the documented meaning of the template and the reply. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge29
section). ``python -m tests.bounce_parser.test_localized4_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_localized4.json"

# Addresses the parser reports that the notice does not fail: masqmail's Italian failure
# template misspells its contact address ("scrivi a <postmatster@HOST>"), so the name no rule
# knows as a system address is taken for a recipient (undetermined, never suppressed).
KNOWN_EXTRA = {
    "masqmail-it-unknown.eml": {"postmatster@relay.kunde.example"},
    "masqmail-it-too-big.eml": {"postmatster@relay.kunde.example"},
}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_extra = KNOWN_EXTRA
    delays = 5
    languages = frozenset({"de", "fr", "it", "zh", "ja", "nl", "ru"})
    several = (2, 5)


if __name__ == "__main__":
    print_scores(MANIFEST)
