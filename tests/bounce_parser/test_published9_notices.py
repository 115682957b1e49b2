"""Spanish-, Portuguese-, Polish- and Dutch-language providers', hosters' and mail software's
published error texts, ninth batch (composed/published9.py, issue #14, judge44).

Exchange's Spanish and Brazilian-Portuguese NDRs, Microsoft 365's Spanish NDR, Spanish,
Uruguayan and Argentine servers' words, Brazilian hosters' lists (Netbit, BS2), Interia's and
konto.pl's texts, STRATO's, weboke.nl's and VDX's Dutch lists, each in the notice the receiving
side's or our relay's MTA writes; ``composed/manifest_published9.json`` labels every recipient
from the documented meaning (Interia's "550 5.2.1 Mailbox not available" is documented as a
wrong address, a full inbox or a suspended account: never suppressed). The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge44
section). ``python -m tests.bounce_parser.test_published9_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published9.json"


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    delays = 4
    bounces = 30
    languages = frozenset({"es", "pt", "pl", "nl"})
    several = (2, 5)
    every_kind = True


if __name__ == "__main__":
    print_scores(MANIFEST)
