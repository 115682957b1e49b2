"""Groupware servers' and commercial mail services' reply texts not yet carried, thirty-sixth
batch (composed/published36.py, issue #14, judge75).

Kopano's LMTP delivery agent behind its Postfix (kopano-core spooler/DAgent.cpp: an ambiguous
address, its address lookup failing, its internal errors at RCPT and DATA under 5.1.1, its
mailbox temporarily unavailable and storage server errors while retried and at expiry, its
greeting's internal error), Zimbra's and Carbonio's LMTP refusing our return path's syntax, and
NetEase's reply codes (our IP forging sender domains, our erroneous or excess commands, our IP
or sender not on its allowed lists, our sender's count over its limit), in the destination's
and our Postfix's, Exim's and Sendmail's notices.
``composed/manifest_published36.json`` labels every recipient from the source's meaning, by the
rule written in published36.py's docstring before the first score; none of these texts says a
mailbox does not exist, so no label suppresses (``every_kind`` stays off). The set was scored
before any rule was written for it (docs/bounces.md, "Unseen, before any fix" and the judge75
section). ``python -m tests.bounce_parser.test_published36_notices`` prints the scores and the
misses.
"""

from __future__ import annotations

from tests.bounce_parser.composed_sets import COMPOSED, ComposedSetChecks, print_scores

MANIFEST = COMPOSED / "manifest_published36.json"

# What the parser still reads otherwise than the label: (notice, address) -> wrong fields.
KNOWN_WRONG: dict[tuple[str, str], frozenset[str]] = {}


class TestSet(ComposedSetChecks):
    manifest = MANIFEST
    known_wrong = KNOWN_WRONG
    languages = frozenset({"en"})
    engines = frozenset({"kopano", "zimbra", "carbonio", "netease"})
    several = (2, 3)
    notices = 21
    bounces = 13
    delays = 8


if __name__ == "__main__":
    print_scores(MANIFEST)
