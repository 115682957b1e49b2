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
    entries,
    print_scores,
    unnamed_sources,
)

MANIFEST = COMPOSED / "manifest_published9.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    delays = 4


def test_the_set_covers_the_languages_and_names_each_source() -> None:
    found = entries(MANIFEST)
    assert len(found) >= 30
    assert sum(x["kind"] == "bounce" for e in found for x in e["expected"]) >= 30
    assert {"es", "pt", "pl", "nl"} <= {e["lang"] for e in found}
    assert sum(len(e["expected"]) >= 2 for e in found) >= 5
    # hard, soft, sender-side and transient recipients all present
    labels = [x for e in found for x in e["expected"] if x["kind"] == "bounce"]
    assert any(x["hardbounce"] for x in labels)
    assert any(not x["hardbounce"] and x["party"] == "sender" for x in labels)
    assert any("transient" in x["party"].split("|") for x in labels)
    assert unnamed_sources(MANIFEST) == []


if __name__ == "__main__":
    print_scores(MANIFEST)
