"""Norwegian, Catalan, Thai, Serbian/Bosnian, Lithuanian, Arabic- and Bulgarian-language
published texts, languages with no phrase table before, sixteenth batch
(composed/published16.py, issue #14, judge52).

Telenor's online.no "User unknown" in the Exim notice a Norwegian federation's page quotes,
Microsoft's 5.1.10 as its Norwegian page explains it, a Catalan network's list ("User unknown",
"Message body is too big", a disk quota at the end of the queue, "Message still undelivered"
and "Too many recipients" as delays), Thai hosters' texts (a content filter's refusal, Exim's
"MX records point to non-existent hosts", "Unrouteable address" with three documented causes,
GoDaddy's IB101 as a delay and until expiry), Serbian hosters' lists (a disabled Yahoo mailbox,
quota texts with 4.2.2 and 5.2.2, a greylisting delay, a blacklisted IP, the sender's domain),
a Bosnian hoster's "mailbox is full", Baltneta's Lithuanian codes (bnk_known_spam_sender,
bnk_expected_spam_sender, bnk_expected_spam_receiver), Postfix's wording of an Arabic guide's
conditions and Microsoft's 5.1.1 and 5.1.8 as its Bulgarian page explains them.
``composed/manifest_published16.json`` labels every recipient from the documented meaning, by
the rule written in published16.py's docstring before the first score. The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge52
section). ``python -m tests.bounce_parser.test_published16_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import (
    COMPOSED,
    ComposedSetChecks,
    print_scores,
)

MANIFEST = COMPOSED / "manifest_published16.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
# Exim's "Unrouteable address" (deliver.c: no router accepted the address) read as the
# recipient's domain that does not route, suppressed; the Thai hoster's page names three causes
# (a mistyped address or domain, the sender's hourly limit, the destination's DNS), so the
# label does not suppress. A rule that reads Exim's own words otherwise for one hoster's page
# would be a rule for this file.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {
    ("maildee-th-unrouteable.eml", "wichai.t@abc-tuayang.co.th"): frozenset({"hard"}),
}
KNOWN_SUPPRESSED = [("maildee-th-unrouteable.eml", "wichai.t@abc-tuayang.co.th")]


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    known_suppressed = KNOWN_SUPPRESSED
    languages = frozenset({"no", "ca", "th", "sr", "bs", "lt", "ar", "bg"})
    several = (2, 5)
    bounces = 30
    every_kind = True
    delays = 6


if __name__ == "__main__":
    print_scores(MANIFEST)
